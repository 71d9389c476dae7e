package io.obkc.bulkload.core;

import java.util.List;
import java.util.stream.Collectors;

import io.obkc.common.sql.Identifiers;

/** The SQL text of the bulk load: chunk reads and boundaries on the source, the multi-row upsert on the target. */
public final class Sql {
    private Sql() {
    }

    static String sourceTable(TablePlan t) {
        return t.kind() == SourceKind.POSTGRESQL ? Identifiers.quotePostgres(t.source().database(), t.source().table())
                : Identifiers.quoteMysql(t.source().database(), t.source().table());
    }

    private static String quote(SourceKind k, String column) {
        return k == SourceKind.POSTGRESQL ? Identifiers.quotePostgres(column) : Identifiers.quoteMysql(column);
    }

    /**
     * The key of the row {@code chunkRows} rows after the lower bound (exclusive), in key order: the upper bound
     * (inclusive) of the next chunk. Parameters: the lower bound's key values (when {@code hasLower}), then the offset.
     */
    public static String boundary(TablePlan t, boolean hasLower) {
        String cols = t.key().stream().map(Column::select).collect(Collectors.joining(", "));
        String order = t.key().stream().map(c -> quote(t.kind(), c.name())).collect(Collectors.joining(", "));
        return "SELECT " + cols + " FROM " + sourceTable(t) + (hasLower ? " WHERE " + after(t) : "") + " ORDER BY " + order
                + " LIMIT 1 OFFSET ?";
    }

    /** The rows of one chunk: key &gt; lower (when given) and key &lt;= upper (when given). */
    public static String chunk(TablePlan t, boolean hasLower, boolean hasUpper) {
        String cols = t.columns().stream().map(Column::select).collect(Collectors.joining(", "));
        StringBuilder b = new StringBuilder("SELECT ").append(cols).append(" FROM ").append(sourceTable(t));
        if (hasLower || hasUpper) {
            b.append(" WHERE ");
            if (hasLower) {
                b.append(after(t));
            }
            if (hasLower && hasUpper) {
                b.append(" AND ");
            }
            if (hasUpper) {
                b.append("NOT ").append(after(t));
            }
        }
        return b.toString();
    }

    /** Parameters a key predicate binds: MySQL's expanded form repeats leading key columns. */
    public static int keyParameters(TablePlan t) {
        int n = t.key().size();
        return t.kind() == SourceKind.POSTGRESQL || n == 1 ? n : n * (n + 1) / 2;
    }

    /**
     * key &gt; (?, ...). PostgreSQL compares row values with the key index; MySQL/MariaDB get the expanded form
     * {@code a > ? OR (a = ? AND b > ?)}, which their range optimizers use.
     */
    static String after(TablePlan t) {
        List<Column> key = t.key();
        if (t.kind() == SourceKind.POSTGRESQL) {
            String cols = key.stream().map(c -> quote(t.kind(), c.name())).collect(Collectors.joining(", "));
            String params = key.stream().map(c -> "?").collect(Collectors.joining(", "));
            return key.size() == 1 ? cols + " > " + params : "(" + cols + ") > (" + params + ")";
        }
        if (key.size() == 1) {
            return quote(t.kind(), key.get(0).name()) + " > ?";
        }
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < key.size(); i++) {
            b.append(i == 0 ? "" : " OR ").append('(');
            for (int j = 0; j < i; j++) {
                b.append(quote(t.kind(), key.get(j).name())).append(" = ? AND ");
            }
            b.append(quote(t.kind(), key.get(i).name())).append(" > ?)");
        }
        return b.append(')').toString();
    }

    /** Positions (0-based, into the key) of the values the key predicate binds, in parameter order. */
    public static int[] keyParameterOrder(TablePlan t) {
        int n = t.key().size();
        if (t.kind() == SourceKind.POSTGRESQL || n == 1) {
            int[] o = new int[n];
            for (int i = 0; i < n; i++) {
                o[i] = i;
            }
            return o;
        }
        int[] o = new int[keyParameters(t)];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                o[p++] = j;
            }
        }
        return o;
    }

    /** {@code INSERT INTO t (cols) VALUES (?, ...), ...}: the fast path while no row is there yet. */
    public static String insert(TablePlan t, int rows) {
        String u = upsert(t, rows);
        return u.substring(0, u.indexOf(" ON DUPLICATE KEY UPDATE "));
    }

    /**
     * {@code INSERT INTO t (cols) VALUES (?, ...), ... ON DUPLICATE KEY UPDATE c = VALUES(c), ...}: an upsert, so a
     * row the CDC replay wrote (or a repeated copy) is overwritten with the same or a newer value, never duplicated.
     */
    public static String upsert(TablePlan t, int rows) {
        String cols = t.columns().stream().map(c -> Identifiers.quoteMysql(c.name())).collect(Collectors.joining(", "));
        String one = "(" + t.columns().stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        StringBuilder b = new StringBuilder(64 + rows * (one.length() + 2));
        b.append("INSERT INTO ").append(Identifiers.quoteMysql(t.target().database(), t.target().table())).append(" (").append(cols)
                .append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            b.append(i == 0 ? "" : ", ").append(one);
        }
        List<Column> nonKey = t.columns().stream().filter(c -> !t.key().contains(c)).toList();
        List<Column> update = nonKey.isEmpty() ? t.key() : nonKey;
        b.append(" ON DUPLICATE KEY UPDATE ").append(update.stream()
                .map(c -> Identifiers.quoteMysql(c.name()) + " = VALUES(" + Identifiers.quoteMysql(c.name()) + ")")
                .collect(Collectors.joining(", ")));
        return b.toString();
    }
}
