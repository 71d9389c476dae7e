package io.obkc.sink.ddl;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.obkc.common.sql.Identifiers;
import io.obkc.sink.ddl.SchemaChange.SourceColumn;

/**
 * OceanBase MySQL-mode column definitions for columns described by Debezium's {@code tableChanges}
 * (MySQL/MariaDB source terms). Types map one to one, with the same rules as the schema migration
 * tool (docs/type-mapping.md): MariaDB-only types become text types, BOOLEAN becomes TINYINT(1),
 * defaults on LOB-like columns are dropped because OceanBase rejects them.
 */
public final class SourceColumnMapper {
    static final Set<String> NO_PARAMS = Set.of("DATE", "YEAR", "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT", "TINYBLOB", "BLOB",
            "MEDIUMBLOB", "LONGBLOB", "JSON", "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING",
            "MULTIPOLYGON", "GEOMETRYCOLLECTION", "GEOMCOLLECTION");
    static final Set<String> LOB_LIKE = Set.of("TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT", "TINYBLOB", "BLOB", "MEDIUMBLOB",
            "LONGBLOB", "JSON", "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON",
            "GEOMETRYCOLLECTION", "GEOMCOLLECTION");
    private static final Set<String> NUMERIC = Set.of("TINYINT", "SMALLINT", "MEDIUMINT", "INT", "BIGINT", "DECIMAL", "FLOAT", "DOUBLE", "BIT");
    private static final Pattern CURRENT_TS = Pattern.compile("(?i)^(current_timestamp|now|localtime|localtimestamp)(\\s*\\(\\s*(\\d*)\\s*\\))?$");

    private SourceColumnMapper() {
    }

    /** Thrown for a source type OceanBase has no counterpart for; the statement then falls under ddl.unsupported.policy. */
    public static final class UnsupportedColumnException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedColumnException(String message) {
            super(message);
        }
    }

    /** {@code `name` TYPE [NOT] NULL [DEFAULT ...] [AUTO_INCREMENT] [COMMENT '...']}. */
    public static String columnDefinition(SourceColumn c, boolean primaryKey) {
        String type = targetType(c);
        String base = baseType(type);
        StringBuilder sb = new StringBuilder(Identifiers.quoteMysql(c.name())).append(' ').append(type);
        boolean notNull = primaryKey || !c.optional() || c.autoIncremented();
        sb.append(notNull ? " NOT NULL" : " NULL");
        String dflt = defaultClause(c, base);
        if (dflt != null && !c.autoIncremented()) {
            sb.append(" DEFAULT ").append(dflt);
        }
        if (c.autoIncremented()) {
            sb.append(" AUTO_INCREMENT");
        }
        if (c.comment() != null && !c.comment().isEmpty()) {
            sb.append(" COMMENT ").append(Identifiers.quoteMysqlString(c.comment()));
        }
        return sb.toString();
    }

    /** The OceanBase type text of a source column, e.g. {@code VARCHAR(50)}, {@code INT UNSIGNED}, {@code ENUM('a','b')}. */
    public static String targetType(SourceColumn c) {
        if (c.typeName() == null) {
            throw new UnsupportedColumnException("column " + c.name() + " has no type");
        }
        String tn = c.typeName().toUpperCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
        boolean unsigned = tn.contains(" UNSIGNED");
        boolean zerofill = tn.contains(" ZEROFILL");
        String base = tn.replace(" UNSIGNED", "").replace(" ZEROFILL", "").replace(" SIGNED", "").trim();
        String u = unsigned || zerofill ? " UNSIGNED" : "";
        Integer len = c.length() != null && c.length() >= 0 ? c.length() : null;
        Integer scale = c.scale();
        switch (base) {
            case "BOOL", "BOOLEAN":
                return "TINYINT(1)";
            case "UUID":
                return "CHAR(36)";
            case "INET6":
                return "VARCHAR(39)";
            case "INET4":
                return "VARCHAR(15)";
            case "SERIAL":
                return "BIGINT UNSIGNED";
            case "TINYINT", "INT1":
                return len != null && len == 1 && u.isEmpty() ? "TINYINT(1)" : "TINYINT" + u;
            case "SMALLINT", "INT2":
                return "SMALLINT" + u;
            case "MEDIUMINT", "INT3", "MIDDLEINT":
                return "MEDIUMINT" + u;
            case "INT", "INTEGER", "INT4":
                return "INT" + u;
            case "BIGINT", "INT8":
                return "BIGINT" + u;
            case "DECIMAL", "NUMERIC", "DEC", "FIXED": {
                int p = len == null ? 10 : Math.min(65, Math.max(1, len));
                int s = scale == null ? 0 : Math.min(30, Math.max(0, scale));
                return "DECIMAL(" + Math.max(p, s) + "," + s + ")" + u;
            }
            case "FLOAT", "FLOAT4":
                return "FLOAT" + u;
            case "DOUBLE", "DOUBLE PRECISION", "REAL", "FLOAT8":
                return "DOUBLE" + u;
            case "BIT":
                return "BIT(" + (len == null ? 1 : Math.max(1, Math.min(64, len))) + ")";
            case "CHAR", "CHARACTER", "NCHAR", "NATIONAL CHAR":
                return "CHAR(" + (len == null ? 1 : len) + ")";
            case "VARCHAR", "CHARACTER VARYING", "NVARCHAR", "NATIONAL VARCHAR", "VARCHAR2":
                if (len == null) {
                    throw new UnsupportedColumnException("column " + c.name() + ": VARCHAR without a length");
                }
                return "VARCHAR(" + len + ")";
            case "BINARY":
                return "BINARY(" + (len == null ? 1 : len) + ")";
            case "VARBINARY":
                if (len == null) {
                    throw new UnsupportedColumnException("column " + c.name() + ": VARBINARY without a length");
                }
                return "VARBINARY(" + len + ")";
            case "DATETIME", "TIMESTAMP", "TIME":
                return len != null && len > 0 && len <= 6 ? base + "(" + len + ")" : base;
            case "ENUM", "SET":
                if (c.enumValues().isEmpty()) {
                    throw new UnsupportedColumnException("column " + c.name() + ": " + base + " without values");
                }
                return base + "(" + String.join(",", c.enumValues().stream().map(SourceColumnMapper::enumLiteral).toList()) + ")";
            case "LONG", "LONG VARCHAR":
                return "MEDIUMTEXT";
            case "LONG VARBINARY":
                return "MEDIUMBLOB";
            default:
                if (NO_PARAMS.contains(base)) {
                    return base;
                }
                throw new UnsupportedColumnException("column " + c.name() + ": type " + c.typeName() + " has no OceanBase counterpart");
        }
    }

    private static String enumLiteral(String v) {
        String s = v;
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            s = s.substring(1, s.length() - 1).replace("''", "'");
        }
        return Identifiers.quoteMysqlString(s);
    }

    static String baseType(String targetType) {
        int paren = targetType.indexOf('(');
        String b = paren < 0 ? targetType : targetType.substring(0, paren);
        return b.replace(" UNSIGNED", "").trim();
    }

    /** The DEFAULT clause value, or null for none. */
    static String defaultClause(SourceColumn c, String base) {
        String d = c.defaultValueExpression();
        if (d == null) {
            return null;
        }
        if (LOB_LIKE.contains(base)) {
            // OceanBase does not allow defaults on TEXT, BLOB, JSON or GEOMETRY columns.
            return null;
        }
        String v = d.trim();
        if (v.equalsIgnoreCase("NULL")) {
            return c.optional() ? "NULL" : null;
        }
        Matcher m = CURRENT_TS.matcher(v);
        if (m.matches()) {
            String fsp = m.group(3) != null && !m.group(3).isEmpty() ? m.group(3) : null;
            if (fsp == null && c.length() != null && c.length() > 0 && c.length() <= 6 && (base.equals("DATETIME") || base.equals("TIMESTAMP"))) {
                fsp = c.length().toString();
            }
            return fsp == null ? "CURRENT_TIMESTAMP" : "CURRENT_TIMESTAMP(" + fsp + ")";
        }
        if (v.matches("(?i)^[bx]'[0-9a-f]*'$")) {
            return v;
        }
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            v = v.substring(1, v.length() - 1).replace("''", "'");
        }
        if (NUMERIC.contains(base) && v.matches("[-+]?\\d+(\\.\\d*)?([eE][-+]?\\d+)?")) {
            return v;
        }
        return Identifiers.quoteMysqlString(v);
    }
}
