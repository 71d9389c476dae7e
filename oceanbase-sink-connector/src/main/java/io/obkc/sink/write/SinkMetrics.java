package io.obkc.sink.write;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.sink.event.ChangeEvent;
import io.obkc.sink.event.SourceBlock;
import io.obkc.sink.table.TableId;

/**
 * What one sink task reports about itself. Registered as plugin metrics (KIP-877), so the worker exposes them over
 * JMX as {@code kafka.connect:type=plugins,connector=<name>,task=<n>} (per-table ones with a {@code table} tag as
 * well) and to its metrics reporters; also logged as a progress line every 30 seconds of activity. The names and
 * suggested alerts are listed in docs/monitoring.md; {@code MilliSecondsBehindSource} is named as Debezium names
 * the same measure.
 */
public final class SinkMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(SinkMetrics.class);
    private static final long LOG_INTERVAL_NS = 30_000_000_000L;
    /** Batch write times above this land in the histogram's last bucket. */
    private static final double MAX_BATCH_MS = 120_000.0;

    private final String taskName;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong notRowData = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong connectionsOpened = new AtomicLong();
    private final AtomicLong unmatchedDeletes = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private final AtomicLong transactionsReleasedIncomplete = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    /** Target commit time minus the source commit time (Debezium's source.ts_ms) of the last committed change; -1 unknown. */
    private volatile long millisBehindSource = -1;
    private final Map<TableId, TableCounts> tables = new ConcurrentHashMap<>();
    private long lastLogNs = System.nanoTime();
    private long writtenAtLastLog;

    private volatile PluginMetrics pluginMetrics;
    private volatile Sensor receivedSensor;
    private volatile Sensor rowsSensor;
    private volatile Sensor deadLetterSensor;
    private volatile Sensor batchTimeSensor;

    /** Row changes of one target table, committed in total and during the source's snapshot. */
    private static final class TableCounts {
        final AtomicLong rows = new AtomicLong();
        final AtomicLong snapshotRows = new AtomicLong();
    }

    public SinkMetrics(String taskName) {
        this.taskName = taskName;
    }

    /** Records the worker handed to put(). */
    public void recordReceived(int records) {
        received.addAndGet(records);
        record(receivedSensor, records);
    }

    /**
     * One committed transaction of row changes.
     *
     * @param events      the row changes it committed (written, or skipped by delete.enabled/truncate.enabled)
     * @param skippedRows how many of them were skipped by configuration
     */
    void recordFlush(List<ChangeEvent> events, int skippedRows, long nanos) {
        long commitMillis = System.currentTimeMillis();
        int rows = events.size() - skippedRows;
        written.addAndGet(rows);
        skipped.addAndGet(skippedRows);
        writeNanos.addAndGet(nanos);
        batches.incrementAndGet();
        record(rowsSensor, rows);
        record(batchTimeSensor, nanos / 1_000_000.0);
        long newestSourceMillis = -1;
        // Per-table counts are added once per run of events of one table, not once per event: a flush is usually
        // thousands of rows of one table, and an atomic add plus a map lookup per row showed in the writer's profile.
        TableId runTable = null;
        long runRows = 0;
        long runSnapshotRows = 0;
        for (ChangeEvent e : events) {
            Struct source = sourceBlock.of(e.record().value());
            boolean snapshot = false;
            if (source != null) {
                Long ts = sourceBlock.tsMs(source);
                if (ts != null && ts > newestSourceMillis) {
                    newestSourceMillis = ts;
                }
                snapshot = sourceBlock.snapshot(source);
            }
            if (runTable == null || !runTable.equals(e.table())) {
                addTableCounts(runTable, runRows, runSnapshotRows);
                runTable = e.table();
                runRows = 0;
                runSnapshotRows = 0;
            }
            runRows++;
            if (snapshot) {
                runSnapshotRows++;
            }
        }
        addTableCounts(runTable, runRows, runSnapshotRows);
        if (newestSourceMillis >= 0) {
            millisBehindSource = Math.max(0, commitMillis - newestSourceMillis);
        }
        maybeLog();
    }

    private void addTableCounts(TableId id, long rows, long snapshotRows) {
        if (id == null) {
            return;
        }
        TableCounts t = table(id);
        t.rows.addAndGet(rows);
        if (snapshotRows > 0) {
            t.snapshotRows.addAndGet(snapshotRows);
        }
    }

    /** Only the writer thread of the task calls recordFlush; this reader is its own. */
    private final SourceBlock sourceBlock = new SourceBlock();

    void recordDeadLettered() {
        deadLettered.incrementAndGet();
        record(deadLetterSensor, 1);
    }

    /** A retry of a failed write: in place by the writer, or a batch retried on a later put(). */
    public void recordRetry() {
        retries.incrementAndGet();
    }

    /** A connection to the target was opened; beyond each task's first ones (rows, DDL), every one is a reconnect. */
    public void recordConnectionOpened() {
        connectionsOpened.incrementAndGet();
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

    public long millisBehindSource() {
        return millisBehindSource;
    }

    /** Rows of this table committed so far (0 if none). */
    public long tableRows(TableId table) {
        TableCounts t = tables.get(table);
        return t == null ? 0 : t.rows.get();
    }

    private static void record(Sensor sensor, double value) {
        if (sensor != null) {
            sensor.record(value);
        }
    }

    private synchronized void maybeLog() {
        long now = System.nanoTime();
        if (now - lastLogNs >= LOG_INTERVAL_NS) {
            long w = written.get();
            double rate = (w - writtenAtLastLog) / ((now - lastLogNs) / 1e9);
            LOG.info("{}: {} records written ({} rec/s over the last {} s), {} skipped by config, {} not row data, {} dead-lettered, {} retries, "
                    + "{} ms behind the source", taskName, w, Math.round(rate), (now - lastLogNs) / 1_000_000_000L, skipped.get(), notRowData.get(),
                    deadLettered.get(), retries.get(), millisBehindSource);
            lastLogNs = now;
            writtenAtLastLog = w;
        }
    }

    /** Registers the metrics with the worker's plugin metrics (group and the connector/task tags are added by the worker). */
    public void register(PluginMetrics m) {
        gauge(m, "records-written-total", "Records written to OceanBase and committed", written::get);
        gauge(m, "records-skipped-total", "Deletes and truncates skipped because delete.enabled/truncate.enabled is false", skipped::get);
        gauge(m, "records-not-row-data-total", "Schema changes, heartbeats, transaction metadata and keyless tombstones", notRowData::get);
        gauge(m, "records-dead-lettered-total", "Records sent to the dead letter queue: rejected by the database, refused by the sink, or unreadable", deadLettered::get);
        gauge(m, "write-retries-total", "Retries after transient database failures (in place, or of a batch on a later put)", retries::get);
        gauge(m, "connections-opened-total", "Connections opened to the target; past the first ones of the task, each is a reconnect", connectionsOpened::get);
        gauge(m, "deletes-unmatched-total", "Deletes of keyless rows (by before image) that matched no row on the target", unmatchedDeletes::get);
        gauge(m, "write-time-ms-total", "Time spent executing and committing row changes", () -> writeNanos.get() / 1_000_000L);
        gauge(m, "transactions-released-incomplete-total", "With transaction.aligned.enabled: source transactions written before all "
                + "their events had arrived (held past transaction.aligned.wait.ms or transaction.aligned.max.held.records)", transactionsReleasedIncomplete::get);
        gauge(m, "records-received-total", "Records the worker handed to the task", received::get);
        gauge(m, "batches-committed-total", "Transactions of row changes committed", batches::get);
        gauge(m, "MilliSecondsBehindSource", "Time from the source's commit of the last applied change (Debezium source.ts_ms) to its commit "
                + "on OceanBase, measured at that commit; -1 until a change with a source timestamp is applied", () -> millisBehindSource);
        receivedSensor = sensor(m, "received", s -> s.add(m.metricName("records-received-rate", "Records handed to the task per second",
                new LinkedHashMap<>()), new Rate()));
        rowsSensor = sensor(m, "rows-written", s -> s.add(m.metricName("rows-written-rate", "Row changes committed to OceanBase per second",
                new LinkedHashMap<>()), new Rate()));
        deadLetterSensor = sensor(m, "dead-lettered", s -> s.add(m.metricName("records-dead-lettered-rate",
                "Records sent to the dead letter queue per second", new LinkedHashMap<>()), new Rate()));
        batchTimeSensor = sensor(m, "batch-write-time", s -> {
            s.add(m.metricName("batch-write-time-ms-avg", "Mean time to write and commit one transaction of row changes", new LinkedHashMap<>()), new Avg());
            s.add(m.metricName("batch-write-time-ms-max", "Longest time to write and commit one transaction of row changes", new LinkedHashMap<>()), new Max());
            s.add(new Percentiles(8_000, 0.0, MAX_BATCH_MS, Percentiles.BucketSizing.LINEAR,
                    percentile(m, 50), percentile(m, 95), percentile(m, 99)));
        });
        pluginMetrics = m;
        // Tables seen before registration (none in the worker, where registration comes first).
        tables.keySet().forEach(t -> registerTable(m, t, tables.get(t)));
    }

    private static Percentile percentile(PluginMetrics m, int p) {
        return new Percentile(m.metricName("batch-write-time-ms-p" + p, p + "th percentile of the time to write and commit one transaction "
                + "of row changes (recent samples)", new LinkedHashMap<>()), p);
    }

    private TableCounts table(TableId id) {
        TableCounts existing = tables.get(id);
        if (existing != null) {
            return existing;
        }
        TableCounts created = new TableCounts();
        TableCounts raced = tables.putIfAbsent(id, created);
        if (raced != null) {
            return raced;
        }
        PluginMetrics m = pluginMetrics;
        if (m != null) {
            registerTable(m, id, created);
        }
        return created;
    }

    private static void registerTable(PluginMetrics m, TableId id, TableCounts counts) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("table", id.toString());
        gauge(m, "table-rows-written-total", "Row changes of this target table committed", tags, counts.rows::get);
        gauge(m, "table-snapshot-rows-written-total", "Row changes of this target table from the source's snapshot committed "
                + "(snapshot progress: compare with the source table's row count)", tags, counts.snapshotRows::get);
    }

    private static Sensor sensor(PluginMetrics m, String name, java.util.function.Consumer<Sensor> stats) {
        try {
            Sensor s = m.addSensor(name);
            stats.accept(s);
            return s;
        } catch (IllegalArgumentException alreadyThere) {
            // A previous instance of this task has not released its metrics yet (see gauge()).
            try {
                m.removeSensor(name);
                Sensor s = m.addSensor(name);
                stats.accept(s);
                return s;
            } catch (IllegalArgumentException heldByAnother) {
                LOG.warn("Metric sensor {} is still held by a previous instance of this task; its values are not exposed by this instance", name);
                return null;
            }
        }
    }

    private static void gauge(PluginMetrics m, String name, String description, Supplier<Long> value) {
        gauge(m, name, description, new LinkedHashMap<>(), value);
    }

    private static void gauge(PluginMetrics m, String name, String description, LinkedHashMap<String, String> tags, Supplier<Long> value) {
        MetricName metric = m.metricName(name, description, tags);
        Gauge<Long> gauge = (config, now) -> value.get();
        try {
            m.addMetric(metric, gauge);
        } catch (IllegalArgumentException alreadyThere) {
            // The worker restarted this task while its previous instance had not released its metrics yet (a stop that
            // timed out): the new instance takes the names over instead of failing at every restart.
            try {
                m.removeMetric(metric);
                m.addMetric(metric, gauge);
            } catch (IllegalArgumentException heldByAnother) {
                // The worker's PluginMetrics removes only names this instance added ("Unknown metric"): the previous
                // instance still holds it. A metric must never fail the task (seen in the fault harness after a kill -9).
                LOG.warn("Metric {} is still held by a previous instance of this task; this instance does not expose it", name);
            }
        }
    }

    public String summary() {
        return written.get() + " records written, " + skipped.get() + " skipped by config, " + notRowData.get() + " not row data, "
                + deadLettered.get() + " dead-lettered, " + retries.get() + " retries, " + connectionsOpened.get() + " connections opened";
    }
}
