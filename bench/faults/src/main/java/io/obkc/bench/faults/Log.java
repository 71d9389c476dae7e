package io.obkc.bench.faults;

import java.time.Instant;

/** Timestamped progress lines on stderr; the report goes to stdout and the report file. */
final class Log {
    private Log() {
    }

    static synchronized void info(String msg) {
        System.err.println("[faults " + Instant.now().toString().substring(11, 19) + "] " + msg);
    }
}
