package io.obkc.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The seekdb (or OceanBase observer) process on this machine, as the benchmarks see it: its CPU time, and a wait until
 * it is idle. After a run seekdb keeps working for seconds (memstore freezes, compactions, cleaning up a dropped
 * database); a benchmark that starts its next run at once measures that work as the next run's speed. Read from
 * {@code /proc}; when the server runs elsewhere nothing is measured and nothing is waited for.
 */
public final class SeekdbProcess {
    /** Under this share of one core over a second, seekdb counts as idle (an idle seekdb uses 2-3 %). */
    private static final double IDLE_CORE_SHARE = 0.10;
    private static final int IDLE_SECONDS = 2;

    private SeekdbProcess() {
    }

    /** utime + stime of the seekdb or observer process, in seconds; NaN when there is none on this machine. */
    public static double cpuSeconds() {
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (!d.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String comm = Files.readString(d.resolve("comm")).trim();
                    if (comm.equals("seekdb") || comm.equals("observer")) {
                        String stat = Files.readString(d.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // Fields 14 and 15 of stat (utime, stime) are 12 and 13 after pid and comm; clock ticks of 1/100 s.
                        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
                    }
                } catch (IOException | RuntimeException e) {
                    // a process that went away while listing
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /**
     * Waits until seekdb has used under 10 % of a core over each of two consecutive seconds, at most {@code max}.
     * Returns what happened ("seekdb idle after 2 s"), for a benchmark report; progress goes to {@code log}.
     */
    public static String awaitIdle(Duration max, Consumer<String> log) throws InterruptedException {
        double last = cpuSeconds();
        if (Double.isNaN(last)) {
            return "seekdb is not on this machine: not waited for";
        }
        long t0 = System.nanoTime();
        int idle = 0;
        while (idle < IDLE_SECONDS) {
            if (System.nanoTime() - t0 > max.toNanos()) {
                String s = "seekdb still busy after " + max.toSeconds() + " s";
                log.accept(s + "; measuring anyway");
                return s;
            }
            Thread.sleep(1000); // a polling interval of a wait with a deadline, not a synchronisation
            double now = cpuSeconds();
            idle = now - last < IDLE_CORE_SHARE ? idle + 1 : 0;
            last = now;
        }
        String s = String.format(Locale.ROOT, "seekdb idle after %.0f s", (System.nanoTime() - t0) / 1e9);
        log.accept(s);
        return s;
    }
}
