package io.obkc.bulkload.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.obkc.common.rules.ObjectMatcher;
import io.obkc.common.rules.ObjectName;

/**
 * Reads the selected tables' columns and primary keys from the source and the target's columns, and decides per column
 * how it is copied. Every reason a table cannot be copied exactly is collected, so one run names them all.
 */
public final class Planner {
    /** A table's plan, or why it cannot be copied (one line per problem). */
    public record Result(TablePlan plan, List<String> problems) {
    }

    /** Target column facts the exactness checks need. */
    record TargetColumn(String dataType, Integer scale, Integer fsp) {
    }

    private final SourceKind kind;

    public Planner(SourceKind kind) {
        this.kind = kind;
    }

    /** The source's base tables the rules select, each with its target name (renames applied). */
    public List<ObjectName[]> select(Connection src, ObjectMatcher matcher) throws SQLException {
        String sql = kind == SourceKind.POSTGRESQL
                ? "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                        + "AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_%' "
                        + "AND table_catalog = current_database() ORDER BY 1, 2"
                : "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' "
                        + "AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys') ORDER BY 1, 2";
        List<ObjectName[]> out = new ArrayList<>();
        try (Statement st = src.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ObjectName n = new ObjectName(rs.getString(1), rs.getString(2));
                matcher.map(n).ifPresent(t -> out.add(new ObjectName[] {n, t}));
            }
        }
        return out;
    }

    /** {@code tgt} null: the source side only (no target table checks). */
    public Result plan(Connection src, Connection tgt, ObjectName source, ObjectName target) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, TargetColumn> targetColumns = tgt == null ? Map.of() : targetColumns(tgt, target);
        if (tgt != null && targetColumns.isEmpty()) {
            problems.add("target table " + target + " does not exist (run the schema migration first)");
            return new Result(null, problems);
        }
        List<Column> columns = new ArrayList<>();
        Map<String, Column> byName = new LinkedHashMap<>();
        for (SourceColumn sc : kind == SourceKind.POSTGRESQL ? pgColumns(src, source) : mysqlColumns(src, source)) {
            if (sc.generated) {
                continue; // the target computes it
            }
            TypeRules.Decision d = kind == SourceKind.POSTGRESQL ? TypeRules.postgres(sc.name, sc.dataType, sc.udtName, sc.enumType)
                    : TypeRules.mysql(sc.name, sc.dataType, sc.columnType);
            if (d.refusal() != null) {
                problems.add("column " + sc.name + ": " + d.refusal());
                continue;
            }
            Column c = d.column();
            TargetColumn tc = targetColumns.get(sc.name.toLowerCase(Locale.ROOT));
            if (tgt == null) {
                columns.add(c);
                byName.put(sc.name, c);
                continue;
            }
            if (tc == null) {
                problems.add("column " + sc.name + " has no column of that name in the target table " + target);
                continue;
            }
            if (tc.dataType.equals("decimal") && tc.scale != null && (sc.scale == null || sc.scale > tc.scale)) {
                // An unconstrained PostgreSQL numeric, or a narrower target: each value is checked.
                c = c.withMaxScale(tc.scale);
            }
            if (sc.fsp != null && tc.fsp != null && tc.fsp < sc.fsp && isTemporal(tc.dataType)) {
                problems.add("column " + sc.name + ": the source keeps " + sc.fsp + " fractional second digits, the target "
                        + tc.dataType + " column " + tc.fsp + " (values would be rounded)");
            }
            columns.add(c);
            byName.put(sc.name, c);
        }
        List<String> keyNames = primaryKey(src, source);
        List<Column> key = new ArrayList<>();
        if (keyNames.isEmpty()) {
            problems.add("no primary key: the bulk load copies tables in primary key ranges (and its upserts need the key); "
                    + "use full-load: debezium for this table, or exclude it");
        }
        for (String k : keyNames) {
            Column c = byName.get(k);
            if (c == null) {
                problems.add("primary key column " + k + " cannot be copied (see above)");
            } else {
                key.add(c);
            }
        }
        long estimate = estimate(src, source);
        return new Result(problems.isEmpty() ? new TablePlan(kind, source, target, List.copyOf(columns), List.copyOf(key), estimate)
                : null, problems);
    }

    private static boolean isTemporal(String dt) {
        return dt.equals("datetime") || dt.equals("timestamp") || dt.equals("time");
    }

    private record SourceColumn(String name, String dataType, String columnType, String udtName, boolean enumType, Integer scale,
            Integer fsp, boolean generated) {
    }

    private static Integer integer(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : (int) v;
    }

    private List<SourceColumn> mysqlColumns(Connection src, ObjectName t) throws SQLException {
        List<SourceColumn> out = new ArrayList<>();
        try (PreparedStatement ps = src.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, NUMERIC_SCALE, DATETIME_PRECISION, "
                + "EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, t.database());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String extra = String.valueOf(rs.getString(6)).toUpperCase(Locale.ROOT);
                    out.add(new SourceColumn(rs.getString(1), rs.getString(2), rs.getString(3), null, false, integer(rs, 4),
                            integer(rs, 5), extra.contains("GENERATED") && !extra.contains("DEFAULT_GENERATED")));
                }
            }
        }
        return out;
    }

    private List<SourceColumn> pgColumns(Connection src, ObjectName t) throws SQLException {
        List<SourceColumn> out = new ArrayList<>();
        try (PreparedStatement ps = src.prepareStatement("SELECT c.column_name, c.data_type, c.udt_name, "
                + "EXISTS (SELECT 1 FROM pg_type ty JOIN pg_namespace n ON n.oid = ty.typnamespace WHERE ty.typname = c.udt_name "
                + "AND n.nspname = c.udt_schema AND ty.typtype = 'e'), c.numeric_scale, c.datetime_precision, c.is_generated "
                + "FROM information_schema.columns c WHERE c.table_schema = ? AND c.table_name = ? ORDER BY c.ordinal_position")) {
            ps.setString(1, t.database());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String dt = rs.getString(2);
                    boolean temporal = dt.startsWith("time");
                    out.add(new SourceColumn(rs.getString(1), dt, null, rs.getString(3), rs.getBoolean(4),
                            dt.equals("numeric") ? integer(rs, 5) : dt.equals("money") ? Integer.valueOf(2) : Integer.valueOf(0),
                            temporal ? integer(rs, 6) : null, "ALWAYS".equals(rs.getString(7))));
                }
            }
        }
        return out;
    }

    private List<String> primaryKey(Connection src, ObjectName t) throws SQLException {
        String sql = kind == SourceKind.POSTGRESQL
                ? "SELECT a.attname FROM pg_index i JOIN pg_class cl ON cl.oid = i.indrelid "
                        + "JOIN pg_namespace n ON n.oid = cl.relnamespace "
                        + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
                        + "WHERE n.nspname = ? AND cl.relname = ? AND i.indisprimary "
                        + "ORDER BY array_position(i.indkey::int2[], a.attnum)"
                : "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                        + "AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = src.prepareStatement(sql)) {
            ps.setString(1, t.database());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private long estimate(Connection src, ObjectName t) throws SQLException {
        String sql = kind == SourceKind.POSTGRESQL
                ? "SELECT GREATEST(cl.reltuples, 0)::bigint FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace "
                        + "WHERE n.nspname = ? AND cl.relname = ?"
                : "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
        try (PreparedStatement ps = src.prepareStatement(sql)) {
            ps.setString(1, t.database());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Column name (lower case: MySQL-mode names are case-insensitive) to type facts, in the target table. */
    static Map<String, TargetColumn> targetColumns(Connection tgt, ObjectName t) throws SQLException {
        Map<String, TargetColumn> out = new LinkedHashMap<>();
        try (PreparedStatement ps = tgt.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, NUMERIC_SCALE, DATETIME_PRECISION "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, t.database());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1).toLowerCase(Locale.ROOT), new TargetColumn(rs.getString(2).toLowerCase(Locale.ROOT),
                            integer(rs, 3), integer(rs, 4)));
                }
            }
        }
        return out;
    }
}
