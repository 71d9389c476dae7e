package io.obkc.bulkload.core;

/**
 * How one column is read from the source and written to the target.
 *
 * @param name       column name (the same on both sides)
 * @param sourceType the source's type, for messages
 * @param transfer   how the value travels
 * @param select     the source expression that yields the exact value (the quoted column, or a lossless conversion)
 * @param check      a per-value check for values the target type cannot hold exactly
 * @param maxScale   for a DECIMAL target: the most fractional digits a value may have (null: no check needed)
 * @param keyBind    how a key value read with {@link #select} is bound again in a chunk boundary of the source
 */
public record Column(String name, String sourceType, Transfer transfer, String select, ValueCheck check, Integer maxScale,
        KeyBind keyBind) {

    /** How a value travels from the source's result set to the target's statement. */
    public enum Transfer {
        /** getString / setString: the source's exact text, which the target parses (numbers, temporals, text). */
        TEXT,
        /** getBytes / setBytes. */
        BYTES,
        /** PostgreSQL boolean to TINYINT(1): 1 / 0. */
        BOOLEAN,
        /** An unsigned integer written as a number literal (BIT(n) targets: a quoted string would be taken as bytes). */
        UNSIGNED_NUMBER
    }

    /** Source values the target cannot hold although the column type maps. */
    public enum ValueCheck {
        NONE,
        /** PostgreSQL numeric/real/double: NaN and ±Infinity have no MySQL-mode equivalent. */
        FINITE_NUMBER,
        /** PostgreSQL date/timestamp: infinity, -infinity and BC dates have no MySQL-mode equivalent. */
        FINITE_DATE
    }

    /**
     * Binding of a key value in the source's chunk predicates. MySQL compares a number column with a string by converting
     * both to DOUBLE (inexact beyond 2^53), so exact numbers are bound as numbers.
     */
    public enum KeyBind {
        /** An exact number (BigDecimal). */
        NUMBER,
        /** A double (MySQL FLOAT/DOUBLE keys, read as the shortest round-trip text). */
        DOUBLE,
        BYTES,
        /** A string the server converts to the column's type (MySQL strings and temporals). */
        TEXT,
        /** PostgreSQL: the text of the value, bound untyped so the server reads it as the column's type. */
        UNTYPED_TEXT
    }

    public Column withMaxScale(Integer scale) {
        return new Column(name, sourceType, transfer, select, check, scale, keyBind);
    }
}
