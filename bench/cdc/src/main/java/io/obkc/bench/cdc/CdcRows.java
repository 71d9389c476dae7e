package io.obkc.bench.cdc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;

/**
 * The captured table and its rows: a realistic order row (about 200 bytes) whose every column is a pure function of
 * the id, so the source and the target can be compared by checksum without keeping the data.
 */
final class CdcRows {
    static final String TABLE = "orders";
    static final String DDL = "CREATE TABLE " + TABLE + " (id BIGINT NOT NULL PRIMARY KEY, customer_id INT NOT NULL, quantity INT NOT NULL, "
            + "status SMALLINT NOT NULL, name VARCHAR(64) NOT NULL, amount DECIMAL(12,2) NULL, created_at DATETIME(6) NOT NULL, note TEXT NULL)";
    static final int COLUMNS = 8;
    /** The per-row text both sides hash; the same SQL on MariaDB and seekdb. */
    static final String ROW_TEXT_SQL = "CONCAT_WS('|', id, customer_id, quantity, status, name, IFNULL(CAST(amount AS CHAR), '<null>'), "
            + "DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f'), IFNULL(note, '<null>'))";

    private static final String FILLER = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore "
            + "et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation";
    private static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0);

    private CdcRows() {
    }

    /** INSERT of {@code rows} rows. */
    static String insert(int rows) {
        StringBuilder b = new StringBuilder("INSERT INTO ").append(TABLE)
                .append(" (id, customer_id, quantity, status, name, amount, created_at, note) VALUES ");
        String one = "(" + "?,".repeat(COLUMNS - 1) + "?)";
        for (int r = 0; r < rows; r++) {
            b.append(r == 0 ? "" : ",").append(one);
        }
        return b.toString();
    }

    /** Binds row {@code id} at the parameters from {@code first}; returns the next free parameter index. */
    static int bind(PreparedStatement ps, int first, long id) throws SQLException {
        int i = first;
        ps.setLong(i++, id);
        ps.setInt(i++, (int) (id * 7919 % 100_000));
        ps.setInt(i++, (int) (id % 50) + 1);
        ps.setShort(i++, (short) (id % 5));
        ps.setString(i++, "customer-" + (id * 31 % 1_000_003) + (id % 3 == 0 ? "-gmbh" : ""));
        if (id % 17 == 0) {
            ps.setNull(i++, Types.DECIMAL);
        } else {
            ps.setBigDecimal(i++, BigDecimal.valueOf(id * 37 % 10_000_000, 2));
        }
        ps.setObject(i++, BASE.plusNanos(id * 1_000_003_000L).withNano((int) (id % 1_000_000) * 1000));
        if (id % 10 == 0) {
            ps.setNull(i++, Types.VARCHAR);
        } else {
            String head = "order " + id + (id % 7 == 0 ? " – Grüße, 東京 " : " ");
            int start = (int) (id % 20);
            ps.setString(i++, head + FILLER.substring(start, start + 100 - Math.min(head.length(), 40) - 10 + (int) (id % 10)));
        }
        return i;
    }
}
