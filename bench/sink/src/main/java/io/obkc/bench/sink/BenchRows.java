package io.obkc.bench.sink;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.zip.CRC32;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The benchmark table {@code benchdb.orders} and its rows. Every column value is a pure function of the id,
 * so the expected content of the target (row count, per-row checksum, any single row) is computed here
 * without keeping the data, and a run that writes wrong values cannot pass.
 *
 * <p>Source-side DDL this imitates (MariaDB):
 * <pre>
 * CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id INT NOT NULL, quantity INT NOT NULL, status SMALLINT NOT NULL,
 *   name VARCHAR(64) NOT NULL, amount DECIMAL(12,2), created_at DATETIME(6) NOT NULL, note TEXT)
 * </pre>
 * The Connect schemas are what Debezium's MariaDB connector emits for that table with
 * {@code datatype.propagate.source.type=.+} (as the project's end-to-end test configures it).
 */
final class BenchRows {
    static final String TOPIC_PREFIX = "bench";
    static final String SOURCE_DB = "benchdb";
    static final String TABLE = "orders";

    private static final long BASE_MICROS = LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final String FILLER = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore "
            + "et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation";

    static final Schema KEY_SCHEMA = SchemaBuilder.struct().name(TOPIC_PREFIX + "." + SOURCE_DB + "." + TABLE + ".Key")
            .field("id", source(SchemaBuilder.int64(), "BIGINT", 20, null).build())
            .build();

    static final Schema ROW_SCHEMA = SchemaBuilder.struct().name(TOPIC_PREFIX + "." + SOURCE_DB + "." + TABLE + ".Value").optional()
            .field("id", source(SchemaBuilder.int64(), "BIGINT", 20, null).build())
            .field("customer_id", source(SchemaBuilder.int32(), "INT", 11, null).build())
            .field("quantity", source(SchemaBuilder.int32(), "INT", 11, null).build())
            .field("status", source(SchemaBuilder.int16(), "SMALLINT", 6, null).build())
            .field("name", source(SchemaBuilder.string(), "VARCHAR", 64, null).build())
            .field("amount", source(Decimal.builder(2).parameter("connect.decimal.precision", "12"), "DECIMAL", 12, 2).optional().build())
            .field("created_at", source(SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1), "DATETIME", 6, null).build())
            .field("note", source(SchemaBuilder.string(), "TEXT", 65535, null).optional().build())
            .build();

    static final Schema SOURCE_SCHEMA = SchemaBuilder.struct().name("io.debezium.connector.mariadb.Source")
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("snapshot", SchemaBuilder.string().optional().name("io.debezium.data.Enum").version(1)
                    .parameter("allowed", "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental").defaultValue("false")
                    .build())
            .field("db", Schema.STRING_SCHEMA)
            .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA)
            .field("server_id", Schema.INT64_SCHEMA)
            .field("gtid", Schema.OPTIONAL_STRING_SCHEMA)
            .field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA)
            .field("row", Schema.INT32_SCHEMA)
            .field("thread", Schema.OPTIONAL_INT64_SCHEMA)
            .field("query", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    static final Schema TRANSACTION_SCHEMA = SchemaBuilder.struct().name("event.block").version(1).optional()
            .field("id", Schema.STRING_SCHEMA)
            .field("total_order", Schema.INT64_SCHEMA)
            .field("data_collection_order", Schema.INT64_SCHEMA)
            .build();

    static final Schema ENVELOPE_SCHEMA = SchemaBuilder.struct().name(TOPIC_PREFIX + "." + SOURCE_DB + "." + TABLE + ".Envelope").version(2)
            .field("before", ROW_SCHEMA)
            .field("after", ROW_SCHEMA)
            .field("source", SOURCE_SCHEMA)
            .field("transaction", TRANSACTION_SCHEMA)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    /** Debezium's transaction topic, {@code <topic.prefix>.transaction}: row topics are {@code <prefix>.<collection>}. */
    static final String TRANSACTION_TOPIC = TOPIC_PREFIX + ".transaction";

    private static final Schema COLLECTION_SCHEMA = SchemaBuilder.struct().name("event.collection").version(1)
            .field("data_collection", Schema.STRING_SCHEMA).field("event_count", Schema.INT64_SCHEMA).build();

    /** Debezium's BEGIN/END record of a transaction (io.debezium.connector.common.TransactionMetadataValue). */
    static final Schema BOUNDARY_SCHEMA = SchemaBuilder.struct().name("io.debezium.connector.common.TransactionMetadataValue").version(1)
            .field("status", Schema.STRING_SCHEMA).field("id", Schema.STRING_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA)
            .field("event_count", Schema.OPTIONAL_INT64_SCHEMA)
            .field("data_collections", SchemaBuilder.array(COLLECTION_SCHEMA).optional().build()).build();

    private BenchRows() {
    }

    private static String transactionId(String topic, long id, int txSize) {
        return topic + ":" + ((id - 1) / txSize);
    }

    /** Makes a snapshot envelope a change event (op=c) of a source transaction of txSize rows, with Debezium's transaction block. */
    static void inTransaction(Struct envelope, String topic, long id, int txSize) {
        envelope.getStruct("source").put("snapshot", "false");
        envelope.put("op", "c");
        long order = (id - 1) % txSize + 1;
        envelope.put("transaction", new Struct(TRANSACTION_SCHEMA).put("id", transactionId(topic, id, txSize))
                .put("total_order", order).put("data_collection_order", order));
    }

    /** The END record of the transaction that row id closes; its data collection is the row topic without the prefix. */
    static Struct transactionEnd(String topic, long id, int txSize, long size, long tsMs) {
        Struct c = new Struct(COLLECTION_SCHEMA).put("data_collection", topic.substring(TOPIC_PREFIX.length() + 1)).put("event_count", size);
        return new Struct(BOUNDARY_SCHEMA).put("status", "END").put("id", transactionId(topic, id, txSize)).put("ts_ms", tsMs)
                .put("event_count", size).put("data_collections", java.util.List.of(c));
    }

    static String topic() {
        return TOPIC_PREFIX + "." + SOURCE_DB + "." + TABLE;
    }

    private static SchemaBuilder source(SchemaBuilder b, String type, Integer length, Integer scale) {
        b.parameter("__debezium.source.column.type", type);
        if (length != null) {
            b.parameter("__debezium.source.column.length", String.valueOf(length));
        }
        if (scale != null) {
            b.parameter("__debezium.source.column.scale", String.valueOf(scale));
        }
        return b;
    }

    static int customerId(long id) {
        return (int) (id * 7919 % 100_000);
    }

    static int quantity(long id) {
        return (int) (id % 50) + 1;
    }

    static short status(long id) {
        return (short) (id % 5);
    }

    static String name(long id) {
        return "customer-" + (id * 31 % 1_000_003) + (id % 3 == 0 ? "-gmbh" : "");
    }

    /** NULL for every 17th row. */
    static BigDecimal amount(long id) {
        return id % 17 == 0 ? null : BigDecimal.valueOf(id * 37 % 10_000_000, 2);
    }

    static long createdAtMicros(long id) {
        return BASE_MICROS + id * 1_000_003L;
    }

    static String createdAtText(long id) {
        long micros = createdAtMicros(id);
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC)
                .format(MICROS);
    }

    /** About 100 bytes; NULL for every 10th row; every 7th carries non-ASCII characters. */
    static String note(long id) {
        if (id % 10 == 0) {
            return null;
        }
        String head = "order " + id + (id % 7 == 0 ? " – Grüße, 東京 " : " ");
        int start = (int) (id % 20);
        return head + FILLER.substring(start, start + 100 - Math.min(head.length(), 40) - 10 + (int) (id % 10));
    }

    static Struct key(long id) {
        return new Struct(KEY_SCHEMA).put("id", id);
    }

    static Struct row(long id) {
        return new Struct(ROW_SCHEMA)
                .put("id", id)
                .put("customer_id", customerId(id))
                .put("quantity", quantity(id))
                .put("status", status(id))
                .put("name", name(id))
                .put("amount", amount(id))
                .put("created_at", createdAtMicros(id))
                .put("note", note(id));
    }

    /** A snapshot (op=r) envelope, as Debezium's initial snapshot emits it. */
    static Struct snapshotEnvelope(long id, long n, long tsMs) {
        return envelope(id, snapshotSource(id, n, tsMs), tsMs);
    }

    /** The source block of row {@code id} of {@code n}: the same values for every row but the first and the last. */
    static Struct snapshotSource(long id, long n, long tsMs) {
        return new Struct(SOURCE_SCHEMA)
                .put("version", "3.5.0.Final")
                .put("connector", "mariadb")
                .put("name", TOPIC_PREFIX)
                .put("ts_ms", tsMs)
                .put("snapshot", id == n ? "last" : (id == 1 ? "first" : "true"))
                .put("db", SOURCE_DB)
                .put("ts_us", tsMs * 1000)
                .put("ts_ns", tsMs * 1_000_000)
                .put("table", TABLE)
                .put("server_id", 0L)
                .put("file", "mariadb-bin.000042")
                .put("pos", 342L)
                .put("row", 0);
    }

    /** The envelope of row {@code id} with the given source block. */
    static Struct envelope(long id, Struct source, long tsMs) {
        return new Struct(ENVELOPE_SCHEMA)
                .put("after", row(id))
                .put("source", source)
                .put("op", "r")
                .put("ts_ms", tsMs)
                .put("ts_us", tsMs * 1000)
                .put("ts_ns", tsMs * 1_000_000);
    }

    /**
     * The per-row text the checksum hashes; the SQL twin is {@link #ROW_TEXT_SQL}. NULLs are spelled out so
     * NULL and empty string differ.
     */
    static String rowText(long id) {
        BigDecimal a = amount(id);
        String n = note(id);
        return id + "|" + customerId(id) + "|" + quantity(id) + "|" + status(id) + "|" + name(id) + "|"
                + (a == null ? "<null>" : a.toPlainString()) + "|" + createdAtText(id) + "|" + (n == null ? "<null>" : n);
    }

    static final String ROW_TEXT_SQL = "CONCAT_WS('|', id, customer_id, quantity, status, name, IFNULL(CAST(amount AS CHAR), '<null>'), "
            + "DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f'), IFNULL(note, '<null>'))";

    static long crc32(String s) {
        CRC32 c = new CRC32();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return c.getValue();
    }

    /** Expected SUM(CRC32(row text)) over ids 1..n. */
    static long expectedChecksum(long n) {
        long sum = 0;
        for (long id = 1; id <= n; id++) {
            sum += crc32(rowText(id));
        }
        return sum;
    }

    static Map<String, String> describeTable() {
        return Map.of("table", SOURCE_DB + "." + TABLE, "columns",
                "id BIGINT PK, customer_id INT, quantity INT, status SMALLINT, name VARCHAR(64), amount DECIMAL(12,2) NULL, "
                        + "created_at DATETIME(6), note TEXT NULL (~100 bytes)");
    }
}
