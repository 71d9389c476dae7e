package io.obkc.converters.format;

import java.sql.Types;
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
     * {@code DATETIME}; enum and set value lists are ignored. Unknown types are read as strings.
     */
    public static ColumnDef parse(String columnName, String typeText) {
        String text = typeText == null ? "varchar" : typeText.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("enum(") || text.startsWith("set(")) {
            return new ColumnDef(columnName, ColumnKind.STRING, text.substring(0, text.indexOf('(')), null, null, true);
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
        return new ColumnDef(columnName, kindOf(base, length), base, length, scale, true);
    }

    /** The value family of a MySQL base type name (optionally followed by {@code unsigned}). */
    public static ColumnKind kindOf(String baseType, Integer length) {
        String base = baseType.split(" ")[0];
        switch (base) {
            case "bit":
                return length == null || length == 1 ? ColumnKind.BOOLEAN : ColumnKind.BYTES;
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

    /** The {@link java.sql.Types} code Canal puts in {@code sqlType} for a column. */
    public static int jdbcType(ColumnDef col) {
        String base = col.sqlType().split(" ")[0];
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
            case "binary": return Types.BINARY;
            case "varbinary": return Types.VARBINARY;
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
