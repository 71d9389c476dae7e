package io.obkc.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.obkc.sink.event.ChangeEvent;
import io.obkc.sink.event.ChangeOperation;
import io.obkc.sink.table.TableId;

/**
 * What one committed flush adds to the metrics: rows written and skipped, rows per table and snapshot rows per table,
 * and the lag behind the newest source timestamp. recordFlush resolves the envelope's fields once per schema and adds
 * per-table counts once per run of a table; these tests pin the counts for mixed flushes.
 */
class SinkMetricsFlushTest {
    private static final TableId A = new TableId("db", "a");
    private static final TableId B = new TableId("db", "b");
    private static final Schema ROW = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final Schema SOURCE = SchemaBuilder.struct().field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).optional().build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("x.Envelope").field("after", ROW).field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA).build();
    /** Another source shape: no snapshot field, ts_ms optional. */
    private static final Schema SOURCE2 = SchemaBuilder.struct().field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).optional().build();
    private static final Schema ENVELOPE2 = SchemaBuilder.struct().name("y.Envelope").field("after", ROW).field("source", SOURCE2)
            .field("op", Schema.STRING_SCHEMA).build();

    private static ChangeEvent event(TableId t, Long tsMs, String snapshot) {
        Struct row = new Struct(ROW).put("id", 1);
        Struct source = new Struct(SOURCE).put("ts_ms", tsMs).put("snapshot", snapshot);
        Struct envelope = new Struct(ENVELOPE).put("after", row).put("source", source).put("op", "r");
        return new ChangeEvent(new SinkRecord("t", 0, null, null, ENVELOPE, envelope, 0), t, ChangeOperation.UPSERT, null, null, row, ROW);
    }

    private static ChangeEvent event2(TableId t, Long tsMs) {
        Struct row = new Struct(ROW).put("id", 1);
        Struct envelope = new Struct(ENVELOPE2).put("after", row).put("source", new Struct(SOURCE2).put("ts_ms", tsMs)).put("op", "c");
        return new ChangeEvent(new SinkRecord("t", 0, null, null, ENVELOPE2, envelope, 0), t, ChangeOperation.UPSERT, null, null, row, ROW);
    }

    /** A flat record (no envelope, no source block). */
    private static ChangeEvent flat(TableId t) {
        Struct row = new Struct(ROW).put("id", 1);
        return new ChangeEvent(new SinkRecord("t", 0, null, null, ROW, row, 0), t, ChangeOperation.UPSERT, null, null, row, ROW);
    }

    private static long gauge(Metrics registry, String name, TableId table) {
        for (Map.Entry<MetricName, KafkaMetric> m : registry.metrics().entrySet()) {
            if (m.getKey().name().equals(name) && (table == null || table.toString().equals(m.getKey().tags().get("table")))) {
                return ((Number) m.getValue().metricValue()).longValue();
            }
        }
        throw new AssertionError("no metric " + name + " for " + table);
    }

    @Test
    void countsRowsAndSnapshotRowsPerTableAcrossInterleavedTablesAndSchemas() {
        try (Metrics registry = new Metrics()) {
            SinkMetrics m = new SinkMetrics("t");
            m.register(new PluginMetricsImpl(registry, Map.of("connector", "c", "task", "0")));
            long now = System.currentTimeMillis();
            List<ChangeEvent> first = new ArrayList<>(List.of(
                    event(A, now - 90_000, "true"), event(A, now - 80_000, "last"), event(B, now - 70_000, "false"),
                    event(A, now - 60_000, null), event(B, now - 75_000, "incremental"), flat(A), event2(B, null), event2(A, now - 65_000),
                    event(A, null, "FALSE")));
            m.recordFlush(first, 2, 1_000_000);
            assertThat(m.written()).isEqualTo(first.size() - 2);
            assertThat(m.tableRows(A)).isEqualTo(6);
            assertThat(m.tableRows(B)).isEqualTo(3);
            assertThat(gauge(registry, "table-snapshot-rows-written-total", A)).isEqualTo(2); // "true", "last"
            assertThat(gauge(registry, "table-snapshot-rows-written-total", B)).isEqualTo(1); // "incremental"
            assertThat(gauge(registry, "records-skipped-total", null)).isEqualTo(2);
            assertThat(gauge(registry, "batches-committed-total", null)).isEqualTo(1);
            // The newest source timestamp of the flush is now - 60 s.
            long after = System.currentTimeMillis();
            assertThat(m.millisBehindSource()).isBetween(60_000L, 60_000L + (after - now));

            // A second flush, one table only, without source timestamps: counts add up, the lag stays.
            m.recordFlush(List.of(flat(B), flat(B), event2(B, null)), 0, 1_000_000);
            assertThat(m.written()).isEqualTo(first.size() - 2 + 3);
            assertThat(m.tableRows(B)).isEqualTo(6);
            assertThat(m.tableRows(A)).isEqualTo(6);
            assertThat(gauge(registry, "table-snapshot-rows-written-total", B)).isEqualTo(1);
            assertThat(m.millisBehindSource()).isBetween(60_000L, 60_000L + (System.currentTimeMillis() - now));
        }
    }

    @Test
    void aTableSeenFirstAfterRegistrationGetsItsMetrics() {
        try (Metrics registry = new Metrics()) {
            SinkMetrics m = new SinkMetrics("t");
            m.register(new PluginMetricsImpl(registry, Map.of("connector", "c", "task", "0")));
            m.recordFlush(List.of(event(A, 1L, "true")), 0, 1);
            TableId c = new TableId("db", "c");
            m.recordFlush(List.of(event(c, 2L, "true"), event(c, 3L, "false")), 0, 1);
            assertThat(gauge(registry, "table-rows-written-total", c)).isEqualTo(2);
            assertThat(gauge(registry, "table-snapshot-rows-written-total", c)).isEqualTo(1);
        }
    }
}
