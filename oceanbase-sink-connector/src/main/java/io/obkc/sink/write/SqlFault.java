package io.obkc.sink.write;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;

import org.apache.kafka.connect.errors.DataException;

/**
 * Who is at fault when a write fails. Only {@link #RECORD} faults may send a record to the dead letter queue:
 * a wrong password or a killed query says nothing about the record, and dead-lettering valid records for it
 * drains the stream away from the target while the task looks healthy.
 */
public enum SqlFault {
    /** The record's data: too long, out of range, invalid JSON, NULL in a NOT NULL column, a duplicate... Dead letter queue or task failure. */
    RECORD,
    /** Credentials or privileges (1045, 1044, 1142, SQLState 28xxx...): the task fails, nothing goes to the dead letter queue. */
    ACCESS,
    /** The connection was lost (SQLState 08xxx, 2006/2013, communications link failure): retried on a fresh connection. */
    CONNECTION,
    /** The server's state (query interrupted, timeout, lock wait, deadlock, read-only during failover, memory): retried. */
    SERVER_STATE,
    /**
     * Anything else: the target table or the sink's own SQL (unknown column, table missing, syntax). No record is known
     * to be at fault, so the task fails naming the error and never dead-letters.
     */
    OTHER;

    /** Record-level data errors of MySQL mode. */
    private static final Set<Integer> RECORD_CODES = Set.of(
            1048, // column cannot be null
            1062, // duplicate entry
            1264, // out of range value
            1265, // data truncated
            1292, // incorrect datetime/date/time value
            1366, // incorrect string/integer value
            1367, // illegal value
            1406, // data too long
            1411, // incorrect value for function
            1416, // cannot get geometry object from data
            1452, // foreign key (child row), when checks are on
            1690, // value out of range
            3140, // invalid JSON text
            3141, // invalid JSON text in argument
            3143, // invalid JSON path
            3037, // invalid GIS data
            4157); // OceanBase: invalid JSON text
    private static final Set<Integer> ACCESS_CODES = Set.of(
            1044, // access denied for user to database
            1045, // access denied (password)
            1142, // command denied to user for table
            1143, // column command denied
            1227, // access denied; you need a privilege
            1370, // execute command denied
            1698, // access denied (no password)
            1862, // password expired
            3118, // account is locked
            1251); // client does not support the authentication protocol
    private static final Set<Integer> CONNECTION_CODES = Set.of(2002, 2003, 2006, 2013, 2055, 1040, 1053, 1077, 1152, 1153, 1159, 1161, 4016);
    /**
     * 1317 query interrupted, 5066 OceanBase session interrupted, 1205 lock wait timeout, 1213 deadlock, 1290/1836
     * read-only during failover, OceanBase 4012 timeout, 4038 not master (leader change), 4023 try again, 6002
     * transaction rolled back, 6005 try lock row conflict, 6210 transaction killed by timeout, 4019/4030 memstore or
     * tenant memory, 4013 out of memory, 1927 connection killed, 1180/1181 commit/rollback failed.
     */
    private static final Set<Integer> SERVER_STATE_CODES = Set.of(1317, 5066, 1205, 1213, 1290, 1836, 1927, 1180, 1181,
            4012, 4038, 4023, 6002, 6005, 6210, 4019, 4030, 4013);

    /** True for the faults a retry (on a fresh connection) can clear. */
    public boolean retryable() {
        return this == CONNECTION || this == SERVER_STATE;
    }

    /** True when the record itself is at fault, so it may go to the dead letter queue. */
    public boolean recordAtFault() {
        return this == RECORD;
    }

    /**
     * Classifies a failure by its first SQLException (error code first, then SQLState class). A
     * {@link DataException} without a database error is a fault of the record the sink could not turn into SQL
     * (a missing key value, a value that cannot be rendered). Anything else is {@link #OTHER}.
     */
    public static SqlFault of(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e) {
                return of(e);
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DataException) {
                return RECORD;
            }
        }
        return OTHER;
    }

    /** The first SQLException in the cause chain, or null. */
    public static SQLException firstSqlException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e) {
                return e;
            }
        }
        return null;
    }

    static SqlFault of(SQLException e) {
        int code = e.getErrorCode();
        if (ACCESS_CODES.contains(code)) {
            return ACCESS;
        }
        if (SERVER_STATE_CODES.contains(code)) {
            return SERVER_STATE;
        }
        if (CONNECTION_CODES.contains(code)) {
            return CONNECTION;
        }
        if (RECORD_CODES.contains(code)) {
            return RECORD;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (state.startsWith("28") || e instanceof SQLInvalidAuthorizationSpecException || message.contains("access denied")) {
            return ACCESS;
        }
        if (state.startsWith("08") || e instanceof SQLRecoverableException || message.contains("communications link failure")) {
            return CONNECTION;
        }
        if (state.equals("40001") || state.equals("70100") || e instanceof SQLTransientException) {
            return SERVER_STATE;
        }
        if (state.startsWith("22") || state.startsWith("23")) {
            // Data exception and integrity constraint violation classes: the values of the row.
            return RECORD;
        }
        return OTHER;
    }
}
