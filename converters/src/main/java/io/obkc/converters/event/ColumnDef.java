package io.obkc.converters.event;

import java.util.Locale;
import java.util.Objects;

/**
 * One column as the formats need it: its name, value family and SQL type.
 *
 * @param name       column name
 * @param kind       value family; decides the canonical Java value
 * @param sqlType    lower-case MySQL-style type name without modifiers, e.g. {@code decimal}, {@code datetime},
 *                   {@code int unsigned}
 * @param length     precision, character length or fractional-second digits; null when unknown
 * @param scale      decimal scale; null when not a decimal or unknown
 * @param optional   whether the column is nullable
 */
public record ColumnDef(String name, ColumnKind kind, String sqlType, Integer length, Integer scale, boolean optional) {

    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sqlType, "sqlType");
    }

    /**
     * The full MySQL type text as Canal's {@code mysqlType} shows it: {@code varchar(255)},
     * {@code decimal(10,2)}, {@code int(10) unsigned}.
     */
    public String mysqlType() {
        if (length == null || !showsLength()) {
            return sqlType;
        }
        String modifiers = scale != null ? "(" + length + "," + scale + ")" : "(" + length + ")";
        int space = sqlType.indexOf(' ');
        return space < 0 ? sqlType + modifiers : sqlType.substring(0, space) + modifiers + sqlType.substring(space);
    }

    /**
     * Whether MySQL prints a length for this type: TEXT, JSON, DATE or DOUBLE have a length in Debezium's
     * metadata (65535, 22, ...) but not in their type text; temporal types show only a non-zero fsp.
     */
    private boolean showsLength() {
        String base = sqlType.split(" ")[0];
        switch (base) {
            case "char": case "varchar": case "binary": case "varbinary": case "bit":
            case "decimal": case "numeric": case "tinyint": case "smallint": case "mediumint": case "int":
            case "integer": case "bigint":
                return true;
            case "datetime": case "time": case "timestamp":
                return length > 0;
            case "float": case "double": case "real":
                return scale != null;
            default:
                return false;
        }
    }

    /** The base type name in upper case (the {@code unsigned} suffix dropped), as OMS's {@code schemaType}. */
    public String baseTypeUpper() {
        int space = sqlType.indexOf(' ');
        return (space < 0 ? sqlType : sqlType.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    /** Fractional-second digits for temporal columns: the declared length, else what the kind implies. */
    public int fractionalDigits() {
        if (length != null) {
            return Math.min(length, 9);
        }
        return -1;
    }
}
