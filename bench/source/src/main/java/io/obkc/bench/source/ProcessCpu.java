package io.obkc.bench.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (utime + stime) of the seekdb process, read from {@code /proc/<pid>/stat}. The pid comes from the test bed's
 * pid file ({@code $OBKC_TESTENV_DIR/seekdb/seekdb.pid}, written by scripts/test-env.sh) when it names a live seekdb
 * process, else from the process list (command name {@code seekdb} or {@code observer}); NaN when seekdb runs elsewhere.
 */
final class ProcessCpu {
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;
    private final String how;

    private ProcessCpu(long pid, String how) {
        this.pid = pid;
        this.how = how;
    }

    static ProcessCpu seekdb(String testEnvDir) {
        if (testEnvDir != null) {
            Path pidFile = Path.of(testEnvDir, "seekdb", "seekdb.pid");
            try {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                if (isSeekdb(pid)) {
                    return new ProcessCpu(pid, "pid " + pid + " (from " + pidFile + ")");
                }
            } catch (IOException | NumberFormatException e) {
                // fall back to the process list
            }
        }
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && isSeekdb(Long.parseLong(name))) {
                    return new ProcessCpu(Long.parseLong(name), "pid " + name + " (found by command name)");
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return new ProcessCpu(-1, "no local seekdb process found: seekdb CPU not measured");
    }

    private static boolean isSeekdb(long pid) {
        try {
            String comm = Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).trim();
            return comm.equals("seekdb") || comm.equals("observer");
        } catch (IOException e) {
            return false;
        }
    }

    String describe() {
        return "seekdb " + how;
    }

    /** utime + stime in seconds; NaN when unknown. */
    double seekdbSeconds() {
        if (pid < 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // After "pid (comm) ", fields 3.. follow; utime and stime are fields 14 and 15, i.e. index 11 and 12 here.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
