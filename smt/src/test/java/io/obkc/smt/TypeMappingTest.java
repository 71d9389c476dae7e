package io.obkc.smt;

import static io.obkc.smt.TestRecords.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class TypeMappingTest {
    private static final Schema VSD = SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal").optional()
            .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().name("srv.public.t.Value").optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("zts", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional().build())
            .field("mts", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
            .field("d", SchemaBuilder.int32().name("io.debezium.time.Date").optional().build())
            .field("mt", SchemaBuilder.int64().name("io.debezium.time.MicroTime").optional().build())
            .field("num", VSD)
            .field("uuid", SchemaBuilder.string().name("io.debezium.data.Uuid").optional().build())
            .field("js", SchemaBuilder.string().name("io.debezium.data.Json").optional().build())
            .field("arr", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("dur", SchemaBuilder.int64().name("io.debezium.time.MicroDuration").optional().build())
            .field("bits", SchemaBuilder.bytes().name("io.debezium.data.Bits").parameter("length", "10").optional().build())
            .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("plain", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("src").field("db", Schema.STRING_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA).build();
    private static final Schema ENV = TestRecords.envelopeSchema(ROW, SOURCE);

    private static final long MICROS = Instant.parse("2024-03-01T10:15:30.123456Z").getEpochSecond() * 1_000_000L + 123_456L;

    private static Struct row() {
        return new Struct(ROW).put("id", 1)
                .put("zts", "2024-03-01T12:15:30.5+02:00")
                .put("mts", MICROS)
                .put("d", (int) LocalDate.parse("2024-03-01").toEpochDay())
                .put("mt", 3_723_000_001L)
                .put("num", new Struct(VSD).put("scale", 3).put("value", new BigDecimal("-12.345").unscaledValue().toByteArray()))
                .put("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
                .put("js", "{\"a\":1}")
                .put("arr", List.of("x", "y\"z"))
                .put("dur", 90_061_500_000L)
                .put("bits", ByteBuffer.wrap(new byte[]{5, 2}))
                .put("flag", true)
                .put("plain", "p");
    }

    private static SinkRecord record() {
        Struct env = new Struct(ENV).put("op", "c").put("after", row())
                .put("source", new Struct(SOURCE).put("db", "app").put("schema", "public").put("table", "t"));
        return new SinkRecord("srv.public.t", 0, null, null, ENV, env, 0L);
    }

    private static Struct after(SinkRecord r) {
        return ((Struct) r.value()).getStruct("after");
    }

    private static TypeMapping<SinkRecord> mapping(String... kv) {
        TypeMapping<SinkRecord> t = new TypeMapping<>();
        t.configure(props(kv));
        return t;
    }

    @Test
    void defaultsGiveConnectTimestampsAndStrings() {
        SinkRecord out = mapping().apply(record());
        Struct a = after(out);
        assertThat(a.schema().field("zts").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(((java.util.Date) a.get("zts")).toInstant()).isEqualTo(Instant.parse("2024-03-01T10:15:30.5Z"));
        assertThat(((java.util.Date) a.get("mts")).toInstant()).isEqualTo(Instant.parse("2024-03-01T10:15:30.123Z"));
        assertThat(a.schema().field("d").schema().name()).isEqualTo(Date.LOGICAL_NAME);
        assertThat(((java.util.Date) a.get("d")).toInstant()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(a.get("mt")).isEqualTo("01:02:03.000001");
        assertThat(a.get("num")).isEqualTo("-12.345");
        assertThat(a.schema().field("uuid").schema().name()).isNull();
        assertThat(a.get("uuid")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(a.get("js")).isEqualTo("{\"a\":1}");
        assertThat(a.get("arr")).isEqualTo("[\"x\",\"y\\\"z\"]");
        assertThat(a.get("dur")).isEqualTo("PT25H1M1.5S");
        assertThat(a.schema().field("bits").schema().type()).isEqualTo(Schema.Type.BYTES);
        assertThat(a.schema().field("bits").schema().name()).isNull();
        assertThat(a.get("flag")).isEqualTo(true);
        assertThat(a.schema().field("plain").schema()).isSameAs(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(a.schema().field("zts").schema().isOptional()).isTrue();
        assertThat(out.valueSchema().name()).isEqualTo(ENV.name());
        assertThat(((Struct) out.value()).getStruct("source").getString("schema")).isEqualTo("public");
    }

    @Test
    void alternativeModes() {
        SinkRecord out = mapping("timestamp.mode", "string", "timezone", "Asia/Shanghai", "time.mode", "time",
                "variable.decimal.mode", "decimal", "variable.decimal.scale", "2", "duration.mode", "time",
                "bits.mode", "long", "boolean.mode", "int8", "array.mode", "keep").apply(record());
        Struct a = after(out);
        assertThat(a.get("zts")).isEqualTo("2024-03-01 18:15:30.500000");
        assertThat(a.get("mts")).isEqualTo("2024-03-01 10:15:30.123456");
        assertThat(a.schema().field("mt").schema().name()).isEqualTo(Time.LOGICAL_NAME);
        assertThat(((java.util.Date) a.get("mt")).getTime()).isEqualTo(3_723_000L);
        assertThat(a.schema().field("num").schema()).isEqualTo(Decimal.builder(2).optional().build());
        assertThat(a.get("num")).isEqualTo(new BigDecimal("-12.35"));
        assertThat(a.get("dur")).isEqualTo("25:01:01.500000");
        assertThat(a.get("bits")).isEqualTo(5L + (2L << 8));
        assertThat(a.get("flag")).isEqualTo((byte) 1);
        assertThat(a.get("arr")).isEqualTo(List.of("x", "y\"z"));
    }

    @Test
    void timesBeyondADayAreKeptAsTextOrRefusedButNeverWrapped() {
        Struct env = new Struct(ENV).put("op", "c").put("after", row().put("mt", -3_020_399_000_000L))
                .put("source", new Struct(SOURCE).put("db", "app").put("schema", "public").put("table", "t"));
        SinkRecord r = new SinkRecord("srv.public.t", 0, null, null, ENV, env, 0L);
        assertThat(after(mapping().apply(r)).get("mt")).isEqualTo("-838:59:59.000000");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mapping("time.mode", "time").apply(r))
                .isInstanceOf(org.apache.kafka.connect.errors.DataException.class)
                .hasMessageContaining("-838:59:59").hasMessageContaining("time.mode=string");
    }

    @Test
    void unchangedSchemasReturnTheSameRecordAndSchemasAreCached() {
        TypeMapping<SinkRecord> t = mapping();
        SinkRecord plain = TestRecords.insert("db", "t", 1, "a", 1.0);
        assertThat(t.apply(plain)).isSameAs(plain);
        assertThat(t.apply(record()).valueSchema()).isSameAs(t.apply(record()).valueSchema());
    }

    @Test
    void nullsTombstonesAndSchemaless() {
        TypeMapping<SinkRecord> t = mapping();
        Struct env = new Struct(ENV).put("op", "c").put("after", new Struct(ROW).put("id", 2))
                .put("source", new Struct(SOURCE).put("db", "app").put("schema", "public").put("table", "t"));
        Struct a = after(t.apply(new SinkRecord("x", 0, null, null, ENV, env, 0L)));
        assertThat(a.get("zts")).isNull();
        assertThat(a.get("num")).isNull();
        SinkRecord tomb = TestRecords.tombstone("db", "t", 1);
        assertThat(t.apply(tomb).value()).isNull();
        SinkRecord schemaless = TestRecords.schemalessChange("c", "db", "t", null, java.util.Map.of("id", 1));
        assertThat(t.apply(schemaless)).isSameAs(schemaless);
    }
}
