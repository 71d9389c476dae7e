package io.obkc.converters.event;

import java.util.List;
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
 * @param values     ENUM and SET: the allowed values in declaration order (Debezium's {@code allowed}
 *                   parameter, or the list in {@code enum('a','b')}); empty when unknown or not an ENUM/SET
 */
public record ColumnDef(String name, ColumnKind kind, String sqlType, Integer length, Integer scale, boolean optional,
                        List<String> values) {

    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sqlType, "sqlType");
        values = values == null ? List.of() : List.copyOf(values);
    }

    public ColumnDef(String name, ColumnKind kind, String sqlType, Integer length, Integer scale, boolean optional) {
        this(name, kind, sqlType, length, scale, optional, List.of());
    }

    /** The base type name, lower case, without {@code unsigned}: {@code bit}, {@code enum}, {@code bigint}. */
    public String baseType() {
        int space = sqlType.indexOf(' ');
        return space < 0 ? sqlType : sqlType.substring(0, space);
    }

    public boolean isBit() {
        return baseType().equals("bit");
    }

    public boolean isEnum() {
        return baseType().equals("enum");
    }

    public boolean isSet() {
        return baseType().equals("set");
    }

    public boolean isUnsigned() {
        return sqlType.endsWith(" unsigned");
    }

    /** BIT: the declared number of bits; 64 (MySQL's maximum) when unknown. */
    public int bitLength() {
        return length == null || length < 1 ? 64 : length;
    }

    /**
     * The full MySQL type text as Canal's {@code mysqlType} shows it: {@code varchar(255)},
     * {@code decimal(10,2)}, {@code int(10) unsigned}.
     */
    public String mysqlType() {
        if ((isEnum() || isSet()) && !values.isEmpty()) {
            StringBuilder sb = new StringBuilder(baseType()).append('(');
            for (int i = 0; i < values.size(); i++) {
                sb.append(i == 0 ? "'" : ",'").append(values.get(i).replace("'", "''")).append('\'');
            }
            return sb.append(')').toString();
        }
        if (length == null || !showsLength()) {
            return sqlType;
        }
        boolean fractional = scale != null && (kind == ColumnKind.DECIMAL || kind == ColumnKind.FLOAT)
                && !isIntegerType(baseType());
        String modifiers = fractional ? "(" + length + "," + scale + ")" : "(" + length + ")";
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

    private static boolean isIntegerType(String base) {
        switch (base) {
            case "tinyint": case "smallint": case "mediumint": case "int": case "integer": case "bigint":
                return true;
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
