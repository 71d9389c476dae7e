package io.obkc.verifier.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.obkc.verifier.core.Progress;
import io.obkc.verifier.model.TableResult;

/**
 * Progress on standard error: a redrawn bar on an interactive terminal, plain log lines (every 10 s and per
 * table) otherwise, so logs and CI output stay readable.
 */
final class ConsoleProgress implements Progress {
    private final PrintStream out;
    private final boolean bar;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicInteger tablesDone = new AtomicInteger();
    private final AtomicLong mismatches = new AtomicLong();
    private volatile long total = 1;
    private volatile int tables;
    private final long start = System.nanoTime();
    private ScheduledExecutorService timer;

    ConsoleProgress(PrintStream out, boolean bar) {
        this.out = out;
        this.bar = bar;
    }

    @Override
    public void start(int tableCount, long estimatedRows) {
        this.tables = tableCount;
        this.total = Math.max(1, estimatedRows);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "verify-progress");
            t.setDaemon(true);
            return t;
        });
        long period = bar ? 250 : 10_000;
        timer.scheduleAtFixedRate(this::draw, period, period, TimeUnit.MILLISECONDS);
        if (!bar) {
            out.printf(Locale.ROOT, "verifying %d table(s), about %d rows%n", tableCount, estimatedRows);
        }
    }

    @Override
    public void rows(long n) {
        rows.addAndGet(n);
    }

    @Override
    public void tableDone(TableResult r) {
        tablesDone.incrementAndGet();
        mismatches.addAndGet(r.mismatches());
        if (!bar) {
            out.printf(Locale.ROOT, "table %s: %s, %d rows, %d chunks, %d mismatches%n", r.source, r.status, r.sourceRows,
                    r.chunks, r.mismatches());
        }
    }

    private synchronized void draw() {
        long done = rows.get();
        double secs = (System.nanoTime() - start) / 1e9;
        double frac = Math.min(1.0, done / (double) total);
        if (bar) {
            int width = 30;
            int filled = (int) (frac * width);
            out.printf(Locale.ROOT, "\r[%s%s] %3d%%  tables %d/%d  rows %d  %.0f rows/s  mismatches %d ",
                    "=".repeat(filled), " ".repeat(width - filled), (int) (frac * 100), tablesDone.get(), tables, done,
                    done / Math.max(0.001, secs), mismatches.get());
        } else {
            out.printf(Locale.ROOT, "progress: tables %d/%d, rows %d (~%d%%), %.0f rows/s%n", tablesDone.get(), tables, done,
                    (int) (frac * 100), done / Math.max(0.001, secs));
        }
        out.flush();
    }

    @Override
    public void finish() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (bar) {
            draw();
            out.println();
        }
    }
}
