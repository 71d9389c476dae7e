package io.obkc.schema.convert;

/** A source type the mapper does not know; the message names the type. */
public final class UnsupportedTypeException extends RuntimeException {
    public UnsupportedTypeException(String message) {
        super(message);
    }
}
