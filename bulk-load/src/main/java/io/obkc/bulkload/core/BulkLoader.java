package io.obkc.bulkload.core;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The parallel copy: one thread walks each table's primary key and cuts it into ranges of {@code chunkRows} rows; N
 * copy threads each stream a range from the source (MySQL: a streaming result set; PostgreSQL: a cursor) and write
 * it to the target as multi-row upserts. Ranges are read in separate statements, not in one snapshot: the bulk load
 * is meant to run after a CDC position was recorded, and the replay from that position makes the target equal.
 */
public final class BulkLoader {
    private static final int MAX_PLACEHOLDERS = 65_535;

    private final Endpoint source;
    private final Endpoint target;
    private final LoadOptions options;
    private final PrintWriter log;

    private final AtomicReference<String> fatal = new AtomicReference<>();
    private final AtomicLong failedRows = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<TablePlan, AtomicLong> rows = new LinkedHashMap<>();
    private final Map<TablePlan, AtomicLong> chunks = new LinkedHashMap<>();
    private final AtomicLong totalRows = new AtomicLong();

    private record Chunk(TablePlan plan, Object[] lower, Object[] upper) {
    }

    private static final Chunk END = new Chunk(null, null, null);

    public BulkLoader(Endpoint source, Endpoint target, LoadOptions options, PrintWriter log) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.log = log;
    }

    public LoadReport run(List<TablePlan> tables) {
        long start = System.nanoTime();
        for (TablePlan t : tables) {
            rows.put(t, new AtomicLong());
            chunks.put(t, new AtomicLong());
        }
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(options.threads * 2);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < options.threads; i++) {
            Thread w = new Thread(() -> work(queue), "bulk-load-" + (i + 1));
            w.setDaemon(true);
            w.start();
            workers.add(w);
        }
        try (Connection src = source.open()) {
            for (TablePlan t : tables) {
                if (fatal.get() != null) {
                    break;
                }
                log.printf("[bulk-load] %s -> %s: about %,d rows, %d column(s), key (%s)%n", t.source(), t.target(),
                        t.estimatedRows(), t.columns().size(), String.join(", ", t.key().stream().map(Column::name).toList()));
                split(src, t, queue);
            }
        } catch (SQLException e) {
            fatal.compareAndSet(null, "splitting the key ranges on the source: " + e.getMessage());
        } catch (BulkLoadException e) {
            fatal.compareAndSet(null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fatal.compareAndSet(null, "interrupted");
        } finally {
            for (int i = 0; i < workers.size(); i++) {
                putUninterruptibly(queue, END);
            }
        }
        long lastPrint = System.nanoTime();
        for (Thread w : workers) {
            while (w.isAlive()) {
                try {
                    w.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fatal.compareAndSet(null, "interrupted");
                    workers.forEach(Thread::interrupt);
                    break;
                }
                if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(10)) {
                    lastPrint = System.nanoTime();
                    log.printf("[bulk-load] %,d rows written%n", totalRows.get());
                    log.flush();
                }
            }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        List<LoadReport.TableOutcome> outcomes = new ArrayList<>();
        for (TablePlan t : tables) {
            outcomes.add(new LoadReport.TableOutcome(t.source().toString(), t.target().toString(), rows.get(t).get(), chunks.get(t).get()));
        }
        return new LoadReport(outcomes, List.copyOf(failures), failedRows.get(), fatal.get(), ms);
    }

    /**
     * Puts {@code e} even if this thread is interrupted, then restores the interrupt. (Re-setting the flag inside the
     * loop, as before, made every further put throw at once: an interrupted caller spun forever.)
     */
    static <E> void putUninterruptibly(BlockingQueue<E> q, E e) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    q.put(e);
                    return;
                } catch (InterruptedException ex) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Walks the key: each boundary query skips chunkRows rows in the primary key index. */
    private void split(Connection src, TablePlan t, BlockingQueue<Chunk> queue) throws SQLException, InterruptedException {
        int[] order = Sql.keyParameterOrder(t);
        Object[] lower = null;
        try (PreparedStatement first = src.prepareStatement(Sql.boundary(t, false));
                PreparedStatement next = src.prepareStatement(Sql.boundary(t, true))) {
            while (fatal.get() == null) {
                PreparedStatement ps = lower == null ? first : next;
                int p = lower == null ? 1 : bindBound(ps, 1, t, order, lower);
                ps.setInt(p, options.chunkRows - 1);
                Object[] upper = null;
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        upper = new Object[t.key().size()];
                        for (int k = 0; k < upper.length; k++) {
                            upper[k] = readKey(rs, k + 1, t.key().get(k));
                        }
                    }
                }
                queue.put(new Chunk(t, lower, upper));
                if (upper == null) {
                    return;
                }
                lower = upper;
            }
        }
    }

    private static Object readKey(ResultSet rs, int i, Column c) throws SQLException {
        return switch (c.keyBind()) {
            case NUMBER -> new BigDecimal(rs.getString(i));
            case DOUBLE -> Double.parseDouble(rs.getString(i));
            case BYTES -> rs.getBytes(i);
            case TEXT, UNTYPED_TEXT -> rs.getString(i);
        };
    }

    /** Binds a range bound's key values from parameter {@code p} on, in the statement's key order; returns the next index. */
    private static int bindBound(PreparedStatement ps, int p, TablePlan t, int[] order, Object[] bound) throws SQLException {
        for (int k : order) {
            bindKey(ps, p++, t.key().get(k), bound[k]);
        }
        return p;
    }

    private static void bindKey(PreparedStatement ps, int i, Column c, Object v) throws SQLException {
        switch (c.keyBind()) {
            case NUMBER -> ps.setBigDecimal(i, (BigDecimal) v);
            case DOUBLE -> ps.setDouble(i, (Double) v);
            case BYTES -> ps.setBytes(i, (byte[]) v);
            case TEXT -> ps.setString(i, (String) v);
            case UNTYPED_TEXT -> ps.setObject(i, v, Types.OTHER);
        }
    }

    // ---- copy threads -------------------------------------------------------------------------------------------------

    private void work(BlockingQueue<Chunk> queue) {
        Connection src = null;
        Connection tgt = null;
        Map<TablePlan, BatchStatements> full = new LinkedHashMap<>();
        try {
            while (true) {
                Chunk c = queue.take();
                if (c == END) {
                    return;
                }
                if (fatal.get() != null) {
                    continue; // drain
                }
                if (src == null) {
                    src = source.open();
                    if (source.kind() == SourceKind.POSTGRESQL) {
                        src.setAutoCommit(false); // a cursor: the rows are fetched in portions
                    }
                    tgt = target.open();
                }
                copy(src, tgt, c, full);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fatal.compareAndSet(null, "interrupted");
        } catch (SQLException e) {
            fatal.compareAndSet(null, "copying: " + e.getMessage());
        } catch (RuntimeException e) {
            fatal.compareAndSet(null, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            full.values().forEach(BatchStatements::close);
            closeQuietly(src);
            closeQuietly(tgt);
            if (fatal.get() != null) {
                // Unblock the splitter, which may wait for room in the queue.
                queue.clear();
            }
        }
    }

    private int batchRows(TablePlan t) {
        return Math.max(1, Math.min(options.batchRows, MAX_PLACEHOLDERS / t.columns().size()));
    }

    private void copy(Connection src, Connection tgt, Chunk c, Map<TablePlan, BatchStatements> full) throws SQLException {
        TablePlan t = c.plan();
        int n = t.columns().size();
        int batch = batchRows(t);
        int[] keyIdx = t.key().stream().mapToInt(k -> t.columns().indexOf(k)).toArray();
        Object[][] buf = new Object[batch][];
        int filled = 0;
        long copied = 0;
        try (PreparedStatement ps = src.prepareStatement(Sql.chunk(t, c.lower() != null, c.upper() != null),
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(source.kind() == SourceKind.POSTGRESQL ? Math.max(1000, batch) : Integer.MIN_VALUE);
            int[] order = Sql.keyParameterOrder(t);
            int p = 1;
            if (c.lower() != null) {
                p = bindBound(ps, p, t, order, c.lower());
            }
            if (c.upper() != null) {
                bindBound(ps, p, t, order, c.upper());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[n];
                    String refused = null;
                    for (int i = 0; i < n && refused == null; i++) {
                        Column col = t.columns().get(i);
                        switch (col.transfer()) {
                            case TEXT -> {
                                String s = rs.getString(i + 1);
                                if (s != null && (col.check() != Column.ValueCheck.NONE || col.maxScale() != null)) {
                                    String why = TypeRules.refusal(col, s);
                                    if (why != null) {
                                        refused = "column " + col.name() + " (" + col.sourceType() + "): " + why;
                                    }
                                }
                                row[i] = s;
                            }
                            case BYTES -> row[i] = rs.getBytes(i + 1);
                            case BOOLEAN -> {
                                boolean b = rs.getBoolean(i + 1);
                                row[i] = rs.wasNull() ? null : (b ? 1 : 0);
                            }
                            case UNSIGNED_NUMBER -> {
                                String s = rs.getString(i + 1);
                                row[i] = s == null ? null : new BigDecimal(s);
                            }
                        }
                    }
                    if (refused != null) {
                        fail(t, keyText(t, keyIdx, rs), refused);
                        continue;
                    }
                    buf[filled++] = row;
                    if (filled == batch) {
                        copied += flush(tgt, t, buf, filled, keyIdx, full);
                        filled = 0;
                    }
                }
            }
        }
        if (filled > 0) {
            copied += flush(tgt, t, buf, filled, keyIdx, full);
        }
        if (source.kind() == SourceKind.POSTGRESQL) {
            src.commit(); // closes the read transaction of this chunk
        }
        rows.get(t).addAndGet(copied);
        chunks.get(t).incrementAndGet();
        totalRows.addAndGet(copied);
    }

    /**
     * Writes a batch. A plain multi-row INSERT first: on an empty target it is what the copy needs, and the target takes it
     * with less work than the upsert. When a row is already there (a repeated copy, rows written by a sink), the INSERT
     * fails as a whole (one statement, autocommit) and the batch is written again as an upsert, as are the table's later
     * batches on this connection. The statements of full batches are kept per table.
     */
    private long flush(Connection tgt, TablePlan t, Object[][] buf, int count, int[] keyIdx, Map<TablePlan, BatchStatements> cache)
            throws SQLException {
        boolean full = count == batchRows(t);
        BatchStatements ps = full ? cache.computeIfAbsent(t, k -> new BatchStatements()) : new BatchStatements();
        try {
            if (!ps.upsertOnly) {
                if (ps.insert == null) {
                    ps.insert = tgt.prepareStatement(Sql.insert(t, count));
                }
                try {
                    bindRows(ps.insert, t, buf, count);
                    ps.insert.executeUpdate();
                    return count;
                } catch (SQLException e) {
                    if (!isDuplicateKey(e)) {
                        if (isConnectionLoss(e)) {
                            throw e;
                        }
                        return rowByRow(tgt, t, buf, count, keyIdx, e);
                    }
                    ps.upsertOnly = true;
                }
            }
            if (ps.upsert == null) {
                ps.upsert = tgt.prepareStatement(Sql.upsert(t, count));
            }
            return write(tgt, ps.upsert, t, buf, count, keyIdx);
        } finally {
            if (!full) {
                ps.close();
            }
        }
    }

    /** The statements of one batch size of one table on one connection, and whether a duplicate made it upsert only. */
    private static final class BatchStatements {
        PreparedStatement insert;
        PreparedStatement upsert;
        /** A row was already on the target: this table's later batches on this connection go straight to the upsert. */
        boolean upsertOnly;

        void close() {
            closeQuietly(insert);
            closeQuietly(upsert);
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        return e.getErrorCode() == 1062 || e.getErrorCode() == 1586 || (e.getSQLState() != null && e.getSQLState().equals("23000")
                && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("duplicate"));
    }

    /** Writes the rows as one upsert; when the statement fails, row by row, so each failing row is reported by key. */
    private long write(Connection tgt, PreparedStatement ins, TablePlan t, Object[][] buf, int count, int[] keyIdx) throws SQLException {
        try {
            bindRows(ins, t, buf, count);
            ins.executeUpdate();
            return count;
        } catch (SQLException e) {
            if (isConnectionLoss(e)) {
                throw e;
            }
            return rowByRow(tgt, t, buf, count, keyIdx, e);
        }
    }

    private long rowByRow(Connection tgt, TablePlan t, Object[][] buf, int count, int[] keyIdx, SQLException e) throws SQLException {
        if (count == 1) {
            fail(t, keyText(t, keyIdx, buf[0]), "the target refused the row: " + e.getMessage());
            return 0;
        }
        long ok = 0;
        try (PreparedStatement one = tgt.prepareStatement(Sql.upsert(t, 1))) {
            Object[][] single = new Object[1][];
            for (int r = 0; r < count; r++) {
                single[0] = buf[r];
                try {
                    bindRows(one, t, single, 1);
                    one.executeUpdate();
                    ok++;
                } catch (SQLException rowError) {
                    if (isConnectionLoss(rowError)) {
                        throw rowError;
                    }
                    fail(t, keyText(t, keyIdx, buf[r]), "the target refused the row: " + rowError.getMessage());
                }
            }
        }
        return ok;
    }

    private static boolean isConnectionLoss(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private static void bindRows(PreparedStatement ps, TablePlan t, Object[][] buf, int count) throws SQLException {
        int n = t.columns().size();
        int p = 1;
        for (int r = 0; r < count; r++) {
            Object[] row = buf[r];
            for (int i = 0; i < n; i++) {
                Object v = row[i];
                if (v == null) {
                    ps.setNull(p++, Types.NULL);
                } else if (v instanceof String s) {
                    ps.setString(p++, s);
                } else if (v instanceof byte[] b) {
                    ps.setBytes(p++, b);
                } else if (v instanceof Integer x) {
                    ps.setInt(p++, x);
                } else {
                    ps.setBigDecimal(p++, (BigDecimal) v);
                }
            }
        }
    }

    private void fail(TablePlan t, String key, String reason) {
        long n = failedRows.incrementAndGet();
        if (n <= options.maxFailures) {
            failures.add(t.source() + " key (" + key + "): " + reason);
        }
        if (n >= options.maxFailures) {
            fatal.compareAndSet(null, options.maxFailures + " rows failed; stopped");
        }
    }

    private static String keyText(TablePlan t, int[] keyIdx, ResultSet rs) throws SQLException {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < keyIdx.length; k++) {
            Column c = t.key().get(k);
            b.append(k == 0 ? "" : ", ").append(c.name()).append('=');
            b.append(c.transfer() == Column.Transfer.BYTES ? "0x" + HexFormat.of().formatHex(rs.getBytes(keyIdx[k] + 1))
                    : rs.getString(keyIdx[k] + 1));
        }
        return b.toString();
    }

    private static String keyText(TablePlan t, int[] keyIdx, Object[] row) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < keyIdx.length; k++) {
            Object v = row[keyIdx[k]];
            b.append(k == 0 ? "" : ", ").append(t.key().get(k).name()).append('=')
                    .append(v instanceof byte[] bytes ? "0x" + HexFormat.of().formatHex(bytes) : String.valueOf(v));
        }
        return b.toString();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing after the work is done or failed
            }
        }
    }
}
