package io.obkc.sink.write;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters of one sink task. They are registered as plugin metrics (KIP-877), so the worker exposes them
 * through JMX and its metrics reporters, and logged as a progress line every 30 seconds of activity.
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
    private final AtomicLong unmatchedDeletes = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private final AtomicLong transactionsReleasedIncomplete = new AtomicLong();
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

    public void recordUnmatchedDelete() {
        unmatchedDeletes.incrementAndGet();
    }

    public long unmatchedDeletes() {
        return unmatchedDeletes.get();
    }

    public void recordTransactionsReleasedIncomplete(long n) {
        transactionsReleasedIncomplete.addAndGet(n);
    }

    public long transactionsReleasedIncomplete() {
        return transactionsReleasedIncomplete.get();
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

    /** Registers the counters with the worker's plugin metrics (group and tags are added by the worker). */
    public void register(PluginMetrics pluginMetrics) {
        gauge(pluginMetrics, "records-written-total", "Records written to OceanBase and committed", written::get);
        gauge(pluginMetrics, "records-skipped-total", "Deletes and truncates skipped because delete.enabled/truncate.enabled is false", skipped::get);
        gauge(pluginMetrics, "records-not-row-data-total", "Schema changes, heartbeats, transaction metadata and keyless tombstones", notRowData::get);
        gauge(pluginMetrics, "records-dead-lettered-total", "Records sent to the dead letter queue: rejected by the database, refused by the sink, or unreadable", deadLettered::get);
        gauge(pluginMetrics, "write-retries-total", "Retries after transient database failures", retries::get);
        gauge(pluginMetrics, "deletes-unmatched-total", "Deletes of keyless rows (by before image) that matched no row on the target", unmatchedDeletes::get);
        gauge(pluginMetrics, "transactions-released-incomplete-total", "With transaction.aligned.enabled: source transactions written before all "
                + "their events had arrived (held past transaction.aligned.wait.ms or transaction.aligned.max.held.records)", transactionsReleasedIncomplete::get);
        gauge(pluginMetrics, "write-time-ms-total", "Time spent executing and committing row changes", () -> writeNanos.get() / 1_000_000L);
    }

    private static void gauge(PluginMetrics m, String name, String description, java.util.function.Supplier<Long> value) {
        org.apache.kafka.common.MetricName metric = m.metricName(name, description, new java.util.LinkedHashMap<>());
        Gauge<Long> gauge = (config, now) -> value.get();
        try {
            m.addMetric(metric, gauge);
        } catch (IllegalArgumentException alreadyThere) {
            // The worker restarted this task while its previous instance had not released its metrics yet (a stop that
            // timed out): the new instance takes the names over instead of failing at every restart.
            m.removeMetric(metric);
            m.addMetric(metric, gauge);
        }
    }

    public String summary() {
        return written.get() + " records written, " + skipped.get() + " skipped by config, " + notRowData.get() + " not row data, "
                + deadLettered.get() + " dead-lettered, " + retries.get() + " retries";
    }
}
