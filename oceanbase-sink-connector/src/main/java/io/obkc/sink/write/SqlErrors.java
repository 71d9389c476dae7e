package io.obkc.sink.write;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/** Tells transient database failures (worth a retry) from errors a retry cannot fix. */
public final class SqlErrors {
    /**
     * MySQL-mode error codes that a retry can clear. 1205 lock wait timeout, 1213 deadlock, 1040 too many
     * connections, 2006/2013 server gone or connection lost, 1290/1836 read-only during failover;
     * OceanBase: 4012 timeout, 4038 not master (leader change), 4023 try again, 6002 transaction rolled back,
     * 6005 try lock row conflict, 6210 transaction killed by timeout, 4019 size overflow of the memstore,
     * 4030 tenant out of memory (memstore full while a freeze is under way).
     */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1205, 1213, 1040, 2006, 2013, 1290, 1836,
            4012, 4038, 4023, 6002, 6005, 6210, 4019, 4030);

    private SqlErrors() {
    }

    public static boolean isTransient(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLTransientException || c instanceof SQLRecoverableException) {
                return true;
            }
            if (c instanceof SQLException e) {
                String state = e.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("40001") || state.equals("HY000") && TRANSIENT_CODES.contains(e.getErrorCode()))) {
                    return true;
                }
                if (TRANSIENT_CODES.contains(e.getErrorCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** "error 1406 (22001): Data too long for column 'x' at row 1", the database's own words. */
    public static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e) {
                return "error " + e.getErrorCode() + " (" + e.getSQLState() + "): " + e.getMessage();
            }
        }
        return t.toString();
    }
}
