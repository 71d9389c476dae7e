package io.obkc.sink.write;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters of one sink task, logged as a progress line every 30 seconds of activity (records written,
 * rate, skipped, dead-lettered, retries).
 */
public final class SinkMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(SinkMetrics.class);
    private static final long LOG_INTERVAL_NS = 30_000_000_000L;

    private final String taskName;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong notRowData = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private long lastLogNs = System.nanoTime();
    private long writtenAtLastLog;

    public SinkMetrics(String taskName) {
        this.taskName = taskName;
    }

    void recordFlush(int rows, int skippedRows, long nanos) {
        written.addAndGet(rows);
        skipped.addAndGet(skippedRows);
        writeNanos.addAndGet(nanos);
        maybeLog();
    }

    void recordDeadLettered() {
        deadLettered.incrementAndGet();
    }

    void recordRetry() {
        retries.incrementAndGet();
    }

    public void recordNotRowData() {
        notRowData.incrementAndGet();
    }

    public long written() {
        return written.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    private synchronized void maybeLog() {
        long now = System.nanoTime();
        if (now - lastLogNs >= LOG_INTERVAL_NS) {
            long w = written.get();
            double rate = (w - writtenAtLastLog) / ((now - lastLogNs) / 1e9);
            LOG.info("{}: {} records written ({} rec/s over the last {} s), {} skipped by config, {} not row data, {} dead-lettered, {} retries",
                    taskName, w, Math.round(rate), (now - lastLogNs) / 1_000_000_000L, skipped.get(), notRowData.get(), deadLettered.get(), retries.get());
            lastLogNs = now;
            writtenAtLastLog = w;
        }
    }

    public String summary() {
        return written.get() + " records written, " + skipped.get() + " skipped by config, " + notRowData.get() + " not row data, "
                + deadLettered.get() + " dead-lettered, " + retries.get() + " retries";
    }
}
