package io.obkc.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class ValueConverterTest {
    private static Schema logical(Schema.Type type, String name) {
        return new SchemaBuilder(type).name(name).optional().build();
    }

    @Test
    void debeziumTemporalTypesBecomeUtcText() {
        assertThat(ValueConverter.toJdbc(logical(Schema.Type.INT32, "io.debezium.time.Date"), 19782)).isEqualTo("2024-02-29");
        assertThat(ValueConverter.toJdbc(logical(Schema.Type.INT64, "io.debezium.time.MicroTimestamp"), 1_709_210_096_123_456L))
                .isEqualTo("2024-02-29 12:34:56.123456");
        assertThat(ValueConverter.toJdbc(logical(Schema.Type.INT64, "io.debezium.time.Timestamp"), 1_709_210_096_789L))
                .isEqualTo("2024-02-29 12:34:56.789");
        assertThat(ValueConverter.toJdbc(logical(Schema.Type.INT64, "io.debezium.time.NanoTimestamp"), 1_000_000_001L))
                .isEqualTo("1970-01-01 00:00:01.000000001");
        assertThat(ValueConverter.toJdbc(logical(Schema.Type.STRING, "io.debezium.time.ZonedTimestamp"), "2024-02-29T20:34:56.5+08:00"))
                .isEqualTo("2024-02-29 12:34:56.5");
        // Before the epoch: floor division, not truncation.
        assertThat(ValueConverter.toJdbc(logical(Schema.Type.INT64, "io.debezium.time.MicroTimestamp"), -1L))
                .isEqualTo("1969-12-31 23:59:59.999999");
    }

    @Test
    void timeKeepsMysqlRangeBeyondOneDayAndNegative() {
        assertThat(ValueConverter.toJdbc(logical(Schema.Type.INT64, "io.debezium.time.MicroTime"), 3_020_399_000_000L)).isEqualTo("838:59:59");
        assertThat(ValueConverter.toJdbc(logical(Schema.Type.INT64, "io.debezium.time.MicroTime"), -3_020_399_000_000L)).isEqualTo("-838:59:59");
        assertThat(ValueConverter.toJdbc(logical(Schema.Type.INT64, "io.debezium.time.MicroTime"), 1_000L)).isEqualTo("00:00:00.001000");
        assertThat(ValueConverter.toJdbc(logical(Schema.Type.INT32, "io.debezium.time.Time"), 45_296_789)).isEqualTo("12:34:56.789000");
    }

    @Test
    void bitsAreLittleEndianBytes() {
        // BIT(12) b'101010101010' = 0xAAA, Debezium sends {0xAA, 0x0A}.
        assertThat(ValueConverter.toJdbc(logical(Schema.Type.BYTES, "io.debezium.data.Bits"), new byte[] {(byte) 0xAA, 0x0A})).isEqualTo(0xAAAL);
    }

    @Test
    void variableScaleDecimalAndDecimal() {
        Schema vsd = SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal").field("scale", Schema.INT32_SCHEMA)
                .field("value", Schema.BYTES_SCHEMA).build();
        Struct v = new Struct(vsd).put("scale", 3).put("value", BigInteger.valueOf(-12345).toByteArray());
        assertThat(ValueConverter.toJdbc(vsd, v)).isEqualTo(new BigDecimal("-12.345"));
        assertThat(ValueConverter.toJdbc(Decimal.schema(2), new BigDecimal("1.50"))).isEqualTo(new BigDecimal("1.50"));
    }

    @Test
    void unsignedBigintWrappedByLongModeIsRestored() {
        Schema s = SchemaBuilder.int64().parameter("__debezium.source.column.type", "BIGINT UNSIGNED").build();
        assertThat(ValueConverter.toJdbc(s, -1L)).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(ValueConverter.toJdbc(Schema.INT64_SCHEMA, -1L)).isEqualTo(-1L);
    }

    @Test
    void bytesFromByteBufferAndNestedValuesAsJson() {
        assertThat((byte[]) ValueConverter.toJdbc(Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {1, 2}))).containsExactly(1, 2);
        Schema arr = SchemaBuilder.array(Schema.STRING_SCHEMA).build();
        assertThat(ValueConverter.toJdbc(arr, java.util.List.of("a", "\"q\""))).isEqualTo("[\"a\",\"\\\"q\\\"\"]");
        assertThat(ValueConverter.toJdbc(Schema.STRING_SCHEMA, null)).isNull();
    }

    @Test
    void geometryUsesWkbPlaceholder() {
        Schema geo = SchemaBuilder.struct().name("io.debezium.data.geometry.Geometry").field("wkb", Schema.BYTES_SCHEMA)
                .field("srid", Schema.OPTIONAL_INT32_SCHEMA).build();
        assertThat(ValueConverter.placeholder(geo)).isEqualTo("ST_GeomFromWKB(?)");
        assertThat(ValueConverter.placeholder(Schema.STRING_SCHEMA)).isEqualTo("?");
    }
}
