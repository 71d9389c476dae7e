package io.obkc.source.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import io.obkc.common.types.UnsupportedSourceTypeException;
import io.obkc.source.OceanBaseSourceConfig.BigintUnsignedHandling;
import io.obkc.source.OceanBaseSourceConfig.DecimalHandling;

class ColumnTypesTest {
    private static final ColumnTypes DEFAULTS = new ColumnTypes(ColumnTypes.Options.DEFAULTS);

    private static ColumnDef col(String dataType, String columnType, Integer length, Integer scale, boolean unsigned) {
        return new ColumnDef("c", 1, dataType, columnType, length, scale, true, unsigned, List.of());
    }

    private static TableDef table(ColumnDef c) {
        return new TableDef("db", "t", List.of(c), List.of());
    }

    private static Object decode(ColumnTypes types, ColumnDef c, String text) {
        TableDef t = table(c);
        return types.decode(t, c, types.schema(t, c), text);
    }

    @Test
    void integersFollowDebeziumWidths() {
        assertThat(DEFAULTS.schema(table(col("tinyint", "tinyint(1)", 1, null, false)), col("tinyint", "tinyint(1)", 1, null, false)).type())
                .isEqualTo(Schema.Type.INT16);
        ColumnDef uint = col("int", "int(10) unsigned", 10, null, true);
        assertThat(DEFAULTS.schema(table(uint), uint).type()).isEqualTo(Schema.Type.INT64);
        assertThat(decode(DEFAULTS, uint, "4294967295")).isEqualTo(4294967295L);
        ColumnDef ubig = col("bigint", "bigint(20) unsigned", 20, null, true);
        // long mode wraps like Debezium; precise keeps the value.
        assertThat(decode(DEFAULTS, ubig, "18446744073709551615")).isEqualTo(-1L);
        ColumnTypes precise = new ColumnTypes(new ColumnTypes.Options(DecimalHandling.PRECISE, BigintUnsignedHandling.PRECISE, List.of()));
        assertThat(decode(precise, ubig, "18446744073709551615")).isEqualTo(new BigDecimal("18446744073709551615"));
    }

    @Test
    void decimalsKeepTheColumnScaleInEveryMode() {
        ColumnDef d = col("decimal", "decimal(10,3)", 10, 3, false);
        assertThat(decode(DEFAULTS, d, "1.500")).isEqualTo(new BigDecimal("1.500"));
        ColumnTypes asString = new ColumnTypes(new ColumnTypes.Options(DecimalHandling.STRING, BigintUnsignedHandling.LONG, List.of()));
        assertThat(decode(asString, d, "-0.100")).isEqualTo("-0.100");
        ColumnTypes asDouble = new ColumnTypes(new ColumnTypes.Options(DecimalHandling.DOUBLE, BigintUnsignedHandling.LONG, List.of()));
        assertThat(decode(asDouble, d, "2.250")).isEqualTo(2.25d);
    }

    @Test
    void temporalTexts() {
        assertThat(ColumnTypes.timeMicros("-838:59:59.000001")).isEqualTo(-(838L * 3600 + 59 * 60 + 59) * 1_000_000L - 1);
        assertThat(ColumnTypes.timeMicros("00:00:01.5")).isEqualTo(1_500_000L);
        assertThat(decode(DEFAULTS, col("datetime", "datetime(6)", 6, null, false), "1970-01-01 00:00:00.000001")).isEqualTo(1L);
        assertThat(decode(DEFAULTS, col("datetime", "datetime(3)", 3, null, false), "1970-01-01 00:00:01.5")).isEqualTo(1500L);
        assertThat(decode(DEFAULTS, col("timestamp", "timestamp(3)", 3, null, false), "1.5")).isEqualTo("1970-01-01T00:00:01.500Z");
        assertThat(decode(DEFAULTS, col("date", "date", null, null, false), "1969-12-31")).isEqualTo(-1);
        assertThat(decode(DEFAULTS, col("date", "date", null, null, false), "0000-00-00")).isNull();
    }

    @Test
    void bitsAreLittleEndianAndBitOneIsBoolean() {
        assertThat(decode(DEFAULTS, col("bit", "bit(1)", 1, null, false), "1")).isEqualTo(true);
        assertThat((byte[]) decode(DEFAULTS, col("bit", "bit(10)", 10, null, false), "513")).containsExactly(1, 2);
    }

    @Test
    void propagatesSourceTypesForMatchingNames() {
        ColumnTypes p = new ColumnTypes(new ColumnTypes.Options(DecimalHandling.PRECISE, BigintUnsignedHandling.LONG,
                List.of(Pattern.compile("DECIMAL", Pattern.CASE_INSENSITIVE))));
        ColumnDef d = col("decimal", "decimal(10,3)", 10, 3, false);
        assertThat(p.schema(table(d), d).parameters()).containsEntry(ColumnTypes.SOURCE_TYPE, "DECIMAL")
                .containsEntry(ColumnTypes.SOURCE_LENGTH, "10").containsEntry(ColumnTypes.SOURCE_SCALE, "3");
        ColumnDef v = col("varchar", "varchar(5)", 5, null, false);
        Map<String, String> params = p.schema(table(v), v).parameters();
        assertThat(params == null || !params.containsKey(ColumnTypes.SOURCE_TYPE)).as("no source type on VARCHAR").isTrue();
    }

    @Test
    void unsupportedTypesAndBadTextFailLoudlyNamingTheColumn() {
        ColumnDef g = col("geometry", "geometry", null, null, false);
        assertThatThrownBy(() -> DEFAULTS.schema(table(g), g)).isInstanceOf(UnsupportedSourceTypeException.class)
                .hasMessageContaining("db.t.c");
        assertThatThrownBy(() -> decode(DEFAULTS, col("int", "int", null, null, false), "x1"))
                .isInstanceOf(DataException.class).hasMessageContaining("db.t.c");
    }

    @Test
    void enumLabelsWithQuotesAsOceanBaseWritesThem() {
        assertThat(EnumLabels.parse("enum('a','d'e','x\\\\y')")).containsExactly("a", "d'e", "x\\y");
        assertThat(EnumLabels.parse("set('it''s','b')")).containsExactly("it's", "b");
    }
}
