package io.obkc.schema.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
import io.obkc.common.sql.Identifiers;
import io.obkc.schema.model.CheckDef;
import io.obkc.schema.model.ColumnDef;
import io.obkc.schema.model.ForeignKeyDef;
import io.obkc.schema.model.IndexDef;
import io.obkc.schema.model.OtherObject;
import io.obkc.schema.model.SourceSchema;
import io.obkc.schema.model.TableDef;
import io.obkc.schema.model.ViewDef;

/**
 * MySQL and MariaDB: reads {@code information_schema}, and {@code SHOW CREATE TABLE} for the partitioning clause.
 * Knows the two dialects' differences (MariaDB quotes literal defaults in {@code COLUMN_DEFAULT} and stores JSON
 * as LONGTEXT with a {@code json_valid} check; MySQL 8 has functional key parts in {@code STATISTICS.EXPRESSION}).
 */
public final class MysqlSchemaReader implements SchemaReader {
    static final Set<String> SYSTEM_DATABASES = Set.of("mysql", "information_schema", "performance_schema", "sys");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private boolean mariadb;

    @Override
    public SourceSchema read(Connection c, Predicate<ObjectName> selected) throws SQLException {
        String version = scalar(c, "SELECT VERSION()");
        mariadb = version.toLowerCase(Locale.ROOT).contains("mariadb");
        SourceSchema schema = new SourceSchema(SourceSchema.Engine.MYSQL, version);
        Map<String, Map<String, TableDef>> byDb = new LinkedHashMap<>();
        Set<String> dbs = new LinkedHashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, TABLE_COMMENT, TABLE_COLLATION, AUTO_INCREMENT, CREATE_OPTIONS "
                        + "FROM information_schema.TABLES ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
            while (rs.next()) {
                String db = rs.getString(1);
                String name = rs.getString(2);
                String type = rs.getString(3);
                if (SYSTEM_DATABASES.contains(db.toLowerCase(Locale.ROOT)) || !selected.test(new ObjectName(db, name))) {
                    continue;
                }
                dbs.add(db);
                if ("VIEW".equals(type)) {
                    continue; // read from information_schema.VIEWS below
                }
                if ("SEQUENCE".equals(type)) {
                    schema.others.add(new OtherObject("SEQUENCE", db, name, "MariaDB sequence object"));
                    continue;
                }
                if (type.contains("TEMPORARY")) {
                    continue; // OMS filters temporary tables out
                }
                TableDef t = new TableDef(db, name);
                t.comment = emptyToNull(rs.getString(4));
                t.collation = rs.getString(5);
                t.charset = charsetOf(t.collation);
                long ai = rs.getLong(6);
                t.autoIncrement = rs.wasNull() ? null : ai;
                String options = rs.getString(7);
                if (type.contains("VERSIONED")) {
                    t.notes.add("system-versioned table: only current rows are migrated, history is not");
                }
                if (options != null && options.toLowerCase(Locale.ROOT).contains("partitioned")) {
                    t.partitioning = "?"; // read below
                }
                byDb.computeIfAbsent(db, k -> new LinkedHashMap<>()).put(name, t);
                schema.tables.add(t);
            }
        }
        for (String db : dbs) {
            Map<String, TableDef> tables = byDb.getOrDefault(db, Map.of());
            readColumns(c, db, tables);
            readChecks(c, db, tables);
            readIndexes(c, db, tables);
            readForeignKeys(c, db, tables);
            for (TableDef t : tables.values()) {
                if (t.partitioning != null) {
                    readPartitioning(c, t);
                }
            }
            readViews(c, db, selected, schema);
            readOthers(c, db, selected, schema);
        }
        return schema;
    }

    private void readColumns(Connection c, String db, Map<String, TableDef> tables) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? "
                + "ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableDef t = tables.get(rs.getString("TABLE_NAME"));
                    if (t == null) {
                        continue;
                    }
                    ColumnDef col = new ColumnDef(rs.getString("COLUMN_NAME"), rs.getString("DATA_TYPE").toLowerCase(Locale.ROOT),
                            rs.getString("COLUMN_TYPE"));
                    String ct = col.columnType.toLowerCase(Locale.ROOT);
                    col.length = longOrNull(rs, "CHARACTER_MAXIMUM_LENGTH");
                    Long p = longOrNull(rs, "NUMERIC_PRECISION");
                    col.precision = p == null ? null : p.intValue();
                    Long sc = longOrNull(rs, "NUMERIC_SCALE");
                    col.scale = sc == null ? null : sc.intValue();
                    Long dp = longOrNull(rs, "DATETIME_PRECISION");
                    col.datetimePrecision = dp == null ? null : dp.intValue();
                    if (col.dataType.equals("bit")) {
                        col.length = (long) parenNumber(ct, 1);
                    }
                    col.unsigned = ct.contains("unsigned");
                    col.zerofill = ct.contains("zerofill");
                    if (col.dataType.equals("enum") || col.dataType.equals("set")) {
                        col.enumValues = parseQuotedList(col.columnType.substring(col.columnType.indexOf('(') + 1,
                                col.columnType.lastIndexOf(')')));
                    }
                    col.nullable = "YES".equals(rs.getString("IS_NULLABLE"));
                    col.charset = rs.getString("CHARACTER_SET_NAME");
                    col.collation = rs.getString("COLLATION_NAME");
                    col.comment = emptyToNull(rs.getString("COLUMN_COMMENT"));
                    String extra = nullToEmpty(rs.getString("EXTRA")).toLowerCase(Locale.ROOT);
                    col.autoIncrement = extra.contains("auto_increment");
                    Matcher onUpdate = Pattern.compile("on update (\\S+)").matcher(extra);
                    if (onUpdate.find()) {
                        col.onUpdate = onUpdate.group(1);
                    }
                    String gen = optString(rs, "GENERATION_EXPRESSION");
                    if (gen != null && !gen.isEmpty() && (extra.contains("generated") || extra.contains("virtual")
                            || extra.contains("stored") || extra.contains("persistent"))) {
                        col.generationExpression = gen;
                        col.generatedStored = extra.contains("stored") || extra.contains("persistent");
                    }
                    readDefault(col, rs.getString("COLUMN_DEFAULT"), extra);
                    t.columns.add(col);
                }
            }
        }
    }

    private void readDefault(ColumnDef col, String raw, String extra) {
        if (col.isGenerated() || col.autoIncrement) {
            return;
        }
        if (raw == null) {
            col.defaultKind = col.nullable ? ColumnDef.DefaultKind.NULL : ColumnDef.DefaultKind.NONE;
            return;
        }
        if (mariadb) {
            // MariaDB 10.2.7+: literals are quoted, NULL is the word NULL, anything else is an expression.
            if (raw.equals("NULL")) {
                col.defaultKind = ColumnDef.DefaultKind.NULL;
            } else if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
                col.defaultKind = ColumnDef.DefaultKind.LITERAL;
                col.defaultValue = unquote(raw);
            } else if (NUMBER.matcher(raw).matches()) {
                col.defaultKind = ColumnDef.DefaultKind.LITERAL;
                col.defaultValue = raw;
            } else {
                col.defaultKind = ColumnDef.DefaultKind.EXPRESSION;
                col.defaultValue = raw;
            }
            return;
        }
        String upper = raw.toUpperCase(Locale.ROOT);
        if (extra.contains("default_generated") || upper.startsWith("CURRENT_TIMESTAMP") || upper.startsWith("NOW(")
                || (col.dataType.equals("bit") && raw.startsWith("b'"))) {
            col.defaultKind = ColumnDef.DefaultKind.EXPRESSION;
            col.defaultValue = raw;
        } else {
            col.defaultKind = ColumnDef.DefaultKind.LITERAL;
            col.defaultValue = raw;
        }
    }

    private void readChecks(Connection c, String db, Map<String, TableDef> tables) throws SQLException {
        String sql = mariadb
                ? "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL FROM information_schema.CHECK_CONSTRAINTS "
                        + "WHERE CONSTRAINT_SCHEMA = ? ORDER BY TABLE_NAME, CONSTRAINT_NAME"
                : "SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, 'Table' FROM information_schema.TABLE_CONSTRAINTS tc "
                        + "JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
                        + "AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND tc.TABLE_SCHEMA = ? "
                        + "ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableDef t = tables.get(rs.getString(1));
                    if (t == null) {
                        continue;
                    }
                    String name = rs.getString(2);
                    String clause = rs.getString(3);
                    // MariaDB's JSON is LONGTEXT plus a column-level json_valid() check: give the column back its type.
                    if ("Column".equalsIgnoreCase(rs.getString(4)) && t.column(name).isPresent()
                            && clause.replace(" ", "").equalsIgnoreCase("json_valid(" + Identifiers.quoteMysql(name) + ")")) {
                        ColumnDef col = t.column(name).get();
                        col.dataType = "json";
                        col.columnType = "json";
                        col.charset = null;
                        col.collation = null;
                        col.length = null;
                        continue;
                    }
                    t.checks.add(new CheckDef(name, clause));
                }
            }
        } catch (SQLException e) {
            if (!"42S02".equals(e.getSQLState())) { // MySQL < 8.0.16 has no CHECK_CONSTRAINTS
                throw e;
            }
        }
    }

    private void readIndexes(Connection c, String db, Map<String, TableDef> tables) throws SQLException {
        record Key(String table, String index) {
        }
        Map<Key, List<IndexDef.Part>> parts = new LinkedHashMap<>();
        Map<Key, IndexDef.Kind> kinds = new LinkedHashMap<>();
        Map<Key, String> comments = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? "
                + "ORDER BY TABLE_NAME, INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    if (!tables.containsKey(table)) {
                        continue;
                    }
                    String index = rs.getString("INDEX_NAME");
                    Key k = new Key(table, index);
                    String type = nullToEmpty(rs.getString("INDEX_TYPE")).toUpperCase(Locale.ROOT);
                    IndexDef.Kind kind = index.equals("PRIMARY") ? IndexDef.Kind.PRIMARY
                            : type.equals("FULLTEXT") ? IndexDef.Kind.FULLTEXT
                            : type.equals("SPATIAL") ? IndexDef.Kind.SPATIAL
                            : rs.getInt("NON_UNIQUE") == 0 ? IndexDef.Kind.UNIQUE : IndexDef.Kind.INDEX;
                    kinds.put(k, kind);
                    comments.put(k, emptyToNull(optString(rs, "INDEX_COMMENT")));
                    // MariaDB reports a SUB_PART for SPATIAL keys; only B-tree keys have real prefixes.
                    Long sub = kind == IndexDef.Kind.SPATIAL || kind == IndexDef.Kind.FULLTEXT ? null : longOrNull(rs, "SUB_PART");
                    String expr = optString(rs, "EXPRESSION");
                    String column = rs.getString("COLUMN_NAME");
                    parts.computeIfAbsent(k, x -> new ArrayList<>()).add(new IndexDef.Part(column, column == null ? expr : null,
                            sub == null ? null : sub.intValue(), "D".equals(rs.getString("COLLATION"))));
                }
            }
        }
        parts.forEach((k, p) -> tables.get(k.table()).indexes.add(new IndexDef(k.index(), kinds.get(k), p, comments.get(k))));
    }

    private void readForeignKeys(Connection c, String db, Map<String, TableDef> tables) throws SQLException {
        record Key(String table, String name) {
        }
        Map<Key, String[]> head = new LinkedHashMap<>();
        Map<Key, List<String>> cols = new LinkedHashMap<>();
        Map<Key, List<String>> refCols = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, "
                + "k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE "
                + "FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
                + "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME "
                + "WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL "
                + "ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Key k = new Key(rs.getString(1), rs.getString(2));
                    if (!tables.containsKey(k.table())) {
                        continue;
                    }
                    head.put(k, new String[] {rs.getString(4), rs.getString(5), rs.getString(7), rs.getString(8)});
                    cols.computeIfAbsent(k, x -> new ArrayList<>()).add(rs.getString(3));
                    refCols.computeIfAbsent(k, x -> new ArrayList<>()).add(rs.getString(6));
                }
            }
        }
        head.forEach((k, h) -> tables.get(k.table()).foreignKeys.add(
                new ForeignKeyDef(k.name(), cols.get(k), h[0], h[1], refCols.get(k), h[3], h[2])));
    }

    private void readPartitioning(Connection c, TableDef t) throws SQLException {
        String ddl;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + Identifiers.quoteMysql(t.database, t.name))) {
            rs.next();
            ddl = rs.getString(2);
        }
        t.partitioning = extractPartitioning(ddl);
        Set<String> cols = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT PARTITION_EXPRESSION, SUBPARTITION_EXPRESSION "
                + "FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, t.database);
            ps.setString(2, t.name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 1; i <= 2; i++) {
                        String expr = rs.getString(i);
                        if (expr != null) {
                            cols.addAll(columnsIn(expr, t));
                        }
                    }
                }
            }
        }
        t.partitionColumns = new ArrayList<>(cols);
    }

    /** The {@code PARTITION BY ...} clause of a SHOW CREATE TABLE text, without version comments and ENGINE options. */
    static String extractPartitioning(String ddl) {
        Matcher m = Pattern.compile("(?i)\\bPARTITION\\s+BY\\b").matcher(ddl);
        if (!m.find()) {
            return null;
        }
        String clause = ddl.substring(m.start()).trim();
        if (clause.endsWith("*/")) {
            clause = clause.substring(0, clause.length() - 2).trim();
        }
        clause = clause.replaceAll("(?i)\\s*(STORAGE\\s+)?ENGINE\\s*=\\s*\\w+", "");
        return clause.replaceAll("\\s*\\n\\s*", " ");
    }

    /** Column names of {@code t} mentioned in a partition expression (quoted or bare). */
    static List<String> columnsIn(String expr, TableDef t) {
        List<String> out = new ArrayList<>();
        Matcher q = Pattern.compile("`((?:[^`]|``)+)`|([A-Za-z_$][\\w$]*)").matcher(expr);
        while (q.find()) {
            String name = q.group(1) != null ? q.group(1).replace("``", "`") : q.group(2);
            for (ColumnDef col : t.columns) {
                if (col.name.equalsIgnoreCase(name) && !out.contains(col.name)) {
                    out.add(col.name);
                }
            }
        }
        return out;
    }

    private void readViews(Connection c, String db, Predicate<ObjectName> selected, SourceSchema schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS "
                + "WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (selected.test(new ObjectName(db, rs.getString(1)))) {
                        schema.views.add(new ViewDef(db, rs.getString(1), rs.getString(2)));
                    }
                }
            }
        }
    }

    private void readOthers(Connection c, String db, Predicate<ObjectName> selected, SourceSchema schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION "
                + "FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY TRIGGER_NAME")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (selected.test(new ObjectName(db, rs.getString(2)))) {
                        schema.others.add(new OtherObject("TRIGGER", db, rs.getString(1),
                                rs.getString(3) + " " + rs.getString(4) + " ON " + rs.getString(2)));
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES "
                + "WHERE ROUTINE_SCHEMA = ? ORDER BY ROUTINE_TYPE, ROUTINE_NAME")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    schema.others.add(new OtherObject(rs.getString(2), db, rs.getString(1), "stored " + rs.getString(2).toLowerCase(Locale.ROOT)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT EVENT_NAME, STATUS FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    schema.others.add(new OtherObject("EVENT", db, rs.getString(1), "event, " + rs.getString(2)));
                }
            }
        }
    }

    // ---- helpers

    static List<String> parseQuotedList(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) != '\'') {
                i++;
                continue;
            }
            StringBuilder v = new StringBuilder();
            i++;
            while (i < s.length()) {
                char ch = s.charAt(i);
                if (ch == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    v.append('\'');
                    i += 2;
                } else if (ch == '\\' && i + 1 < s.length()) {
                    v.append(s.charAt(i + 1));
                    i += 2;
                } else if (ch == '\'') {
                    i++;
                    break;
                } else {
                    v.append(ch);
                    i++;
                }
            }
            out.add(v.toString());
        }
        return out;
    }

    static String unquote(String quoted) {
        List<String> l = parseQuotedList(quoted);
        return l.isEmpty() ? "" : l.get(0);
    }

    private static int parenNumber(String type, int fallback) {
        Matcher m = Pattern.compile("\\((\\d+)").matcher(type);
        return m.find() ? Integer.parseInt(m.group(1)) : fallback;
    }

    static String charsetOf(String collation) {
        if (collation == null) {
            return null;
        }
        int u = collation.indexOf('_');
        return u < 0 ? collation : collation.substring(0, u);
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Long longOrNull(ResultSet rs, String col) throws SQLException {
        String v = optString(rs, col);
        return v == null ? null : Long.parseLong(v);
    }

    private static String optString(ResultSet rs, String col) throws SQLException {
        try {
            rs.findColumn(col);
        } catch (SQLException e) {
            return null;
        }
        return rs.getString(col);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
