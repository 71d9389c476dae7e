package io.obkc.source.schema;

import java.util.List;
import java.util.Locale;

/**
 * One column of a captured table as information_schema.COLUMNS describes it.
 *
 * @param dataType   DATA_TYPE, lower case ({@code int}, {@code varchar}, {@code datetime})
 * @param columnType COLUMN_TYPE, the full declaration ({@code int(10) unsigned}, {@code enum('a','b')})
 * @param length     CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, DATETIME_PRECISION or the BIT width, as Debezium's column length
 * @param scale      NUMERIC_SCALE for DECIMAL, else null
 * @param enumValues ENUM/SET labels
 */
public record ColumnDef(String name, int position, String dataType, String columnType, Integer length, Integer scale, boolean optional,
        boolean unsigned, List<String> enumValues) {

    public ColumnDef {
        dataType = dataType.toLowerCase(Locale.ROOT);
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
    }

    /** The type name as Debezium's MySQL connector writes it in __debezium.source.column.type: {@code INT UNSIGNED}, {@code VARCHAR}. */
    public String sourceTypeName() {
        String n = dataType.toUpperCase(Locale.ROOT);
        return unsigned ? n + " UNSIGNED" : n;
    }
}
