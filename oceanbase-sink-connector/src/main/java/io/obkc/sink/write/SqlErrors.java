package io.obkc.sink.write;

import java.sql.SQLException;

/** Database errors in words, and whether a retry can clear them (see {@link SqlFault} for who is at fault). */
public final class SqlErrors {
    private SqlErrors() {
    }

    /** True when a retry on a fresh connection can clear the failure: a lost connection or the server's state. */
    public static boolean isTransient(Throwable t) {
        return SqlFault.of(t).retryable();
    }

    /** "error 1406 (22001): Data too long for column 'x' at row 1", the database's own words. */
    public static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e) {
                return "error " + e.getErrorCode() + " (" + e.getSQLState() + "): " + e.getMessage();
            }
        }
        // The sink's own refusals (DataException) already say what is wrong in words.
        return t instanceof org.apache.kafka.connect.errors.DataException && t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
