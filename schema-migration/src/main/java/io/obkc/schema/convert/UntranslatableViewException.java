package io.obkc.schema.convert;

/**
 * A view definition holds a construct that OBKC does not translate with certainty: the view is reported NOT_MIGRATED
 * with this message (which names the construct) instead of being created with a different meaning.
 */
public final class UntranslatableViewException extends RuntimeException {
    public UntranslatableViewException(String message) {
        super(message);
    }
}
