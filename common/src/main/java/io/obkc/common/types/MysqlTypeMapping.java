package io.obkc.common.types;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.obkc.common.sql.Identifiers;

/**
 * The one MySQL/MariaDB to OceanBase MySQL-mode column type mapping, shared by the schema migration
 * ({@code MysqlTypeMapper}) and the sink's DDL sync ({@code SourceColumnMapper}) so that a table created by
 * either looks the same. Types map one to one (OceanBase MySQL mode has the MySQL types): display widths,
 * {@code UNSIGNED}, {@code ZEROFILL}, precision, scale and fractional seconds are kept; aliases get their
 * canonical names; MariaDB-only types become text. docs/type-mapping.md is the table; keep the two in step.
 *
 * <p>Also here, because both callers need them and must agree: which target types cannot have a DEFAULT
 * (OceanBase rejects defaults on TEXT, BLOB, JSON and spatial columns) and how defaults are written.
 */
public final class MysqlTypeMapping {
    private static final Set<String> TEXT = Set.of("tinytext", "text", "mediumtext", "longtext");
    private static final Set<String> BLOB = Set.of("tinyblob", "blob", "mediumblob", "longblob");
    private static final Set<String> SPATIAL = Set.of("geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
            "multipolygon", "geometrycollection", "geomcollection");
    private static final Set<String> LOB_LIKE = union(TEXT, BLOB, SPATIAL, Set.of("json"));
    private static final Set<String> CHARACTER = union(TEXT, Set.of("char", "varchar", "enum", "set"));
    /** Types whose numeric defaults are written unquoted (a quoted number in a BIT column would be a byte string). */
    private static final Set<String> NUMERIC = Set.of("tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "float", "double",
            "bit");
    private static final Pattern CURRENT_TS = Pattern.compile("(?i)^(current_timestamp|now|localtime|localtimestamp)(\\s*\\(\\s*(\\d*)\\s*\\))?$");
    private static final Pattern BIT_OR_HEX = Pattern.compile("(?i)^[bx]'[0-9a-f]*'$");
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d*)?([eE][-+]?\\d+)?");
    private static final Pattern WORDS = Pattern.compile("\\s+(un)?signed\\b|\\s+zerofill\\b");

    private MysqlTypeMapping() {
    }

    /**
     * The OceanBase type of a MySQL/MariaDB column.
     *
     * @throws UnsupportedSourceTypeException for a type OceanBase has no counterpart for (e.g. MariaDB VECTOR), a
     *                                        VARCHAR/VARBINARY without a length or an ENUM/SET without labels
     */
    public static OceanBaseType map(MysqlSourceType s) {
        if (s.typeName() == null || s.typeName().isBlank()) {
            throw new UnsupportedSourceTypeException(s.column(), null, "no type given");
        }
        String name = s.typeName().toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
        boolean zerofill = s.zerofill() || name.contains(" zerofill");
        boolean unsigned = s.unsigned() || zerofill || name.matches(".*\\s+unsigned\\b.*");
        String base = WORDS.matcher(name).replaceAll("").trim();
        Integer m = s.length();
        Integer d = s.scale();
        String attrs = (unsigned ? " unsigned" : "") + (zerofill ? " zerofill" : "");
        switch (base) {
            case "bool", "boolean":
                return simple("tinyint", "tinyint(1)");
            case "serial":
                // Shorthand for BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE; callers keep their own nullability/identity.
                return simple("bigint", "bigint unsigned");
            case "uuid":
                return new OceanBaseType("char(36)", "char", 36, null, "MariaDB UUID stored as CHAR(36) text");
            case "inet6":
                return new OceanBaseType("varchar(39)", "varchar", 39, null, "MariaDB INET6 stored as VARCHAR(39) text");
            case "inet4":
                return new OceanBaseType("varchar(15)", "varchar", 15, null, "MariaDB INET4 stored as VARCHAR(15) text");
            case "tinyint", "int1":
                return integer("tinyint", m, attrs);
            case "smallint", "int2":
                return integer("smallint", m, attrs);
            case "mediumint", "int3", "middleint":
                return integer("mediumint", m, attrs);
            case "int", "integer", "int4":
                return integer("int", m, attrs);
            case "bigint", "int8":
                return integer("bigint", m, attrs);
            case "decimal", "numeric", "dec", "fixed": {
                // MySQL's limits (p <= 65, s <= 30) are OceanBase's; a bare DECIMAL is DECIMAL(10,0).
                int sc = d == null ? 0 : Math.min(30, d);
                int p = Math.max(sc, m == null ? 10 : Math.max(1, Math.min(65, m)));
                return simple("decimal", "decimal(" + p + "," + sc + ")" + attrs);
            }
            case "float", "float4":
                if (m != null && d != null) {
                    return simple("float", "float(" + m + "," + d + ")" + attrs);
                }
                // FLOAT(p): MySQL makes p > 24 a DOUBLE.
                return m != null && m > 24 ? simple("double", "double" + attrs) : simple("float", "float" + attrs);
            case "double", "double precision", "real", "float8":
                return simple("double", (m != null && d != null ? "double(" + m + "," + d + ")" : "double") + attrs);
            case "bit": {
                int n = m == null ? 1 : Math.max(1, Math.min(64, m));
                return new OceanBaseType("bit(" + n + ")", "bit", n, null, null);
            }
            case "char", "character", "nchar", "national char", "national character":
                return sized("char", m == null ? 1 : m);
            case "varchar", "character varying", "nvarchar", "national varchar", "national character varying", "varchar2":
                return sized("varchar", required(s, m));
            case "binary":
                return sized("binary", m == null ? 1 : m);
            case "varbinary":
                return sized("varbinary", required(s, m));
            case "date", "year":
                // YEAR(4) is the only YEAR left (YEAR(2) is gone since MySQL 5.7.5): the width says nothing.
                return simple(base, base);
            case "time", "datetime", "timestamp": {
                int fsp = m != null && m > 0 && m <= 6 ? m : 0;
                return new OceanBaseType(fsp > 0 ? base + "(" + fsp + ")" : base, base, null, fsp, null);
            }
            case "enum", "set":
                if (s.enumValues().isEmpty()) {
                    throw new UnsupportedSourceTypeException(s.column(), s.describe(), "type " + s.describe() + " without values");
                }
                return simple(base, base + s.enumValues().stream().map(Identifiers::quoteMysqlString).collect(Collectors.joining(",", "(", ")")));
            case "long", "long varchar":
                return simple("mediumtext", "mediumtext");
            case "long varbinary":
                return simple("mediumblob", "mediumblob");
            case "longtext", "longblob":
                return new OceanBaseType(base, base, null, null,
                        base.toUpperCase(Locale.ROOT) + " values over 512 MB are rejected by OceanBase (MySQL allows 4 GB)");
            default:
                if (LOB_LIKE.contains(base)) {
                    return simple(base, base);
                }
                throw new UnsupportedSourceTypeException(s.column(), s.describe(), "unknown type " + s.describe());
        }
    }

    /** Whether a target base type (lower case, as {@link OceanBaseType#baseType()}) cannot have a DEFAULT in OceanBase. */
    public static boolean isLobLike(String baseType) {
        return baseType != null && LOB_LIKE.contains(baseType.toLowerCase(Locale.ROOT));
    }

    /** Whether a target base type has a character set (CHAR, VARCHAR, TEXT family, ENUM, SET). */
    public static boolean isCharacter(String baseType) {
        return baseType != null && CHARACTER.contains(baseType.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code expression} is {@code CURRENT_TIMESTAMP} in one of its spellings ({@code now()}, {@code localtime}, ...). */
    public static boolean isCurrentTimestamp(String expression) {
        return expression != null && CURRENT_TS.matcher(expression.trim()).matches();
    }

    /**
     * {@code CURRENT_TIMESTAMP} in any spelling as {@code CURRENT_TIMESTAMP[(n)]}; n is the expression's own
     * precision, else {@code fsp} (a DATETIME(3) column needs {@code CURRENT_TIMESTAMP(3)}). Other text is returned as is.
     */
    public static String normalizeCurrentTimestamp(String expression, Integer fsp) {
        Matcher m = CURRENT_TS.matcher(expression.trim());
        if (!m.matches()) {
            return expression;
        }
        String p = m.group(3) != null && !m.group(3).isEmpty() ? m.group(3) : fsp != null && fsp > 0 ? fsp.toString() : "";
        return p.isEmpty() ? "CURRENT_TIMESTAMP" : "CURRENT_TIMESTAMP(" + p + ")";
    }

    /** Whether a default is a {@code b'0101'} or {@code x'ff'} literal, which is written as is. */
    public static boolean isBitOrHexLiteral(String value) {
        return value != null && BIT_OR_HEX.matcher(value.trim()).matches();
    }

    /**
     * The DEFAULT text of an expression default: {@code CURRENT_TIMESTAMP} normalised to the column's precision,
     * {@code b'..'}/{@code x'..'} literals and already parenthesised expressions as they are, anything else in
     * parentheses (MySQL 8 expression default syntax, which OceanBase accepts): {@code uuid()} becomes {@code (uuid())}.
     */
    public static String expressionDefault(String expression, OceanBaseType target) {
        String v = expression.trim();
        if (isCurrentTimestamp(v)) {
            return normalizeCurrentTimestamp(v, target.fsp());
        }
        if (isBitOrHexLiteral(v) || v.matches("^\\(.*\\)$")) {
            return v;
        }
        return "(" + v + ")";
    }

    /**
     * The DEFAULT text of a literal value (given unquoted): a number for a numeric or BIT column as is, anything
     * else as a quoted string.
     *
     * @param targetType the target type text or base type ({@code decimal(10,2)}, {@code bit})
     */
    public static String literalDefault(String value, String targetType) {
        if (NUMERIC.contains(baseOf(targetType)) && NUMBER.matcher(value.trim()).matches()) {
            return value.trim();
        }
        return Identifiers.quoteMysqlString(value);
    }

    /** The lower-case type name of a type text: {@code int(10) unsigned} gives {@code int}. */
    public static String baseOf(String typeText) {
        if (typeText == null) {
            return "";
        }
        String t = typeText.trim().toLowerCase(Locale.ROOT);
        int end = t.length();
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '(' || Character.isWhitespace(t.charAt(i))) {
                end = i;
                break;
            }
        }
        return t.substring(0, end);
    }

    private static OceanBaseType simple(String base, String sql) {
        return new OceanBaseType(sql, base, null, null, null);
    }

    private static OceanBaseType integer(String base, Integer width, String attrs) {
        return simple(base, base + (width != null && width > 0 ? "(" + Math.min(255, width) + ")" : "") + attrs);
    }

    private static OceanBaseType sized(String base, int length) {
        return new OceanBaseType(base + "(" + length + ")", base, length, null, null);
    }

    private static int required(MysqlSourceType s, Integer length) {
        if (length == null) {
            throw new UnsupportedSourceTypeException(s.column(), s.describe(), "type " + s.describe() + " without a length");
        }
        return length;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        HashSet<String> all = new HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }
}
