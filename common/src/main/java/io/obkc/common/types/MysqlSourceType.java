package io.obkc.common.types;

import java.util.List;
import java.util.Locale;

/**
 * The type of one MySQL/MariaDB source column, in the terms of MySQL's type grammar
 * {@code name[(length[,scale])] [UNSIGNED] [ZEROFILL]} or {@code ENUM/SET('label', ...)}. Both callers describe
 * columns this way: the schema migration from {@code information_schema.COLUMNS}, the sink from Debezium's
 * {@code tableChanges}, so the mapping needs no knowledge of where the facts came from.
 *
 * @param column     the column name, for error messages only
 * @param typeName   the type name as the source spells it ({@code int}, {@code VARCHAR}, {@code INT UNSIGNED ZEROFILL});
 *                   {@code UNSIGNED}/{@code ZEROFILL} words in it count like the flags
 * @param length     the first number in parentheses: display width, character or byte length, bit count, DECIMAL
 *                   precision or fractional seconds digits; null (or negative, as Debezium sends) when absent
 * @param scale      the second number in parentheses (DECIMAL/FLOAT/DOUBLE scale), or null
 * @param enumValues ENUM/SET labels, unquoted (the label text itself)
 */
public record MysqlSourceType(String column, String typeName, Integer length, Integer scale, boolean unsigned, boolean zerofill,
        List<String> enumValues) {

    public MysqlSourceType {
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
        length = length != null && length < 0 ? null : length;
        scale = scale != null && scale < 0 ? null : scale;
    }

    /** A type without flags or labels, e.g. {@code of("c", "varchar", 20, null)}. */
    public static MysqlSourceType of(String column, String typeName, Integer length, Integer scale) {
        return new MysqlSourceType(column, typeName, length, scale, false, false, List.of());
    }

    /** The type as the source declared it, for messages: {@code vector(3)}, {@code DECIMAL(10,2) UNSIGNED}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(typeName == null ? "(none)" : typeName.trim());
        if (length != null) {
            sb.append('(').append(length).append(scale != null ? "," + scale : "").append(')');
        }
        if (unsigned && !sb.toString().toLowerCase(Locale.ROOT).contains("unsigned")) {
            sb.append(" unsigned");
        }
        if (zerofill && !sb.toString().toLowerCase(Locale.ROOT).contains("zerofill")) {
            sb.append(" zerofill");
        }
        return sb.toString();
    }
}
