package io.obkc.converters.bench;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.obkc.converters.json.SchemaCachingJsonConverter;

/**
 * Kafka's JsonConverter against SchemaCachingJsonConverter, with schemas.enable=true, on Debezium snapshot envelopes
 * of the bench/sink table {@code benchdb.orders} (the same schema, MariaDB source block and propagated column types
 * as bench/sink's BenchRows, about 5.5 KB per record, mostly the inline schema). 1024 distinct rows are cycled so
 * that payloads differ as in a real topic. One operation is one record value converted.
 *
 * <pre>
 * ./mvnw -B -pl converters -am -Pbench package -DskipTests
 * java -jar converters/target/benchmarks.jar JsonConverterBenchmark -f 1 -wi 3 -i 5 -r 5s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JsonConverterBenchmark {

    private static final int ROWS = 1024;
    private static final String TOPIC = "bench.benchdb.orders";

    @Param({"JsonConverter", "SchemaCachingJsonConverter"})
    public String converter;

    private Converter json;
    private Struct[] envelopes;
    private byte[][] serialized;
    private int next;

    @Setup
    public void setUp() {
        json = converter.equals("JsonConverter") ? new JsonConverter() : new SchemaCachingJsonConverter();
        json.configure(Map.of("schemas.enable", "true"), false);
        JsonConverter reference = new JsonConverter();
        reference.configure(Map.of("schemas.enable", "true"), false);
        envelopes = new Struct[ROWS];
        serialized = new byte[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            envelopes[i] = OrdersEnvelope.snapshot(i + 1);
            serialized[i] = reference.fromConnectData(TOPIC, OrdersEnvelope.ENVELOPE, envelopes[i]);
        }
    }

    @Benchmark
    public SchemaAndValue toConnectData() {
        next = (next + 1) & (ROWS - 1);
        return json.toConnectData(TOPIC, serialized[next]);
    }

    @Benchmark
    public byte[] fromConnectData() {
        next = (next + 1) & (ROWS - 1);
        return json.fromConnectData(TOPIC, OrdersEnvelope.ENVELOPE, envelopes[next]);
    }

    /** The bench/sink orders table's Debezium envelope (mirrors bench/sink's BenchRows, which this module cannot see). */
    static final class OrdersEnvelope {
        private static final long BASE_MICROS = LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;

        static final Schema ROW = SchemaBuilder.struct().name("bench.benchdb.orders.Value").optional()
                .field("id", column(SchemaBuilder.int64(), "BIGINT", 20, null).build())
                .field("customer_id", column(SchemaBuilder.int32(), "INT", 11, null).build())
                .field("quantity", column(SchemaBuilder.int32(), "INT", 11, null).build())
                .field("status", column(SchemaBuilder.int16(), "SMALLINT", 6, null).build())
                .field("name", column(SchemaBuilder.string(), "VARCHAR", 64, null).build())
                .field("amount", column(Decimal.builder(2).parameter("connect.decimal.precision", "12"), "DECIMAL", 12, 2).optional().build())
                .field("created_at", column(SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1), "DATETIME", 6, null).build())
                .field("note", column(SchemaBuilder.string(), "TEXT", 65535, null).optional().build())
                .build();

        static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mariadb.Source")
                .field("version", Schema.STRING_SCHEMA)
                .field("connector", Schema.STRING_SCHEMA)
                .field("name", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.INT64_SCHEMA)
                .field("snapshot", SchemaBuilder.string().optional().name("io.debezium.data.Enum").version(1)
                        .parameter("allowed", "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental")
                        .defaultValue("false").build())
                .field("db", Schema.STRING_SCHEMA)
                .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
                .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
                .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
                .field("table", Schema.OPTIONAL_STRING_SCHEMA)
                .field("server_id", Schema.INT64_SCHEMA)
                .field("gtid", Schema.OPTIONAL_STRING_SCHEMA)
                .field("file", Schema.STRING_SCHEMA)
                .field("pos", Schema.INT64_SCHEMA)
                .field("row", Schema.INT32_SCHEMA)
                .field("thread", Schema.OPTIONAL_INT64_SCHEMA)
                .field("query", Schema.OPTIONAL_STRING_SCHEMA)
                .build();

        static final Schema TRANSACTION = SchemaBuilder.struct().name("event.block").version(1).optional()
                .field("id", Schema.STRING_SCHEMA)
                .field("total_order", Schema.INT64_SCHEMA)
                .field("data_collection_order", Schema.INT64_SCHEMA)
                .build();

        static final Schema ENVELOPE = SchemaBuilder.struct().name("bench.benchdb.orders.Envelope").version(2)
                .field("before", ROW)
                .field("after", ROW)
                .field("source", SOURCE)
                .field("transaction", TRANSACTION)
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
                .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
                .build();

        private OrdersEnvelope() {
        }

        private static SchemaBuilder column(SchemaBuilder b, String type, Integer length, Integer scale) {
            b.parameter("__debezium.source.column.type", type);
            if (length != null) {
                b.parameter("__debezium.source.column.length", String.valueOf(length));
            }
            if (scale != null) {
                b.parameter("__debezium.source.column.scale", String.valueOf(scale));
            }
            return b;
        }

        static Struct snapshot(long id) {
            Struct row = new Struct(ROW).put("id", id).put("customer_id", (int) (id * 7919 % 100_000)).put("quantity", (int) (id % 50) + 1)
                    .put("status", (short) (id % 5)).put("name", "customer-" + (id * 31 % 1_000_003))
                    .put("amount", id % 17 == 0 ? null : BigDecimal.valueOf(id * 37 % 10_000_000, 2))
                    .put("created_at", BASE_MICROS + id * 1_000_003L)
                    .put("note", id % 10 == 0 ? null : "order " + id + (id % 7 == 0 ? " – Grüße, 東京 " : " ")
                            + "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore");
            Struct source = new Struct(SOURCE).put("version", "3.5.0.Final").put("connector", "mariadb").put("name", "bench")
                    .put("ts_ms", 1_704_067_200_000L + id).put("snapshot", id == 1 ? "first" : "true").put("db", "benchdb")
                    .put("ts_us", (1_704_067_200_000L + id) * 1000).put("ts_ns", (1_704_067_200_000L + id) * 1_000_000)
                    .put("table", "orders").put("server_id", 0L).put("file", "mariadb-bin.000001").put("pos", 4L).put("row", 0);
            long ts = 1_704_067_300_000L + id;
            return new Struct(ENVELOPE).put("after", row).put("source", source).put("op", "r")
                    .put("ts_ms", ts).put("ts_us", ts * 1000).put("ts_ns", ts * 1_000_000);
        }
    }
}
