package io.obkc.source.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.obkc.common.rules.ObjectMatcher;
import io.obkc.common.rules.ObjectName;

/** Reads table definitions from information_schema: the captured tables (selected by the matching rules) and their columns. */
public final class TableCatalog {
    /** Databases that are never captured, whatever the rules say. */
    private static final Set<String> SYSTEM = Set.of("information_schema", "mysql", "oceanbase", "performance_schema", "sys", "__public",
            "__recyclebin");

    private TableCatalog() {
    }

    public static List<ObjectName> selectedTables(Connection c, ObjectMatcher matcher, String changelogDatabase) throws SQLException {
        List<ObjectName> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String db = rs.getString(1);
                if (SYSTEM.contains(db.toLowerCase(Locale.ROOT)) || db.equalsIgnoreCase(changelogDatabase)) {
                    continue;
                }
                ObjectName n = new ObjectName(db, rs.getString(2));
                if (matcher.matches(n)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    public static TableDef load(Connection c, String db, String table) throws SQLException {
        List<ColumnDef> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, COLUMN_TYPE, "
                + "CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, db);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String dataType = rs.getString(3).toLowerCase(Locale.ROOT);
                    String columnType = rs.getString(4);
                    Long charLen = (Long) rs.getObject(5, Long.class);
                    Long numPrec = (Long) rs.getObject(6, Long.class);
                    Long numScale = (Long) rs.getObject(7, Long.class);
                    Long dtPrec = (Long) rs.getObject(8, Long.class);
                    Integer length;
                    Integer scale = null;
                    switch (dataType) {
                        case "decimal", "numeric" -> {
                            length = numPrec == null ? null : numPrec.intValue();
                            scale = numScale == null ? 0 : numScale.intValue();
                        }
                        case "datetime", "timestamp", "time" -> length = dtPrec == null ? 0 : dtPrec.intValue();
                        case "bit" -> length = parenNumber(columnType, 1);
                        case "char", "varchar", "binary", "varbinary", "tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob",
                                "mediumblob", "longblob" -> length = charLen == null ? null : (int) Math.min(Integer.MAX_VALUE, charLen);
                        default -> length = parenNumber(columnType, null);
                    }
                    boolean unsigned = columnType.toLowerCase(Locale.ROOT).contains("unsigned");
                    List<String> labels = dataType.equals("enum") || dataType.equals("set") ? EnumLabels.parse(columnType) : List.of();
                    cols.add(new ColumnDef(rs.getString(1), rs.getInt(2), dataType, columnType, length, scale,
                            "YES".equalsIgnoreCase(rs.getString(9)), unsigned, labels));
                }
            }
        }
        if (cols.isEmpty()) {
            throw new SQLException("Table " + db + "." + table + " does not exist or has no columns visible to the connector's user");
        }
        Map<Integer, String> pk = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, ORDINAL_POSITION FROM information_schema.KEY_COLUMN_USAGE "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, db);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pk.put(rs.getInt(2), rs.getString(1));
                }
            }
        }
        return new TableDef(db, table, cols, new ArrayList<>(pk.values()));
    }

    private static Integer parenNumber(String columnType, Integer dflt) {
        int open = columnType.indexOf('(');
        int close = columnType.indexOf(')', open + 1);
        if (open < 0 || close < 0) {
            return dflt;
        }
        String inner = columnType.substring(open + 1, close).split(",")[0].trim();
        try {
            return Integer.parseInt(inner);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
