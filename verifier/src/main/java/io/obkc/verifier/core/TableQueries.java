package io.obkc.verifier.core;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.obkc.common.rules.ObjectName;
import io.obkc.verifier.dialect.RowHash;
import io.obkc.verifier.dialect.VerifierDialect;
import io.obkc.verifier.model.ColumnInfo;
import io.obkc.verifier.model.Key;
import io.obkc.verifier.model.KeyRange;
import io.obkc.verifier.model.RowValue;

/** The SQL for one table on one side, built only from {@link VerifierDialect} pieces. */
public final class TableQueries {
    /** Count and order-independent checksum of a key range. */
    public record Checksum(long count, BigInteger sum, long millis) {
        public boolean sameData(Checksum o) {
            return count == o.count && sum.equals(o.sum);
        }

        /** The checksum of the rest of a range when {@code part} covers a sub-range of it (exact: both additive). */
        public Checksum minus(Checksum part) {
            return new Checksum(count - part.count, sum.subtract(part.sum), 0);
        }
    }

    /** A fetched row: key texts and the values of all compared columns (plan order). */
    public record Row(Key key, List<RowValue> values) {
    }

    private record Bind(ColumnInfo column, String value) {
    }

    private final VerifierDialect dialect;
    private final SidePool pool;
    private final String table;
    private final List<ColumnInfo> columns;
    private final List<ColumnInfo> keyColumns;
    private final List<String> canonical;
    private final List<String> keyCanonical;
    private final List<String> keyOrder;
    private final List<String> keyParam;
    private final String hash;

    public TableQueries(SidePool pool, ObjectName table, TablePlan plan, Side side, boolean binaryStrings, RowHash rowHash) {
        this.pool = pool;
        this.dialect = pool.endpoint().dialect();
        this.table = dialect.qualified(table);
        this.columns = new ArrayList<>();
        this.canonical = new ArrayList<>();
        List<ColumnInfo> peers = new ArrayList<>();
        for (ColumnPair p : plan.columns()) {
            ColumnInfo mine = side == Side.SOURCE ? p.source() : p.target();
            ColumnInfo peer = side == Side.SOURCE ? p.target() : p.source();
            columns.add(mine);
            peers.add(peer);
            canonical.add(dialect.canonical(mine, peer));
        }
        this.keyColumns = new ArrayList<>();
        this.keyCanonical = new ArrayList<>();
        this.keyOrder = new ArrayList<>();
        this.keyParam = new ArrayList<>();
        for (ColumnPair p : plan.key()) {
            ColumnInfo mine = side == Side.SOURCE ? p.source() : p.target();
            ColumnInfo peer = side == Side.SOURCE ? p.target() : p.source();
            keyColumns.add(mine);
            keyCanonical.add(dialect.canonical(mine, peer));
            keyOrder.add(dialect.keyOrder(mine, binaryStrings));
            keyParam.add(dialect.keyParam(mine, binaryStrings));
        }
        this.hash = dialect.rowHash(columns, peers, canonical, rowHash);
    }

    // ---- predicates -------------------------------------------------------------------------------------------

    private String rangePredicate(KeyRange r, List<Bind> binds) {
        List<String> parts = new ArrayList<>();
        if (r.lower() != null) {
            parts.add(compare(r.lower(), ">", binds));
        }
        if (r.upper() != null) {
            parts.add(compare(r.upper(), "<=", binds));
        }
        return parts.isEmpty() ? "1 = 1" : String.join(" AND ", parts);
    }

    /** Tuple comparison expanded so every engine can use the key index: (a op x) for one column, nested ORs else. */
    private String compare(Key k, String op, List<Bind> binds) {
        String strict = op.startsWith(">") ? ">" : "<";
        StringBuilder sb = new StringBuilder();
        int n = keyColumns.size();
        if (n > 1) {
            sb.append(keyOrder.get(0)).append(' ').append(strict).append("= ").append(keyParam.get(0)).append(" AND ");
            binds.add(new Bind(keyColumns.get(0), k.values().get(0)));
        }
        sb.append(nested(k, 0, op, strict, binds));
        return "(" + sb + ")";
    }

    private String nested(Key k, int i, String op, String strict, List<Bind> binds) {
        String o = keyOrder.get(i);
        String p = keyParam.get(i);
        if (i == keyColumns.size() - 1) {
            binds.add(new Bind(keyColumns.get(i), k.values().get(i)));
            return o + " " + op + " " + p;
        }
        binds.add(new Bind(keyColumns.get(i), k.values().get(i)));
        binds.add(new Bind(keyColumns.get(i), k.values().get(i)));
        return "(" + o + " " + strict + " " + p + " OR (" + o + " = " + p + " AND " + nested(k, i + 1, op, strict, binds) + "))";
    }

    private String keyEquals(Key k, List<Bind> binds) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < keyColumns.size(); i++) {
            ColumnInfo c = keyColumns.get(i);
            String native_ = dialect.quoteIdent(c.name());
            if (!keyOrder.get(i).equals(native_)) {
                // Native equality narrows by the index; the bytewise one makes it exact.
                parts.add(native_ + " = " + dialect.keyParam(c, false));
                binds.add(new Bind(c, k.values().get(i)));
            }
            parts.add(keyOrder.get(i) + " = " + keyParam.get(i));
            binds.add(new Bind(c, k.values().get(i)));
        }
        return "(" + String.join(" AND ", parts) + ")";
    }

    private PreparedStatement prepare(Connection c, String sql, List<Bind> binds) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        int i = 1;
        for (Bind b : binds) {
            dialect.bindKey(ps, i++, b.column(), b.value());
        }
        return ps;
    }

    // ---- queries ----------------------------------------------------------------------------------------------

    public Checksum checksum(Connection c, KeyRange range) throws SQLException {
        List<Bind> binds = new ArrayList<>();
        String sql = "SELECT COUNT(*), SUM(" + hash + ") FROM " + table + " WHERE " + rangePredicate(range, binds);
        long start = System.nanoTime();
        try (PreparedStatement ps = prepare(c, sql, binds); ResultSet rs = ps.executeQuery()) {
            rs.next();
            long count = rs.getLong(1);
            String sum = rs.getString(2);
            pool.addResultBytes(20 + (sum == null ? 0 : sum.length()));
            return new Checksum(count, sum == null ? BigInteger.ZERO : new BigInteger(sum.contains(".")
                    ? sum.substring(0, sum.indexOf('.')) : sum), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The key at position {@code offset} (0-based) among keys in range, in key order; null when there are fewer. */
    public Key keyAt(Connection c, KeyRange range, long offset) throws SQLException {
        List<Bind> binds = new ArrayList<>();
        String sql = "SELECT " + String.join(", ", keyCanonical) + " FROM " + table + " WHERE "
                + rangePredicate(range, binds) + " ORDER BY " + String.join(", ", keyOrder) + " LIMIT 1 OFFSET "
                + Math.max(0, offset);
        try (PreparedStatement ps = prepare(c, sql, binds); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            List<String> vals = new ArrayList<>();
            long bytes = 0;
            for (int i = 1; i <= keyColumns.size(); i++) {
                String v = rs.getString(i);
                bytes += v == null ? 1 : v.length();
                vals.add(v);
            }
            pool.addResultBytes(bytes);
            return new Key(vals);
        }
    }

    /** All rows of a range. */
    public List<Row> rows(Connection c, KeyRange range) throws SQLException {
        List<Bind> binds = new ArrayList<>();
        return select(c, rangePredicate(range, binds), binds);
    }

    /** Rows with the given keys (missing keys are simply absent). */
    public List<Row> rowsByKey(Connection c, List<Key> keys) throws SQLException {
        List<Row> out = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 200) {
            List<Bind> binds = new ArrayList<>();
            List<String> ors = new ArrayList<>();
            for (Key k : keys.subList(from, Math.min(keys.size(), from + 200))) {
                ors.add(keyEquals(k, binds));
            }
            out.addAll(select(c, String.join(" OR ", ors), binds));
        }
        return out;
    }

    /**
     * After a query on a range failed: evaluates each column's canonical expression alone on that range and
     * describes the first one that fails (column, type, side, the server's message); null when none fails alone.
     */
    public String failingColumn(Connection c, KeyRange range) {
        for (int i = 0; i < columns.size(); i++) {
            List<Bind> binds = new ArrayList<>();
            String sql = "SELECT COUNT(" + canonical.get(i) + ") FROM " + table + " WHERE " + rangePredicate(range, binds);
            try (PreparedStatement ps = prepare(c, sql, binds); ResultSet rs = ps.executeQuery()) {
                rs.next();
            } catch (SQLException e) {
                ColumnInfo col = columns.get(i);
                return "column " + col.name() + " (" + col.columnType() + ") on the " + pool.endpoint() + ": "
                        + e.getMessage();
            }
        }
        return null;
    }

    /** Streams all rows (keyless tables). */
    public void scan(Connection c, Consumer<Row> sink) throws SQLException {
        selectInto(c, "1 = 1", List.of(), sink);
    }

    private List<Row> select(Connection c, String predicate, List<Bind> binds) throws SQLException {
        List<Row> out = new ArrayList<>();
        selectInto(c, predicate, binds, out::add);
        return out;
    }

    private void selectInto(Connection c, String predicate, List<Bind> binds, Consumer<Row> sink) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> sel = new ArrayList<>(keyCanonical);
        sel.addAll(canonical);
        sql.append(String.join(", ", sel)).append(" FROM ").append(table).append(" WHERE ").append(predicate);
        try (PreparedStatement ps = prepare(c, sql.toString(), binds)) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                int nk = keyColumns.size();
                int nc = columns.size();
                long bytes = 0;
                while (rs.next()) {
                    List<String> key = new ArrayList<>(nk);
                    for (int i = 1; i <= nk; i++) {
                        String v = rs.getString(i);
                        bytes += v == null ? 1 : v.length();
                        key.add(v);
                    }
                    List<RowValue> vals = new ArrayList<>(nc);
                    for (int i = 0; i < nc; i++) {
                        // Canonical texts are lossless, so corrections write them as they are.
                        String canon = rs.getString(nk + 1 + i);
                        bytes += canon == null ? 1 : canon.length();
                        vals.add(canon == null ? RowValue.NULL : new RowValue(canon, canon));
                    }
                    sink.accept(new Row(new Key(key), vals));
                }
                pool.addResultBytes(bytes);
            }
        }
    }
}
