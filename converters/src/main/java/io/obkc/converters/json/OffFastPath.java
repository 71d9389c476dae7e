package io.obkc.converters.json;

/**
 * Signals that a record takes a shape whose {@code JsonConverter} result the streaming code does not reproduce
 * itself (an unusual token for the schema type, a duplicate key, a value {@code JsonConverter} would reject ...).
 * The caller then hands the whole record to Kafka's {@code JsonConverter}, so the result, or the error, is exactly
 * the reference's. Carries no stack trace: it is control flow, not a failure.
 */
final class OffFastPath extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final OffFastPath INSTANCE = new OffFastPath();

    private OffFastPath() {
        super("record left to JsonConverter", null, false, false);
    }
}
