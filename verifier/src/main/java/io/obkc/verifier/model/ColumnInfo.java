package io.obkc.verifier.model;

/**
 * One column as the database reports it.
 *
 * @param dataType  the engine's base type name, lower case (e.g. {@code varchar}, {@code timestamp with time zone})
 * @param fractionalDigits fractional-second precision of temporal types (0..6), -1 when not temporal
 * @param scale     numeric scale, -1 when unknown/unconstrained
 * @param collation collation name, null when not a string
 * @param generated whether the server computes the value (generated column): corrections never write it
 */
public record ColumnInfo(String name, String dataType, String columnType, TypeCategory category, int fractionalDigits,
        int scale, boolean nullable, String collation, boolean generated) {

    /** A column that is not generated. */
    public ColumnInfo(String name, String dataType, String columnType, TypeCategory category, int fractionalDigits,
            int scale, boolean nullable, String collation) {
        this(name, dataType, columnType, category, fractionalDigits, scale, nullable, collation, false);
    }
}
