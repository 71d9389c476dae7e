package io.obkc.common.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class DebeziumValuesTest {
    private static Schema named(Schema.Type t, String name) {
        return new SchemaBuilder(t).name(name).build();
    }

    @Test
    void temporalDecoding() {
        assertThat(DebeziumValues.toLocalDate(named(Schema.Type.INT32, DebeziumValues.DATE), 19782)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(DebeziumValues.toInstant(named(Schema.Type.INT64, DebeziumValues.MICRO_TIMESTAMP), -1L))
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(DebeziumValues.toInstant(named(Schema.Type.STRING, DebeziumValues.ZONED_TIMESTAMP), "2024-01-01T08:00:00+08:00"))
                .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(DebeziumValues.toTimeNanos(named(Schema.Type.INT64, DebeziumValues.MICRO_TIME), -3_020_399_000_000L))
                .isEqualTo(-3_020_399_000_000_000L);
    }

    @Test
    void mysqlTimeTextKeepsTheFullRange() {
        assertThat(DebeziumValues.mysqlTimeText(-3_020_399_000_000_000L, -1)).isEqualTo("-838:59:59");
        assertThat(DebeziumValues.mysqlTimeText(1_000_000L, -1)).isEqualTo("00:00:00.001000");
        assertThat(DebeziumValues.mysqlTimeText(45_296_789_000_000L, 3)).isEqualTo("12:34:56.789");
        assertThat(DebeziumValues.mysqlTimeText(0, 0)).isEqualTo("00:00:00");
    }

    @Property
    void mysqlTimeTextRoundTrips(@ForAll @LongRange(min = -3_020_399_999_999_000L, max = 3_020_399_999_999_000L) long micros) {
        long nanos = micros * 1_000L;
        assertThat(DebeziumValues.parseMysqlTime(DebeziumValues.mysqlTimeText(nanos, 6))).isEqualTo(nanos);
    }

    @Test
    void utcIsLocalDateTimeOfInstantInUtc() {
        for (String t : new String[] {"2024-02-29T23:59:59Z", "0001-01-01T00:00:00.000010Z", "9999-12-31T23:59:59.999999999Z",
                "1969-12-31T23:59:59.5Z", "1970-01-01T00:00:00Z", "-0001-06-15T12:00:00.25Z"}) {
            Instant i = Instant.parse(t);
            assertThat(DebeziumValues.utc(i)).isEqualTo(java.time.LocalDateTime.ofInstant(i, java.time.ZoneOffset.UTC));
        }
    }

    @Test
    void utcDateTimeTextTrimsTheFraction() {
        assertThat(DebeziumValues.utcDateTimeText(Instant.parse("2024-02-29T23:59:59Z"))).isEqualTo("2024-02-29 23:59:59");
        assertThat(DebeziumValues.utcDateTimeText(Instant.parse("0001-01-01T00:00:00.000010Z"))).isEqualTo("0001-01-01 00:00:00.00001");
        assertThat(DebeziumValues.utcDateTimeText(Instant.parse("9999-12-31T23:59:59.999999999Z"))).isEqualTo("9999-12-31 23:59:59.999999999");
        assertThat(DebeziumValues.utcDateTimeText(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31 23:59:59.5");
    }

    /** The hand-built text must equal what a DateTimeFormatter with the same pattern renders. */
    @Property
    void utcDateTimeTextMatchesTheFormatter(@ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long seconds,
            @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
        Instant i = Instant.ofEpochSecond(seconds, nanos);
        java.time.format.DateTimeFormatter f = new java.time.format.DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
                .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true).toFormatter();
        assertThat(DebeziumValues.utcDateTimeText(i)).isEqualTo(f.format(java.time.LocalDateTime.ofInstant(i, java.time.ZoneOffset.UTC)));
    }

    @Test
    void decimalsBytesAndBits() {
        Schema vsd = SchemaBuilder.struct().name(DebeziumValues.VARIABLE_SCALE_DECIMAL).field("scale", Schema.INT32_SCHEMA)
                .field("value", Schema.BYTES_SCHEMA).build();
        assertThat(DebeziumValues.toBigDecimal(new Struct(vsd).put("scale", 2).put("value", BigInteger.valueOf(-105).toByteArray())))
                .isEqualTo(new BigDecimal("-1.05"));
        assertThat(DebeziumValues.toBytes(java.nio.ByteBuffer.wrap(new byte[] {7}))).containsExactly(7);
        assertThat(DebeziumValues.bitsToLong(new byte[] {(byte) 0xAA, 0x0A})).isEqualTo(0xAAAL);
    }
}
