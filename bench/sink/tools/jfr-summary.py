#!/usr/bin/env python3
"""Summarises a JFR recording of one sink run (bench/sink/run.sh --jfr DIR):
- CPU samples (jdk.ExecutionSample) per thread group; for the Connect task threads, the share of samples whose
  stack contains a frame of each category (inclusive), the hottest top frames (self) and sink/driver methods;
- time the task threads spent blocked in socket reads from the database (jdk.SocketRead, recorded with threshold 0).
Usage: bench/sink/tools/jfr-summary.py RUN.jfr [THREAD_PREFIX]
The worker's task threads show up as pool-N-thread-N in JFR (Connect renames them only for logging)."""
import re
import subprocess
import sys
from collections import Counter, defaultdict

jfr_file = sys.argv[1]
prefix = sys.argv[2] if len(sys.argv) > 2 else "pool-"


def jfr_print(event):
    return subprocess.run(["jfr", "print", "--events", event, "--stack-depth", "64", jfr_file], check=True,
                          capture_output=True, text=True).stdout.splitlines()
# First matching category wins, most specific first; a sample counts once per category (inclusive).
CATEGORIES = [
    ("JSON -> Connect (JsonConverter.toConnectData + Jackson parse)", r"org\.apache\.kafka\.connect\.json\.JsonConverter\.(toConnectData|asConnectSchema|convertToConnect)|JsonDeserializer\.deserialize"),
    ("Kafka consumer poll/fetch (incl. lz4)", r"org\.apache\.kafka\.clients\.consumer\.|net\.jpountz|org\.apache\.kafka\.common\.compress"),
    ("OBKC: extract events", r"io\.obkc\.sink\.event\."),
    ("OBKC: plan", r"io\.obkc\.sink\.write\.WritePlanner"),
    ("OBKC: bind values (ValueConverter/setObject)", r"io\.obkc\.sink\.write\.ValueConverter|io\.obkc\.sink\.write\.StepExecutor\.insertRows.*\n.*setObject"),
    ("OBKC: table prepare (TableManager)", r"io\.obkc\.sink\.table\."),
    ("JDBC execute (driver build + socket + server wait)", r"com\.mysql\.cj\.jdbc\.ClientPreparedStatement\.execute|com\.mysql\.cj\.jdbc\.StatementImpl\.execute|executeBatch"),
    ("JDBC commit", r"ConnectionImpl\.commit"),
    ("Debezium JDBC sink (all)", r"io\.debezium\.connector\.jdbc\."),
    ("Hibernate", r"org\.hibernate\."),
    ("Connect runtime convert/transform", r"WorkerSinkTask\.convertMessages|WorkerSinkTask\.convertAndTransformRecord"),
    ("SinkTask.put (all sink work)", r"\.put\(Collection\)"),
]

events = []
cur = None
for line in jfr_print("jdk.ExecutionSample"):
    if line.startswith("jdk.ExecutionSample"):
        cur = {"thread": "", "frames": []}
        events.append(cur)
    elif cur is not None:
        m = re.match(r'\s*sampledThread = "([^"]*)"', line)
        if m:
            cur["thread"] = m.group(1)
        elif line.startswith("    ") and not line.strip().startswith("]"):
            cur["frames"].append(line.strip())

groups = Counter()
for e in events:
    t = re.sub(r"\d+", "N", e["thread"])
    groups[t] += 1
total = len(events)
print(f"{total} samples in all threads; by thread group:")
for t, n in groups.most_common(12):
    print(f"  {n:6d} {100.0 * n / total:5.1f}%  {t}")

sel = [e for e in events if e["thread"].startswith(prefix)]
print(f"\n{len(sel)} samples in threads {prefix}*; inclusive share by category:")
for name, rx in CATEGORIES:
    r = re.compile(rx)
    n = sum(1 for e in sel if any(r.search(f) for f in e["frames"]))
    if n:
        print(f"  {100.0 * n / max(1, len(sel)):5.1f}%  {name}")
top = Counter()
for e in sel:
    if e["frames"]:
        top[re.sub(r" line: \d+", "", e["frames"][0])] += 1
print("\nhottest top frames (self):")
for f, n in top.most_common(25):
    print(f"  {100.0 * n / max(1, len(sel)):5.1f}%  {f}")
# Hottest frames of our own code or the driver, inclusive.
own = Counter()
for e in sel:
    seen = set()
    for f in e["frames"]:
        g = re.sub(r" line: \d+", "", f)
        if (g.startswith("io.obkc.") or g.startswith("io.debezium.") or g.startswith("com.mysql.")) and g not in seen:
            seen.add(g)
            own[g] += 1
print("\nhottest sink/driver methods (inclusive):")
for f, n in own.most_common(30):
    print(f"  {100.0 * n / max(1, len(sel)):5.1f}%  {f}")

# Blocking reads on database connections, by thread group and port.
reads = defaultdict(lambda: [0.0, 0])
ev = {}
units = {"s": 1000.0, "ms": 1.0, "us": 0.001, "ns": 0.000001}


def flush(ev):
    if ev.get("thread") and ev.get("port"):
        k = (re.sub(r"\d+", "N", ev["thread"]), ev["port"])
        reads[k][0] += ev.get("ms", 0.0)
        reads[k][1] += 1


for line in jfr_print("jdk.SocketRead"):
    if line.startswith("jdk.SocketRead"):
        flush(ev)
        ev = {}
    m = re.match(r"\s*duration = ([\d.]+) (s|ms|us|ns)$", line)
    if m:
        ev["ms"] = float(m.group(1)) * units[m.group(2)]
    m = re.match(r"\s*port = (\d+)", line)
    if m:
        ev["port"] = m.group(1)
    m = re.match(r'\s*eventThread = "([^"]*)"', line)
    if m:
        ev["thread"] = m.group(1)
flush(ev)
print("\nblocking socket reads (all durations when recorded with threshold 0), by thread group and remote port:")
for k, (ms, n) in sorted(reads.items(), key=lambda kv: -kv[1][0])[:8]:
    print(f"  {ms / 1000.0:8.2f} s in {n:7d} reads  {k[0]} -> port {k[1]}")
