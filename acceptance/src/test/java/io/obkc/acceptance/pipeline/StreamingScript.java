package io.obkc.acceptance.pipeline;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.obkc.acceptance.corpus.ColumnType;
import io.obkc.acceptance.corpus.CorpusColumn;
import io.obkc.acceptance.corpus.CorpusDatabase;
import io.obkc.acceptance.corpus.CorpusTable;

/**
 * The scripted streaming changes, run on the source after the snapshot, touching every table:
 * <ol>
 * <li>two inserts per table (copies of the first row under new keys; foreign-key values stay valid);</li>
 * <li>one transaction across all tables: the first row of each gets every nullable non-key column set to NULL and
 * one other column changed;</li>
 * <li>{@code ADD COLUMN acc_note VARCHAR(20) NOT NULL DEFAULT 'none'} on the second table, then an insert and an
 * update that use it (rows that existed before keep the default);</li>
 * <li>a key change per table (the first copy gets a new primary key);</li>
 * <li>deletes: the second copy in every table, and the last row of every table that no foreign key references;</li>
 * <li>last, a marker: one more change of the first table's first row, to know when the stream has gone through.</li>
 * </ol>
 */
final class StreamingScript {
    static final String ADDED_COLUMN = "acc_note";

    private final CorpusDatabase db;
    private final SqlSide source;
    private final List<CorpusTable> tables;
    private int statements;

    /** Where the last change of the script is: the pipeline waits for this value on the target. */
    record Marker(CorpusTable table, Object[] key, CorpusColumn column) {
    }

    StreamingScript(CorpusDatabase db, SqlSide source) {
        this.db = db;
        this.source = source;
        this.tables = new ArrayList<>(db.tables());
    }

    /** The tables as they are after the script (the second one has the added column). */
    List<CorpusTable> tablesAfter() {
        return List.copyOf(tables);
    }

    int statements() {
        return statements;
    }

    Marker run() throws Exception {
        try (Connection c = source.connect()) {
            List<List<Object[]>> newKeys = new ArrayList<>();
            List<Object[]> firstKeys = new ArrayList<>();
            // 1. Inserts.
            for (CorpusTable t : tables) {
                Object[] first = edgeKey(c, t, false);
                firstKeys.add(first);
                List<Object[]> keys = newKeys(c, t, first, 4);
                newKeys.add(keys);
                Object[] template = readRow(c, t, first);
                insert(c, t, withKey(t, template, keys.get(0)));
                insert(c, t, withKey(t, template, keys.get(1)));
            }
            // 2. One transaction across every table: NULLs and changed values.
            c.setAutoCommit(false);
            for (int i = 0; i < tables.size(); i++) {
                CorpusTable t = tables.get(i);
                List<String> sets = new ArrayList<>();
                List<Object> values = new ArrayList<>();
                List<ColumnType> types = new ArrayList<>();
                CorpusColumn changed = changedColumn(t);
                Object[] row = readRow(c, t, firstKeys.get(i));
                for (int col = 0; col < t.columns().size(); col++) {
                    CorpusColumn cc = t.columns().get(col);
                    if (t.isKey(cc)) {
                        continue;
                    }
                    if (cc == changed) {
                        sets.add(source.quote(cc.name()) + " = ?");
                        values.add(newValue(cc.type(), row[col]));
                        types.add(cc.type());
                    } else if (cc.nullable()) {
                        sets.add(source.quote(cc.name()) + " = NULL");
                    }
                }
                if (!sets.isEmpty()) {
                    update(c, t, String.join(", ", sets), values, types, firstKeys.get(i));
                }
            }
            c.commit();
            c.setAutoCommit(true);
            // 3. ADD COLUMN with a default on the second table, then rows that use it.
            int addAt = Math.min(1, tables.size() - 1);
            CorpusTable before = tables.get(addAt);
            execute(c, "ALTER TABLE " + source.table(before.name()) + " ADD COLUMN " + source.quote(ADDED_COLUMN)
                    + " VARCHAR(20) NOT NULL DEFAULT 'none'");
            CorpusTable after = before.withColumn(new CorpusColumn(ADDED_COLUMN, ColumnType.varchar(20), false));
            tables.set(addAt, after);
            Object[] template = readRow(c, after, firstKeys.get(addAt));
            Object[] third = withKey(after, template, newKeys.get(addAt).get(3));
            third[third.length - 1] = "inserted";
            insert(c, after, third);
            update(c, after, source.quote(ADDED_COLUMN) + " = ?", List.of("updated"), List.of(ColumnType.varchar(20)),
                    firstKeys.get(addAt));
            // 4. Key changes, 5. deletes.
            for (int i = 0; i < tables.size(); i++) {
                CorpusTable t = tables.get(i);
                List<String> keySets = t.primaryKey().stream().map(k -> source.quote(k) + " = ?").toList();
                update(c, t, String.join(", ", keySets), Arrays.asList(newKeys.get(i).get(2)), keyTypes(t), newKeys.get(i).get(0));
                delete(c, t, newKeys.get(i).get(1));
                if (!db.isReferenced(t.name())) {
                    delete(c, t, edgeKey(c, t, true));
                }
            }
            // 6. The marker.
            CorpusTable t0 = tables.get(0);
            CorpusColumn changed = changedColumn(t0);
            Object[] row = readRow(c, t0, firstKeys.get(0));
            update(c, t0, source.quote(changed.name()) + " = ?", List.of(newValue(changed.type(), row[t0.columns().indexOf(changed)])),
                    List.of(changed.type()), firstKeys.get(0));
            return new Marker(t0, firstKeys.get(0), changed);
        }
    }

    /** The column the script changes (rather than sets NULL): the first non-key, non-foreign-key column, NOT NULL ones first. */
    private CorpusColumn changedColumn(CorpusTable t) {
        List<CorpusColumn> candidates = t.columns().stream()
                .filter(c -> !t.isKey(c) && !db.isForeignKeyColumn(t.name(), c.name()) && !c.name().equals(ADDED_COLUMN)).toList();
        return candidates.stream().filter(c -> !c.nullable()).findFirst().orElse(candidates.isEmpty() ? null : candidates.get(0));
    }

    private static Object newValue(ColumnType type, Object old) {
        return switch (type.kind()) {
            case INT, BIGINT -> old == null ? 1L : (Long) old + 1;
            case DECIMAL -> old == null ? BigDecimal.ONE : ((BigDecimal) old).add(BigDecimal.ONE);
            case DOUBLE -> old == null ? 0.5 : (Double) old + 0.5;
            case VARCHAR -> {
                String s = "acc " + (old == null ? "" : old);
                yield s.length() > type.length() ? s.substring(0, type.length()) : s;
            }
            case DATE -> old == null ? LocalDate.of(2000, 1, 1) : ((LocalDate) old).plusDays(1);
            case DATETIME -> old == null ? LocalDateTime.of(2000, 1, 1, 0, 0) : ((LocalDateTime) old).plusHours(1);
            case INSTANT -> old == null ? Instant.parse("2000-01-01T00:00:00Z") : ((Instant) old).plus(Duration.ofHours(1));
        };
    }

    /**
     * {@code n} keys that are not in the table. Key columns that are foreign keys keep the template's values; the last
     * other key column gets values past the column's maximum. A key made only of foreign-key columns (a link table)
     * gets combinations of existing values that are not linked yet.
     */
    private List<Object[]> newKeys(Connection c, CorpusTable t, Object[] templateKey, int n) throws Exception {
        List<String> pk = t.primaryKey();
        int vary = -1;
        for (int i = pk.size() - 1; i >= 0 && vary < 0; i--) {
            if (!db.isForeignKeyColumn(t.name(), pk.get(i))) {
                vary = i;
            }
        }
        List<Object[]> out = new ArrayList<>();
        if (vary >= 0) {
            CorpusColumn col = t.column(pk.get(vary));
            Object max;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT MAX(" + source.quote(col.name()) + ") FROM " + source.table(t.name()))) {
                rs.next();
                max = col.type().read(rs, 1, source.postgres());
            }
            for (int i = 1; i <= n; i++) {
                Object[] key = templateKey.clone();
                key[vary] = past(col.type(), max, i);
                out.add(key);
            }
            return out;
        }
        if (pk.size() != 2) {
            throw new IllegalStateException(t.name() + ": a key of " + pk.size() + " foreign-key columns is not supported by the script");
        }
        String a = source.quote(pk.get(0));
        String b = source.quote(pk.get(1));
        String sql = "SELECT x." + a + ", y." + b + " FROM (SELECT DISTINCT " + a + " FROM " + source.table(t.name()) + ") x CROSS JOIN "
                + "(SELECT DISTINCT " + b + " FROM " + source.table(t.name()) + ") y WHERE NOT EXISTS (SELECT 1 FROM "
                + source.table(t.name()) + " z WHERE z." + a + " = x." + a + " AND z." + b + " = y." + b + ") ORDER BY 1, 2 LIMIT " + n;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new Object[] {t.column(pk.get(0)).type().read(rs, 1, source.postgres()),
                        t.column(pk.get(1)).type().read(rs, 2, source.postgres())});
            }
        }
        if (out.size() < n) {
            throw new IllegalStateException(t.name() + ": fewer than " + n + " unused key combinations");
        }
        return out;
    }

    private static Object past(ColumnType type, Object max, int i) {
        return switch (type.kind()) {
            case INT, BIGINT -> (max == null ? 0L : (Long) max) + 1000 + i;
            case DECIMAL -> (max == null ? BigDecimal.ZERO : (BigDecimal) max).add(BigDecimal.valueOf(1000 + i));
            case DOUBLE -> (max == null ? 0.0 : (Double) max) + 1000 + i;
            case VARCHAR -> "ZZ" + i;
            case DATE -> ((LocalDate) max).plusDays(i);
            case DATETIME -> ((LocalDateTime) max).plusHours(i);
            case INSTANT -> ((Instant) max).plus(Duration.ofHours(i));
        };
    }

    /** The first (or last) primary key in key order. */
    private Object[] edgeKey(Connection c, CorpusTable t, boolean last) throws Exception {
        String order = t.primaryKey().stream().map(k -> source.quote(k) + (last ? " DESC" : "")).collect(Collectors.joining(", "));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + source.columns(t.primaryKey()) + " FROM "
                + source.table(t.name()) + " ORDER BY " + order + " LIMIT 1")) {
            if (!rs.next()) {
                throw new IllegalStateException(t.name() + " is empty");
            }
            Object[] key = new Object[t.primaryKey().size()];
            for (int i = 0; i < key.length; i++) {
                key[i] = t.column(t.primaryKey().get(i)).type().read(rs, i + 1, source.postgres());
            }
            return key;
        }
    }

    private Object[] readRow(Connection c, CorpusTable t, Object[] key) throws Exception {
        List<String> names = t.columns().stream().map(CorpusColumn::name).toList();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + source.columns(names) + " FROM " + source.table(t.name())
                + " WHERE " + keyPredicate(t))) {
            bindKey(ps, t, key, 1);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException(t.name() + " has no row " + Arrays.toString(key));
                }
                Object[] row = new Object[names.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = t.columns().get(i).type().read(rs, i + 1, source.postgres());
                }
                return row;
            }
        }
    }

    private static Object[] withKey(CorpusTable t, Object[] template, Object[] key) {
        Object[] row = template.clone();
        for (int i = 0; i < key.length; i++) {
            row[t.columns().indexOf(t.column(t.primaryKey().get(i)))] = key[i];
        }
        return row;
    }

    private void insert(Connection c, CorpusTable t, Object[] row) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(SourceLoader.insertSql(t, source))) {
            for (int i = 0; i < row.length; i++) {
                t.columns().get(i).type().bind(ps, i + 1, row[i], source.postgres());
            }
            count(ps.executeUpdate(), "insert into " + t.name());
        }
    }

    private void update(Connection c, CorpusTable t, String sets, List<Object> values, List<ColumnType> types, Object[] key)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + source.table(t.name()) + " SET " + sets + " WHERE " + keyPredicate(t))) {
            for (int i = 0; i < values.size(); i++) {
                types.get(i).bind(ps, i + 1, values.get(i), source.postgres());
            }
            bindKey(ps, t, key, values.size() + 1);
            count(ps.executeUpdate(), "update of " + t.name() + " " + Arrays.toString(key));
        }
    }

    private void delete(Connection c, CorpusTable t, Object[] key) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + source.table(t.name()) + " WHERE " + keyPredicate(t))) {
            bindKey(ps, t, key, 1);
            count(ps.executeUpdate(), "delete from " + t.name() + " " + Arrays.toString(key));
        }
    }

    private void execute(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            statements++;
        }
    }

    private void count(int rows, String what) {
        if (rows != 1) {
            throw new IllegalStateException(what + " changed " + rows + " rows on the source, expected 1");
        }
        statements++;
    }

    private String keyPredicate(CorpusTable t) {
        return t.primaryKey().stream().map(k -> source.quote(k) + " = ?").collect(Collectors.joining(" AND "));
    }

    private List<ColumnType> keyTypes(CorpusTable t) {
        return t.primaryKey().stream().map(k -> t.column(k).type()).toList();
    }

    private void bindKey(PreparedStatement ps, CorpusTable t, Object[] key, int first) throws Exception {
        for (int i = 0; i < key.length; i++) {
            t.column(t.primaryKey().get(i)).type().bind(ps, first + i, key[i], source.postgres());
        }
    }
}
