package io.obkc.sink.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.sink.event.ChangeEvent;
import io.obkc.sink.ordering.OrderingGuard;
import io.obkc.sink.table.TableDefinition;
import io.obkc.sink.table.TableId;
import io.obkc.sink.table.TableManager;

/**
 * Writes a flush of change events: table DDL first (it commits implicitly), then every row change
 * in one transaction. Failures are handled by who is at fault ({@link SqlFault}): a lost connection or
 * the server's state is retried with backoff on a fresh connection; credentials and privileges fail the
 * task at once. Otherwise the flush is replayed one event at a time so the failing record is found: when
 * its values are at fault it goes to the dead letter queue (errors.tolerance=all), otherwise the task
 * fails naming it. Nothing is dropped silently.
 */
public final class ChangeWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWriter.class);
    private static final long MAX_BACKOFF_MS = 30_000;
    /**
     * Most time slept between in-place retries of one write. Past it the write throws a {@link RetriableException} and
     * the task retries it on later polls: a thread that sleeps for minutes would hold up the worker's poll loop.
     */
    static final long IN_PLACE_RETRY_MS = 10_000;

    private final ConnectionFactory connections;
    private final TableManager tables;
    private final WritePlanner planner;
    private final int rowsPerStatement;
    private final int maxRetries;
    private final long retryBackoffMs;
    private final DeadLetterQueue deadLetters;
    private final SinkMetrics metrics;

    private final OrderingGuard guard;
    private final TargetOffsets offsets;

    private Connection conn;
    private StepExecutor executor;
    /** transaction.aligned.enabled: a failed batch is replayed one source transaction at a time, never one record of one. */
    private boolean replayByTransaction;

    public ChangeWriter(ConnectionFactory connections, TableManager tables, WritePlanner planner, int rowsPerStatement, int maxRetries,
            long retryBackoffMs, DeadLetterQueue deadLetters, SinkMetrics metrics) {
        this(connections, tables, planner, rowsPerStatement, maxRetries, retryBackoffMs, deadLetters, metrics, null, null);
    }

    /**
     * @param guard   the ordering guard, or null when ordering.guard.enabled=false
     * @param offsets the offsets kept in the target, or null when offsets.storage.table is empty
     */
    public ChangeWriter(ConnectionFactory connections, TableManager tables, WritePlanner planner, int rowsPerStatement, int maxRetries,
            long retryBackoffMs, DeadLetterQueue deadLetters, SinkMetrics metrics, OrderingGuard guard, TargetOffsets offsets) {
        this.guard = guard;
        this.offsets = offsets;
        this.connections = connections;
        this.tables = tables;
        this.planner = planner;
        this.rowsPerStatement = rowsPerStatement;
        this.maxRetries = maxRetries;
        this.retryBackoffMs = retryBackoffMs;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /**
     * With transaction-aligned apply, a batch that fails is replayed one source transaction at a time (each in one
     * target transaction), so that no part of a transaction is committed without the rest: a transaction the target
     * refuses goes to the dead letter queue as a whole.
     */
    public void replayByTransaction(boolean on) {
        this.replayByTransaction = on;
    }

    public void write(List<ChangeEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            withRetries(() -> writeInOneTransaction(events), "a batch of " + events.size() + " records");
        } catch (PermanentFailure batchFailure) {
            if (replayByTransaction) {
                replayTransactions(events, batchFailure);
                return;
            }
            LOG.warn("Batch of {} records failed ({}); replaying them one by one to find the record the database rejects",
                    events.size(), SqlErrors.describe(batchFailure.getCause()));
            replayOneByOne(events);
        }
    }

    private void replayTransactions(List<ChangeEvent> events, PermanentFailure batchFailure) {
        Map<String, List<ChangeEvent>> groups = new java.util.LinkedHashMap<>();
        int single = 0;
        for (ChangeEvent e : events) {
            String tx = io.obkc.sink.event.TransactionMetadata.transactionId(e.record());
            groups.computeIfAbsent(tx == null ? "\u0000" + single++ : tx, k -> new ArrayList<>()).add(e);
        }
        LOG.warn("Batch of {} records failed ({}); replaying it one source transaction at a time ({} transactions)", events.size(),
                SqlErrors.describe(batchFailure.getCause()), groups.size());
        List<Future<Void>> reported = new ArrayList<>();
        for (Map.Entry<String, List<ChangeEvent>> g : groups.entrySet()) {
            List<ChangeEvent> tx = g.getValue();
            if (tx.size() == 1) {
                replayOneByOne(tx);
                continue;
            }
            try {
                withRetries(() -> writeInOneTransaction(tx), "source transaction " + g.getKey() + " (" + tx.size() + " records)");
            } catch (PermanentFailure f) {
                String why = SqlErrors.describe(f.getCause());
                if (!f.fault.recordAtFault()) {
                    throw new ConnectException("Cannot write source transaction " + g.getKey() + " (" + tx.size() + " records, first "
                            + tx.get(0).describeOrigin() + "): " + why + ". This error is not caused by the records' values, so they are not "
                            + "sent to the dead letter queue; fix the target table or report the error.", f.getCause());
                }
                // The whole transaction or nothing of it: each of its records goes to the dead letter queue, naming the cause.
                for (ChangeEvent e : tx) {
                    reported.add(deadLetters.send(e.record(), "Cannot write the record of " + e.describeOrigin() + " to table " + e.table() + " (key "
                            + e.describeKey() + "): it belongs to source transaction " + g.getKey() + " (" + tx.size() + " records), which the "
                            + "target refused as a whole (transaction.aligned.enabled=true): " + why, f.getCause()));
                }
            }
        }
        awaitReports(reported);
    }

    private void replayOneByOne(List<ChangeEvent> events) {
        List<Future<Void>> reported = new ArrayList<>();
        for (ChangeEvent e : events) {
            try {
                withRetries(() -> writeInOneTransaction(List.of(e)), e.describeOrigin());
            } catch (PermanentFailure f) {
                String message = "Cannot write the record of " + e.describeOrigin() + " to table " + e.table() + " (key " + e.describeKey()
                        + "): " + SqlErrors.describe(f.getCause());
                if (!f.fault.recordAtFault()) {
                    // Not the record's fault (the table, the sink's SQL, an unknown error): never dead-lettered.
                    throw new ConnectException(message + ". This error is not caused by the record's values, so the record is not sent to "
                            + "the dead letter queue; fix the target table or report the error.", f.getCause());
                }
                reported.add(deadLetters.send(e.record(), message, f.getCause()));
            }
        }
        awaitReports(reported);
    }

    /** How often a transaction is redone after another task advanced one of its partitions' stored offsets. */
    private static final int MAX_STALE_OFFSET_ROUNDS = 3;

    private void writeInOneTransaction(List<ChangeEvent> all) throws SQLException {
        Connection c = connection();
        for (int round = 1;; round++) {
            List<ChangeEvent> events = offsets == null ? all : offsets.unapplied(c, all);
            if (events.isEmpty()) {
                return;
            }
            try {
                writeInOneTransaction(c, events);
                return;
            } catch (TargetOffsets.StaleOffsetsException stale) {
                rollbackQuietly();
                offsets.rolledBack(events);
                if (round >= MAX_STALE_OFFSET_ROUNDS) {
                    throw new java.sql.SQLTransientException(stale.getMessage(), stale);
                }
                LOG.info("{}; reading the stored offsets again and writing only what the target lacks", stale.getMessage());
            }
        }
    }

    private void writeInOneTransaction(Connection c, List<ChangeEvent> events) throws SQLException {
        Map<TableId, TableDefinition> defs = new HashMap<>();
        // The row schema each table was last prepared for. Records of one source table share one Schema instance
        // until the source changes it, so prepare() runs once per table and schema, not once per record.
        Map<TableId, org.apache.kafka.connect.data.Schema> preparedFor = new HashMap<>();
        TableId lastTable = null;
        org.apache.kafka.connect.data.Schema lastSchema = null;
        for (ChangeEvent e : events) {
            if (e.table() == lastTable && e.rowSchema() == lastSchema) {
                // Same table and row schema instances as the event before: prepared (or checked) just now, nothing to look up.
                continue;
            }
            lastTable = e.table();
            lastSchema = e.rowSchema();
            if (!defs.containsKey(e.table())) {
                defs.put(e.table(), guarded(c, tables.prepare(c, e)));
                preparedFor.put(e.table(), e.rowSchema());
            } else if (e.rowSchema() != null && preparedFor.get(e.table()) != e.rowSchema()) {
                // A later record may carry a new column; prepare() adds it (or is a cache lookup when nothing changed).
                defs.put(e.table(), guarded(c, tables.prepare(c, e)));
                preparedFor.put(e.table(), e.rowSchema());
            }
        }
        WritePlanner.Plan plan = planner.plan(events, defs);
        long start = System.nanoTime();
        for (WriteStep step : plan.steps()) {
            executor.execute(step);
        }
        TargetOffsets.Advance written = offsets == null ? null : offsets.advance(c, events);
        c.commit();
        if (written != null) {
            offsets.committed(written);
        }
        for (ChangeEvent e : executor.drainUnmatchedDeletes()) {
            metrics.recordUnmatchedDelete();
            LOG.warn("Delete of a row of keyless table {} from {} matched no row on the target: the target already differed from the "
                    + "source (an earlier change missing or out of order); verify the table", e.table(), e.describeOrigin());
        }
        metrics.recordFlush(events, plan.skipped().size(), System.nanoTime() - start);
    }

    /** With the ordering guard on, a table with secondary unique keys gets its source-position column (DDL: before the transaction). */
    private TableDefinition guarded(Connection c, TableDefinition def) throws SQLException {
        if (guard == null || def == null || !OrderingGuard.applies(def)) {
            return def;
        }
        return tables.ensureColumn(c, def, OrderingGuard.COLUMN, OrderingGuard.COLUMN_TYPE,
                "OBKC sink: source position of the row's last change (ordering guard); dropped at switchover");
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    /** Thrown when retrying cannot help; its cause is the error, {@link #fault} says who is at fault. */
    private static final class PermanentFailure extends Exception {
        final SqlFault fault;

        PermanentFailure(Throwable cause, SqlFault fault) {
            super(cause);
            this.fault = fault;
        }
    }

    private void withRetries(SqlWork work, String what) throws PermanentFailure {
        long backoff = retryBackoffMs;
        long slept = 0;
        for (int attempt = 0;; attempt++) {
            try {
                work.run();
                return;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                SqlFault fault = SqlFault.of(e);
                if (fault == SqlFault.ACCESS) {
                    // Credentials or privileges: no record is to blame, and nothing may be dead-lettered or committed.
                    resetConnection();
                    throw new ConnectException("Writing " + what + " failed: the sink's user may not do this on the target ("
                            + SqlErrors.describe(e) + "). Fix connection.user, connection.password or the user's privileges, then restart "
                            + "the task; no record was sent to the dead letter queue for it.", e);
                }
                if (!fault.retryable()) {
                    if (fault == SqlFault.OTHER && e instanceof ConnectException ce && SqlFault.firstSqlException(e) == null) {
                        // Configuration-level problem (no key under policy=fail, auto.create=false...): no record is to blame.
                        throw ce;
                    }
                    tables.invalidate();
                    throw new PermanentFailure(e, fault);
                }
                if (attempt >= maxRetries || slept + backoff > IN_PLACE_RETRY_MS) {
                    resetConnection();
                    throw new RetriableException("Writing " + what + " failed (" + fault.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + ") after " + attempt + " retries in place: " + SqlErrors.describe(e), e);
                }
                LOG.warn("Transient failure writing {} (retry {}/{} in {} ms): {}", what, attempt + 1, maxRetries, backoff, SqlErrors.describe(e));
                metrics.recordRetry();
                resetConnection();
                ConnectionFactory.sleep(backoff);
                slept += backoff;
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private Connection connection() throws SQLException {
        if (conn == null) {
            conn = connections.openForRows();
            executor = new StepExecutor(conn, rowsPerStatement, guard);
        }
        return conn;
    }

    private void rollbackQuietly() {
        if (executor != null) {
            executor.drainUnmatchedDeletes();
        }
        if (conn != null) {
            try {
                conn.rollback();
            } catch (SQLException e) {
                LOG.debug("Rollback failed (connection likely gone): {}", e.getMessage());
            }
        }
    }

    /** Drops the connection so the next attempt reconnects; statements die with it. */
    private void resetConnection() {
        if (executor != null) {
            executor.close();
            executor = null;
        }
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // Already broken; nothing more to release.
            }
            conn = null;
        }
        tables.invalidate();
    }

    private static void awaitReports(List<Future<Void>> reported) {
        for (Future<Void> f : reported) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while sending records to the dead letter queue", e);
            } catch (ExecutionException e) {
                throw new ConnectException("Could not send a record to the dead letter queue: " + e.getCause(), e.getCause());
            }
        }
    }

    /** Partitions assigned to the task anew: their stored offsets are read again before the next write. */
    public void partitionsAssigned(java.util.Collection<org.apache.kafka.common.TopicPartition> partitions) {
        if (offsets != null) {
            offsets.forget(partitions);
        }
    }

    @Override
    public void close() {
        resetConnection();
    }
}
