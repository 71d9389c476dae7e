package io.obkc.bench.sink;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Heap measurements of one sink run (see README, "Heap per task"):
 * <ul>
 * <li>{@link #usedAfterFullGc()}: used heap after {@code System.gc()} (a full, stop-the-world collection with G1 unless
 * -XX:+ExplicitGCInvokesConcurrent), i.e. what is reachable at that moment;</li>
 * <li>{@link #allocatedBytes()}: bytes allocated per thread (com.sun.management.ThreadMXBean), to add up the sink's
 * threads.</li>
 * </ul>
 */
final class HeapWatch {
    private HeapWatch() {
    }

    /** Used heap (all heap pools) after a full collection; twice, so objects freed by finalization-like cleanups go too. */
    static long usedAfterFullGc() {
        System.gc();
        System.gc();
        return usedHeap();
    }

    static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Bytes allocated so far by every live thread, by thread id. */
    static Map<Long, Long> allocatedBytes() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = mx.getAllThreadIds();
        long[] bytes = mx.getThreadAllocatedBytes(ids);
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            out.put(ids[i], Math.max(0, bytes[i]));
        }
        return out;
    }

    /** Bytes allocated since {@code before} by the live threads whose names start with one of the prefixes. */
    static long allocatedSince(Map<Long, Long> before, String... prefixes) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            for (String p : prefixes) {
                if (t.getThreadName().startsWith(p)) {
                    long now = mx.getThreadAllocatedBytes(t.getThreadId());
                    total += Math.max(0, now - before.getOrDefault(t.getThreadId(), 0L));
                    break;
                }
            }
        }
        return total;
    }
}
