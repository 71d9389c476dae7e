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
                        "SELECT id, " + d.rowHash(COLUMNS, canonical) + " FROM " + table)) {
                    while (rs.next()) {
                        actual.put(rs.getInt(1), rs.getLong(2));
                    }
                }
            }
            assertThat(actual).as(d.name()).isEqualTo(expected);
        }
    }

    static long javaHash(List<String> values) throws Exception {
        byte[] md5 = MessageDigest.getInstance("MD5").digest(Canon.hashText(values).getBytes(StandardCharsets.UTF_8));
        return Long.parseLong(String.format("%032x", new BigInteger(1, md5)).substring(0, 15), 16);
    }
}
