package io.obkc.sink.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class ColumnTypeMapperTest {
    private static Schema withSource(SchemaBuilder b, String type, String length) {
        b.parameter(ColumnTypeMapper.SOURCE_TYPE, type);
        if (length != null) {
            b.parameter(ColumnTypeMapper.SOURCE_LENGTH, length);
        }
        return b.build();
    }

    @Test
    void plainConnectTypes() {
        assertThat(ColumnTypeMapper.sqlType(Schema.INT32_SCHEMA, false)).isEqualTo("INT");
        assertThat(ColumnTypeMapper.sqlType(Schema.STRING_SCHEMA, false)).isEqualTo("LONGTEXT");
        assertThat(ColumnTypeMapper.sqlType(Schema.STRING_SCHEMA, true)).as("key columns must be indexable").isEqualTo("VARCHAR(768)");
        assertThat(ColumnTypeMapper.sqlType(Schema.BYTES_SCHEMA, true)).isEqualTo("VARBINARY(768)");
        assertThat(ColumnTypeMapper.sqlType(Schema.BOOLEAN_SCHEMA, false)).isEqualTo("TINYINT(1)");
        assertThat(ColumnTypeMapper.sqlType(SchemaBuilder.array(Schema.STRING_SCHEMA).build(), false)).isEqualTo("JSON");
    }

    @Test
    void sourceTypeKeepsLengthsWidthAndSignedness() {
        assertThat(ColumnTypeMapper.sqlType(withSource(SchemaBuilder.string(), "VARCHAR", "255"), false)).isEqualTo("VARCHAR(255)");
        assertThat(ColumnTypeMapper.sqlType(withSource(SchemaBuilder.string(), "CHAR", "10"), false)).isEqualTo("CHAR(10)");
        assertThat(ColumnTypeMapper.sqlType(withSource(SchemaBuilder.int64(), "INT UNSIGNED", "10"), false)).isEqualTo("INT UNSIGNED");
        assertThat(ColumnTypeMapper.sqlType(withSource(SchemaBuilder.int16(), "TINYINT UNSIGNED", "3"), false)).isEqualTo("TINYINT UNSIGNED");
        assertThat(ColumnTypeMapper.sqlType(withSource(SchemaBuilder.string(), "MEDIUMTEXT", null), false)).isEqualTo("MEDIUMTEXT");
        assertThat(ColumnTypeMapper.sqlType(withSource(SchemaBuilder.bytes(), "BINARY", "4"), false)).isEqualTo("BINARY(4)");
        assertThat(ColumnTypeMapper.sqlType(withSource(SchemaBuilder.bool(), "BIT", "1"), false)).isEqualTo("BIT(1)");
        // VARCHAR longer than OceanBase's limit is capped.
        assertThat(ColumnTypeMapper.sqlType(withSource(SchemaBuilder.string(), "VARCHAR", "1000000"), false)).isEqualTo("VARCHAR(262144)");
    }

    @Test
    void debeziumLogicalTypes() {
        assertThat(ColumnTypeMapper.sqlType(new SchemaBuilder(Schema.Type.INT64).name("io.debezium.time.MicroTimestamp").build(), false))
                .isEqualTo("DATETIME(6)");
        assertThat(ColumnTypeMapper.sqlType(withSource(new SchemaBuilder(Schema.Type.INT64).name("io.debezium.time.MicroTimestamp"), "DATETIME", "4"),
                false)).isEqualTo("DATETIME(4)");
        assertThat(ColumnTypeMapper.sqlType(withSource(new SchemaBuilder(Schema.Type.STRING).name("io.debezium.time.ZonedTimestamp"), "TIMESTAMP", "6"),
                false)).isEqualTo("TIMESTAMP(6)");
        assertThat(ColumnTypeMapper.sqlType(new SchemaBuilder(Schema.Type.INT32).name("io.debezium.time.Date").build(), false)).isEqualTo("DATE");
        assertThat(ColumnTypeMapper.sqlType(new SchemaBuilder(Schema.Type.INT32).name("io.debezium.time.Year").build(), false)).isEqualTo("YEAR");
        assertThat(ColumnTypeMapper.sqlType(new SchemaBuilder(Schema.Type.STRING).name("io.debezium.data.Enum").parameter("allowed", "a,it's").build(),
                false)).isEqualTo("ENUM('a','it''s')");
        assertThat(ColumnTypeMapper.sqlType(new SchemaBuilder(Schema.Type.BYTES).name("io.debezium.data.Bits").parameter("length", "12").build(),
                false)).isEqualTo("BIT(12)");
        assertThat(ColumnTypeMapper.sqlType(new SchemaBuilder(Schema.Type.STRING).name("io.debezium.data.Json").build(), false)).isEqualTo("JSON");
        assertThat(ColumnTypeMapper.sqlType(new SchemaBuilder(Schema.Type.STRING).name("io.debezium.data.Uuid").build(), false)).isEqualTo("CHAR(36)");
    }

    @Test
    void decimals() {
        assertThat(ColumnTypeMapper.sqlType(Decimal.builder(6).parameter("connect.decimal.precision", "20").build(), false)).isEqualTo("DECIMAL(20,6)");
        assertThat(ColumnTypeMapper.sqlType(Decimal.schema(2), false)).isEqualTo("DECIMAL(65,2)");
        assertThat(ColumnTypeMapper.sqlType(withSource(Decimal.builder(0).parameter("connect.decimal.precision", "20"), "BIGINT UNSIGNED", "20"), false))
                .isEqualTo("BIGINT UNSIGNED");
    }

    /**
     * Issue 9 item 1: Debezium's MySQL/MariaDB connectors send TIMESTAMP, DATETIME and TIME with fsp 0 without a
     * length parameter (the parameters below are exactly what column.propagate.source.type gives for those
     * columns). MySQL's meaning of a missing fsp is 0, so nothing may be guessed wider.
     */
    @Test
    void temporalSourceTypeWithoutLengthHasNoFractionalSeconds() {
        assertThat(ColumnTypeMapper.sqlType(withSource(new SchemaBuilder(Schema.Type.STRING).name("io.debezium.time.ZonedTimestamp"), "TIMESTAMP", null),
                false)).isEqualTo("TIMESTAMP");
        assertThat(ColumnTypeMapper.sqlType(withSource(new SchemaBuilder(Schema.Type.INT64).name("io.debezium.time.Timestamp"), "DATETIME", null),
                false)).isEqualTo("DATETIME");
        assertThat(ColumnTypeMapper.sqlType(withSource(new SchemaBuilder(Schema.Type.INT64).name("io.debezium.time.MicroTime"), "TIME", null),
                false)).isEqualTo("TIME");
        assertThat(ColumnTypeMapper.sqlType(withSource(new SchemaBuilder(Schema.Type.STRING).name("io.debezium.time.ZonedTimestamp"), "TIMESTAMP", "3"),
                false)).isEqualTo("TIMESTAMP(3)");
        // Without a propagated source type nothing is known, and the logical type's own precision is kept.
        assertThat(ColumnTypeMapper.sqlType(new SchemaBuilder(Schema.Type.INT64).name("io.debezium.time.Timestamp").build(), false))
                .isEqualTo("DATETIME(3)");
        assertThat(ColumnTypeMapper.declaresSize(withSource(new SchemaBuilder(Schema.Type.STRING).name("io.debezium.time.ZonedTimestamp"),
                "TIMESTAMP", null))).isFalse();
        assertThat(ColumnTypeMapper.declaresSize(withSource(SchemaBuilder.string(), "VARCHAR", "20"))).isTrue();
    }

    /** Debezium escapes a comma inside an ENUM/SET label as {@code \,} in the {@code allowed} parameter. */
    @Test
    void enumLabelWithACommaStaysOneLabel() {
        assertThat(ColumnTypeMapper.sqlType(new SchemaBuilder(Schema.Type.STRING).name("io.debezium.data.Enum")
                .parameter("allowed", "c'd,a'b,e\\,f").build(), false)).isEqualTo("ENUM('c''d','a''b','e,f')");
        assertThat(ColumnTypeMapper.sqlType(new SchemaBuilder(Schema.Type.STRING).name("io.debezium.data.EnumSet")
                .parameter("allowed", "x\\,y,z").build(), false)).isEqualTo("SET('x,y','z')");
    }
}
