package io.obkc.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.obkc.common.rules.ObjectName;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;
import io.obkc.verifier.core.VerifyReport;
import io.obkc.verifier.model.TableResult;
import io.obkc.verifier.model.TableStatus;
import io.obkc.verifier.report.CorrectionSql;

/**
 * verify → correct → verify converges to CONSISTENT for every type of the verifier's corpus, with edge values
 * (key 0 under AUTO_INCREMENT, DOUBLE extremes, -0.0, non-UTF-8 bytes, JSON {@code []}, GEOMETRY, an
 * {@code ON UPDATE CURRENT_TIMESTAMP} column, PostgreSQL arrays/money/inet/jsonb), and an independent oracle
 * agrees: plain JDBC reads of both tables in key order, compared per column by {@link Oracle}, which shares no code
 * with the verifier.
 */
class ConvergenceIT {
    static final ObjectMapper JSON = new ObjectMapper();

    // ---- MariaDB -> OceanBase -----------------------------------------------------------------------------------

    static final String MY_DDL = "CREATE TABLE conv (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, i_tiny TINYINT,"
            + " u_big BIGINT UNSIGNED, y YEAR, d_dec DECIMAL(20,6), f_float FLOAT, f_double DOUBLE, bit5 BIT(5),"
            + " s_var VARCHAR(100), s_text TEXT, e_enum ENUM('a','b','c'), s_set SET('x','y'), b_bin BINARY(4),"
            + " b_varbin VARBINARY(32), b_blob BLOB, dt_date DATE, dt_time TIME(6), dt_dt DATETIME(6),"
            + " ts_upd TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, j_json JSON,"
            + " g_geom GEOMETRY, g_point POINT) DEFAULT CHARSET utf8mb4";

    /** One row per line: id and values as SQL literals valid on MariaDB and OceanBase alike. */
    static final List<String> MY_ROWS = List.of(
            "0, -128, 18446744073709551615, 2155, 99999999999999.999999, 3.4028234e38, 1.7976931348623157E308, b'11111',"
                    + " 'key zero', 'zero', 'a', 'x,y', X'FF00FE80', X'C328', X'FFFEFD00275C', '1000-01-01',"
                    + " '-838:59:59.000000', '1000-01-01 00:00:00.000000', '2001-01-01 00:00:01', '[]',"
                    + " ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('POINT(3.5 -4)')",
            "1, 0, 0, 1901, -0.000001, -0, -0e0, b'0', '', '', 'b', '', X'00000000', X'', X'', '9999-12-31',"
                    + " '838:59:58.999999', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07', '{}',"
                    + " ST_GeomFromText('LINESTRING(0 0,1 1,2 0.5)'), ST_GeomFromText('POINT(0 0)')",
            "2, 127, 1, 2000, 0, 1.17549435e-38, 4.9E-324, b'101', 'quote '' backslash \\\\ emoji \uD83C\uDF89', 'line1\\nline2',"
                    + " 'c', 'y', X'80818283', X'FF', X'8081', '2024-02-29', '00:00:00.000001', '2024-02-29 12:34:56.789012',"
                    + " '2024-02-29 12:34:56', '{\"a\": \"x\\\\\"y\\\\n\", \"k\": [1, 2.50, null, true], \"e\": []}',"
                    + " ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0))'), ST_GeomFromText('POINT(-180 90)')",
            "3, -1, 42, 1999, 12345.678900, 0.1, 0.30000000000000004, b'1', 'a ', 'ü', 'a', 'x', X'61626364', X'616263',"
                    + " X'C0AF', '2000-01-01', '12:00:00', '2000-01-01 00:00:00', '2020-06-01 00:00:00', '[[], {}, \"\"]',"
                    + " ST_GeomFromText('MULTIPOINT(1 1,2 2)'), ST_GeomFromText('POINT(1e-300 1e300)')",
            "4, 5, 5, 2001, -99999999999999.999999, -3.4028234e38, -2.2250738585072014E-308, b'10', 'x', 'y', 'b', 'x,y',"
                    + " X'01020304', X'0102', X'FFFFFFFF', '1970-01-01', '-00:00:00.500000', '1970-01-01 00:00:01.000000',"
                    + " '1970-01-02 00:00:00', '\"just a string\"', NULL, NULL",
            "5, NULL, NULL, NULL, NULL, NULL, 1e15, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                    + " '2010-10-10 10:10:10', NULL, NULL, NULL",
            "6, 6, 6, 2006, 6, 16777217, 123456789012345680000, b'110', 's6', 't6', 'c', 'y', X'06060606', X'06', X'06',"
                    + " '2006-06-06', '06:06:06', '2006-06-06 06:06:06', '2006-06-06 06:06:06', '[6, \"six\"]',"
                    + " ST_GeomFromText('POINT(6 6)'), ST_GeomFromText('POINT(6 6)')");

    @Test
    void mariadbToOceanBaseConvergesForEveryTypeAndTheOracleAgrees() throws Exception {
        DatabaseEndpoint src = TestBed.mysql();
        DatabaseEndpoint tgt = TestBed.oceanbase();
        String db = "vf_conv_my";
        for (DatabaseEndpoint e : new DatabaseEndpoint[] {src, tgt}) {
            e.recreateDatabase(db);
            List<String> sql = new ArrayList<>(List.of("SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''),"
                    + " 'NO_AUTO_VALUE_ON_ZERO')", "SET time_zone = '+00:00'", MY_DDL));
            for (String r : MY_ROWS) {
                sql.add("INSERT INTO conv VALUES (" + r + ")");
            }
            Fixtures.exec(e, db, sql.toArray(String[]::new));
        }
        Oracle oracle = new Oracle(List.of("f_float"), List.of("f_double"), List.of("j_json"));
        ObjectName t = new ObjectName(db, "conv");
        assertThat(oracle.differingKeys(src, tgt, db, "SELECT * FROM conv ORDER BY id", "SELECT * FROM conv ORDER BY id"))
                .as(() -> "oracle on identical loads: " + oracle.details).isEmpty();
        VerifyReport first = Fixtures.verify(src, tgt, Fixtures.smallChunks(), t, t);
        TableResult r = first.tables().get(0).result();
        assertThat(r.error).isNull();
        assertThat(r.differencesSnapshot()).as("no false differences").isEmpty();
        assertThat(r.status).isEqualTo(TableStatus.CONSISTENT);

        Fixtures.exec(tgt, db, "SET time_zone = '+00:00'",
                "DELETE FROM conv WHERE id IN (0, 2)",                                   // inserts of key 0, JSON, GEOMETRY, bytes
                "UPDATE conv SET s_var = 'changed', ts_upd = ts_upd WHERE id = 1",       // ON UPDATE column must be set too
                "UPDATE conv SET j_json = '{}' WHERE id = 3",                            // [[], {}, ""] -> {}
                "UPDATE conv SET g_point = ST_GeomFromText('POINT(9 9)'), b_blob = X'00', ts_upd = ts_upd WHERE id = 4",
                "UPDATE conv SET f_double = 1, f_float = 2, ts_upd = ts_upd WHERE id = 6",
                "INSERT INTO conv (id, ts_upd) VALUES (77, '2011-11-11 11:11:11')");
        assertThat(oracle.differingKeys(src, tgt, db, "SELECT * FROM conv ORDER BY id", "SELECT * FROM conv ORDER BY id"))
                .as("oracle sees the injected differences").containsExactly("0", "1", "2", "3", "4", "6", "77");

        VerifyReport before = Fixtures.verify(src, tgt, Fixtures.smallChunks(), t, t);
        TableResult b = before.tables().get(0).result();
        assertThat(b.error).isNull();
        assertThat(DifferencesIT.byKey(b, io.obkc.verifier.model.DiffKind.MISSING_IN_TARGET)).containsOnlyKeys("0", "2");
        assertThat(DifferencesIT.byKey(b, io.obkc.verifier.model.DiffKind.EXTRA_IN_TARGET)).containsOnlyKeys("77");
        assertThat(DifferencesIT.byKey(b, io.obkc.verifier.model.DiffKind.DIFFERENT_COLUMNS)).containsOnlyKeys("1", "3", "4", "6");

        CorrectionSql.Applied applied = Fixtures.applyCorrections(tgt, before, true);
        assertThat(applied.failures()).isEmpty();

        VerifyReport after = Fixtures.verify(src, tgt, Fixtures.smallChunks(), t, t);
        TableResult a = after.tables().get(0).result();
        assertThat(a.differencesSnapshot()).isEmpty();
        assertThat(a.status).isEqualTo(TableStatus.CONSISTENT);
        assertThat(a.sourceRows).isEqualTo(a.targetRows).isEqualTo(MY_ROWS.size());
        assertThat(oracle.differingKeys(src, tgt, db, "SELECT * FROM conv ORDER BY id", "SELECT * FROM conv ORDER BY id"))
                .as("the oracle agrees after corrections").isEmpty();
    }

    // ---- PostgreSQL -> OceanBase ----------------------------------------------------------------------------------

    @Test
    void postgresToOceanBaseConvergesForArraysMoneyInetJsonbAndFloats() throws Exception {
        DatabaseEndpoint src = TestBed.postgres();
        DatabaseEndpoint tgt = TestBed.oceanbase();
        String db = "vf_conv_pg";
        src.recreateDatabase(db);
        tgt.recreateDatabase(db);
        Fixtures.exec(src, db, "CREATE TABLE conv (id int PRIMARY KEY, f4 real, f8 double precision, n numeric(30,10),"
                + " m money, ip inet, net cidr, a_int int[], a_txt text[], a_empty int[], j jsonb, jp json, b bytea,"
                + " ts timestamptz(6), u uuid)",
                "SET lc_monetary = 'C'",
                "INSERT INTO conv VALUES"
                + " (0, 3.4028235e38, 1.7976931348623157e308, 12345678901234567890.0123456789, 92233720368547758.07,"
                + "  '192.168.0.1', '10.0.0.0/8', '{1,2,3}', '{\"a\",\"b c\",\"q\\\"x\"}', '{}', '[]', '[1, 2]', '\\xFF00FE',"
                + "  '2024-02-29 12:34:56.789012+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),"
                + " (1, -0.0, -0.0, 0, 0, '::1', '2001:db8::/32', '{}', '{}', '{}', '{}', '{}', '\\x', '1970-01-01 00:00:00+00', NULL),"
                + " (2, 1.4e-45, 4.9e-324, -0.0000000001, -92233720368547758.08, '192.168.1.5/24', '192.168.1.0/24',"
                + "  '{-2147483648,2147483647}', '{\"\"}', '{}', '{\"k\": [1, 2.50, null], \"a\": {\"b\": \"\\u00fc\"}}',"
                + "  '{\"z\": 1, \"a\": 2}', '\\x8081', '2038-01-19 03:14:07.5+00', '00000000-0000-0000-0000-000000000000'),"
                + " (3, 0.1, 0.30000000000000004, 1.5, 1.5, '10.1.2.3', '10.1.2.3/32', '{NULL,1}', '{NULL}', '{}', 'null',"
                + "  '\"s\"', NULL, NULL, NULL),"
                + " (4, 16777217, 123456789012345680000, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                + " (5, -3.4028235e38, -2.2250738585072014e-308, 7, 7.07, 'fe80::1', '::/0', '{5}', '{five}', '{}', '[5]', '5',"
                + "  '\\x05', '2005-05-05 05:05:05+00', NULL)");
        Fixtures.exec(tgt, db, "CREATE TABLE conv (id INT PRIMARY KEY, f4 FLOAT, f8 DOUBLE, n DECIMAL(30,10), m DECIMAL(19,2),"
                + " ip VARCHAR(43), net VARCHAR(43), a_int JSON, a_txt JSON, a_empty JSON, j JSON, jp JSON, b LONGBLOB,"
                + " ts DATETIME(6), u CHAR(36)) DEFAULT CHARSET utf8mb4");
        copyAsTheSinkWrites(src, tgt, db);

        Oracle oracle = new Oracle(List.of("f4"), List.of("f8"), List.of("a_int", "a_txt", "a_empty", "j", "jp"));
        String srcSelect = "SELECT id, f4, f8, n, m::numeric AS m, ip, net, a_int, a_txt, a_empty, j, jp, b, ts, u FROM \""
                + db + "\".conv ORDER BY id";
        String tgtSelect = "SELECT * FROM conv ORDER BY id";
        assertThat(oracle.differingKeys(src, tgt, db, srcSelect, tgtSelect)).as(() -> "oracle on identical loads: " + oracle.details).isEmpty();
        ObjectName t = new ObjectName(db, "conv");
        TableResult r = Fixtures.verify(src, tgt, Fixtures.smallChunks(), t, t).tables().get(0).result();
        assertThat(r.error).isNull();
        assertThat(r.differencesSnapshot()).as("no false differences").isEmpty();
        assertThat(r.status).isEqualTo(TableStatus.CONSISTENT);

        Fixtures.exec(tgt, db, "DELETE FROM conv WHERE id IN (0, 1)",
                "UPDATE conv SET a_int = '{}', a_txt = '[\"x\"]', m = 1, ip = '1.1.1.1', f8 = 0.5, f4 = 0.5 WHERE id = 2",
                "UPDATE conv SET j = '{}', b = X'00' WHERE id = 3",
                "UPDATE conv SET f8 = 1e15, f4 = 0 WHERE id = 4");
        assertThat(oracle.differingKeys(src, tgt, db, srcSelect, tgtSelect)).containsExactly("0", "1", "2", "3", "4");
        VerifyReport before = Fixtures.verify(src, tgt, Fixtures.smallChunks(), t, t);
        TableResult b = before.tables().get(0).result();
        assertThat(b.error).isNull();
        assertThat(DifferencesIT.byKey(b, io.obkc.verifier.model.DiffKind.MISSING_IN_TARGET)).containsOnlyKeys("0", "1");
        assertThat(DifferencesIT.byKey(b, io.obkc.verifier.model.DiffKind.DIFFERENT_COLUMNS)).containsOnlyKeys("2", "3", "4");

        CorrectionSql.Applied applied = Fixtures.applyCorrections(tgt, before, true);
        assertThat(applied.failures()).isEmpty();
        TableResult a = Fixtures.verify(src, tgt, Fixtures.smallChunks(), t, t).tables().get(0).result();
        assertThat(a.differencesSnapshot()).isEmpty();
        assertThat(a.status).isEqualTo(TableStatus.CONSISTENT);
        assertThat(oracle.differingKeys(src, tgt, db, srcSelect, tgtSelect)).as("the oracle agrees after corrections").isEmpty();
    }

    /**
     * Writes the PostgreSQL rows into OceanBase the way the sink does (docs/type-mapping.md): arrays as JSON arrays,
     * money as its decimal amount, inet/cidr as PostgreSQL's text form, timestamptz in UTC, bytea as bytes.
     */
    private static void copyAsTheSinkWrites(DatabaseEndpoint src, DatabaseEndpoint tgt, String db) throws Exception {
        try (Connection s = src.connect(); Connection t = tgt.connect(db); Statement ss = s.createStatement();
                ResultSet rs = ss.executeQuery("SELECT id, f4, f8, n, m::numeric, ip, net, a_int, a_txt, a_empty,"
                        + " j::text, jp::text, b, ts, u::text FROM \"" + db + "\".conv ORDER BY id");
                java.sql.PreparedStatement ps = t.prepareStatement("INSERT INTO conv VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            try (Statement ts = t.createStatement()) {
                ts.execute("SET time_zone = '+00:00'");
            }
            while (rs.next()) {
                ps.setInt(1, rs.getInt(1));
                // As a double: Connector/J would send Float.MAX_VALUE as 3.4028235E38, which OceanBase rejects for FLOAT.
                ps.setObject(2, rs.getObject(2) == null ? null : (double) rs.getFloat(2));
                ps.setObject(3, rs.getObject(3) == null ? null : rs.getDouble(3));
                ps.setBigDecimal(4, rs.getBigDecimal(4));
                ps.setBigDecimal(5, rs.getBigDecimal(5));
                ps.setString(6, rs.getString(6));
                ps.setString(7, rs.getString(7));
                for (int i = 8; i <= 10; i++) {
                    Array a = rs.getArray(i);
                    ps.setString(i, a == null ? null : JSON.writeValueAsString(a.getArray()));
                }
                ps.setString(11, rs.getString(11));
                ps.setString(12, rs.getString(12));
                ps.setBytes(13, rs.getBytes(13));
                OffsetDateTime odt = rs.getObject(14, OffsetDateTime.class);
                ps.setString(14, odt == null ? null : odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString());
                ps.setString(15, rs.getString(15));
                ps.executeUpdate();
            }
        }
    }

    /**
     * The independent oracle: reads both tables in key order with plain JDBC and compares every column by value,
     * with its own small comparator (numbers by value, single and double precision as the binary floats they are,
     * bytes exactly, JSON and arrays as JSON trees with numbers by value, temporal values as java.time, the rest as
     * strings). Returns the keys (first column) of rows that differ or exist on one side only.
     */
    static final class Oracle {
        private final List<String> floatColumns;
        private final List<String> doubleColumns;
        private final List<String> jsonColumns;
        /** What differed in the last comparison, for assertion messages. */
        final List<String> details = new ArrayList<>();

        Oracle(List<String> floatColumns, List<String> doubleColumns, List<String> jsonColumns) {
            this.floatColumns = floatColumns;
            this.doubleColumns = doubleColumns;
            this.jsonColumns = jsonColumns;
        }

        List<String> differingKeys(DatabaseEndpoint src, DatabaseEndpoint tgt, String db, String srcSql, String tgtSql)
                throws Exception {
            Map<String, Map<String, Object>> s = read(src, db, srcSql);
            Map<String, Map<String, Object>> t = read(tgt, db, tgtSql);
            TreeSet<String> keys = new TreeSet<>((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
            keys.addAll(s.keySet());
            keys.addAll(t.keySet());
            List<String> out = new ArrayList<>();
            details.clear();
            for (String k : keys) {
                Map<String, Object> a = s.get(k);
                Map<String, Object> b = t.get(k);
                if (a == null || b == null || !a.keySet().equals(b.keySet())) {
                    out.add(k);
                    details.add(k + ": only on one side");
                    continue;
                }
                for (String col : a.keySet()) {
                    if (!same(a.get(col), b.get(col))) {
                        out.add(k);
                        details.add(k + "." + col + ": " + a.get(col) + " (" + type(a.get(col)) + ") vs " + b.get(col)
                                + " (" + type(b.get(col)) + ")");
                        break;
                    }
                }
            }
            return out;
        }

        private Map<String, Map<String, Object>> read(DatabaseEndpoint e, String db, String sql) throws Exception {
            boolean pg = e.kind() == DatabaseEndpoint.Kind.POSTGRESQL;
            Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
            // MySQL protocols: server-side prepared statements, so FLOAT and DOUBLE arrive in binary form (the text
            // protocol sends OceanBase's FLOAT with 6 digits only).
            try (Connection c = pg ? e.connect() : java.sql.DriverManager.getConnection(e.jdbcUrl(db)
                    + "&useServerPrepStmts=true", e.user(), e.password()); Statement st = c.createStatement()) {
                st.execute(pg ? "SET TIME ZONE 'UTC'" : "SET time_zone = '+00:00'");
                try (java.sql.PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.put(md.getColumnLabel(i).toLowerCase(), value(rs, i, md.getColumnLabel(i).toLowerCase(), pg, md.getColumnType(i)));
                        }
                        rows.put(rs.getString(1), row);
                    }
                }
            }
            return rows;
        }

        private Object value(ResultSet rs, int i, String col, boolean pg, int sqlType) throws Exception {
            if (rs.getString(i) == null) {
                return null;
            }
            if (floatColumns.contains(col)) {
                return rs.getFloat(i);
            }
            if (doubleColumns.contains(col)) {
                return rs.getDouble(i);
            }
            if (jsonColumns.contains(col)) {
                return sqlType == Types.ARRAY ? JSON.valueToTree(rs.getArray(i).getArray()) : JSON.readTree(rs.getString(i));
            }
            return switch (sqlType) {
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB, Types.BIT -> new Bytes(rs.getBytes(i));
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC, Types.REAL,
                        Types.FLOAT, Types.DOUBLE -> new BigDecimal(rs.getString(i));
                case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> pg
                        ? rs.getObject(i, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                        : rs.getObject(i, LocalDateTime.class);
                default -> rs.getString(i);
            };
        }

        private static boolean same(Object a, Object b) {
            if (a == null || b == null) {
                return a == b;
            }
            if (a instanceof Float x && b instanceof Float y) {
                return x.floatValue() == y.floatValue(); // -0.0 == 0.0 (MariaDB cannot store -0.0)
            }
            if (a instanceof Double x && b instanceof Double y) {
                return x.doubleValue() == y.doubleValue();
            }
            if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
                return x.compareTo(y) == 0;
            }
            if (a instanceof JsonNode x && b instanceof JsonNode y) {
                return sameJson(x, y);
            }
            if (a instanceof JsonNode x && b instanceof String y) {
                return y.startsWith("[") || y.startsWith("{") ? sameJson(x, readQuietly(y)) : false;
            }
            return a.equals(b);
        }

        private static String type(Object o) {
            return o == null ? "null" : o.getClass().getSimpleName();
        }

        private static JsonNode readQuietly(String s) {
            try {
                return JSON.readTree(s);
            } catch (Exception e) {
                return null;
            }
        }

        private static boolean sameJson(JsonNode x, JsonNode y) {
            if (x == null || y == null) {
                return x == y;
            }
            if (x.isNumber() && y.isNumber()) {
                return x.decimalValue().compareTo(y.decimalValue()) == 0;
            }
            if (x.isArray() && y.isArray()) {
                if (x.size() != y.size()) {
                    return false;
                }
                for (int i = 0; i < x.size(); i++) {
                    if (!sameJson(x.get(i), y.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            if (x.isObject() && y.isObject()) {
                if (x.size() != y.size()) {
                    return false;
                }
                Iterator<String> names = x.fieldNames();
                while (names.hasNext()) {
                    String n = names.next();
                    if (!sameJson(x.get(n), y.get(n))) {
                        return false;
                    }
                }
                return true;
            }
            return x.equals(y);
        }
    }

    /** A byte array with value equality. */
    record Bytes(byte[] b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(b, other.b);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(b);
        }

        @Override
        public String toString() {
            return java.util.HexFormat.of().formatHex(b);
        }
    }
}
