package io.obkc.schema.convert;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.obkc.common.rules.ObjectName;
import io.obkc.common.sql.Identifiers;
import io.obkc.schema.model.ColumnDef;

/**
 * MySQL/MariaDB to OceanBase MySQL mode: essentially identity, plus charset/collation mapping, OceanBase's
 * limits (LOB defaults, 512 MB LOBs) and MariaDB-only types. See docs/type-mapping.md.
 */
public final class MysqlTypeMapper implements TypeMapper {
    static final Set<String> IDENTITY = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal",
            "numeric", "float", "double", "real", "bit", "date", "time", "datetime", "timestamp", "year", "char", "varchar",
            "binary", "varbinary", "tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob", "mediumblob", "longblob",
            "enum", "set", "json", "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
            "multipolygon", "geometrycollection", "geomcollection");
    static final Set<String> LOB_LIKE = Set.of("tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob", "mediumblob",
            "longblob", "json", "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
            "geometrycollection", "geomcollection");
    static final Set<String> CHARACTER = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set");
    private static final Pattern CURRENT_TS = Pattern.compile("(?i)^(current_timestamp|now|localtime|localtimestamp)(\\s*\\(\\s*(\\d*)\\s*\\))?$");

    @Override
    public ColumnDef map(ColumnDef src, MappingContext ctx) {
        ColumnDef t = src.copy();
        String type = src.dataType.toLowerCase(Locale.ROOT);
        String what = "column " + src.name;
        switch (type) {
            case "uuid" -> retype(t, "char", "char(36)", 36L, ctx, what + ": MariaDB UUID stored as CHAR(36) text");
            case "inet6" -> retype(t, "varchar", "varchar(39)", 39L, ctx, what + ": MariaDB INET6 stored as VARCHAR(39) text");
            case "inet4" -> retype(t, "varchar", "varchar(15)", 15L, ctx, what + ": MariaDB INET4 stored as VARCHAR(15) text");
            case "bool", "boolean" -> retype(t, "tinyint", "tinyint(1)", null, ctx, null);
            case "serial" -> {
                t.dataType = "bigint";
                t.columnType = "bigint unsigned";
                t.unsigned = true;
                t.autoIncrement = true;
                t.nullable = false;
            }
            default -> {
                if (!IDENTITY.contains(type)) {
                    throw new UnsupportedTypeException(what + ": unknown type " + src.columnType);
                }
            }
        }
        if ((t.dataType.equals("longtext") || t.dataType.equals("longblob"))) {
            ctx.warn(what + ": " + t.dataType.toUpperCase(Locale.ROOT)
                    + " values over 512 MB are rejected by OceanBase (MySQL allows 4 GB)");
        }
        if (t.dataType.equals("json")) {
            t.charset = null;
            t.collation = null;
        }
        mapCharset(t, ctx, what);
        mapDefault(t, ctx, what);
        if (t.onUpdate != null) {
            t.onUpdate = normalizeCurrentTimestamp(t.onUpdate, t.datetimePrecision);
        }
        if (t.generationExpression != null) {
            t.generationExpression = expression(t.generationExpression);
        }
        return t;
    }

    private static void retype(ColumnDef t, String dataType, String columnType, Long length, MappingContext ctx, String warning) {
        t.dataType = dataType;
        t.columnType = columnType;
        t.length = length;
        if (length != null) {
            t.charset = t.charset == null ? "utf8mb4" : t.charset;
        }
        if (warning != null) {
            ctx.warn(warning);
        }
    }

    static void mapCharset(ColumnDef t, MappingContext ctx, String what) {
        if (!CHARACTER.contains(t.dataType) || (t.charset == null && t.collation == null)) {
            t.charset = null;
            t.collation = null;
            return;
        }
        TargetCapabilities.Collation c = ctx.target().map(t.charset, t.collation);
        t.charset = c.charset();
        t.collation = c.collation();
        if (c.warning() != null) {
            ctx.warn(what + ": " + c.warning());
        }
        // Rewrite the type text when the charset was part of it (never for MySQL, but keep it clean).
        t.columnType = t.columnType.replaceAll("(?i)\\s+character set \\w+|\\s+collate \\w+", "");
    }

    static void mapDefault(ColumnDef t, MappingContext ctx, String what) {
        if (t.defaultKind == ColumnDef.DefaultKind.NONE || t.defaultKind == ColumnDef.DefaultKind.NULL) {
            return;
        }
        if (LOB_LIKE.contains(t.dataType)) {
            ctx.warn(what + ": default " + t.defaultValue + " dropped: OceanBase does not allow defaults on BLOB, TEXT, JSON "
                    + "or GEOMETRY columns");
            t.defaultKind = t.nullable ? ColumnDef.DefaultKind.NULL : ColumnDef.DefaultKind.NONE;
            t.defaultValue = null;
            return;
        }
        if (t.defaultKind == ColumnDef.DefaultKind.EXPRESSION) {
            String v = t.defaultValue.trim();
            if (CURRENT_TS.matcher(v).matches()) {
                t.defaultValue = normalizeCurrentTimestamp(v, t.datetimePrecision);
            } else if (v.matches("(?i)^[bx]'[0-9a-f]*'$") || v.matches("^\\(.*\\)$")) {
                t.defaultValue = v;
            } else {
                t.defaultValue = "(" + v + ")"; // MySQL 8 expression default syntax, accepted by OceanBase
            }
        }
    }

    static String normalizeCurrentTimestamp(String v, Integer fsp) {
        Matcher m = CURRENT_TS.matcher(v.trim());
        if (!m.matches()) {
            return v;
        }
        String p = m.group(3) != null && !m.group(3).isEmpty() ? m.group(3) : fsp != null && fsp > 0 ? fsp.toString() : "";
        return p.isEmpty() ? "CURRENT_TIMESTAMP" : "CURRENT_TIMESTAMP(" + p + ")";
    }

    @Override
    public String expression(String sourceExpression) {
        return sourceExpression;
    }

    @Override
    public String viewDefinition(String sourceDatabase, String definition, Map<ObjectName, ObjectName> renames) {
        String out = definition;
        // Fully qualified table references first, then bare database qualifiers of whole-database renames.
        for (Map.Entry<ObjectName, ObjectName> e : renames.entrySet()) {
            ObjectName s = e.getKey();
            ObjectName d = e.getValue();
            if (!s.equals(d)) {
                out = out.replace(Identifiers.quoteMysql(s.database(), s.table()), Identifiers.quoteMysql(d.database(), d.table()));
            }
        }
        String dbRename = null;
        for (Map.Entry<ObjectName, ObjectName> e : renames.entrySet()) {
            if (e.getKey().database().equals(sourceDatabase) && !e.getValue().database().equals(sourceDatabase)) {
                dbRename = e.getValue().database();
            }
        }
        if (dbRename != null) {
            out = out.replace(Identifiers.quoteMysql(sourceDatabase) + ".", Identifiers.quoteMysql(dbRename) + ".");
        }
        return out;
    }
}
