package io.obkc.converters.format;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.obkc.converters.event.ColumnDef;
import io.obkc.converters.event.ColumnKind;

/** MySQL type names: parsing type text back into a {@link ColumnDef}, and the JDBC code Canal reports. */
public final class SqlTypes {

    private static final Pattern TYPE_TEXT = Pattern.compile(
            "^\\s*([a-z]+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?((?:\\s+[a-z]+)*)\\s*$");

    private SqlTypes() {
    }

    /**
     * Parses type text such as {@code decimal(10,2)}, {@code int(10) unsigned}, {@code varchar(255)},
     * {@code DATETIME}, {@code enum('a','b')}; TiCDC's bare names ({@code decimal}, {@code bit}) leave length and
     * scale unknown. Unknown types are read as strings. BIGINT UNSIGNED is a DECIMAL(20,0): its values reach 2^64-1.
     */
    public static ColumnDef parse(String columnName, String typeText) {
        String raw = typeText == null ? "varchar" : typeText.trim();
        String text = raw.toLowerCase(Locale.ROOT);
        if (text.startsWith("enum(") || text.startsWith("set(")) {
            int open = raw.indexOf('(');
            return new ColumnDef(columnName, ColumnKind.STRING, text.substring(0, open), null, null, true,
                    valueList(raw.substring(open + 1, raw.lastIndexOf(')'))));
        }
        Matcher m = TYPE_TEXT.matcher(text);
        String base;
        Integer length = null;
        Integer scale = null;
        if (m.matches()) {
            base = m.group(1).trim();
            length = m.group(2) == null ? null : Integer.valueOf(m.group(2));
            scale = m.group(3) == null ? null : Integer.valueOf(m.group(3));
            String suffix = m.group(4).trim();
            if (!suffix.isEmpty()) {
                base = base + " " + suffix;
            }
        } else {
            base = text;
        }
        base = base.replace(" zerofill", "");
        if (base.equals("enum") || base.equals("set")) {
            // No value list (TiCDC's bare "enum"): only the index or bitmask the value carries is known.
            return new ColumnDef(columnName, ColumnKind.INTEGER, base, null, null, true);
        }
        if (base.equals("bigint unsigned")) {
            return new ColumnDef(columnName, ColumnKind.DECIMAL, base, length == null ? 20 : length, 0, true);
        }
        return new ColumnDef(columnName, kindOf(base, length), base, length, scale, true);
    }

    /**
     * For formats that carry ENUM and SET values as names (OMS, Maxwell): a bare {@code enum}/{@code set} type is
     * then a string column, not an index.
     */
    static ColumnDef withNamedEnums(ColumnDef col) {
        if ((col.isEnum() || col.isSet()) && col.kind() != ColumnKind.STRING) {
            return new ColumnDef(col.name(), ColumnKind.STRING, col.baseType(), null, null, true);
        }
        return col;
    }

    /** The values of {@code 'a','b''c'} (MySQL quoting: a doubled quote inside a value). */
    static List<String> valueList(String inner) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < inner.length()) {
            char c = inner.charAt(i);
            if (c != '\'') {
                i++;
                continue;
            }
            StringBuilder v = new StringBuilder();
            i++;
            while (i < inner.length()) {
                char d = inner.charAt(i);
                if (d == '\'' && i + 1 < inner.length() && inner.charAt(i + 1) == '\'') {
                    v.append('\'');
                    i += 2;
                } else if (d == '\'') {
                    i++;
                    break;
                } else {
                    v.append(d);
                    i++;
                }
            }
            values.add(v.toString());
        }
        return values;
    }

    /** The value family of a MySQL base type name (optionally followed by {@code unsigned}). */
    public static ColumnKind kindOf(String baseType, Integer length) {
        String base = baseType.split(" ")[0];
        switch (base) {
            case "bit":
                // A bare "bit" (TiCDC's mysqlType) may be BIT(64): only a declared BIT(1) is a boolean.
                return length != null && length == 1 ? ColumnKind.BOOLEAN : ColumnKind.BYTES;
            case "bool":
            case "boolean":
                return ColumnKind.BOOLEAN;
            case "tinyint":
            case "smallint":
            case "mediumint":
            case "int":
            case "integer":
            case "bigint":
            case "year":
                return ColumnKind.INTEGER;
            case "float":
            case "double":
            case "real":
                return ColumnKind.FLOAT;
            case "decimal":
            case "numeric":
            case "dec":
            case "fixed":
                return ColumnKind.DECIMAL;
            case "json":
                return ColumnKind.JSON;
            case "binary":
            case "varbinary":
            case "tinyblob":
            case "blob":
            case "mediumblob":
            case "longblob":
                return ColumnKind.BYTES;
            case "date":
                return ColumnKind.DATE;
            case "time":
                return ColumnKind.TIME;
            case "datetime":
                return ColumnKind.DATETIME;
            case "timestamp":
                return ColumnKind.TIMESTAMP;
            default:
                return ColumnKind.STRING;
        }
    }

    /**
     * The {@link java.sql.Types} code Canal puts in {@code sqlType} for a column (alibaba/canal
     * {@code RowsLogBuffer} and {@code LogEventConvert}): binary types are BLOB, ENUM is INTEGER (its value is the
     * index), SET is BIT (its value is the bitmask), and an unsigned integer whose value is beyond the signed
     * range is promoted to the next wider type, BIGINT UNSIGNED to DECIMAL.
     */
    public static int jdbcType(ColumnDef col, Object value) {
        int type = jdbcType(col);
        if (col.isUnsigned() && value != null) {
            java.math.BigDecimal v = value instanceof java.math.BigDecimal d ? d
                    : java.math.BigDecimal.valueOf(((Number) value).longValue());
            switch (type) {
                case Types.TINYINT: return v.intValue() > Byte.MAX_VALUE ? Types.SMALLINT : type;
                case Types.SMALLINT: return v.intValue() > Short.MAX_VALUE ? Types.INTEGER : type;
                case Types.INTEGER: return v.longValue() > Integer.MAX_VALUE ? Types.BIGINT : type;
                case Types.BIGINT: return v.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Types.DECIMAL : type;
                default: return type;
            }
        }
        return type;
    }

    /** The {@link java.sql.Types} code of a column's type, before Canal's per-value unsigned promotion. */
    public static int jdbcType(ColumnDef col) {
        String base = col.baseType();
        switch (base) {
            case "bit": return Types.BIT;
            case "bool":
            case "boolean": return Types.BOOLEAN;
            case "tinyint": return Types.TINYINT;
            case "smallint": return Types.SMALLINT;
            case "mediumint":
            case "int":
            case "integer": return Types.INTEGER;
            case "bigint": return Types.BIGINT;
            case "float": return Types.REAL;
            case "double":
            case "real": return Types.DOUBLE;
            case "decimal":
            case "numeric":
            case "dec":
            case "fixed": return Types.DECIMAL;
            case "char": return Types.CHAR;
            case "tinytext":
            case "text":
            case "mediumtext":
            case "longtext": return Types.CLOB;
            case "enum": return Types.INTEGER;
            case "set": return Types.BIT;
            case "binary":
            case "varbinary":
            case "tinyblob":
            case "blob":
            case "mediumblob":
            case "longblob": return Types.BLOB;
            case "date": return Types.DATE;
            case "time": return Types.TIME;
            case "datetime":
            case "timestamp": return Types.TIMESTAMP;
            default: return Types.VARCHAR; // varchar, enum, set, json, year, anything else
        }
    }
}
