package io.obkc.schema.check;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.obkc.common.sql.Identifiers;
import io.obkc.schema.convert.ConversionResult;
import io.obkc.schema.convert.ObjectReport;
import io.obkc.schema.convert.SchemaConverter;
import io.obkc.schema.model.ColumnDef;
import io.obkc.schema.model.IndexDef;
import io.obkc.schema.model.SourceSchema;
import io.obkc.schema.model.TableDef;

/**
 * Finds source keys that are distinct on the source but equal on the target, before anything is loaded. The target's
 * utf8mb4 collations are PAD SPACE (trailing spaces ignored) and {@code _ci} ones ignore case, while PostgreSQL
 * compares exactly and MariaDB/MySQL NO PAD collations keep trailing spaces: two such rows would collapse into one on
 * the target. For every primary or unique key with a string column whose comparison differs between source and
 * target, the source is grouped by the key in its target-equivalent form; a group of more than one row fails the
 * table (nothing is created for it), naming the table, the key columns and two example keys.
 */
public final class KeyCollisionCheck {
    private KeyCollisionCheck() {
    }

    public static void run(Connection source, SourceSchema.Engine engine, ConversionResult result) {
        for (ObjectReport r : result.tables) {
            if (r.failed() || r.sourceTable == null || r.targetTable == null || r.ddl.isEmpty()) {
                continue;
            }
            for (IndexDef key : r.targetTable.indexes) {
                if (!key.isUnique() || r.hiddenKey != null && key.name().equals(r.hiddenKey.index())
                        || key.parts().stream().anyMatch(p -> p.column() == null)) {
                    continue;
                }
                checkKey(source, engine, r, key);
                if (r.failed()) {
                    break;
                }
            }
        }
    }

    private static void checkKey(Connection source, SourceSchema.Engine engine, ObjectReport r, IndexDef key) {
        boolean postgres = engine == SourceSchema.Engine.POSTGRESQL;
        String exact = query(r, key, postgres, true);
        if (exact == null) {
            return; // no key column compares differently on the target
        }
        try {
            findCollision(source, exact, r, key);
        } catch (SQLException e) {
            if (postgres) {
                r.warnings.add("key " + key.name() + ": could not check the source keys for collisions under the target "
                        + "collation: " + e.getMessage());
                return;
            }
            // The source server lacks the target's collation: approximate it (trailing spaces, and case for _ci).
            try {
                findCollision(source, query(r, key, false, false), r, key);
            } catch (SQLException again) {
                r.warnings.add("key " + key.name() + ": could not check the source keys for collisions under the target "
                        + "collation: " + again.getMessage());
            }
        }
    }

    /**
     * The GROUP BY that finds keys equal on the target, or null when no key column compares differently. MySQL family,
     * exact: the target's own collation on the source server (MariaDB and MySQL have utf8mb4_general_ci and
     * utf8mb4_bin, with the same PAD SPACE rules); otherwise trailing spaces trimmed, lower-cased for _ci collations.
     */
    private static String query(ObjectReport r, IndexDef key, boolean postgres, boolean exact) {
        TableDef src = r.sourceTable;
        TableDef dst = r.targetTable;
        List<String> groupBy = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        List<String> notNull = new ArrayList<>();
        boolean differs = false;
        for (String name : key.columnNames()) {
            ColumnDef t = dst.column(name).orElseThrow();
            ColumnDef s = src.column(name).orElse(null);
            String col = postgres ? Identifiers.quotePostgres(name) : Identifiers.quoteMysql(name);
            notNull.add(col + " IS NOT NULL"); // a NULL in any key part never conflicts in a unique key
            String targetCollation = SchemaConverter.effectiveCollation(t, dst);
            boolean character = SchemaConverter.isCharacter(t) && s != null;
            if (!character || !postgres && s.collation != null && s.collation.equalsIgnoreCase(targetCollation)) {
                groupBy.add(col);
                examples.add(postgres ? col + "::text" : col);
                examples.add(postgres ? col + "::text" : col);
                continue;
            }
            differs = true;
            boolean ci = targetCollation.toLowerCase(Locale.ROOT).endsWith("_ci");
            if (postgres) {
                String trimmed = "rtrim(" + col + "::text, ' ')";
                groupBy.add(ci ? "lower(" + trimmed + ")" : trimmed);
                examples.add("min(" + col + "::text)");
                examples.add("max(" + col + "::text)");
            } else {
                String text = "CONVERT(" + col + " USING utf8mb4)";
                String trimmed = "TRIM(TRAILING ' ' FROM " + text + ")";
                groupBy.add(exact ? text + " COLLATE " + targetCollation
                        : (ci ? "LOWER(" + trimmed + ")" : trimmed) + " COLLATE utf8mb4_bin");
                examples.add("MIN(" + col + ")");
                examples.add("MAX(" + col + ")");
            }
        }
        if (!differs) {
            return null;
        }
        String table = postgres ? Identifiers.quotePostgres(src.database, src.name) : Identifiers.quoteMysql(src.database, src.name);
        return "SELECT " + String.join(", ", examples) + ", COUNT(*) FROM " + table + " WHERE " + String.join(" AND ", notNull)
                + " GROUP BY " + String.join(", ", groupBy) + " HAVING COUNT(*) > 1 LIMIT 1";
    }

    private static void findCollision(Connection source, String sql, ObjectReport r, IndexDef key) throws SQLException {
        TableDef src = r.sourceTable;
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                return;
            }
            List<String> a = new ArrayList<>();
            List<String> b = new ArrayList<>();
            List<String> comparisons = new ArrayList<>();
            boolean onlyTrailingSpaces = true;
            for (int i = 0; i < key.columnNames().size(); i++) {
                String x = rs.getString(2 * i + 1);
                String y = rs.getString(2 * i + 2);
                a.add(quote(x));
                b.add(quote(y));
                if (x != null && y != null && !x.stripTrailing().equals(y.stripTrailing())) {
                    onlyTrailingSpaces = false;
                }
                String name = key.columnNames().get(i);
                ColumnDef s = src.column(name).orElse(null);
                ColumnDef t = r.targetTable.column(name).orElseThrow();
                if (s != null && SchemaConverter.isCharacter(t)) {
                    comparisons.add(name + " (source " + (s.collation == null ? "default collation" : "collation " + s.collation)
                            + ", target " + SchemaConverter.effectiveCollation(t, r.targetTable) + ")");
                }
            }
            long rows = rs.getLong(2 * key.columnNames().size() + 1);
            r.fail(src.qualifiedName() + ": key " + key.name() + " " + key.columnNames() + " would collide on the target: "
                    + rows + " source rows with distinct keys, e.g. " + String.join(", ", a) + " and " + String.join(", ", b)
                    + ", are equal under the target comparison of " + String.join("; ", comparisons)
                    + " (OceanBase utf8mb4 collations ignore trailing spaces, _ci ones also case). Loading would merge or reject"
                    + " them. Fix: " + (onlyTrailingSpaces
                            ? "these keys differ only in trailing spaces, which no OceanBase utf8mb4 collation keeps apart: "
                                    + "change them on the source, or exclude the table"
                            : "--key-collation utf8mb4_bin keeps keys that differ in case apart (keys that differ only in "
                                    + "trailing spaces must be changed on the source, or the table excluded)"));
        }
    }

    private static String quote(String v) {
        return v == null ? "NULL" : "'" + v.replace("'", "''") + "'";
    }
}
