package io.obkc.common.types;

/**
 * A source column type OceanBase MySQL mode has no counterpart for (or one too incomplete to map, such as a
 * VARCHAR without a length). The message names the column, the type and what to do about it; the schema
 * migration fails the table with it, the sink's DDL sync treats the statement as unsupported.
 */
public final class UnsupportedSourceTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String WHAT_TO_DO = "change the column to a supported type on the source, or leave the table out "
            + "(see docs/type-mapping.md)";

    private final String column;
    private final String type;

    public UnsupportedSourceTypeException(String column, String type, String problem) {
        super("column " + column + ": " + problem + "; " + WHAT_TO_DO);
        this.column = column;
        this.type = type;
    }

    public String column() {
        return column;
    }

    /** The type as the source declared it. */
    public String type() {
        return type;
    }
}
