package io.obkc.sink.ordering;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.common.sql.Identifiers;
import io.obkc.sink.event.ChangeEvent;
import io.obkc.sink.table.TableDefinition;
import io.obkc.sink.write.ValueConverter;

/**
 * Keeps an upsert from overwriting a newer version of a row, and from merging two rows through a secondary
 * UNIQUE key, when changes arrive out of source order: with several partitions per table or several tasks,
 * Kafka keeps the order of each key's changes, but not the order between keys.
 *
 * <p>{@code INSERT ... ON DUPLICATE KEY UPDATE} fires on any unique key. Source: {@code (2,'a')}, then
 * {@code UPDATE 2 SET v='c'}, then {@code INSERT (3,'a')}. If the insert arrives first, a plain upsert updates row 2
 * with row 3's values, and row 3 is lost. On tables with a secondary UNIQUE key the guard therefore:
 * <ol>
 * <li>keeps each row's source position ({@link SourceOrder}) in a column {@value #COLUMN} ({@code DECIMAL(38,0)},
 * added when the table is first written; NULL for rows written without one, which count as oldest);</li>
 * <li>before an upsert, looks up the rows that hold the incoming row's unique values under another key. A holder
 * older than the incoming change must have given the value up at the source before the change, and its own later
 * change is still to come (each key's changes arrive in order): it is deleted, and that later change writes it
 * again in full. A holder newer than the change means the change is superseded (its own key changes again before
 * the holder took the value): it is skipped. Changes of one flush that conflict with each other are decided the
 * same way;</li>
 * <li>writes with an update clause that keeps a newer row as it is ({@code IF(position <= new position, new, old)})
 * and that sets the primary key to NULL when the conflicting row is not the row's own: a conflict the look-up missed
 * (a collation that compares other spellings equal, a concurrent task) then fails the statement (error 1048, or
 * 1062) instead of merging two rows. The executor then applies the flush one change at a time, and if the conflict
 * persists the batch is retried.</li>
 * </ol>
 * Changes without a source position (flat records, the bundle's format readers) are taken in arrival order: they
 * count as newer than what the table holds.
 */
public final class OrderingGuard {
    private static final Logger LOG = LoggerFactory.getLogger(OrderingGuard.class);
    /** The column that holds each row's source position. */
    public static final String COLUMN = "__obkc_src_pos";
    public static final String COLUMN_TYPE = "DECIMAL(38,0)";
    private static final int MAX_TUPLES_PER_LOOKUP = 500;

    private long superseded;
    private long displaced;

    /** True when upserts into this table need the guard: it has a primary key and at least one other unique key. */
    public static boolean applies(TableDefinition def) {
        return def.hasPrimaryKey() && !def.uniqueKeys().isEmpty();
    }

    /** Changes skipped because a newer change had already taken their unique value. */
    public long superseded() {
        return superseded;
    }

    /** Rows deleted because a newer change took their unique value (their own later change writes them again). */
    public long displaced() {
        return displaced;
    }

    /**
     * The update clause for a guarded upsert of these columns (the position column last, since MySQL assigns left to
     * right and the conditions must read the stored position).
     */
    public static String onDuplicateKeyUpdate(TableDefinition def, List<String> columns) {
        String pos = Identifiers.quoteMysql(COLUMN);
        String newer = "(VALUES(" + pos + ") IS NULL OR COALESCE(" + pos + ", -1) <= VALUES(" + pos + "))";
        List<String> sameKey = new ArrayList<>();
        for (String k : def.primaryKey()) {
            String q = Identifiers.quoteMysql(k);
            sameKey.add(q + " = VALUES(" + q + ")");
        }
        String ownRow = String.join(" AND ", sameKey);
        List<String> sets = new ArrayList<>();
        for (String k : def.primaryKey()) {
            String q = Identifiers.quoteMysql(k);
            sets.add(q + " = IF(" + ownRow + ", " + q + ", NULL)");
        }
        for (String c : columns) {
            if (isKey(def, c) || c.equalsIgnoreCase(COLUMN)) {
                continue;
            }
            String q = Identifiers.quoteMysql(c);
            sets.add(q + " = IF(" + newer + ", VALUES(" + q + "), " + q + ")");
        }
        sets.add(pos + " = IF(VALUES(" + pos + ") IS NULL, " + pos + ", GREATEST(COALESCE(" + pos + ", -1), VALUES(" + pos + ")))");
        return " ON DUPLICATE KEY UPDATE " + String.join(", ", sets);
    }

    /** True for the errors a guarded upsert raises on a unique-key conflict with another row. */
    public static boolean isConflict(SQLException e, TableDefinition def) {
        if (e.getErrorCode() == 1062) {
            return true;
        }
        if (e.getErrorCode() != 1048 || e.getMessage() == null) {
            return false;
        }
        for (String k : def.primaryKey()) {
            if (e.getMessage().contains("'" + k + "'")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resolves the unique-key conflicts of one run of upserts, in order: deletes older holders of the rows' unique
     * values and returns the changes to write, without the superseded ones.
     */
    public List<ChangeEvent> resolve(Connection conn, TableDefinition def, List<ChangeEvent> events) throws SQLException {
        List<Candidate> candidates = new ArrayList<>(events.size());
        for (ChangeEvent e : events) {
            candidates.add(new Candidate(e, SourceOrder.of(e.record()), keyOf(def.primaryKey(), e.after())));
        }
        for (List<String> unique : def.uniqueKeys()) {
            resolveInFlush(unique, candidates);
            resolveAgainstTable(conn, def, unique, candidates);
        }
        List<ChangeEvent> kept = new ArrayList<>(events.size());
        for (Candidate c : candidates) {
            if (c.dropped) {
                superseded++;
                LOG.debug("Skipping superseded change of {} from {}: a newer change holds its unique value", def.id(), c.event.describeOrigin());
            } else {
                kept.add(c.event);
            }
        }
        return kept;
    }

    /** Changes of one flush that want the same unique value under different keys: the older one gives way. */
    private static void resolveInFlush(List<String> unique, List<Candidate> candidates) {
        Map<List<Object>, Candidate> holders = new HashMap<>();
        for (Candidate c : candidates) {
            if (c.dropped) {
                continue;
            }
            List<Object> value = keyOf(unique, c.event.after());
            if (value == null) {
                continue;
            }
            Candidate earlier = holders.get(value);
            if (earlier != null && !Objects.equals(earlier.key, c.key)) {
                if (olderOrEqual(earlier.position, c.position)) {
                    earlier.dropped = true;
                } else {
                    c.dropped = true;
                    continue;
                }
            }
            holders.put(value, c);
        }
    }

    /** Rows of the table that hold a change's unique value under another key: older ones are deleted, newer ones win. */
    private void resolveAgainstTable(Connection conn, TableDefinition def, List<String> unique, List<Candidate> candidates) throws SQLException {
        Map<List<Object>, List<Candidate>> wanted = new HashMap<>();
        for (Candidate c : candidates) {
            List<Object> value = c.dropped ? null : keyOf(unique, c.event.after());
            if (value != null) {
                wanted.computeIfAbsent(value, v -> new ArrayList<>()).add(c);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        List<Candidate> firsts = new ArrayList<>();
        wanted.values().forEach(cs -> firsts.add(cs.get(0)));
        for (int from = 0; from < firsts.size(); from += MAX_TUPLES_PER_LOOKUP) {
            List<Candidate> chunk = firsts.subList(from, Math.min(firsts.size(), from + MAX_TUPLES_PER_LOOKUP));
            for (Holder h : holders(conn, def, unique, chunk)) {
                List<Candidate> cs = wanted.get(h.unique);
                if (cs == null) {
                    // A spelling the collation makes equal but Java does not: the guarded upsert fails loudly on it instead.
                    continue;
                }
                boolean delete = false;
                for (Candidate c : cs) {
                    if (c.dropped || Objects.equals(c.key, h.key)) {
                        continue;
                    }
                    if (olderOrEqual(h.position, c.position)) {
                        delete = true;
                    } else {
                        c.dropped = true;
                    }
                }
                if (delete) {
                    deleteHolder(conn, def, h);
                }
            }
        }
    }

    private record Holder(List<Object> key, List<Object> unique, List<Object> rawKey, BigDecimal position) {
    }

    private static List<Holder> holders(Connection conn, TableDefinition def, List<String> unique, List<Candidate> chunk) throws SQLException {
        List<String> select = new ArrayList<>();
        def.primaryKey().forEach(k -> select.add(Identifiers.quoteMysql(k)));
        unique.forEach(u -> select.add(Identifiers.quoteMysql(u)));
        select.add(Identifiers.quoteMysql(COLUMN));
        String tuple = "(" + String.join(",", java.util.Collections.nCopies(unique.size(), "?")) + ")";
        String sql = "SELECT " + String.join(",", select) + " FROM " + def.id().quoted() + " WHERE ("
                + String.join(",", unique.stream().map(Identifiers::quoteMysql).toList()) + ") IN ("
                + String.join(",", java.util.Collections.nCopies(chunk.size(), tuple)) + ")";
        List<Holder> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int p = 1;
            for (Candidate c : chunk) {
                for (String u : unique) {
                    Field f = field(c.event.after(), u);
                    ps.setObject(p++, ValueConverter.toJdbc(f.schema(), c.event.after().getWithoutDefault(f.name())));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                int nk = def.primaryKey().size();
                while (rs.next()) {
                    List<Object> key = new ArrayList<>();
                    List<Object> rawKey = new ArrayList<>();
                    for (int i = 1; i <= nk; i++) {
                        rawKey.add(rs.getObject(i));
                        key.add(comparable(rs.getObject(i)));
                    }
                    List<Object> u = new ArrayList<>();
                    for (int i = 0; i < unique.size(); i++) {
                        u.add(comparable(rs.getObject(nk + 1 + i)));
                    }
                    out.add(new Holder(key, u, rawKey, rs.getBigDecimal(nk + unique.size() + 1)));
                }
            }
        }
        return out;
    }

    private void deleteHolder(Connection conn, TableDefinition def, Holder h) throws SQLException {
        List<String> where = new ArrayList<>();
        def.primaryKey().forEach(k -> where.add(Identifiers.quoteMysql(k) + " = ?"));
        String sql = "DELETE FROM " + def.id().quoted() + " WHERE " + String.join(" AND ", where);
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < h.rawKey.size(); i++) {
                ps.setObject(i + 1, h.rawKey.get(i));
            }
            displaced += ps.executeUpdate();
        }
        LOG.debug("Deleted row {} of {}: a newer change takes its unique value; its own later change writes it again", h.rawKey, def.id());
    }

    /** A holder at {@code holder} gives way to a change at {@code change}: positionless rows are oldest, positionless changes newest. */
    static boolean olderOrEqual(BigDecimal holder, BigDecimal change) {
        return holder == null || change == null || holder.compareTo(change) <= 0;
    }

    private static final class Candidate {
        final ChangeEvent event;
        final BigDecimal position;
        final List<Object> key;
        boolean dropped;

        Candidate(ChangeEvent event, BigDecimal position, List<Object> key) {
            this.event = event;
            this.position = position;
            this.key = key;
        }
    }

    /** The row's values of these columns in comparable form, or null when one is NULL (NULLs never conflict). */
    private static List<Object> keyOf(List<String> columns, Struct row) {
        List<Object> out = new ArrayList<>(columns.size());
        for (String c : columns) {
            Field f = field(row, c);
            if (f == null) {
                return null;
            }
            Object v = ValueConverter.toJdbc(f.schema(), row.getWithoutDefault(f.name()));
            if (v == null) {
                return null;
            }
            out.add(comparable(v));
        }
        return out;
    }

    private static Field field(Struct row, String column) {
        Field f = row.schema().field(column);
        if (f != null) {
            return f;
        }
        for (Field x : row.schema().fields()) {
            if (x.name().equalsIgnoreCase(column)) {
                return x;
            }
        }
        return null;
    }

    /** Values as the driver binds and returns them, made comparable across Java types (2 vs 2L vs 2.0). */
    private static Object comparable(Object v) {
        if (v instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return n.toString();
            }
        }
        if (v instanceof byte[] b) {
            return "0x" + HexFormat.of().formatHex(b);
        }
        return Objects.toString(v);
    }

    private static boolean isKey(TableDefinition def, String column) {
        return def.primaryKey().stream().anyMatch(k -> k.equalsIgnoreCase(column));
    }
}
