package io.obkc.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;

/** Small SQL helpers for integration tests: query to rows, and wait-until-equal without sleeps. */
public final class SqlAssertions {
    private SqlAssertions() {
    }

    /** Rows of a query as lists of strings ({@code getString}), in the query's order. */
    public static List<List<String>> rows(DatabaseEndpoint db, String database, String sql) throws SQLException {
        try (Connection c = db.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<List<String>> out = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>(md.getColumnCount());
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
            return out;
        }
    }

    public static long count(DatabaseEndpoint db, String database, String table) throws SQLException {
        return Long.parseLong(rows(db, database, "SELECT COUNT(*) FROM " + table).get(0).get(0));
    }

    /**
     * Waits, polling, until the condition holds. Exceptions (a table not created yet, a connection refused) are
     * retried and the last one is reported at the timeout; an {@link AssertionError} thrown by the condition, such as
     * a fail-fast check that a task FAILED, ends the wait at once with its message and stack trace.
     */
    public static void awaitTrue(String what, Duration timeout, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(300)).ignoreExceptionsInstanceOf(Exception.class).until(condition);
    }
}
