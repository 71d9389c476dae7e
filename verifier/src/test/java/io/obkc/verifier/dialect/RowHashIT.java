package io.obkc.verifier.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.obkc.common.rules.ObjectName;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;
import io.obkc.verifier.model.ColumnInfo;
import io.obkc.verifier.model.TypeCategory;

/**
 * The row hash's text encoding, evaluated in SQL on the real servers: every pair of awkward string values (the
 * separator's characters, the NULL marker, '' and NULL, backslash forms) hashes differently, and each row hashes
 * the same on MariaDB, seekdb and PostgreSQL, and the same as {@link Canon#hashText} in Java.
 */
class RowHashIT {
    static final String DB = "vf_rowhash";
    static final String[] VALUES = {null, "", "N", "|N", "|", "||", "|,", ",", "!", "|!", "a", "a|", "|a", "a|,b",
            "a|!b", "\\N", "\\", "\\|", "NULL", "é|ü"};
    static final List<ColumnInfo> COLUMNS = List.of(
            new ColumnInfo("a", "varchar", "varchar(20)", TypeCategory.STRING, -1, -1, true, null),
            new ColumnInfo("b", "varchar", "varchar(20)", TypeCategory.STRING, -1, -1, true, null));

    @Test
    void awkwardStringPairsHashApartAndAlikeOnEveryEngine() throws Exception {
        Map<Integer, Long> expected = new HashMap<>();
        int id = 0;
        for (String a : VALUES) {
            for (String b : VALUES) {
                expected.put(id++, javaHash(Arrays.asList(a, b)));
            }
        }
        assertThat(expected.values()).doesNotHaveDuplicates();

        for (DatabaseEndpoint e : List.of(TestBed.mysql(), TestBed.oceanbase(), TestBed.postgres())) {
            boolean pg = e.kind() == DatabaseEndpoint.Kind.POSTGRESQL;
            VerifierDialect d = pg ? new PostgresDialect()
                    : e.kind() == DatabaseEndpoint.Kind.OCEANBASE ? new OceanBaseDialect() : new MySqlDialect(true);
            e.recreateDatabase(DB);
            String table = d.qualified(new ObjectName(DB, "t"));
            Map<Integer, Long> actual = new HashMap<>();
            try (Connection c = pg ? e.connect() : e.connect(DB)) {
                d.initSession(c);
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, a VARCHAR(20), b VARCHAR(20))"
                            + (pg ? "" : " DEFAULT CHARSET utf8mb4"));
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
                    int i = 0;
                    for (String a : VALUES) {
                        for (String b : VALUES) {
                            ps.setInt(1, i++);
                            ps.setString(2, a);
                            ps.setString(3, b);
                            ps.addBatch();
                        }
                    }
                    ps.executeBatch();
                }
                List<String> canonical = new ArrayList<>();
                for (ColumnInfo col : COLUMNS) {
                    canonical.add(d.canonical(col, col));
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT id, " + d.rowHash(COLUMNS, COLUMNS, canonical, RowHash.MD5) + " FROM " + table)) {
                    while (rs.next()) {
                        actual.put(rs.getInt(1), rs.getLong(2));
                    }
                }
            }
            assertThat(actual).as(d.name()).isEqualTo(expected);
        }
    }

    /** The CRC32 row hash on MariaDB and seekdb: the same integer as CRC-32 of {@link Canon#crcHashText} in Java. */
    @Test
    void crc32RowHashIsTheSameOnMariaDbAndSeekdbAsInJava() throws Exception {
        List<Boolean> flagged = List.of(true, true);
        List<Boolean> withLength = List.of(true, true);
        Map<Integer, Long> expected = new HashMap<>();
        java.util.Set<String> texts = new java.util.HashSet<>();
        int id = 0;
        for (String a : VALUES) {
            for (String b : VALUES) {
                String text = Canon.crcHashText(flagged, withLength, Arrays.asList(a, b));
                assertThat(texts.add(text)).as(text).isTrue();
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(text.getBytes(StandardCharsets.UTF_8));
                expected.put(id++, crc.getValue());
            }
        }
        for (DatabaseEndpoint e : List.of(TestBed.mysql(), TestBed.oceanbase())) {
            VerifierDialect d = e.kind() == DatabaseEndpoint.Kind.OCEANBASE ? new OceanBaseDialect() : new MySqlDialect(true);
            e.recreateDatabase(DB);
            String table = d.qualified(new ObjectName(DB, "t"));
            Map<Integer, Long> actual = new HashMap<>();
            try (Connection c = e.connect(DB)) {
                d.initSession(c);
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, a VARCHAR(20), b VARCHAR(20)) DEFAULT CHARSET utf8mb4");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
                    int i = 0;
                    for (String a : VALUES) {
                        for (String b : VALUES) {
                            ps.setInt(1, i++);
                            ps.setString(2, a);
                            ps.setString(3, b);
                            ps.addBatch();
                        }
                    }
                    ps.executeBatch();
                }
                List<ColumnInfo> cols = new ArrayList<>();
                List<String> canonical = new ArrayList<>();
                for (ColumnInfo col : COLUMNS) {
                    ColumnInfo utf8 = new ColumnInfo(col.name(), col.dataType(), col.columnType(), col.category(), -1, -1,
                            true, "utf8mb4_general_ci");
                    cols.add(utf8);
                    canonical.add(d.canonical(utf8, utf8));
                }
                String hash = d.rowHash(cols, cols, canonical, RowHash.CRC32);
                assertThat(hash).doesNotContain("REPLACE").doesNotContain("COALESCE");
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, " + hash + " FROM " + table)) {
                    while (rs.next()) {
                        actual.put(rs.getInt(1), rs.getLong(2));
                    }
                }
            }
            assertThat(actual).as(d.name()).isEqualTo(expected);
        }
    }

    /**
     * DECIMAL columns of equal scale go into the CRC32 text without the trailing-zero trim: both engines must print
     * the same fixed-scale text, checked here against Java's {@code toPlainString} at that scale.
     */
    @Test
    void crc32HashOfEqualScaleDecimalsIsTheSameOnMariaDbAndSeekdbAsInJava() throws Exception {
        String[] values = {null, "0", "0.5", "-0.5", "12.5", "12.50", "-12.05", "9999999999.99", "-9999999999.99", "0.01", "100"};
        ColumnInfo d = new ColumnInfo("d", "decimal", "decimal(12,2)", TypeCategory.DECIMAL, -1, 2, true, null);
        Map<Integer, Long> expected = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            String text = Canon.crcHashText(List.of(true), List.of(false), Arrays.asList(
                    values[i] == null ? null : new java.math.BigDecimal(values[i]).setScale(2).toPlainString()));
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(text.getBytes(StandardCharsets.UTF_8));
            expected.put(i, crc.getValue());
        }
        for (DatabaseEndpoint e : List.of(TestBed.mysql(), TestBed.oceanbase())) {
            MySqlDialect dialect = e.kind() == DatabaseEndpoint.Kind.OCEANBASE ? new OceanBaseDialect() : new MySqlDialect(true);
            e.recreateDatabase(DB);
            String table = dialect.qualified(new ObjectName(DB, "dec"));
            Map<Integer, Long> actual = new HashMap<>();
            try (Connection c = e.connect(DB)) {
                dialect.initSession(c);
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, d DECIMAL(12,2))");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                    for (int i = 0; i < values.length; i++) {
                        ps.setInt(1, i);
                        ps.setBigDecimal(2, values[i] == null ? null : new java.math.BigDecimal(values[i]));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                String hash = dialect.rowHash(List.of(d), List.of(d), List.of(dialect.canonical(d, d)), RowHash.CRC32);
                assertThat(hash).doesNotContain("TRIM");
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, " + hash + " FROM " + table)) {
                    while (rs.next()) {
                        actual.put(rs.getInt(1), rs.getLong(2));
                    }
                }
            }
            assertThat(actual).as(dialect.name()).isEqualTo(expected);
        }
    }

    static long javaHash(List<String> values) throws Exception {
        byte[] md5 = MessageDigest.getInstance("MD5").digest(Canon.hashText(values).getBytes(StandardCharsets.UTF_8));
        return Long.parseLong(String.format("%032x", new BigInteger(1, md5)).substring(0, 15), 16);
    }
}
