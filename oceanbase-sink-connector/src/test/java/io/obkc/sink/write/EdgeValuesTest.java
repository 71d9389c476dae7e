package io.obkc.sink.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import io.obkc.sink.table.ColumnTypeMapper;

/**
 * The edge-value matrix of docs/type-mapping.md ("Edge values"), at the sink's end: each case is the Connect schema
 * and value Debezium 3.5 really sends for the source value (read off the topics of PostgresToOceanBaseIT's
 * {@code edge} table and MariaDbToOceanBaseIT), and what the sink makes of it: the target type, the bound value,
 * or a refusal that names the column and the reason. Values Debezium itself turns into NULL (PostgreSQL numeric
 * NaN/Infinity, MariaDB zero dates in nullable columns) never reach the sink as anything else; the doc says so.
 */
class EdgeValuesTest {
    private static SchemaBuilder pg(SchemaBuilder b, String column, String type, String length, String scale) {
        b.optional().parameter("__debezium.source.column.type", type).parameter("__debezium.source.column.name", column);
        if (length != null) {
            b.parameter("__debezium.source.column.length", length);
        }
        if (scale != null) {
            b.parameter("__debezium.source.column.scale", scale);
        }
        return b;
    }

    private static final Schema PG_TIMESTAMP = pg(SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp"), "ts", "TIMESTAMP", "29", "6").build();
    private static final Schema PG_TIMESTAMPTZ = pg(SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp"), "tstz", "TIMESTAMPTZ", "35", "6")
            .build();
    private static final Schema PG_DATE = pg(SchemaBuilder.int32().name("io.debezium.time.Date"), "d", "DATE", "13", "0").build();
    private static final Schema PG_NUMERIC = pg(SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal")
            .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA), "big", "NUMERIC", "0", null).build();
    private static final Schema PG_INTERVAL = pg(SchemaBuilder.int64().name("io.debezium.time.MicroDuration"), "iv", "INTERVAL", "49", "6").build();
    private static final Schema PG_INTERVAL_STRING = pg(SchemaBuilder.string().name("io.debezium.time.Interval"), "iv", "INTERVAL", "49", "6").build();
    private static final Schema PG_INT_ARRAY = pg(SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA), "arr", "_INT4", "10", "0").build();
    private static final Schema PG_FLOAT8 = pg(SchemaBuilder.float64(), "f", "FLOAT8", "17", "17").build();

    /** Binds through the sink's real binder and returns what reached the statement, or throws what the binder threw. */
    private static Object bound(Schema schema, Object value) throws Exception {
        List<Object> seen = new ArrayList<>();
        PreparedStatement ps = (PreparedStatement) java.lang.reflect.Proxy.newProxyInstance(EdgeValuesTest.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("set")) {
                        seen.add(args[1]);
                    }
                    return null;
                });
        ValueConverter.binder(schema).bind(ps, 1, value);
        return seen.get(0);
    }

    private static Struct variableScale(BigDecimal d) {
        return new Struct(PG_NUMERIC).put("scale", d.scale()).put("value", d.unscaledValue().toByteArray());
    }

    @Test
    void postgresInfinityTimestampsAreRefusedNamingTheColumn() {
        assertThatThrownBy(() -> bound(PG_TIMESTAMP, 9_223_372_036_825_200_000L)).isInstanceOf(SQLDataException.class)
                .hasMessageContaining("column ts").hasMessageContaining("'infinity'");
        assertThatThrownBy(() -> bound(PG_TIMESTAMP, -9_223_372_036_832_400_000L)).isInstanceOf(SQLDataException.class)
                .hasMessageContaining("column ts").hasMessageContaining("'-infinity'");
        assertThatThrownBy(() -> bound(PG_TIMESTAMPTZ, "infinity")).isInstanceOf(SQLDataException.class)
                .hasMessageContaining("column tstz").hasMessageContaining("'infinity'");
        // Debezium sends date 'infinity' as day -622191234 (pgjdbc's sentinel, overflowed).
        assertThatThrownBy(() -> bound(PG_DATE, -622_191_234)).isInstanceOf(SQLDataException.class)
                .hasMessageContaining("column d").hasMessageContaining("outside OceanBase's DATE range");
        // Ordinary extremes still pass.
        assertThat(ValueConverter.toJdbc(PG_DATE, 2_932_896)).isEqualTo("9999-12-31");
    }

    @Test
    void numericsOceanBaseCannotHoldAreRefusedNotRounded() throws Exception {
        BigDecimal seventyDigits = new BigDecimal(BigInteger.TEN.pow(70)).add(new BigDecimal("0.5"));
        assertThatThrownBy(() -> bound(PG_NUMERIC, variableScale(seventyDigits))).isInstanceOf(SQLDataException.class)
                .hasMessageContaining("column big").hasMessageContaining("71 integer");
        assertThatThrownBy(() -> bound(PG_NUMERIC, variableScale(new BigDecimal("0." + "1".repeat(31))))).isInstanceOf(SQLDataException.class)
                .hasMessageContaining("31 fractional");
        BigDecimal max = new BigDecimal("9".repeat(35) + "." + "9".repeat(30));
        assertThat(bound(PG_NUMERIC, variableScale(max))).isEqualTo(max);
        // Trailing zeros are not digits that would be lost.
        assertThat(bound(PG_NUMERIC, variableScale(new BigDecimal("1." + "0".repeat(40))))).isEqualTo(new BigDecimal("1." + "0".repeat(40)));
        assertThat(ColumnTypeMapper.sqlType(PG_NUMERIC, false)).isEqualTo("DECIMAL(65,30)");
    }

    @Test
    void floatingPointNanAndInfinityAreRefused() {
        assertThatThrownBy(() -> bound(PG_FLOAT8, Double.NaN)).isInstanceOf(SQLDataException.class).hasMessageContaining("column f");
        assertThatThrownBy(() -> bound(PG_FLOAT8, Double.NEGATIVE_INFINITY)).isInstanceOf(SQLDataException.class);
    }

    @Test
    void intervalIsIsoText() throws Exception {
        // interval.handling.mode=string (recommended): Debezium's ISO 8601 text, stored as it is.
        assertThat(bound(PG_INTERVAL_STRING, "P1Y2M3DT4H5M6.78S")).isEqualTo("P1Y2M3DT4H5M6.78S");
        // numeric (Debezium's default): '1 year 2 mons 3 days 04:05:06.78' arrives as 37091106780000 microseconds (Debezium
        // counts a month as 30.4375 days); written as the same ISO 8601 form, not as a bare number.
        assertThat(bound(PG_INTERVAL, 37_091_106_780_000L)).isEqualTo("PT10303H5M6.78S");
        assertThat(ColumnTypeMapper.sqlType(PG_INTERVAL, false)).isEqualTo("VARCHAR(64)");
    }

    @Test
    void arraysAreJsonAsDebeziumSendsThem() throws Exception {
        assertThat(bound(PG_INT_ARRAY, Arrays.asList(1, null, 3))).isEqualTo("[1,null,3]");
        // '{{1,2},{3,4}}': Debezium's schema is a one-dimensional int array and its value [null, null]. The sink cannot tell
        // this from a real {NULL,NULL}; docs/type-mapping.md says so.
        assertThat(bound(PG_INT_ARRAY, Arrays.asList(null, null))).isEqualTo("[null,null]");
    }

    @Test
    void postgresTimestamptzIsDatetimeNotMysqlTimestamp() {
        // TIMESTAMP would stop in 2038; the schema migration maps timestamptz to DATETIME too.
        assertThat(ColumnTypeMapper.sqlType(PG_TIMESTAMPTZ, false)).isEqualTo("DATETIME(6)");
        assertThat(ColumnTypeMapper.sqlType(PG_TIMESTAMP, false)).isEqualTo("DATETIME(6)");
        assertThat(ColumnTypeMapper.sqlType(pg(SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp"), "t3", "TIMESTAMP", "26", "3").build(),
                false)).isEqualTo("DATETIME(3)");
    }

    /**
     * Debezium's MariaDB connector sends the ENUM value of label 'e,f' as "e\,f" and of label 'x\y' (DDL 'x\\y') as "x\\y":
     * the label text of its allowed list, escapes kept (read off Debezium's own converter). The sink writes the label.
     */
    @Test
    void mysqlEnumValuesLoseDebeziumsEscapes() throws Exception {
        Schema e = SchemaBuilder.string().name("io.debezium.data.Enum").optional().parameter("allowed", "c'd,a'b,e\\,f,x\\\\y")
                .parameter("__debezium.source.column.type", "ENUM").parameter("__debezium.source.column.name", "e").build();
        assertThat(bound(e, "e\\,f")).isEqualTo("e,f");
        assertThat(bound(e, "c'd")).isEqualTo("c'd");
        assertThat(bound(e, "x\\\\y")).isEqualTo("x\\y");
        assertThat(ColumnTypeMapper.sqlType(e, false)).isEqualTo("ENUM('c''d','a''b','e,f','x\\\\y')");
        // A PostgreSQL enum type is written as sent.
        Schema pgEnum = SchemaBuilder.string().name("io.debezium.data.Enum").optional().parameter("allowed", "a\\b")
                .parameter("__debezium.source.column.type", "MOOD").build();
        assertThat(bound(pgEnum, "a\\b")).isEqualTo("a\\b");
    }
}
