package io.obkc.bench.cdc;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU and GC of this JVM (broker, Connect worker with the Debezium source and the OBKC sink, and the benchmark's
 * writer and probe) at one moment; {@link #since} gives the use over a window.
 */
record JvmUsage(long nanos, double processCpuSeconds, double benchThreadCpuSeconds, Map<String, long[]> gc) {
    /** Threads of the benchmark itself (writer, probe), whose CPU is not the worker's. */
    static final String BENCH_THREAD_PREFIX = "cdcbench-";

    static JvmUsage now() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        double cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long bench = 0;
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith(BENCH_THREAD_PREFIX)) {
                bench += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        Map<String, long[]> gc = new LinkedHashMap<>();
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc.put(b.getName(), new long[] {b.getCollectionCount(), b.getCollectionTime()});
        }
        return new JvmUsage(System.nanoTime(), cpu, bench / 1e9, gc);
    }

    /** What was used between {@code before} and this moment. */
    Window since(JvmUsage before) {
        double wall = (nanos - before.nanos) / 1e9;
        long count = 0;
        long millis = 0;
        StringBuilder per = new StringBuilder();
        for (Map.Entry<String, long[]> e : gc.entrySet()) {
            long[] b = before.gc.getOrDefault(e.getKey(), new long[2]);
            long c = e.getValue()[0] - b[0];
            long t = e.getValue()[1] - b[1];
            count += c;
            millis += t;
            per.append(per.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %d in %d ms", e.getKey(), c, t));
        }
        return new Window(wall, processCpuSeconds - before.processCpuSeconds, benchThreadCpuSeconds - before.benchThreadCpuSeconds, count, millis,
                per.toString());
    }

    /** Use over a window of {@code wallSeconds}. */
    record Window(double wallSeconds, double processCpuSeconds, double benchThreadCpuSeconds, long gcCount, long gcMillis, String gcPerCollector) {
        /** Process CPU minus the benchmark's own threads: broker, worker, source, sink, JIT and GC. */
        double workerCpuSeconds() {
            return processCpuSeconds - benchThreadCpuSeconds;
        }

        double gcPercentOfWall() {
            return 100.0 * gcMillis / 1000.0 / wallSeconds;
        }
    }
}
