package io.obkc.source.changelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import io.obkc.common.sql.Identifiers;
import io.obkc.source.schema.ColumnDef;
import io.obkc.source.schema.ColumnTypes;
import io.obkc.source.schema.TableDef;

/**
 * Reads a table as of one SCN ({@code AS OF SNAPSHOT}) in primary-key order, one keyset page at a time, every column
 * rendered as the text {@link ColumnTypes#textExpression} gives (the same text the change-log triggers write).
 * Tables without a primary key, or whose key has a type that SQL cannot page on exactly (ENUM/SET order by index,
 * FLOAT/DOUBLE/JSON/BIT), are read in one streamed query.
 */
public final class SnapshotReader {
    private static final Set<String> PAGEABLE = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal",
            "numeric", "char", "varchar", "binary", "varbinary", "date", "datetime", "timestamp", "time", "year");

    /** One page: rows as column texts (table column order), and whether more rows follow. */
    public record Page(List<String[]> rows, boolean more) {
    }

    private SnapshotReader() {
    }

    public static boolean pageable(TableDef t) {
        return !t.primaryKey().isEmpty() && t.keyColumns().stream().allMatch(c -> PAGEABLE.contains(c.dataType()));
    }

    public static String selectList(TableDef t) {
        StringJoiner j = new StringJoiner(", ");
        for (ColumnDef c : t.columns()) {
            j.add(ColumnTypes.textExpression(c, Identifiers.quoteMysql(c.name())));
        }
        return j.toString();
    }

    /** Whether the table has any row at the SCN. */
    public static boolean hasRows(Connection c, TableDef t, long scn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + Identifiers.quoteMysql(t.database(), t.table())
                + " AS OF SNAPSHOT " + scn + " LIMIT 1"); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** The page after {@code afterKey} (key column texts; null: from the start) of at most {@code size} rows. */
    public static Page page(Connection c, TableDef t, long scn, List<String> afterKey, int size) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(selectList(t)).append(" FROM ")
                .append(Identifiers.quoteMysql(t.database(), t.table())).append(" AS OF SNAPSHOT ").append(scn);
        List<ColumnDef> key = t.keyColumns();
        if (afterKey != null) {
            sql.append(" WHERE ").append(after(key));
        }
        StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
        for (ColumnDef k : key) {
            order.add(Identifiers.quoteMysql(k.name()));
        }
        sql.append(order).append(" LIMIT ").append(size + 1);
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            if (afterKey != null) {
                // (k1 > ?) OR (k1 = ? AND k2 > ?) OR ...: bind the prefix equalities then the last comparison.
                int p = 1;
                for (int i = 0; i < key.size(); i++) {
                    for (int j = 0; j <= i; j++) {
                        ps.setString(p++, afterKey.get(j));
                    }
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = t.columns().size();
                while (rs.next()) {
                    String[] r = new String[n];
                    for (int i = 0; i < n; i++) {
                        r[i] = rs.getString(i + 1);
                    }
                    rows.add(r);
                }
            }
        }
        boolean more = rows.size() > size;
        if (more) {
            rows.remove(rows.size() - 1);
        }
        return new Page(rows, more);
    }

    /** Opens a streamed read of a whole table (no paging); the caller reads and closes it. */
    public static ResultSet stream(Connection c, TableDef t, long scn) throws SQLException {
        PreparedStatement ps = c.prepareStatement("SELECT " + selectList(t) + " FROM " + Identifiers.quoteMysql(t.database(), t.table())
                + " AS OF SNAPSHOT " + scn, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(Integer.MIN_VALUE);
        ps.closeOnCompletion();
        return ps.executeQuery();
    }

    private static String after(List<ColumnDef> key) {
        StringJoiner or = new StringJoiner(" OR ", "(", ")");
        for (int i = 0; i < key.size(); i++) {
            StringJoiner and = new StringJoiner(" AND ", "(", ")");
            for (int j = 0; j < i; j++) {
                and.add(Identifiers.quoteMysql(key.get(j).name()) + " = " + param(key.get(j)));
            }
            and.add(Identifiers.quoteMysql(key.get(i).name()) + " > " + param(key.get(i)));
            or.add(and.toString());
        }
        return or.toString();
    }

    /** The bound key text converted back to the column's type, so the comparison is exact (never via DOUBLE). */
    private static String param(ColumnDef c) {
        return switch (c.dataType()) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" -> c.unsigned() ? "CAST(? AS UNSIGNED)" : "CAST(? AS SIGNED)";
            case "decimal", "numeric" -> "CAST(? AS DECIMAL(" + (c.length() == null ? 65 : c.length()) + ","
                    + (c.scale() == null ? 0 : c.scale()) + "))";
            case "binary", "varbinary" -> "UNHEX(?)";
            case "timestamp" -> "FROM_UNIXTIME(?)";
            case "date" -> "CAST(? AS DATE)";
            case "datetime" -> "CAST(? AS DATETIME(" + (c.length() == null ? 0 : c.length()) + "))";
            case "time" -> "CAST(? AS TIME(" + (c.length() == null ? 0 : c.length()) + "))";
            default -> "?";
        };
    }

    /**
     * The texts of some columns of one row, found by its primary-key texts, as of an SCN; null when the row does not exist
     * at that SCN.
     */
    public static Map<String, String> readRow(Connection c, TableDef t, long scn, List<ColumnDef> columns, Map<String, String> keyTexts)
            throws SQLException {
        StringJoiner select = new StringJoiner(", ");
        for (ColumnDef col : columns) {
            select.add(ColumnTypes.textExpression(col, Identifiers.quoteMysql(col.name())));
        }
        StringJoiner where = new StringJoiner(" AND ");
        for (ColumnDef k : t.keyColumns()) {
            where.add(Identifiers.quoteMysql(k.name()) + " = " + param(k));
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + select + " FROM " + Identifiers.quoteMysql(t.database(), t.table())
                + " AS OF SNAPSHOT " + scn + " WHERE " + where)) {
            int i = 1;
            for (ColumnDef k : t.keyColumns()) {
                ps.setString(i++, keyTexts.get(k.name()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, String> out = new HashMap<>();
                for (int j = 0; j < columns.size(); j++) {
                    out.put(columns.get(j).name(), rs.getString(j + 1));
                }
                return out;
            }
        }
    }

    public static List<String> keyTexts(TableDef t, String[] row) {
        List<String> out = new ArrayList<>();
        for (String k : t.primaryKey()) {
            int i = t.columns().indexOf(t.column(k));
            out.add(row[i]);
        }
        return out;
    }
}
