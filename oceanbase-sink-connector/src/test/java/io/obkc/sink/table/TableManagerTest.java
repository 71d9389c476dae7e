package io.obkc.sink.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class TableManagerTest {

    /**
     * Issue 9 item 6: {@code ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT 5} on the source reaches a sink without DDL
     * sync as rows whose schema has a new field with Connect default 5 (Debezium sets the column default as the field
     * default). The added target column must carry that default so that existing rows get 5, as on the source.
     */
    @Test
    void addedColumnsKeepTheSourceDefault() {
        assertThat(TableManager.addedColumnDefinition(new Field("c", 3, SchemaBuilder.int32().defaultValue(5).build())))
                .isEqualTo("`c` INT NULL DEFAULT 5");
        assertThat(TableManager.addedColumnDefinition(new Field("s", 3, SchemaBuilder.string().optional().defaultValue("it's \\")
                .parameter(ColumnTypeMapper.SOURCE_TYPE, "VARCHAR").parameter(ColumnTypeMapper.SOURCE_LENGTH, "10").build())))
                .isEqualTo("`s` VARCHAR(10) NULL DEFAULT 'it''s \\\\'");
        assertThat(TableManager.addedColumnDefinition(new Field("d", 3, Decimal.builder(2).optional().defaultValue(new BigDecimal("1.50"))
                .parameter("connect.decimal.precision", "5").build()))).isEqualTo("`d` DECIMAL(5,2) NULL DEFAULT 1.50");
        assertThat(TableManager.addedColumnDefinition(new Field("b", 3, SchemaBuilder.bool().defaultValue(true).build())))
                .isEqualTo("`b` TINYINT(1) NULL DEFAULT 1");
        // No default: plain nullable column. TEXT takes no default in OceanBase. A temporal default may be Debezium's
        // stand-in for CURRENT_TIMESTAMP (the epoch), so it is not trusted.
        assertThat(TableManager.addedColumnDefinition(new Field("n", 3, Schema.OPTIONAL_INT64_SCHEMA))).isEqualTo("`n` BIGINT NULL");
        assertThat(TableManager.addedColumnDefinition(new Field("t", 3, SchemaBuilder.string().defaultValue("x").build())))
                .isEqualTo("`t` LONGTEXT NULL");
        assertThat(TableManager.addedColumnDefinition(new Field("ts", 3, SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp")
                .defaultValue("1970-01-01T00:00:00Z").parameter(ColumnTypeMapper.SOURCE_TYPE, "TIMESTAMP").build())))
                .isEqualTo("`ts` TIMESTAMP NULL");
    }
}
