package io.obkc.bench.faults;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits on a condition with a timeout, checking every {@code every}; no fixed sleeps as synchronisation. */
final class Await {
    private Await() {
    }

    /** True when the condition held before the timeout; an exception in the condition counts as "not yet". */
    static boolean until(Duration timeout, Duration every, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // A server that is restarting answers with errors: keep polling until the deadline.
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            pause(every);
        }
    }

    /** A polling interval or a scheduled gap between faults (the schedule itself, not a synchronisation). */
    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
