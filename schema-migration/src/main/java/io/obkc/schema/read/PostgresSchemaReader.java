package io.obkc.schema.read;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.obkc.common.rules.ObjectName;
import io.obkc.schema.model.CheckDef;
import io.obkc.schema.model.ColumnDef;
import io.obkc.schema.model.ForeignKeyDef;
import io.obkc.schema.model.IndexDef;
import io.obkc.schema.model.OtherObject;
import io.obkc.schema.model.SourceSchema;
import io.obkc.schema.model.TableDef;
import io.obkc.schema.model.ViewDef;

/**
 * PostgreSQL: reads {@code pg_catalog} and {@code information_schema} of the connected database. {@link TableDef#database}
 * is the PostgreSQL schema; the converter maps schemas to OceanBase databases. Sets {@code search_path} to
 * {@code pg_catalog} for the session so that view definitions come back with schema-qualified names.
 */
public final class PostgresSchemaReader implements SchemaReader {
    private static final Pattern NEXTVAL = Pattern.compile("(?i)^nextval\\('(.+)'::regclass\\)$");

    @Override
    public SourceSchema read(Connection c, Predicate<ObjectName> selected) throws SQLException {
        String version = scalar(c, "SHOW server_version");
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path = pg_catalog");
        }
        SourceSchema schema = new SourceSchema(SourceSchema.Engine.POSTGRESQL, version);
        Map<Long, TableDef> byOid = new LinkedHashMap<>();
        Map<Long, List<ObjectName>> partitions = new LinkedHashMap<>();
        Map<Long, TableDef> viewOids = new LinkedHashMap<>();
        Set<String> schemas = new LinkedHashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT n.nspname, c.relname, c.relkind, obj_description(c.oid, 'pg_class'), c.oid, c.relispartition, "
                        + "CASE WHEN c.relkind IN ('v','m') THEN pg_get_viewdef(c.oid, true) END, "
                        + "EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a','i') AND c.relkind = 'S'), "
                        + "CASE WHEN c.relispartition THEN pg_partition_root(c.oid)::oid::bigint END "
                        + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE c.relkind IN ('r','p','v','m','S') AND n.nspname NOT IN ('pg_catalog','information_schema') "
                        + "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%' "
                        + "ORDER BY n.nspname, c.relname")) {
            while (rs.next()) {
                String ns = rs.getString(1);
                String name = rs.getString(2);
                String kind = rs.getString(3);
                if (!selected.test(new ObjectName(ns, name))) {
                    continue;
                }
                schemas.add(ns);
                switch (kind) {
                    case "v" -> {
                        schema.views.add(new ViewDef(ns, name, rs.getString(7)));
                        TableDef columns = new TableDef(ns, name);
                        viewOids.put(rs.getLong(5), columns);
                        schema.viewColumns.add(columns);
                    }
                    case "m" -> schema.others.add(new OtherObject("MATERIALIZED VIEW", ns, name, "materialized view"));
                    case "S" -> {
                        if (!rs.getBoolean(8)) {
                            schema.others.add(new OtherObject("SEQUENCE", ns, name, "standalone sequence"));
                        }
                    }
                    default -> {
                        if (rs.getBoolean(6)) {
                            partitions.computeIfAbsent(rs.getLong(9), k -> new ArrayList<>()).add(new ObjectName(ns, name));
                            continue;
                        }
                        TableDef t = new TableDef(ns, name);
                        t.comment = rs.getString(4);
                        t.charset = "utf8mb4";
                        if ("p".equals(kind)) {
                            t.notes.add("PostgreSQL partitioned table: created as one unpartitioned table");
                        }
                        byOid.put(rs.getLong(5), t);
                        schema.tables.add(t);
                    }
                }
            }
        }
        partitions.forEach((root, parts) -> notePartitions(byOid.get(root), parts, schema));
        Map<String, List<String>> enums = readEnums(c);
        readColumns(c, byOid, enums);
        if (!viewOids.isEmpty()) {
            readColumns(c, viewOids, enums);
        }
        readIndexes(c, byOid);
        readConstraints(c, byOid);
        readOthers(c, schemas, selected, schema);
        return schema;
    }

    /**
     * Partitions are not tables of their own on the target: their rows belong to the root partitioned table, which is
     * created as one table. A partition whose root is not selected is reported, since its rows would have no target.
     */
    private static void notePartitions(TableDef root, List<ObjectName> parts, SourceSchema schema) {
        if (root == null) {
            for (ObjectName p : parts) {
                schema.others.add(new OtherObject("PARTITION", p.database(), p.table(), "partition whose partitioned (root) "
                        + "table is not selected; its rows belong to that table: select the root table instead"));
            }
            return;
        }
        schema.foldedPartitions.addAll(parts);
        root.notes.add("partitions " + String.join(", ", parts.stream().map(ObjectName::toString).toList())
                + " are not created: their rows belong to this table (stream them with a publication that has "
                + "publish_via_partition_root = true, see docs/schema-migration.md)");
    }

    private Map<String, List<String>> readEnums(Connection c) throws SQLException {
        Map<String, List<String>> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n.nspname, t.typname, e.enumlabel FROM pg_enum e "
                + "JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace ORDER BY t.oid, e.enumsortorder")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1) + "." + rs.getString(2), k -> new ArrayList<>()).add(rs.getString(3));
            }
        }
        return out;
    }

    private void readColumns(Connection c, Map<Long, TableDef> tables, Map<String, List<String>> enums) throws SQLException {
        String sql = "SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                + "pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, col_description(a.attrelid, a.attnum), "
                + "ic.data_type, ic.character_maximum_length, ic.numeric_precision, ic.numeric_scale, ic.datetime_precision, "
                + "ic.udt_schema, ic.udt_name, ic.domain_name, ic.collation_name, "
                + "pg_get_serial_sequence(quote_ident(ic.table_schema) || '.' || quote_ident(ic.table_name), a.attname), "
                + "et.typname, a.attndims, dt.typnotnull, ic.domain_schema, ic.interval_type "
                + "FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "JOIN information_schema.columns ic ON ic.table_schema = n.nspname AND ic.table_name = cl.relname "
                + "AND ic.column_name = a.attname "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "LEFT JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' "
                + "LEFT JOIN pg_type dt ON dt.oid = a.atttypid AND dt.typtype = 'd' "
                + "WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid = ANY (?) ORDER BY a.attrelid, a.attnum";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", tables.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableDef t = tables.get(rs.getLong(1));
                    ColumnDef col = new ColumnDef(rs.getString(2), rs.getString(9).toLowerCase(Locale.ROOT), rs.getString(3));
                    col.nullable = !rs.getBoolean(4) && !rs.getBoolean(21);
                    col.length = longOrNull(rs, 10);
                    Long p = longOrNull(rs, 11);
                    col.precision = p == null ? null : p.intValue();
                    Long sc = longOrNull(rs, 12);
                    col.scale = sc == null ? null : sc.intValue();
                    Long dp = longOrNull(rs, 13);
                    col.datetimePrecision = dp == null ? null : dp.intValue();
                    String udtSchema = rs.getString(14);
                    String udt = rs.getString(15);
                    if (col.dataType.equals("user-defined")) {
                        List<String> labels = enums.get(udtSchema + "." + udt);
                        if (labels != null) {
                            col.dataType = "enum";
                            col.enumValues = labels;
                        } else {
                            col.dataType = udt;
                        }
                    }
                    if (col.dataType.equals("interval")) {
                        col.length = null;
                    }
                    if (rs.getString(16) != null) {
                        col.domain = rs.getString(22) + "." + rs.getString(16);
                    }
                    col.collation = rs.getString(17);
                    col.comment = rs.getString(8);
                    col.elementType = rs.getString(19);
                    col.arrayDimensions = col.dataType.equals("array") ? Math.max(1, rs.getInt(20)) : 0;
                    String identity = rs.getString(6);
                    String generated = rs.getString(7);
                    String def = rs.getString(5);
                    if (generated != null && generated.equals("s")) {
                        col.generationExpression = def;
                        col.generatedStored = true;
                    } else if (identity != null && !identity.isEmpty()) {
                        col.autoIncrement = true;
                    } else if (def != null && NEXTVAL.matcher(def).matches()) {
                        col.autoIncrement = true;
                    } else if (def != null) {
                        col.defaultKind = ColumnDef.DefaultKind.EXPRESSION; // PostgreSQL text; the mapper interprets it
                        col.defaultValue = def;
                    } else {
                        col.defaultKind = col.nullable ? ColumnDef.DefaultKind.NULL : ColumnDef.DefaultKind.NONE;
                    }
                    String seq = rs.getString(18);
                    if (col.autoIncrement && seq != null && t.autoIncrement == null) {
                        t.autoIncrement = nextValue(c, seq);
                    }
                    t.columns.add(col);
                }
            }
        }
    }

    /** The value the sequence hands out next (the target's AUTO_INCREMENT start). */
    private static Long nextValue(Connection c, String sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT s.last_value, s.increment_by, s.start_value FROM pg_sequences s "
                + "WHERE (quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename))::regclass = ?::regclass")) {
            ps.setString(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long last = rs.getLong(1);
                return rs.wasNull() ? rs.getLong(3) : last + rs.getLong(2);
            }
        }
    }

    private void readIndexes(Connection c, Map<Long, TableDef> tables) throws SQLException {
        String sql = "SELECT i.indrelid, ic.relname, i.indisprimary, i.indisunique, am.amname, pg_get_expr(i.indpred, i.indrelid), "
                + "ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 THEN NULL ELSE (SELECT attname FROM pg_attribute "
                + "  WHERE attrelid = i.indrelid AND attnum = i.indkey[k - 1]) END FROM generate_series(1, i.indnkeyatts) k ORDER BY k), "
                + "ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k), "
                + "ARRAY(SELECT (i.indoption[k - 1] & 1) = 1 FROM generate_series(1, i.indnkeyatts) k ORDER BY k) "
                + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam "
                + "WHERE i.indrelid = ANY (?) ORDER BY i.indrelid, NOT i.indisprimary, ic.relname";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", tables.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableDef t = tables.get(rs.getLong(1));
                    String name = rs.getString(2);
                    String am = rs.getString(5);
                    if (rs.getString(6) != null) {
                        t.notes.add("partial index " + name + " (WHERE " + rs.getString(6) + ") not migrated: OceanBase has no partial indexes");
                        continue;
                    }
                    if (!am.equals("btree") && !am.equals("hash")) {
                        t.notes.add(am + " index " + name + " not migrated: OceanBase MySQL mode has no " + am + " indexes");
                        continue;
                    }
                    String[] cols = strings(rs.getArray(7));
                    String[] defs = strings(rs.getArray(8));
                    Boolean[] desc = (Boolean[]) rs.getArray(9).getArray();
                    List<IndexDef.Part> parts = new ArrayList<>();
                    for (int k = 0; k < cols.length; k++) {
                        parts.add(new IndexDef.Part(cols[k], cols[k] == null ? defs[k] : null, null, desc[k]));
                    }
                    IndexDef.Kind kind = rs.getBoolean(3) ? IndexDef.Kind.PRIMARY : rs.getBoolean(4) ? IndexDef.Kind.UNIQUE : IndexDef.Kind.INDEX;
                    t.indexes.add(new IndexDef(kind == IndexDef.Kind.PRIMARY ? "PRIMARY" : name, kind, parts, null));
                }
            }
        }
    }

    private void readConstraints(Connection c, Map<Long, TableDef> tables) throws SQLException {
        String sql = "SELECT co.conrelid, co.conname, co.contype, pg_get_constraintdef(co.oid, true), rn.nspname, rc.relname, "
                + "ARRAY(SELECT attname FROM unnest(co.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = co.conrelid "
                + "  AND a.attnum = k.n ORDER BY k.o), "
                + "ARRAY(SELECT attname FROM unnest(co.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = co.confrelid "
                + "  AND a.attnum = k.n ORDER BY k.o), co.confdeltype, co.confupdtype "
                + "FROM pg_constraint co LEFT JOIN pg_class rc ON rc.oid = co.confrelid LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace "
                + "WHERE co.contype IN ('f','c') AND co.conrelid = ANY (?) ORDER BY co.conrelid, co.conname";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", tables.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableDef t = tables.get(rs.getLong(1));
                    if ("f".equals(rs.getString(3))) {
                        t.foreignKeys.add(new ForeignKeyDef(rs.getString(2), List.of(strings(rs.getArray(7))), rs.getString(5),
                                rs.getString(6), List.of(strings(rs.getArray(8))), action(rs.getString(9)), action(rs.getString(10))));
                    } else {
                        t.checks.add(new CheckDef(rs.getString(2), checkExpression(rs.getString(4))));
                    }
                }
            }
        }
        // Domain CHECK constraints become table CHECK constraints on the column (VALUE -> column).
        String dsql = "SELECT a.attrelid, a.attname, co.conname, pg_get_constraintdef(co.oid, true) FROM pg_attribute a "
                + "JOIN pg_constraint co ON co.contypid = a.atttypid AND co.contype = 'c' "
                + "WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum";
        try (PreparedStatement ps = c.prepareStatement(dsql)) {
            ps.setArray(1, c.createArrayOf("bigint", tables.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableDef t = tables.get(rs.getLong(1));
                    String column = rs.getString(2);
                    String expr = checkExpression(rs.getString(4)).replaceAll("\\bVALUE\\b", "\"" + column.replace("\"", "\"\"") + "\"");
                    t.checks.add(new CheckDef(t.name + "_" + column + "_" + rs.getString(3), expr));
                }
            }
        }
    }

    private void readOthers(Connection c, Set<String> schemas, Predicate<ObjectName> selected, SourceSchema schema) throws SQLException {
        if (schemas.isEmpty()) {
            return;
        }
        Array names = c.createArrayOf("text", schemas.toArray());
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname, cl.relname, tg.tgname FROM pg_trigger tg "
                + "JOIN pg_class cl ON cl.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "WHERE NOT tg.tgisinternal AND n.nspname = ANY (?) ORDER BY 1, 2, 3")) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (selected.test(new ObjectName(rs.getString(1), rs.getString(2)))) {
                        schema.others.add(new OtherObject("TRIGGER", rs.getString(1), rs.getString(3), "trigger on " + rs.getString(2)));
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname, p.proname, p.prokind FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY (?) AND NOT EXISTS "
                + "(SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') ORDER BY 1, 2")) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = switch (rs.getString(3)) {
                        case "p" -> "PROCEDURE";
                        case "a" -> "AGGREGATE";
                        case "w" -> "WINDOW FUNCTION";
                        default -> "FUNCTION";
                    };
                    schema.others.add(new OtherObject(kind, rs.getString(1), rs.getString(2), kind.toLowerCase(Locale.ROOT)));
                }
            }
        }
    }

    /** {@code CHECK ((qty >= 0)) NOT VALID} -> {@code (qty >= 0)}. */
    static String checkExpression(String def) {
        Matcher m = Pattern.compile("(?s)^CHECK\\s*(.*?)(\\s+NOT VALID)?$").matcher(def.trim());
        return m.matches() ? m.group(1).trim() : def;
    }

    private static String action(String code) {
        return switch (code == null ? "a" : code) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    private static String[] strings(Array a) throws SQLException {
        return a == null ? new String[0] : (String[]) a.getArray();
    }

    private static Long longOrNull(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
