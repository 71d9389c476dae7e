package io.obkc.smt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.obkc.testing.ConnectTestBed;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole SMT chain inside a real Connect worker: Debezium-style JSON envelopes are produced
 * to a topic, a sink connector consumes them through ObjectRouter, DmlFilter, RowFilter,
 * ColumnFilter, TypeMapping and OmsPartitioner, and the records the sink task receives are checked.
 */
class SmtInWorkerIT {
    private static final String TOPIC = "srv.db1.orders";

    private static final Schema ROW = SchemaBuilder.struct().name("srv.db1.orders.Value").optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("status", Schema.OPTIONAL_STRING_SCHEMA)
            .field("amount", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("secret", Schema.OPTIONAL_STRING_SCHEMA)
            .field("created", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1).optional().build())
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
            .field("connector", Schema.STRING_SCHEMA).field("db", Schema.STRING_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("srv.db1.orders.Envelope").version(1)
            .field("before", ROW).field("after", ROW).field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();
    private static final Schema KEY = SchemaBuilder.struct().name("srv.db1.orders.Key").field("id", Schema.INT64_SCHEMA).build();
    private static final long CREATED_MICROS = 1_709_288_130_123_456L;

    private static ConnectTestBed bed;
    private static final JsonConverter KEYS = new JsonConverter();
    private static final JsonConverter VALUES = new JsonConverter();

    @BeforeAll
    static void start() {
        KEYS.configure(Map.of("schemas.enable", "true"), true);
        VALUES.configure(Map.of("schemas.enable", "true"), false);
        bed = ConnectTestBed.start("smt-it");
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    private static Struct row(long id, String status, double amount) {
        return new Struct(ROW).put("id", id).put("status", status).put("amount", amount).put("secret", "s3cret")
                .put("created", CREATED_MICROS);
    }

    private static void produce(String op, String db, String table, Struct before, Struct after) {
        Struct value = new Struct(ENVELOPE).put("op", op).put("before", before).put("after", after)
                .put("source", new Struct(SOURCE).put("connector", "mysql").put("db", db).put("table", table))
                .put("ts_ms", 1L);
        Struct image = after != null ? after : before;
        Struct key = new Struct(KEY).put("id", image.getInt64("id"));
        bed.produce(TOPIC, KEYS.fromConnectData(TOPIC, KEY, key), VALUES.fromConnectData(TOPIC, ENVELOPE, value));
    }

    @Test
    void transformChainRunsInsideTheWorker() {
        Map<String, String> config = new java.util.HashMap<>();
        config.put("connector.class", RecordingSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", TOPIC);
        config.put("transforms", "route,dml,rows,cols,types,part");
        config.put("transforms.route.type", ObjectRouter.class.getName());
        config.put("transforms.route.include", "db1.*=shop.*");
        config.put("transforms.dml.type", DmlFilter.class.getName());
        config.put("transforms.dml.operations.exclude", "delete,tombstone");
        config.put("transforms.rows.type", RowFilter.class.getName());
        config.put("transforms.rows.tables", "shop.orders");
        config.put("transforms.rows.condition", "amount >= 10 AND status <> 'test'");
        config.put("transforms.cols.type", ColumnFilter.class.getName());
        config.put("transforms.cols.exclude", "secret");
        config.put("transforms.cols.rename", "status:state,id:order_id");
        config.put("transforms.types.type", TypeMapping.class.getName());
        config.put("transforms.part.type", OmsPartitioner.class.getName());
        config.put("transforms.part.mode", "table");
        config.put("transforms.part.partitions", "4");
        bed.putConnector("recorder", config);
        bed.awaitRunning("recorder", Duration.ofSeconds(60));

        produce("c", "db1", "orders", null, row(1, "paid", 50));      // kept
        produce("c", "db1", "orders", null, row(2, "paid", 5));       // row filter drops
        produce("c", "db1", "orders", null, row(3, "test", 500));     // row filter drops
        produce("d", "db1", "orders", row(1, "paid", 50), null);      // DML filter drops
        produce("c", "db9", "orders", null, row(4, "paid", 50));      // router: db9 not selected, dropped
        produce("u", "db1", "orders", row(1, "paid", 50), row(1, "sent", 60)); // kept
        produce("c", "db1", "orders", null, row(99, "last", 100));    // kept; marks the end

        Awaitility.await("marker record reaches the sink").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    bed.assertNoFailedTasks("recorder");
                    return RecordingSinkConnector.RECEIVED.stream().anyMatch(r -> afterId(r) == 99L);
                });

        List<SinkRecord> got = new ArrayList<>(RecordingSinkConnector.RECEIVED);
        assertThat(got).extracting(SmtInWorkerIT::afterId).containsExactly(1L, 1L, 99L);
        int expectedPartition = OmsPartitioner.hashPartition("shop.orders", 4);
        for (SinkRecord r : got) {
            Struct value = (Struct) r.value();
            assertThat(r.topic()).isEqualTo("srv.shop.orders");
            assertThat(r.kafkaPartition()).isEqualTo(expectedPartition);
            assertThat(value.getStruct("source").getString("db")).isEqualTo("shop");
            Struct after = value.getStruct("after");
            assertThat(after.schema().fields()).extracting(f -> f.name())
                    .containsExactly("order_id", "state", "amount", "created");
            assertThat(after.schema().field("created").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
            assertThat(((java.util.Date) after.get("created")).toInstant())
                    .isEqualTo(Instant.ofEpochMilli(CREATED_MICROS / 1000));
            assertThat(((Struct) r.key()).schema().field("order_id")).isNotNull();
        }
        assertThat(((Struct) got.get(1).value()).getString("op")).isEqualTo("u");
        assertThat(((Struct) got.get(1).value()).getStruct("after").getString("state")).isEqualTo("sent");
    }

    private static long afterId(SinkRecord r) {
        Struct after = ((Struct) r.value()).getStruct("after");
        return after.getInt64(after.schema().field("order_id") != null ? "order_id" : "id");
    }
}
