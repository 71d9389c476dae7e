package io.obkc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.obkc.sink.OceanBaseSinkConnectorConfig.PrimaryKeyMode;
import io.obkc.sink.event.ChangeEventExtractor;
import io.obkc.sink.routing.TableRouter;
import io.obkc.sink.write.SinkMetrics;

/** Transaction-aligned apply: records of a source transaction go on only when all of them, and its END, have arrived. */
class TransactionHoldTest {
    private static final Schema ROW = SchemaBuilder.struct().optional().field("id", Schema.INT32_SCHEMA).build();
    private static final Schema SOURCE = SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA).field("table", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema TX = SchemaBuilder.struct().optional().field("id", Schema.STRING_SCHEMA)
            .field("total_order", Schema.INT64_SCHEMA).field("data_collection_order", Schema.INT64_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("p.db.t.Envelope").field("before", ROW).field("after", ROW)
            .field("source", SOURCE).field("op", Schema.STRING_SCHEMA).field("transaction", TX).build();
    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final Schema COLLECTION = SchemaBuilder.struct().field("data_collection", Schema.STRING_SCHEMA)
            .field("event_count", Schema.INT64_SCHEMA).build();
    private static final Schema BOUNDARY = SchemaBuilder.struct().name("io.debezium.connector.common.TransactionMetadataValue")
            .field("status", Schema.STRING_SCHEMA).field("id", Schema.STRING_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA)
            .field("event_count", Schema.OPTIONAL_INT64_SCHEMA).field("data_collections", SchemaBuilder.array(COLLECTION).optional().build()).build();

    private final ChangeEventExtractor extractor = new ChangeEventExtractor(new TableRouter("${source.db}", "${source.table}"),
            PrimaryKeyMode.RECORD_KEY, List.of());
    private final SinkMetrics metrics = new SinkMetrics("test");
    private final Map<String, Long> offsets = new java.util.HashMap<>();

    private TaskRecord row(String table, int partition, String tx, int id) {
        Struct v = new Struct(ENVELOPE).put("op", "c").put("after", new Struct(ROW).put("id", id))
                .put("source", new Struct(SOURCE).put("db", "db").put("table", table));
        if (tx != null) {
            v.put("transaction", new Struct(TX).put("id", tx).put("total_order", 1L).put("data_collection_order", 1L));
        }
        String topic = "p.db." + table;
        SinkRecord r = new SinkRecord(topic, partition, KEY, new Struct(KEY).put("id", id), ENVELOPE, v, next(topic + partition));
        return new TaskRecord(r, extractor.extract(r).event(), null);
    }

    private TaskRecord end(String tx, Map<String, Long> perTable) {
        List<Struct> cs = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> e : perTable.entrySet()) {
            cs.add(new Struct(COLLECTION).put("data_collection", "db." + e.getKey()).put("event_count", e.getValue()));
            total += e.getValue();
        }
        Struct v = new Struct(BOUNDARY).put("status", "END").put("id", tx).put("ts_ms", 0L).put("event_count", total).put("data_collections", cs);
        return TaskRecord.nothingToWrite(new SinkRecord("p.transaction", 0, null, null, BOUNDARY, v, next("tx")));
    }

    private long next(String tp) {
        return offsets.merge(tp, 1L, Long::sum);
    }

    private TransactionHold hold(Set<String> topics) {
        return new TransactionHold(60_000, 1000, TransactionHold.CollectionFilter.subscribed(topics::contains), metrics);
    }

    private static final Set<String> ALL = Set.of("p.db.a", "p.db.b", "p.transaction");

    @Test
    void aTransactionWaitsForItsEndAndAllItsEventsAcrossPartitions() {
        TransactionHold h = hold(ALL);
        TaskRecord a1 = row("a", 0, "T1", 1);
        TaskRecord b1 = row("b", 0, "T1", 1);
        TaskRecord e1 = end("T1", Map.of("a", 1L, "b", 1L));
        assertThat(h.admit(List.of(a1))).as("no END yet").isEmpty();
        assertThat(h.admit(List.of(e1))).as("END, but b's event is missing").isEmpty();
        assertThat(h.heldCount()).isEqualTo(2);
        assertThat(h.admit(List.of(b1))).containsExactly(a1, e1, b1);
        assertThat(h.heldCount()).isZero();
    }

    @Test
    void laterRecordsOfAPartitionWaitBehindAnIncompleteTransactionAndSoDoesTheirTransaction() {
        TransactionHold h = hold(ALL);
        TaskRecord a1 = row("a", 0, "T1", 1);
        TaskRecord a2 = row("a", 0, "T2", 2);
        TaskRecord b2 = row("b", 0, "T2", 2);
        TaskRecord e2 = end("T2", Map.of("a", 1L, "b", 1L));
        // T2 is complete, but its record in partition a sits behind T1's: T2 must wait, also its record in b.
        assertThat(h.admit(List.of(a1, a2, b2, e2))).isEmpty();
        TaskRecord snapshotRow = row("b", 1, null, 9);
        assertThat(h.admit(List.of(snapshotRow))).as("records outside transactions, in partitions nothing blocks, pass").containsExactly(snapshotRow);
        TaskRecord b1 = row("b", 1, "T1", 1);
        TaskRecord e1 = end("T1", Map.of("a", 1L, "b", 1L));
        List<TaskRecord> out = h.admit(List.of(b1, e1));
        // Both are complete now; every partition keeps its arrival order.
        assertThat(out).containsExactlyInAnyOrder(a1, a2, b2, e2, b1, e1);
        assertThat(out.indexOf(a1)).isLessThan(out.indexOf(a2));
        assertThat(h.heldCount()).isZero();
    }

    @Test
    void onlyEventsOfSubscribedTablesAreAwaited() {
        TransactionHold h = hold(Set.of("p.db.a", "p.transaction"));
        TaskRecord a1 = row("a", 0, "T1", 1);
        TaskRecord e1 = end("T1", Map.of("a", 1L, "other", 3L));
        assertThat(h.admit(List.of(a1, e1))).containsExactly(a1, e1);
    }

    @Test
    void heldPastTheWaitTheRecordsAreWrittenAndCounted() {
        TransactionHold h = new TransactionHold(0, 1000, TransactionHold.CollectionFilter.subscribed(ALL::contains), metrics);
        TaskRecord a1 = row("a", 0, "T1", 1);
        assertThat(h.admit(List.of(a1))).containsExactly(a1);
        assertThat(metrics.transactionsReleasedIncomplete()).isEqualTo(1);
    }

    @Test
    void tooManyHeldRecordsAreWrittenAndCounted() {
        TransactionHold h = new TransactionHold(60_000, 2, TransactionHold.CollectionFilter.subscribed(ALL::contains), metrics);
        List<TaskRecord> three = List.of(row("a", 0, "T1", 1), row("a", 0, "T1", 2), row("a", 0, "T1", 3));
        assertThat(h.admit(three)).containsExactlyElementsOf(three);
        assertThat(metrics.transactionsReleasedIncomplete()).isEqualTo(1);
    }

    @Test
    void revokedPartitionsLoseTheirHeldRecordsAndCounts() {
        TransactionHold h = hold(ALL);
        TaskRecord a1 = row("a", 0, "T1", 1);
        h.admit(List.of(a1));
        h.dropPartitions(List.of(new TopicPartition("p.db.a", 0)));
        assertThat(h.heldCount()).isZero();
        // Redelivered to this task later: counted once, not twice.
        TaskRecord again = row("a", 0, "T1", 1);
        TaskRecord b1 = row("b", 0, "T1", 1);
        assertThat(h.admit(List.of(again, end("T1", Map.of("a", 1L, "b", 1L))))).isEmpty();
        assertThat(h.admit(List.of(b1))).hasSize(3);
    }

    @Test
    void batchesAreNotCutInsideATransaction() {
        TransactionHold h = hold(ALL);
        List<TaskRecord> in = List.of(row("a", 0, "T1", 1), row("a", 0, "T1", 2), row("b", 0, "T1", 3), row("a", 0, "T2", 4),
                end("T1", Map.of("a", 2L, "b", 1L)), end("T2", Map.of("a", 1L)));
        List<TaskRecord> out = h.admit(in);
        BatchBuilder.Plan plan = new BatchBuilder(1, TransactionHold::transactionOf).build(out, new WriteHold(null, 0, 10, new io.obkc.sink.event.SourceBlock()));
        assertThat(plan.steps()).hasSize(2);
        assertThat(((TaskStep.Rows) plan.steps().get(0)).events()).hasSize(3);
        assertThat(((TaskStep.Rows) plan.steps().get(1)).events()).hasSize(1);
        BatchBuilder.Plan unaligned = new BatchBuilder(1).build(out, new WriteHold(null, 0, 10, new io.obkc.sink.event.SourceBlock()));
        assertThat(unaligned.steps()).as("without alignment, batch.size=1 cuts after every record").hasSize(4);
    }
}
