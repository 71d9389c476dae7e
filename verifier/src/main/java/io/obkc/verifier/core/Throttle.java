package io.obkc.verifier.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Load guard: at most {@code maxPerSecond} permits per second across all threads (0 = unlimited). */
public final class Throttle {
    private final long intervalNanos;
    private long next;

    public Throttle(double maxPerSecond) {
        this.intervalNanos = maxPerSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / maxPerSecond);
        this.next = System.nanoTime();
    }

    public void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, next);
            next = slot + intervalNanos;
            wait = slot - now;
        }
        while (wait > 0) {
            long start = System.nanoTime();
            LockSupport.parkNanos(wait);
            wait -= System.nanoTime() - start;
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
