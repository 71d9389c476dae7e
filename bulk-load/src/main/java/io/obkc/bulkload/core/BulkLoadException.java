package io.obkc.bulkload.core;

/** Bad input, an unreachable database, or a table the bulk load cannot copy exactly (exit code 2). */
public class BulkLoadException extends RuntimeException {
    public BulkLoadException(String message) {
        super(message);
    }

    public BulkLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
