package io.obkc.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.obkc.common.sql.Identifiers;
import io.obkc.testing.DatabaseEndpoint;

/** Test helpers: load a corpus file, copy rows between servers with plain JDBC, read SHOW CREATE TABLE. */
final class Corpus {
    private Corpus() {
    }

    static List<String> statements(String resource) throws IOException {
        try (InputStream in = Corpus.class.getResourceAsStream("/" + resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            for (String s : text.split("(?m)^;;\\s*$")) {
                String stmt = s.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + b + "\n").trim();
                if (!stmt.isEmpty()) {
                    out.add(stmt);
                }
            }
            return out;
        }
    }

    static void load(DatabaseEndpoint db, String database, String resource) throws Exception {
        try (Connection c = db.connect(database); Statement s = c.createStatement()) {
            for (String sql : statements(resource)) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException("corpus statement failed: " + sql, e);
                }
            }
        }
    }

    /** Copies all rows of the given columns: SELECT on the source, batched INSERT on the target. */
    static void copy(Connection src, String srcQuery, Connection dst, String dstDb, String dstTable, List<String> columns)
            throws SQLException {
        String insert = "INSERT INTO " + Identifiers.quoteMysql(dstDb, dstTable) + " ("
                + String.join(", ", columns.stream().map(Identifiers::quoteMysql).toList()) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        try (Statement s = src.createStatement(); ResultSet rs = s.executeQuery(srcQuery);
                PreparedStatement ps = dst.prepareStatement(insert)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v == null || v instanceof byte[]) {
                        ps.setObject(i, v);
                    } else {
                        ps.setString(i, rs.getString(i)); // text form: exact for numbers, years, times
                    }
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static String showCreate(DatabaseEndpoint ob, String db, String table) throws SQLException {
        try (Connection c = ob.connect(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + Identifiers.quoteMysql(db, table))) {
            rs.next();
            return rs.getString(2);
        }
    }
}
