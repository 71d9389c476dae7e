#!/usr/bin/env python3
"""Counting MySQL-protocol TCP relay for the verifier comparison (bench only).

    mysqlcount.py LISTEN_PORT SERVER_PORT STATS_JSON

Relays every connection on 127.0.0.1:LISTEN_PORT to 127.0.0.1:SERVER_PORT and counts, per run of the relay:
connections, bytes in each direction, and client commands by type (COM_QUERY, COM_STMT_PREPARE, COM_STMT_EXECUTE,
other). It clears the SSL capability bit in the server greeting so that every client speaks plain text and the
commands can be read (the traffic never leaves the loopback interface). Prints "ready" once listening; writes
STATS_JSON and exits on SIGTERM or SIGINT.

Why a relay: the servers are shared with other engineers' tests, so global counters such as MariaDB's Questions and
Bytes_sent also count their traffic, and seekdb has no such counters at all. The relay sees exactly one tool.
"""
import asyncio
import json
import signal
import sys

COMMANDS = {0x03: "query", 0x16: "prepare", 0x17: "execute", 0x01: "quit", 0x0E: "ping", 0x02: "init_db"}
CLIENT_SSL = 0x0800


class Stats:
    def __init__(self):
        self.connections = 0
        self.bytes_to_server = 0
        self.bytes_to_client = 0
        self.commands = {}

    def as_dict(self):
        c = self.commands
        return {
            "connections": self.connections,
            "bytes_to_server": self.bytes_to_server,
            "bytes_to_client": self.bytes_to_client,
            "commands": c,
            # statements the server executes: text queries plus executions of prepared statements
            "statements": c.get("query", 0) + c.get("execute", 0),
        }


STATS = Stats()


class PacketReader:
    """Splits a byte stream into MySQL packets (3-byte little-endian length, 1-byte sequence id, payload)."""

    def __init__(self):
        self.buf = bytearray()

    def feed(self, data):
        self.buf += data
        out = []
        while len(self.buf) >= 4:
            n = self.buf[0] | (self.buf[1] << 8) | (self.buf[2] << 16)
            if len(self.buf) < 4 + n:
                break
            out.append((self.buf[3], bytes(self.buf[4:4 + n])))
            del self.buf[:4 + n]
        return out


async def client_to_server(reader, writer):
    packets = PacketReader()
    try:
        while data := await reader.read(65536):
            STATS.bytes_to_server += len(data)
            for seq, payload in packets.feed(data):
                # a command starts a new exchange, so its sequence id is 0
                if seq == 0 and payload:
                    name = COMMANDS.get(payload[0], "other")
                    STATS.commands[name] = STATS.commands.get(name, 0) + 1
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


async def server_to_client(reader, writer):
    greeting_done = False
    head = bytearray()
    try:
        while data := await reader.read(65536):
            STATS.bytes_to_client += len(data)
            if not greeting_done:
                head += data
                if len(head) < 4:
                    continue
                n = head[0] | (head[1] << 8) | (head[2] << 16)
                if len(head) < 4 + n:
                    continue
                # protocol 10 greeting: version byte, server version NUL-terminated, 4-byte thread id,
                # 8 bytes of scramble, 1 filler byte, then the lower 2 bytes of the capability flags
                p = head[4:4 + n]
                if p and p[0] == 10:
                    pos = p.index(0, 1) + 1 + 4 + 8 + 1
                    caps = p[pos] | (p[pos + 1] << 8)
                    caps &= ~CLIENT_SSL
                    head[4 + pos] = caps & 0xFF
                    head[4 + pos + 1] = caps >> 8
                data = bytes(head)
                greeting_done = True
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


async def handle(client_reader, client_writer, server_port):
    STATS.connections += 1
    try:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", server_port)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(client_to_server(client_reader, server_writer),
                         server_to_client(server_reader, client_writer), return_exceptions=True)


async def main():
    listen_port, server_port, stats_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    server = await asyncio.start_server(lambda r, w: handle(r, w, server_port), "127.0.0.1", listen_port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("ready", flush=True)
    await stop.wait()
    server.close()
    with open(stats_path, "w") as f:
        json.dump(STATS.as_dict(), f)


if __name__ == "__main__":
    asyncio.run(main())
