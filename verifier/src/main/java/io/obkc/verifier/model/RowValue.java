package io.obkc.verifier.model;

/**
 * A fetched column value: its canonical text (what is compared) and the driver's text (what corrections write
 * for types whose canonical form loses information, such as floats). Both null for SQL NULL.
 */
public record RowValue(String canonical, String raw) {
    public static final RowValue NULL = new RowValue(null, null);

    public boolean isNull() {
        return canonical == null;
    }
}
