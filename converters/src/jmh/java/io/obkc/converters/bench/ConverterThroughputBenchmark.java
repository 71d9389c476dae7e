package io.obkc.converters.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
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

import io.obkc.converters.OmsFormatConverter;

/**
 * Serialization throughput of each OMS format against Kafka's JsonConverter, on the same Debezium update event
 * (11 typed columns, both images, MySQL source block). One operation is one record value serialized.
 *
 * <pre>
 * ./mvnw -pl converters -am -Pbench package -DskipTests &amp;&amp; java -jar converters/target/benchmarks.jar -f1 -wi 1 -i 2 -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConverterThroughputBenchmark {

    @Param({"JsonConverter", "JsonConverter-noschema", "Default", "DefaultExtendColumnType", "Canal", "DataWorks",
            "SharePlex", "Debezium", "DebeziumFlatten", "DebeziumSmt", "Maxwell"})
    public String format;

    private Converter converter;
    private Struct value;

    @Setup
    public void setUp() {
        if (format.startsWith("JsonConverter")) {
            converter = new JsonConverter();
            converter.configure(Map.of("schemas.enable", Boolean.toString(!format.endsWith("noschema"))), false);
        } else {
            converter = new OmsFormatConverter();
            converter.configure(Map.of("format", format, "key.columns", "*:id"), false);
        }
        value = updateEvent();
    }

    @Benchmark
    public byte[] serialize() {
        return converter.fromConnectData("srv.shop.orders", value.schema(), value);
    }

    static Struct updateEvent() {
        Schema row = SchemaBuilder.struct().name("srv.shop.orders.Value").optional()
                .field("id", Schema.INT32_SCHEMA)
                .field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("amount", Decimal.builder(2).optional().build())
                .field("created_at", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
                .field("updated_at", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional().build())
                .field("birthday", SchemaBuilder.int32().name("io.debezium.time.Date").optional().build())
                .field("payload", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("attrs", SchemaBuilder.string().name("io.debezium.data.Json").optional().build())
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .field("active", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("ratio", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .build();
        Schema source = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
                .field("connector", Schema.STRING_SCHEMA).field("name", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.INT64_SCHEMA).field("db", Schema.STRING_SCHEMA)
                .field("table", Schema.STRING_SCHEMA).field("server_id", Schema.INT64_SCHEMA)
                .field("gtid", Schema.OPTIONAL_STRING_SCHEMA).field("file", Schema.STRING_SCHEMA)
                .field("pos", Schema.INT64_SCHEMA).field("row", Schema.INT32_SCHEMA)
                .build();
        Schema envelope = SchemaBuilder.struct().name("srv.shop.orders.Envelope")
                .field("before", row).field("after", row).field("source", source)
                .field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        Struct before = new Struct(row).put("id", 1).put("name", "Alice").put("amount", new BigDecimal("1234.50"))
                .put("created_at", 1_709_296_496_123_456L).put("updated_at", "2024-03-01T12:34:56.789Z")
                .put("birthday", (int) LocalDate.of(1990, 5, 17).toEpochDay())
                .put("payload", new byte[] {0, 1, (byte) 0xFE, (byte) 0xFF, 'A'})
                .put("attrs", "{\"tags\":[\"a\",\"b\"],\"n\":1}").put("note", null).put("active", true)
                .put("ratio", 0.25);
        Struct after = new Struct(row);
        for (var f : row.fields()) {
            after.put(f, before.get(f));
        }
        after.put("name", "Alicia").put("amount", new BigDecimal("-99.99")).put("note", "vip");
        Struct src = new Struct(source).put("connector", "mysql").put("name", "srv").put("ts_ms", 1_709_296_496_000L)
                .put("db", "shop").put("table", "orders").put("server_id", 1L).put("file", "mysql-bin.000003")
                .put("pos", 4711L).put("row", 0);
        return new Struct(envelope).put("before", before).put("after", after).put("source", src).put("op", "u")
                .put("ts_ms", 1_709_296_496_123L);
    }
}
