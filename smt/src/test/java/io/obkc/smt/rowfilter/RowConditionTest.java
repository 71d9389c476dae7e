package io.obkc.smt.rowfilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class RowConditionTest {
    private static final Schema ROW = SchemaBuilder.struct()
            .field("i8", Schema.OPTIONAL_INT8_SCHEMA)
            .field("i32", Schema.OPTIONAL_INT32_SCHEMA)
            .field("i64", Schema.OPTIONAL_INT64_SCHEMA)
            .field("f32", Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("dec", Decimal.builder(2).optional().build())
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("Mixed_Case", Schema.OPTIONAL_STRING_SCHEMA)
            .field("d", SchemaBuilder.int32().name("io.debezium.time.Date").optional().build())
            .field("ts", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
            .field("zts", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional().build())
            .field("kts", Timestamp.builder().optional().build())
            .build();

    private static Struct row() {
        return new Struct(ROW).put("i8", (byte) 5).put("i32", 100).put("i64", 10_000_000_000L)
                .put("f32", 1.5f).put("f64", 0.1).put("dec", new BigDecimal("12.30")).put("name", "Alice_1")
                .put("flag", true).put("Mixed_Case", "x")
                .put("d", (int) LocalDate.parse("2024-03-01").toEpochDay())
                .put("ts", Instant.parse("2024-03-01T10:15:30.123456Z").toEpochMilli() * 1000 + 456)
                .put("zts", "2024-03-01T12:00:00+02:00")
                .put("kts", java.util.Date.from(Instant.parse("2024-03-01T10:00:00Z")));
    }

    private static boolean test(String expr, Object row) {
        return RowCondition.parse(expr).test(row);
    }

    @Test
    void numbersCompareAcrossConnectTypesAndDecimal() {
        Struct r = row();
        assertThat(test("i8 = 5 AND i32 = 100.0 AND i64 > 9999999999", r)).isTrue();
        assertThat(test("f32 = 1.5 AND f64 = 0.1", r)).isTrue();
        assertThat(test("dec = 12.3 AND dec > 12.29 AND dec < 12.31", r)).isTrue();
        assertThat(test("i8 < i32 AND dec >= i8", r)).isTrue();
        assertThat(test("i32 = '100'", r)).isTrue();
        assertThat(test("i32 = 'abc'", r)).isFalse();
        assertThat(test("-i8 = -5", r)).isTrue();
        assertThat(test("i32 BETWEEN 100 AND 200 AND i32 NOT BETWEEN 1 AND 99", r)).isTrue();
    }

    @Test
    void stringsBooleansInAndLike() {
        Struct r = row();
        assertThat(test("name = 'Alice_1' AND name <> 'alice_1'", r)).isTrue();
        assertThat(test("name > 'Aa' AND name < 'B'", r)).isTrue();
        assertThat(test("flag AND flag = TRUE AND flag = 1", r)).isTrue();
        assertThat(test("name IN ('Bob', 'Alice_1') AND i32 NOT IN (1, 2)", r)).isTrue();
        assertThat(test("name LIKE 'Al%' AND name LIKE '%e\\_1' AND name LIKE 'Alice__'", r)).isTrue();
        assertThat(test("name LIKE 'al%'", r)).isFalse();
        assertThat(test("name NOT LIKE 'B%'", r)).isTrue();
        assertThat(test("i32 LIKE '1%'", r)).isTrue();
    }

    @Test
    void fieldNamesFallBackToCaseInsensitiveAndMayBeQuoted() {
        assertThat(test("mixed_case = 'x' AND `Mixed_Case` = 'x' AND NAME = 'Alice_1'", row())).isTrue();
    }

    @Test
    void nullsFollowThreeValuedLogic() {
        Struct r = new Struct(ROW).put("i32", 1);
        assertThat(test("name IS NULL AND i32 IS NOT NULL", r)).isTrue();
        assertThat(test("name = 'x'", r)).isFalse();
        assertThat(test("NOT (name = 'x')", r)).isFalse();
        assertThat(test("name = 'x' OR i32 = 1", r)).isTrue();
        assertThat(test("NOT (name = 'x' AND i32 = 2)", r)).isTrue();
        assertThat(test("i32 NOT IN (2, NULL)", r)).isFalse();
        assertThat(test("i32 IN (1, NULL)", r)).isTrue();
        assertThat(test("missing = 1", r)).isFalse();
        assertThat(test("missing IS NULL", r)).isTrue();
        assertThat(test("NULL = NULL", r)).isFalse();
    }

    @Test
    void temporalFieldsCompareWithIsoStrings() {
        Struct r = row();
        assertThat(test("d = '2024-03-01' AND d > '2024-02-29' AND d < '2024-03-01 00:00:01'", r)).isTrue();
        assertThat(test("ts > '2024-03-01 10:15:30.123' AND ts < '2024-03-01T10:15:30.124'", r)).isTrue();
        assertThat(test("ts = '2024-03-01 10:15:30.123456'", r)).isTrue();
        assertThat(test("zts = '2024-03-01 10:00:00' AND zts = '2024-03-01T11:00:00+01:00'", r)).isTrue();
        assertThat(test("kts >= '2024-03-01' AND kts < '2024-03-02'", r)).isTrue();
        assertThat(test("d = 'not a date'", r)).isFalse();
    }

    @Test
    void schemalessMaps() {
        Map<String, Object> m = new HashMap<>();
        m.put("id", 7);
        m.put("Status", "paid");
        m.put("amount", 12.5);
        m.put("note", null);
        assertThat(test("id = 7 AND status = 'paid' AND amount > 12 AND note IS NULL", m)).isTrue();
    }
}
