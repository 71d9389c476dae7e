package io.obkc.bench.faults;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Row-by-row comparison of one table on the source and the target with plain JDBC (independent of the verifier
 * module): every row of each side, matched by primary key. A value compares as its string form, except DECIMALs,
 * which compare numerically, so 1.50 equals 1.5.
 */
final class TableComparer {

    /** Per table: rows only in the source (lost), only in the target (extra, e.g. a duplicate under another key or a
     *  row that should be deleted), same key with different values (wrong), and up to five examples. */
    record Result(String table, long sourceRows, long targetRows, long lost, long extra, long wrong, List<String> examples) {
        boolean clean() {
            return lost == 0 && extra == 0 && wrong == 0;
        }
    }

    private TableComparer() {
    }

    /** Compares table {@code t} of database {@code sourceDb} on the source with the one of {@code targetDb} on the target. */
    static Result compare(Connection source, String sourceDb, Connection target, String targetDb, Workload.Table t) throws SQLException {
        Map<String, List<String>> s = read(source, sourceDb, t);
        Map<String, List<String>> g = read(target, targetDb, t);
        long lost = 0;
        long extra = 0;
        long wrong = 0;
        List<String> examples = new ArrayList<>();
        for (var e : s.entrySet()) {
            List<String> other = g.get(e.getKey());
            if (other == null) {
                lost++;
                example(examples, "lost " + t.key() + "=" + e.getKey() + " " + e.getValue());
            } else if (!Objects.equals(other, e.getValue())) {
                wrong++;
                example(examples, "wrong " + t.key() + "=" + e.getKey() + " source " + e.getValue() + " target " + other);
            }
        }
        for (var e : g.entrySet()) {
            if (!s.containsKey(e.getKey())) {
                extra++;
                example(examples, "extra " + t.key() + "=" + e.getKey() + " " + e.getValue());
            }
        }
        return new Result(t.name(), s.size(), g.size(), lost, extra, wrong, examples);
    }

    private static void example(List<String> examples, String line) {
        if (examples.size() < 5) {
            examples.add(line);
        }
    }

    /** key -> the row's values in column order; the table's key must be unique (it is its primary key). */
    private static Map<String, List<String>> read(Connection c, String db, Workload.Table t) throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + db + "." + t.name() + " ORDER BY " + t.key())) {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, Integer> cols = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String name = md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
                // The sink's own bookkeeping on the target (the ordering guard's __obkc_src_pos) is no row data.
                if (!name.startsWith("__obkc_")) {
                    cols.put(name, md.getColumnType(i));
                }
            }
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (var col : cols.entrySet()) {
                    values.add(col.getKey() + "=" + value(rs, col.getKey(), col.getValue()));
                }
                String key = rs.getString(t.key());
                if (rows.put(key, values) != null) {
                    throw new IllegalStateException(t.name() + " holds key " + key + " twice: the primary key is missing on one side");
                }
            }
        }
        return rows;
    }

    private static String value(ResultSet rs, String col, int type) throws SQLException {
        if (type == Types.DECIMAL || type == Types.NUMERIC) {
            BigDecimal d = rs.getBigDecimal(col);
            return d == null ? "NULL" : d.stripTrailingZeros().toPlainString();
        }
        String v = rs.getString(col);
        return v == null ? "NULL" : v;
    }
}
