package io.obkc.converters;

import java.math.BigDecimal;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Debezium MySQL records (column.propagate.source.type on, bigint.unsigned.handling.mode=precise) of table
 * {@code shop.kinds} with the types whose encoding differs most between producers: ENUM, SET, BIT(1), BIT(16),
 * BINARY, TINYINT UNSIGNED and BIGINT UNSIGNED; optionally with an OceanBase tenant and a transaction block.
 */
final class TypedEvents {

    static final String TOPIC = "srv.shop.kinds";

    static final Schema ROW = SchemaBuilder.struct().name("srv.shop.kinds.Value").optional()
            .field("id", typed(SchemaBuilder.int32(), "INT", 11).build())
            .field("e", typed(SchemaBuilder.string().name("io.debezium.data.Enum").version(1).parameter("allowed", "a,b,c"), "ENUM", 1).optional().build())
            .field("s", typed(SchemaBuilder.string().name("io.debezium.data.EnumSet").version(1).parameter("allowed", "a,b,c"), "SET", 5).optional().build())
            .field("flag", typed(SchemaBuilder.bool(), "BIT", 1).optional().build())
            .field("bits", typed(SchemaBuilder.bytes().name("io.debezium.data.Bits").version(1).parameter("length", "16"), "BIT", 16).optional().build())
            .field("bin", typed(SchemaBuilder.bytes(), "BINARY", 4).optional().build())
            .field("tiny", typed(SchemaBuilder.int16(), "TINYINT UNSIGNED", 3).optional().build())
            .field("big", typed(Decimal.builder(0).parameter("connect.decimal.precision", "20"), "BIGINT UNSIGNED", 20).optional().build())
            .build();

    static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA)
            .field("db", Schema.STRING_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA)
            .field("gtid", Schema.OPTIONAL_STRING_SCHEMA)
            .field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA)
            .field("row", Schema.INT32_SCHEMA)
            .field("tenant", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    static final Schema ENVELOPE = SchemaBuilder.struct().name("srv.shop.kinds.Envelope").version(2)
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("transaction", ChangeEvents.TRANSACTION_SCHEMA)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private TypedEvents() {
    }

    private static SchemaBuilder typed(SchemaBuilder b, String type, int length) {
        return b.parameter("__debezium.source.column.type", type)
                .parameter("__debezium.source.column.length", Integer.toString(length));
    }

    /** e='b', s='a,c', flag=b'1', bits=b'0000000100000010' (258, little-endian bytes 02 01), bin=0x00ff4100. */
    static Struct row(int id) {
        return new Struct(ROW).put("id", id).put("e", "b").put("s", "a,c").put("flag", true)
                .put("bits", new byte[] {0x02, 0x01}).put("bin", new byte[] {0, (byte) 0xff, 'A', 0})
                .put("tiny", (short) 200).put("big", new BigDecimal("18446744073709551615"));
    }

    static Struct source(String file, long pos, int row, String tenant) {
        return new Struct(SOURCE).put("connector", "mysql").put("name", "srv").put("ts_ms", ChangeEvents.SOURCE_TS)
                .put("snapshot", "false").put("db", "shop").put("table", "kinds")
                .put("gtid", "3e11fa47-71ca-11e1-9e33-c80aa9429562:23").put("file", file).put("pos", pos)
                .put("row", row).put("tenant", tenant);
    }

    static Struct insert(int id, Struct source, Struct transaction) {
        return new Struct(ENVELOPE).put("after", row(id)).put("source", source).put("transaction", transaction)
                .put("op", "c").put("ts_ms", ChangeEvents.EVENT_TS);
    }

    static Struct insert(int id) {
        return insert(id, source("mysql-bin.000003", 4711L, 0, null), null);
    }

    static Struct transaction(String id, long totalOrder) {
        return new Struct(ChangeEvents.TRANSACTION_SCHEMA).put("id", id).put("total_order", totalOrder)
                .put("data_collection_order", totalOrder);
    }
}
