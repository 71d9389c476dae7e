package io.obkc.bench.source;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The benchmark table, shaped like bench/sink's {@code orders}: every column value of a loaded row is a pure function
 * of its id, so the snapshot in Kafka is checked against values computed here (row count, ids, a checksum of every
 * row's text) without keeping the data. The value functions are the same as bench/sink's {@code BenchRows} (kept apart
 * on purpose: the two benchmark modules do not depend on each other).
 */
final class OrdersTable {
    static final String TABLE = "orders";
    static final String DDL = "CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY, customer_id INT NOT NULL, quantity INT NOT NULL, "
            + "status SMALLINT NOT NULL, name VARCHAR(64) NOT NULL, amount DECIMAL(12,2), created_at DATETIME(6) NOT NULL, note TEXT)";
    static final String INSERT = "INSERT INTO " + TABLE + " (id, customer_id, quantity, status, name, amount, created_at, note) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String COLUMNS = "id BIGINT PK, customer_id INT, quantity INT, status SMALLINT, name VARCHAR(64), amount DECIMAL(12,2) NULL, "
            + "created_at DATETIME(6), note TEXT NULL (~100 bytes, some non-ASCII)";

    private static final long BASE_MICROS = LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final String FILLER = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore "
            + "et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation";

    private OrdersTable() {
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

    /** About 100 bytes; NULL for every 10th row; every 7th carries non-ASCII characters. */
    static String note(long id) {
        if (id % 10 == 0) {
            return null;
        }
        String head = "order " + id + (id % 7 == 0 ? " – Grüße, 東京 " : " ");
        int start = (int) (id % 20);
        return head + FILLER.substring(start, start + 100 - Math.min(head.length(), 40) - 10 + (int) (id % 10));
    }

    /** Binds the generated row {@code id} to {@link #INSERT}, with {@code name} instead of the generated name when not null. */
    static void bind(PreparedStatement ps, long id, String name) throws SQLException {
        ps.setLong(1, id);
        ps.setInt(2, customerId(id));
        ps.setInt(3, quantity(id));
        ps.setShort(4, status(id));
        ps.setString(5, name != null ? name : name(id));
        ps.setBigDecimal(6, amount(id));
        long micros = createdAtMicros(id);
        // The session runs in UTC (DatabaseEndpoint's URL); a LocalDateTime goes over as text, no zone shift.
        ps.setObject(7, LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000,
                ZoneOffset.UTC));
        ps.setString(8, note(id));
    }

    static String microsText(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC)
                .format(MICROS);
    }

    /** The text of generated row {@code id} that the checksum hashes; NULLs spelled out so NULL and '' differ. */
    static String rowText(long id) {
        BigDecimal a = amount(id);
        String n = note(id);
        return id + "|" + customerId(id) + "|" + quantity(id) + "|" + status(id) + "|" + name(id) + "|"
                + (a == null ? "<null>" : a.toPlainString()) + "|" + microsText(createdAtMicros(id)) + "|" + (n == null ? "<null>" : n);
    }

    /**
     * The same text from an {@code after} image as JsonConverter (schemas enabled, decimal.format=BASE64) writes the
     * connector's row: DECIMAL as the base64 of the unscaled value, DATETIME(6) as io.debezium.time.MicroTimestamp.
     */
    static String rowText(JsonNode after) {
        JsonNode amount = after.get("amount");
        String a = amount == null || amount.isNull() ? "<null>"
                : new BigDecimal(new BigInteger(Base64.getDecoder().decode(amount.asText())), 2).toPlainString();
        JsonNode note = after.get("note");
        return after.get("id").asLong() + "|" + after.get("customer_id").asInt() + "|" + after.get("quantity").asInt() + "|"
                + after.get("status").asInt() + "|" + after.get("name").asText() + "|" + a + "|" + microsText(after.get("created_at").asLong())
                + "|" + (note == null || note.isNull() ? "<null>" : note.asText());
    }

    static long crc32(String s) {
        CRC32 c = new CRC32();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return c.getValue();
    }

    /** Expected sum of CRC32(row text) over ids 1..n. */
    static long expectedChecksum(long n) {
        long sum = 0;
        for (long id = 1; id <= n; id++) {
            sum += crc32(rowText(id));
        }
        return sum;
    }
}
