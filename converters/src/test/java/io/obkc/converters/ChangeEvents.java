package io.obkc.converters;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Debezium-shaped test records for table {@code shop.orders}, built the way Debezium's MySQL connector builds
 * them with {@code column.propagate.source.type=.*}: every typed value the formats must encode (DECIMAL,
 * DATETIME(6), TIMESTAMP(3) with a non-UTC offset, DATE, VARBINARY, JSON, BIT(1), DOUBLE and a NULL).
 */
final class ChangeEvents {

    static final String TOPIC = "srv.shop.orders";

    static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("srv.shop.orders.Key")
            .field("id", typed(SchemaBuilder.int32(), "INT", 11, null).build())
            .build();

    static final Schema ROW_SCHEMA = SchemaBuilder.struct().name("srv.shop.orders.Value").optional()
            .field("id", typed(SchemaBuilder.int32(), "INT", 11, null).build())
            .field("name", typed(SchemaBuilder.string(), "VARCHAR", 64, null).optional().build())
            .field("amount", typed(Decimal.builder(2).parameter("connect.decimal.precision", "10"), "DECIMAL", 10, 2)
                    .optional().build())
            .field("created_at", typed(SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1),
                    "DATETIME", 6, null).optional().build())
            .field("updated_at", typed(SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").version(1),
                    "TIMESTAMP", 3, null).optional().build())
            .field("birthday", typed(SchemaBuilder.int32().name("io.debezium.time.Date").version(1), "DATE", null, null)
                    .optional().build())
            .field("payload", typed(SchemaBuilder.bytes(), "VARBINARY", 16, null).optional().build())
            .field("attrs", typed(SchemaBuilder.string().name("io.debezium.data.Json").version(1), "JSON", null, null)
                    .optional().build())
            .field("note", typed(SchemaBuilder.string(), "TEXT", 65535, null).optional().build())
            .field("active", typed(SchemaBuilder.bool(), "BIT", 1, null).optional().build())
            .field("ratio", typed(SchemaBuilder.float64(), "DOUBLE", 22, null).optional().build())
            .build();

    static final Schema SOURCE_SCHEMA = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("snapshot", SchemaBuilder.string().optional().name("io.debezium.data.Enum").version(1)
                    .parameter("allowed", "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental")
                    .defaultValue("false").build())
            .field("db", Schema.STRING_SCHEMA)
            .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA)
            .field("server_id", Schema.INT64_SCHEMA)
            .field("gtid", Schema.OPTIONAL_STRING_SCHEMA)
            .field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA)
            .field("row", Schema.INT32_SCHEMA)
            .field("thread", Schema.OPTIONAL_INT64_SCHEMA)
            .field("query", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    static final Schema TRANSACTION_SCHEMA = SchemaBuilder.struct().name("event.block").optional().version(1)
            .field("id", Schema.STRING_SCHEMA)
            .field("total_order", Schema.INT64_SCHEMA)
            .field("data_collection_order", Schema.INT64_SCHEMA)
            .build();

    static final Schema ENVELOPE_SCHEMA = SchemaBuilder.struct().name("srv.shop.orders.Envelope").version(2)
            .field("before", ROW_SCHEMA)
            .field("after", ROW_SCHEMA)
            .field("source", SOURCE_SCHEMA)
            .field("transaction", TRANSACTION_SCHEMA)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    static final Schema TABLE_CHANGE_SCHEMA = SchemaBuilder.struct().name("io.debezium.connector.schema.Change")
            .field("type", Schema.STRING_SCHEMA)
            .field("id", Schema.STRING_SCHEMA)
            .build();

    static final Schema SCHEMA_CHANGE_SCHEMA = SchemaBuilder.struct()
            .name("io.debezium.connector.mysql.SchemaChangeValue")
            .field("source", SOURCE_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("databaseName", Schema.OPTIONAL_STRING_SCHEMA)
            .field("schemaName", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ddl", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tableChanges", SchemaBuilder.array(TABLE_CHANGE_SCHEMA).build())
            .build();

    static final Schema HEARTBEAT_SCHEMA = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
            .field("ts_ms", Schema.INT64_SCHEMA)
            .build();

    static final long SOURCE_TS = 1_709_296_496_000L; // 2024-03-01T12:34:56Z
    static final long EVENT_TS = 1_709_296_496_123L;

    private ChangeEvents() {
    }

    private static SchemaBuilder typed(SchemaBuilder b, String type, Integer length, Integer scale) {
        b.parameter("__debezium.source.column.type", type);
        if (length != null) {
            b.parameter("__debezium.source.column.length", length.toString());
        }
        if (scale != null) {
            b.parameter("__debezium.source.column.scale", scale.toString());
        }
        return b;
    }

    static Struct insertedRow() {
        return new Struct(ROW_SCHEMA)
                .put("id", 1)
                .put("name", "Alice")
                .put("amount", new BigDecimal("1234.50"))
                .put("created_at", micros(LocalDateTime.of(2024, 3, 1, 12, 34, 56, 123_456_000)))
                .put("updated_at", "2024-03-01T20:34:56.789+08:00")
                .put("birthday", (int) LocalDate.of(1990, 5, 17).toEpochDay())
                .put("payload", new byte[] {0x00, 0x01, (byte) 0xFE, (byte) 0xFF, 'A'})
                .put("attrs", "{\"tags\":[\"a\",\"b\"],\"n\":1}")
                .put("note", null)
                .put("active", true)
                .put("ratio", 0.25);
    }

    static Struct updatedRow() {
        Struct row = insertedRow();
        return row.put("name", "Alicia")
                .put("amount", new BigDecimal("-99.99"))
                .put("updated_at", "2024-03-02T01:00:00Z")
                .put("note", "vip \"gold\" ✓");
    }

    static long micros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000L;
    }

    static Struct source(String snapshot) {
        return new Struct(SOURCE_SCHEMA)
                .put("version", "3.5.0.Final")
                .put("connector", "mysql")
                .put("name", "srv")
                .put("ts_ms", SOURCE_TS)
                .put("snapshot", snapshot)
                .put("db", "shop")
                .put("table", "orders")
                .put("server_id", 223344L)
                .put("gtid", "3e11fa47-71ca-11e1-9e33-c80aa9429562:23")
                .put("file", "mysql-bin.000003")
                .put("pos", 4711L)
                .put("row", 0)
                .put("thread", 7L);
    }

    static Struct envelope(String op, Struct before, Struct after) {
        return new Struct(ENVELOPE_SCHEMA)
                .put("before", before)
                .put("after", after)
                .put("source", source(op.equals("r") ? "true" : "false"))
                .put("op", op)
                .put("ts_ms", EVENT_TS);
    }

    static Struct insert() {
        return envelope("c", null, insertedRow());
    }

    static Struct update() {
        return envelope("u", insertedRow(), updatedRow());
    }

    static Struct delete() {
        return envelope("d", updatedRow(), null);
    }

    static Struct snapshotRead() {
        return envelope("r", null, insertedRow());
    }

    static Struct truncate() {
        return envelope("t", null, null);
    }

    static Struct ddl() {
        return new Struct(SCHEMA_CHANGE_SCHEMA)
                .put("source", source("false"))
                .put("ts_ms", EVENT_TS)
                .put("databaseName", "shop")
                .put("ddl", "ALTER TABLE orders ADD COLUMN coupon VARCHAR(32) NULL")
                .put("tableChanges", List.of(new Struct(TABLE_CHANGE_SCHEMA).put("type", "ALTER")
                        .put("id", "\"shop\".\"orders\"")));
    }

    static Struct heartbeat() {
        return new Struct(HEARTBEAT_SCHEMA).put("ts_ms", SOURCE_TS);
    }

    static Struct key(int id) {
        return new Struct(KEY_SCHEMA).put("id", id);
    }

    static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
