package io.obkc.bulkload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.obkc.bulkload.cli.BulkLoadCommand;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;
import picocli.CommandLine;

/**
 * obkc-bulk-load against the real servers: MariaDB → seekdb and PostgreSQL → seekdb, with several chunks and threads,
 * then every row compared with plain JDBC (binary protocol on the MySQL side, so FLOAT/DOUBLE are read exactly), not
 * with the tool's own SQL. Also: what it refuses (no primary key, values the target cannot hold) and a repeated run.
 */
class BulkLoadToolIT {
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
        }
    }

    static Run tool(DatabaseEndpoint src, String... extra) {
        DatabaseEndpoint ob = TestBed.oceanbase();
        List<String> a = new ArrayList<>(List.of("--source-url", src.kind() == DatabaseEndpoint.Kind.POSTGRESQL ? src.jdbcUrl()
                : "jdbc:mariadb://" + src.host() + ":" + src.port() + "/", "--source-user", src.user(), "--source-password",
                src.password(), "--target-url", "jdbc:oceanbase://" + ob.host() + ":" + ob.port() + "/", "--target-user", ob.user(),
                "--target-password", ob.password()));
        a.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BulkLoadCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = cl.execute(a.toArray(String[]::new));
        Run r = new Run(code, out.toString(), err.toString());
        System.err.println("[obkc-bulk-load " + String.join(" ", extra) + "] " + r);
        return r;
    }

    /** Normalization of one column for the comparison: the value, not its spelling. */
    enum K { STR, NUM, F4, F8, BIN, TS, BOOL }

    static List<String> rows(Connection c, String sql, K... kinds) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < kinds.length; i++) {
                    b.append(i == 0 ? "" : " | ").append(value(rs, i + 1, kinds[i]));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    private static String value(ResultSet rs, int i, K k) throws SQLException {
        String s = rs.getString(i);
        if (s == null) {
            return "NULL";
        }
        return switch (k) {
            case STR -> s;
            case NUM -> new BigDecimal(s).stripTrailingZeros().toPlainString();
            case F4 -> Float.toString(rs.getFloat(i));
            case F8 -> Double.toString(rs.getDouble(i));
            case BIN -> HexFormat.of().formatHex(rs.getBytes(i));
            case BOOL -> rs.getBoolean(i) ? "1" : "0";
            // Trailing fractional zeros are spelling: PostgreSQL omits them, MySQL pads to the column's digits.
            case TS -> s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        };
    }

    /** A MySQL-protocol connection that reads results in the binary protocol (exact FLOAT/DOUBLE values). */
    static Connection binary(DatabaseEndpoint db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl("") + "&useServerPrepStmts=true", db.user(), db.password());
    }

    @Test
    void mariaDbToSeekdb() throws Exception {
        DatabaseEndpoint src = TestBed.mysql();
        DatabaseEndpoint ob = TestBed.oceanbase();
        src.recreateDatabase("bl_it");
        ob.recreateDatabase("bl_it_ob");
        String cols = "(id BIGINT UNSIGNED PRIMARY KEY, d DECIMAL(30,10), dt DATETIME(6), ts TIMESTAMP(6) NULL, "
                + "s VARCHAR(100) CHARACTER SET utf8mb4, b VARBINARY(32), f FLOAT, g DOUBLE, bt BIT(5), tm TIME(3), y YEAR, "
                + "e ENUM('a','b c'), n INT, bl BLOB)";
        String pair = "(a INT, b VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, v INT, PRIMARY KEY (a, b))";
        src.execute("CREATE TABLE bl_it.t " + cols, "CREATE TABLE bl_it.pair " + pair,
                "INSERT INTO bl_it.t VALUES (0, 12345678901234567890.0123456789, '2024-02-29 23:59:59.999999', "
                        + "'2038-01-19 03:14:07.5', 'héllo 世界 😀 \\\\ ''q''', x'00275cff0a', 1.2345678, 3.4028234e38, b'10101', "
                        + "'-00:30:00.500', 2155, 'b c', -2147483648, x'00ff00')",
                "INSERT INTO bl_it.t VALUES (18446744073709551615, -0.0000000001, '1000-01-01 00:00:00', NULL, '', x'', "
                        + "-1.17549435e-38, 1e-300, b'0', '838:59:59', 1901, 'a', 0, NULL)",
                "INSERT INTO bl_it.t (id) VALUES (1)");
        try (Connection c = src.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO bl_it.t VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, NULL)");
                PreparedStatement pp = c.prepareStatement("INSERT INTO bl_it.pair VALUES (?, ?, ?)")) {
            for (int i = 2; i < 6000; i++) {
                ps.setLong(1, i * 7L);
                ps.setBigDecimal(2, new BigDecimal(i + ".0000000001"));
                ps.setString(3, "2020-01-01 00:00:00." + String.format("%06d", i));
                ps.setString(4, "row " + i + " ü");
                ps.setBytes(5, new byte[] {(byte) i, (byte) (i >> 8), 0});
                ps.setFloat(6, i / 3.0f);
                ps.setDouble(7, i / 7.0);
                ps.setInt(8, i % 32);
                ps.setInt(9, i % 3 == 0 ? Integer.MIN_VALUE : i);
                ps.addBatch();
                pp.setInt(1, i % 10);
                pp.setString(2, (i % 2 == 0 ? "Ä" : "a") + i);
                pp.setInt(3, i);
                pp.addBatch();
            }
            ps.executeBatch();
            pp.executeBatch();
        }
        ob.execute("CREATE TABLE bl_it_ob.t " + cols, "CREATE TABLE bl_it_ob.pair " + pair);

        Run r = tool(src, "--include", "bl_it.*=bl_it_ob.*", "--threads", "3", "--chunk-rows", "700", "--batch-rows", "64");
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).contains("6,001 rows in 9 chunk(s)").contains("5,998 rows");

        String t = "SELECT id, d, CAST(dt AS CHAR), CAST(ts AS CHAR), s, b, f, g, bt + 0, CAST(tm AS CHAR), CAST(y AS CHAR), e, n, bl FROM %s.t ORDER BY id";
        K[] kinds = {K.NUM, K.NUM, K.TS, K.TS, K.STR, K.BIN, K.F4, K.F8, K.NUM, K.TS, K.STR, K.STR, K.NUM, K.BIN};
        String p = "SELECT a, HEX(b), v FROM %s.pair ORDER BY a, HEX(b)";
        try (Connection s = binary(src); Connection o = binary(ob)) {
            s.createStatement().execute("SET time_zone = '+00:00'");
            o.createStatement().execute("SET time_zone = '+00:00'");
            List<String> expected = rows(s, String.format(t, "bl_it"), kinds);
            assertThat(expected).hasSize(6001);
            assertThat(expected.get(0)).isEqualTo("0 | 12345678901234567890.0123456789 | 2024-02-29 23:59:59.999999 | "
                    + "2038-01-19 03:14:07.5 | héllo 世界 😀 \\ 'q' | 00275cff0a | 1.2345678 | 3.4028234E38 | 21 | -00:30:00.5 | "
                    + "2155 | b c | -2147483648 | 00ff00");
            assertThat(rows(o, String.format(t, "bl_it_ob"), kinds)).as("target rows equal the source's").isEqualTo(expected);
            assertThat(rows(o, String.format(p, "bl_it_ob"), K.NUM, K.STR, K.NUM)).isEqualTo(rows(s, String.format(p, "bl_it"), K.NUM, K.STR, K.NUM));
        }

        // Upserts: a second run over the same rows, with one row changed on the target meanwhile, restores it.
        ob.execute("UPDATE bl_it_ob.t SET s = 'changed', n = NULL WHERE id = 14");
        assertThat(tool(src, "--include", "bl_it.t=bl_it_ob.t", "--chunk-rows", "5000").exit()).isZero();
        try (Connection s = binary(src); Connection o = binary(ob)) {
            assertThat(rows(o, String.format(t, "bl_it_ob"), kinds)).isEqualTo(rows(s, String.format(t, "bl_it"), kinds));
        }

        // A table without a primary key is refused before anything is copied.
        src.execute("CREATE TABLE bl_it.nokey (a INT)");
        ob.execute("CREATE TABLE bl_it_ob.nokey (a INT)");
        Run nokey = tool(src, "--include", "bl_it.*=bl_it_ob.*");
        assertThat(nokey.exit()).isEqualTo(2);
        assertThat(nokey.err()).contains("bl_it.nokey").contains("no primary key").contains("nothing was copied");

        // A value the target cannot hold (a narrower column) is named by table, key and reason: exit 1, the others copied.
        src.execute("CREATE TABLE bl_it.narrow (id INT PRIMARY KEY, s VARCHAR(20))", "INSERT INTO bl_it.narrow VALUES (1, 'ok'), "
                + "(2, 'far too long'), (3, 'ok too')");
        ob.execute("CREATE TABLE bl_it_ob.narrow (id INT PRIMARY KEY, s VARCHAR(3))");
        Run narrow = tool(src, "--include", "bl_it.narrow=bl_it_ob.narrow");
        assertThat(narrow.exit()).as("%s", narrow).isEqualTo(1);
        assertThat(narrow.err()).contains("bl_it.narrow key (id=2)").contains("the target refused the row");
        assertThat(rows(ob.connect(), "SELECT id FROM bl_it_ob.narrow ORDER BY id", K.NUM)).containsExactly("1");
    }

    @Test
    void postgresToSeekdb() throws Exception {
        DatabaseEndpoint src = TestBed.postgres();
        DatabaseEndpoint ob = TestBed.oceanbase();
        src.recreateDatabase("bl_it_pg");
        ob.recreateDatabase("bl_it_pg_ob");
        src.execute("CREATE TABLE bl_it_pg.t (id bigint PRIMARY KEY, n numeric(30,10), dt timestamp(6), tz timestamptz, s text, "
                        + "b bytea, r real, d double precision, flag boolean, day date, tm time(3), u uuid, j jsonb, free numeric)",
                "INSERT INTO bl_it_pg.t VALUES (0, 12345678901234567890.0123456789, '2024-02-29 23:59:59.999999', "
                        + "'2024-06-30 23:00:00.123456+02', 'héllo 世界 😀 \\ ''q''', '\\x00275cff0a', 1.2345678, 1e-300, true, "
                        + "'0001-01-01', '23:59:59.999', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"k\": [1, 2.5, \"x\"]}', 1.25)",
                "INSERT INTO bl_it_pg.t (id) VALUES (-1)",
                "INSERT INTO bl_it_pg.t SELECT g, g + 0.5, timestamp '2020-01-01' + g * interval '1 microsecond', NULL, 'row ' || g, "
                        + "int4send(g), g / 3.0, g / 7.0, g % 2 = 0, NULL, NULL, NULL, NULL, g FROM generate_series(1, 5000) g");
        ob.execute("CREATE TABLE bl_it_pg_ob.t (id BIGINT PRIMARY KEY, n DECIMAL(30,10), dt DATETIME(6), tz DATETIME(6), s LONGTEXT, "
                + "b LONGBLOB, r FLOAT, d DOUBLE, flag TINYINT(1), day DATE, tm TIME(3), u CHAR(36), j JSON, free DECIMAL(65,30))");

        Run r = tool(src, "--include", "bl_it_pg.*=bl_it_pg_ob.*", "--exclude", "bl_it_pg.odd", "--threads", "3", "--chunk-rows", "600", "--batch-rows", "100");
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).contains("5,002 rows in 9 chunk(s)");

        K[] kinds = {K.NUM, K.NUM, K.TS, K.TS, K.STR, K.BIN, K.F4, K.F8, K.BOOL, K.STR, K.TS, K.STR, K.STR, K.NUM};
        List<String> expected;
        try (Connection s = src.connect()) {
            s.createStatement().execute("SET TimeZone = 'UTC'");
            expected = rows(s, "SELECT id, n, dt::text, (tz AT TIME ZONE 'UTC')::text, s, b, r, d, flag, day::text, tm::text, "
                    + "u::text, j::text, free FROM bl_it_pg.t ORDER BY id", kinds);
        }
        assertThat(expected).hasSize(5002);
        assertThat(expected.get(1)).startsWith("0 | 12345678901234567890.0123456789 | 2024-02-29 23:59:59.999999 | "
                + "2024-06-30 21:00:00.123456 | héllo 世界 😀 \\ 'q' | 00275cff0a | 1.2345678 | 1.0E-300 | 1 | 0001-01-01 | 23:59:59.999");
        List<String> actual;
        try (Connection o = binary(ob)) {
            // JSON: compared as documents below (OceanBase spells a JSON value its own way).
            actual = rows(o, "SELECT id, n, CAST(dt AS CHAR), CAST(tz AS CHAR), s, b, r, d, flag, CAST(day AS CHAR), CAST(tm AS CHAR), "
                    + "u, j, free FROM bl_it_pg_ob.t ORDER BY id", kinds);
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i).split(" \\| ", -1);
            String[] a = actual.get(i).split(" \\| ", -1);
            assertThat(json.readTree(a[12].equals("NULL") ? "null" : a[12])).as("json of %s", e[0])
                    .isEqualTo(json.readTree(e[12].equals("NULL") ? "null" : e[12]));
            e[12] = a[12] = "";
            assertThat(String.join(" | ", a)).isEqualTo(String.join(" | ", e));
        }
        assertThat(actual).hasSize(expected.size());

        // Values without an exact target are refused by table, key, column and reason; the other rows are copied.
        src.execute("CREATE TABLE bl_it_pg.odd (id int PRIMARY KEY, n numeric, day date)",
                "INSERT INTO bl_it_pg.odd VALUES (1, 1.5, '2024-01-01'), (2, 'NaN', '2024-01-01'), (3, 1, 'infinity'), "
                        + "(4, 0.1234567890123456789012345678901, '2024-01-01')");
        ob.execute("CREATE TABLE bl_it_pg_ob.odd (id INT PRIMARY KEY, n DECIMAL(65,30), day DATE)");
        Run odd = tool(src, "--include", "bl_it_pg.odd=bl_it_pg_ob.odd");
        assertThat(odd.exit()).as("%s", odd).isEqualTo(1);
        assertThat(odd.err()).contains("bl_it_pg.odd key (id=2): column n (numeric): NaN")
                .contains("bl_it_pg.odd key (id=3): column day (date): 'infinity'")
                .contains("bl_it_pg.odd key (id=4): column n (numeric)").contains("31 fractional digits");
        assertThat(rows(ob.connect(), "SELECT id, n FROM bl_it_pg_ob.odd ORDER BY id", K.NUM, K.NUM)).containsExactly("1 | 1.5");

        Run check = tool(src, "--include", "bl_it_pg.*=bl_it_pg_ob.*", "--check");
        assertThat(check.exit()).isZero();
        assertThat(check.out()).contains("2 table(s) can be copied exactly");
    }
}
