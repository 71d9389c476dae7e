package io.obkc.bench.cdc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Commits rows to MariaDB at a fixed rate: transaction {@code k} (of {@code rowsPerCommit} rows, ids
 * {@code firstId + k*rowsPerCommit ...}) is due at {@code start + k*rowsPerCommit/rate}. One multi-row INSERT per
 * transaction, one connection, so ids are committed (and reach the binlog) in order. When a commit takes longer than
 * the schedule allows, the next ones run at once until the writer is back on schedule; how far it fell behind is recorded.
 *
 * <p>The commit time of each transaction is {@link System#nanoTime()} right after {@code commit()} returned: the moment
 * the client knows the rows are committed. The probe uses the same clock (same JVM), so no clock skew enters.
 */
final class RateWriter implements Runnable {
    private final Connection connection;
    private final long firstId;
    private final int rowsPerCommit;
    private final long commits;
    private final double rate;
    /** Commit time (System.nanoTime) of transaction k; 0 until committed. */
    final long[] commitNanos;
    private volatile long committed;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile long maxBehindNanos;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private long markAt = -1;
    private Runnable mark = () -> { };

    /** Runs {@code action} on the writer thread just before transaction {@code k} is due (the start of the measured window). */
    void onReaching(long k, Runnable action) {
        this.markAt = k;
        this.mark = action;
    }

    RateWriter(Connection connection, long firstId, double rate, int rowsPerCommit, double seconds) {
        this.connection = connection;
        this.firstId = firstId;
        this.rate = rate;
        this.rowsPerCommit = rowsPerCommit;
        this.commits = Math.max(1, Math.round(rate * seconds / rowsPerCommit));
        this.commitNanos = new long[Math.toIntExact(commits)];
    }

    @Override
    public void run() {
        try (PreparedStatement ps = connection.prepareStatement(CdcRows.insert(rowsPerCommit))) {
            long start = System.nanoTime();
            startNanos = start;
            double nanosPerCommit = rowsPerCommit * 1e9 / rate;
            for (int k = 0; k < commits; k++) {
                long due = start + (long) (k * nanosPerCommit);
                long now;
                while ((now = System.nanoTime()) < due) {
                    // Pacing, not synchronisation: the writer waits for its next slot.
                    LockSupport.parkNanos(due - now);
                }
                if (k == markAt) {
                    maxBehindNanos = 0; // the warm-up does not count
                    mark.run();
                }
                maxBehindNanos = Math.max(maxBehindNanos, now - due);
                int p = 1;
                long id = firstId + (long) k * rowsPerCommit;
                for (int r = 0; r < rowsPerCommit; r++) {
                    p = CdcRows.bind(ps, p, id + r);
                }
                ps.executeUpdate();
                connection.commit();
                commitNanos[k] = System.nanoTime();
                committed = k + 1;
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        } catch (SQLException | RuntimeException e) {
            failure.set(e);
        } finally {
            endNanos = System.nanoTime();
        }
    }

    long firstId() {
        return firstId;
    }

    int rowsPerCommit() {
        return rowsPerCommit;
    }

    /** Transactions committed so far. */
    long committed() {
        return committed;
    }

    long lastCommittedId() {
        return firstId + committed * rowsPerCommit - 1;
    }

    /** Id of the last row the schedule plans. */
    long lastPlannedId() {
        return firstId + commits * rowsPerCommit - 1;
    }

    long startNanos() {
        return startNanos;
    }

    /** When transaction k was due by the schedule. */
    long dueNanos(long k) {
        return startNanos + (long) (k * (rowsPerCommit * 1e9 / rate));
    }

    long endNanos() {
        return endNanos;
    }

    double maxBehindSeconds() {
        return maxBehindNanos / 1e9;
    }

    Throwable failure() {
        return failure.get();
    }
}
