package io.obkc.bench.cdc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the target table on seekdb with one indexed query every {@code interval}: the largest id applied
 * ({@code SELECT id ... ORDER BY id DESC LIMIT 1}, the end of the primary key). Each time it grows, the probe records
 * (the time the answer arrived, the id). A row's visible time is the first such time whose id reaches the row's id.
 *
 * <p>This relies on the rows arriving in id order: the writer commits ids in ascending order on one connection, Debezium
 * keeps binlog order on a one-partition topic, and the sink's one task commits a partition in order, so when id N is
 * visible every id below it is too. The final count and checksum of the run confirm that no row is missing.
 * Resolution: a row becomes visible at most one interval plus one query before the probe sees it.
 */
final class VisibilityProbe implements Runnable {
    private final Connection connection;
    private final long intervalNanos;
    private volatile boolean stop;
    private long[] times = new long[1024];
    private long[] ids = new long[1024];
    private int n;
    private volatile long maxId;
    private long queries;
    private long queryNanos;
    private long maxQueryNanos;
    private volatile String lastError;

    VisibilityProbe(Connection connection, long intervalMillis) {
        this.connection = connection;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    @Override
    public void run() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM " + CdcRows.TABLE + " ORDER BY id DESC LIMIT 1")) {
            long next = System.nanoTime();
            while (!stop) {
                long t0 = System.nanoTime();
                long id = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        id = rs.getLong(1);
                    }
                    lastError = null;
                } catch (SQLException e) {
                    lastError = e.getMessage(); // the sink has not created the table yet
                }
                long t1 = System.nanoTime();
                record(t0, t1, id);
                next += intervalNanos;
                long now;
                while (!stop && (now = System.nanoTime()) < next) {
                    LockSupport.parkNanos(next - now);
                }
                if (System.nanoTime() > next + intervalNanos) {
                    next = System.nanoTime(); // a slow query: do not fire a burst to catch up
                }
            }
        } catch (SQLException e) {
            lastError = e.getMessage();
        }
    }

    private synchronized void record(long sent, long answered, long id) {
        queries++;
        queryNanos += answered - sent;
        maxQueryNanos = Math.max(maxQueryNanos, answered - sent);
        if (id > maxId) {
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
                ids = Arrays.copyOf(ids, n * 2);
            }
            times[n] = answered;
            ids[n] = id;
            n++;
            maxId = id;
        }
    }

    void stop() {
        stop = true;
    }

    /** The largest id seen so far. */
    long maxId() {
        return maxId;
    }

    String lastError() {
        return lastError;
    }

    /** The first time (System.nanoTime) an id at or above {@code id} was seen, or -1. */
    synchronized long firstSeen(long id) {
        int i = Arrays.binarySearch(ids, 0, n, id);
        if (i < 0) {
            i = -i - 1;
        }
        return i < n ? times[i] : -1;
    }

    /** The largest id seen at or before {@code nanos}. */
    synchronized long maxIdAt(long nanos) {
        long m = 0;
        for (int i = 0; i < n && times[i] <= nanos; i++) {
            m = ids[i];
        }
        return m;
    }

    synchronized long queries() {
        return queries;
    }

    synchronized double meanQueryMillis() {
        return queries == 0 ? Double.NaN : queryNanos / 1e6 / queries;
    }

    synchronized double maxQueryMillis() {
        return maxQueryNanos / 1e6;
    }
}
