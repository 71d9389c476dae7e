package io.obkc.bench.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.obkc.testing.DatabaseEndpoint;

/**
 * Commits changes to the orders table at a fixed rate: {@code txPerSecond} transactions a second, each of
 * {@code rate / txPerSecond} changes (at least 1), for a fixed duration, from one or more connections. Changes are 60 % inserts of new ids, 30 %
 * updates of loaded rows (ids 1..loadedRows, distinct within a transaction), 10 % deletes of rows this writer inserted
 * in an earlier transaction. Every insert and update writes {@code name = '<tag>-<seq>'}, so the consumer finds the
 * change's sequence number in the event's after image; a delete is found by its id (each id is deleted once).
 *
 * <p>The commit-side time of a change is the wall clock (microseconds) when {@code COMMIT} returned to the writer: the
 * change is committed then, and the application could have seen it. The commit's own duration is kept too, so the
 * report states how much earlier the commit may have happened on the server.
 */
final class ChangeWriter {
    /** What one run wrote; arrays are indexed by the change's sequence number (0-based). */
    record Result(String tag, int changes, long[] commitMicros, long startNanos, long endNanos,
            long[] commitDurationsMicros, int transactions, int inserts, int updates, int deletes, long maxBehindScheduleMs) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        double achievedRate() {
            return changes / seconds();
        }
    }

    private final DatabaseEndpoint ob;
    private final String database;
    private final long loadedRows;
    private final AtomicLong nextId;

    /** @param nextId the next new id to insert (shared across runs so every run inserts fresh ids) */
    ChangeWriter(DatabaseEndpoint ob, String database, long loadedRows, AtomicLong nextId) {
        this.ob = ob;
        this.database = database;
        this.loadedRows = loadedRows;
        this.nextId = nextId;
    }

    static String name(String tag, int seq) {
        return tag + "-" + seq;
    }

    /** Parses a name written by {@link #name}; -1 when it is not from this tag. */
    static int seqOf(String tag, String name) {
        if (name == null || !name.startsWith(tag + "-")) {
            return -1;
        }
        try {
            return Integer.parseInt(name.substring(tag.length() + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** How many changes a run can write at most: the size of the per-change arrays. */
    static int capacity(int rate, int durationSeconds, int txPerSecond, int writers) {
        int perTx = Math.max(1, rate / txPerSecond);
        double txRate = (double) rate / perTx;
        return writers * (int) Math.ceil(txRate * durationSeconds / writers) * perTx;
    }

    /** What one writer connection did. */
    private record Part(long startNanos, long endNanos, long[] durations, int transactions, int inserts, int updates, int deletes,
            long maxBehindMs) {
    }

    /**
     * Runs {@code writers} connections that together commit {@code rate} changes/s (each its share of the transactions,
     * interleaved), numbering changes from one shared sequence; each transaction takes a contiguous block of numbers.
     *
     * @param deleteSeqById filled before each commit with the ids the transaction deletes and their changes' sequence
     *        numbers, so a concurrent consumer can match delete events
     */
    Result run(String tag, int rate, int durationSeconds, int txPerSecond, int writers, long seed, Map<Long, Integer> deleteSeqById)
            throws Exception {
        int perTx = Math.max(1, rate / txPerSecond);
        double txRate = (double) rate / perTx;
        long intervalNanos = (long) (1e9 / txRate);
        int capacity = capacity(rate, durationSeconds, txPerSecond, writers);
        long[] commitMicros = new long[capacity];
        Arrays.fill(commitMicros, -1);
        AtomicInteger sequence = new AtomicInteger();
        long start = System.nanoTime() + 50_000_000L;
        long end = start + durationSeconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Part>> parts = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            parts.add(pool.submit(() -> write(tag, writer, writers, perTx, start + writer * intervalNanos, end, intervalNanos * writers,
                    seed + writer, sequence, commitMicros, deleteSeqById)));
        }
        pool.shutdown();
        List<Part> done = new ArrayList<>();
        try {
            for (Future<Part> f : parts) {
                done.add(f.get());
            }
        } catch (ExecutionException e) {
            pool.shutdownNow();
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
        int changes = sequence.get();
        long stop = done.stream().mapToLong(Part::endNanos).max().orElse(start);
        long[] durations = done.stream().flatMapToLong(d -> Arrays.stream(d.durations())).toArray();
        return new Result(tag, changes, Arrays.copyOf(commitMicros, changes), start, stop, durations,
                done.stream().mapToInt(Part::transactions).sum(), done.stream().mapToInt(Part::inserts).sum(),
                done.stream().mapToInt(Part::updates).sum(), done.stream().mapToInt(Part::deletes).sum(),
                done.stream().mapToLong(Part::maxBehindMs).max().orElse(0));
    }

    /** One connection's share: transactions due at first, first + interval, ... until end. */
    private Part write(String tag, int writer, int writers, int perTx, long first, long end, long intervalNanos, long seed,
            AtomicInteger sequence, long[] commitMicros, Map<Long, Integer> deleteSeqById) throws SQLException {
        long[] durations = new long[(int) ((end - first) / intervalNanos) + 2];
        ArrayDeque<Long> deletable = new ArrayDeque<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        int tx = 0;
        int inserts = 0;
        int updates = 0;
        int deletes = 0;
        long maxBehind = 0;
        // Updates of loaded rows: each writer its own ids (id % writers), so writers never wait for each other's row locks.
        long updatable = loadedRows / writers;
        try (Connection c = ob.connect(database); PreparedStatement ins = c.prepareStatement(OrdersTable.INSERT)) {
            c.setAutoCommit(false);
            long due = first;
            while (due < end) {
                long now = System.nanoTime();
                if (now < due) {
                    // Pacing the writer to its schedule (not synchronisation): wait for the next transaction's slot.
                    LockSupport.parkNanos(due - now);
                } else {
                    maxBehind = Math.max(maxBehind, (now - due) / 1_000_000L);
                }
                int seq = sequence.getAndAdd(perTx);
                int last = seq + perTx;
                List<Long> insertIds = new ArrayList<>();
                List<Integer> insertSeqs = new ArrayList<>();
                Map<Long, Integer> updateSeqs = new HashMap<>();
                List<Long> deleteIds = new ArrayList<>();
                Set<Long> insertedNow = new HashSet<>();
                for (; seq < last; seq++) {
                    int kind = seq % 10;
                    if (kind == 9 && !deletable.isEmpty()) {
                        long id = deletable.poll();
                        deleteIds.add(id);
                        deleteSeqById.put(id, seq);
                    } else if (kind >= 6 && kind <= 8 && updatable > perTx) {
                        long id;
                        do {
                            id = rnd.nextLong(0, updatable) * writers + writer + 1;
                        } while (updateSeqs.containsKey(id) || id > loadedRows);
                        updateSeqs.put(id, seq);
                    } else {
                        long id = nextId.getAndIncrement();
                        insertIds.add(id);
                        insertSeqs.add(seq);
                        insertedNow.add(id);
                    }
                }
                if (!insertIds.isEmpty()) {
                    for (int i = 0; i < insertIds.size(); i++) {
                        OrdersTable.bind(ins, insertIds.get(i), name(tag, insertSeqs.get(i)));
                        ins.addBatch();
                    }
                    // rewriteBatchedStatements (DatabaseEndpoint's URL): one multi-row INSERT.
                    ins.executeBatch();
                }
                if (!updateSeqs.isEmpty()) {
                    update(c, tag, updateSeqs);
                }
                if (!deleteIds.isEmpty()) {
                    delete(c, deleteIds);
                }
                long before = System.nanoTime();
                c.commit();
                Instant committed = Instant.now();
                long micros = committed.getEpochSecond() * 1_000_000L + committed.getNano() / 1_000L;
                durations[tx] = (System.nanoTime() - before) / 1_000L;
                for (int s = last - perTx; s < last; s++) {
                    commitMicros[s] = micros;
                }
                inserts += insertIds.size();
                updates += updateSeqs.size();
                deletes += deleteIds.size();
                deletable.addAll(insertedNow);
                tx++;
                due += intervalNanos;
            }
            return new Part(first, System.nanoTime(), Arrays.copyOf(durations, tx), tx, inserts, updates, deletes, maxBehind);
        }
    }

    /** One UPDATE for all rows of the transaction: each row gets its own name (its change's sequence number). */
    private static void update(Connection c, String tag, Map<Long, Integer> seqById) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE " + OrdersTable.TABLE + " SET quantity = quantity % 50 + 1, name = CASE id");
        StringJoiner in = new StringJoiner(", ", " END WHERE id IN (", ")");
        for (int i = 0; i < seqById.size(); i++) {
            sql.append(" WHEN ? THEN ?");
            in.add("?");
        }
        sql.append(in);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (Map.Entry<Long, Integer> e : seqById.entrySet()) {
                ps.setLong(p++, e.getKey());
                ps.setString(p++, name(tag, e.getValue()));
            }
            for (Long id : seqById.keySet()) {
                ps.setLong(p++, id);
            }
            int n = ps.executeUpdate();
            if (n != seqById.size()) {
                throw new IllegalStateException("UPDATE changed " + n + " rows, expected " + seqById.size() + " (ids " + seqById.keySet() + ")");
            }
        }
    }

    private static void delete(Connection c, List<Long> ids) throws SQLException {
        StringJoiner in = new StringJoiner(", ", "DELETE FROM " + OrdersTable.TABLE + " WHERE id IN (", ")");
        ids.forEach(id -> in.add("?"));
        try (PreparedStatement ps = c.prepareStatement(in.toString())) {
            int p = 1;
            for (long id : ids) {
                ps.setLong(p++, id);
            }
            int n = ps.executeUpdate();
            if (n != ids.size()) {
                throw new IllegalStateException("DELETE removed " + n + " rows, expected " + ids.size() + " (ids " + ids + ")");
            }
        }
    }
}
