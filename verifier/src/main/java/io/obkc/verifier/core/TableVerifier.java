package io.obkc.verifier.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.obkc.common.rules.ObjectName;
import io.obkc.verifier.core.TableQueries.Checksum;
import io.obkc.verifier.dialect.RowHash;
import io.obkc.verifier.core.TableQueries.Row;
import io.obkc.verifier.model.ColumnInfo;
import io.obkc.verifier.model.DiffKind;
import io.obkc.verifier.model.Difference;
import io.obkc.verifier.model.Key;
import io.obkc.verifier.model.KeyRange;
import io.obkc.verifier.model.RowValue;
import io.obkc.verifier.model.TableInfo;
import io.obkc.verifier.model.TableResult;
import io.obkc.verifier.model.TableStatus;

/**
 * Verifies one table: chunks in key order with adaptive size, count+checksum per chunk on both sides, bisection
 * of differing chunks, row-level diff of small differing ranges, optional re-check of differing rows.
 */
final class TableVerifier {
    /** Prefix of the columns the bundle adds to target tables for its own bookkeeping. */
    static final String HELPER_COLUMN_PREFIX = "__obkc_";

    private final ObjectName sourceName;
    private final ObjectName targetName;
    private final SidePool source;
    private final SidePool target;
    private final ExecutorService workers;
    private final VerifyOptions options;
    private final Progress progress;
    private final Checkpoint checkpoint;
    private final TableResult result;
    private TablePlan plan;
    private TableQueries sq;
    private TableQueries tq;
    private String recentCutoff;

    TableVerifier(ObjectName sourceName, ObjectName targetName, SidePool source, SidePool target,
            ExecutorService workers, VerifyOptions options, Progress progress, Checkpoint checkpoint) {
        this.sourceName = sourceName;
        this.targetName = targetName;
        this.source = source;
        this.target = target;
        this.workers = workers;
        this.options = options;
        this.progress = progress;
        this.checkpoint = checkpoint;
        this.result = new TableResult(sourceName.toString(), targetName.toString());
    }

    TablePlan plan() {
        return plan;
    }

    /** Full verification (or resume from the checkpoint). */
    TableResult run() {
        long start = System.currentTimeMillis();
        try {
            Checkpoint.TableState saved = checkpoint.get(result.source);
            if (saved != null && saved.done && saved.result != null) {
                TableResult r = saved.result;
                r.differences.addAll(saved.differences);
                if (prepare()) {
                    return r;
                }
                return r;
            }
            if (!prepare()) {
                return result;
            }
            if (plan.keyed()) {
                chunked(saved);
            } else {
                keyless();
            }
            recheck();
        } catch (VerifyException e) {
            result.status = TableStatus.ERROR;
            result.error = naming(e.getMessage());
        } catch (RuntimeException e) {
            result.status = TableStatus.ERROR;
            result.error = naming(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        result.elapsedMillis = System.currentTimeMillis() - start;
        result.settle();
        if (result.status != TableStatus.ERROR) {
            Checkpoint.TableState done = new Checkpoint.TableState();
            done.done = true;
            done.result = result;
            done.differences = result.differencesSnapshot();
            checkpoint.put(result.source, done, true);
        }
        return result;
    }

    /** Re-verifies only the given keys (from a previous report). */
    TableResult runKeys(List<Key> keys) {
        long start = System.currentTimeMillis();
        try {
            if (prepare()) {
                if (!plan.keyed()) {
                    throw new VerifyException("Table " + sourceName + " has no primary or non-null unique key; "
                            + "--only-inconsistent needs one (verify the whole table instead)");
                }
                ChunkOutcome out = diffKeys(keys);
                for (Difference d : out.differences) {
                    result.addDifference(d, options.maxDifferences);
                }
                // The rows found under those keys on each side (not the number of keys asked for).
                result.sourceRows = out.sourceRows;
                result.targetRows = out.targetRows;
                recheck();
            }
        } catch (VerifyException e) {
            result.status = TableStatus.ERROR;
            result.error = naming(e.getMessage());
        }
        result.elapsedMillis = System.currentTimeMillis() - start;
        result.settle();
        return result;
    }

    // ---- preparation: metadata, column pairing, key -------------------------------------------------------------

    private boolean prepare() {
        TableInfo si = source.call(c -> source.endpoint().dialect().describe(c, sourceName)).orElseThrow(
                () -> new VerifyException("Table " + sourceName + " does not exist in the " + source.endpoint()));
        var ti = target.call(c -> target.endpoint().dialect().describe(c, targetName));
        if (ti.isEmpty()) {
            result.status = TableStatus.MISSING_IN_TARGET;
            result.schemaDifferences.add("table " + targetName + " does not exist in the target");
            result.keyKind = si.keyKind();
            return false;
        }
        TableInfo tt = ti.get();
        result.source = si.name().toString();
        result.target = tt.name().toString();
        List<ColumnPair> pairs = new ArrayList<>();
        for (ColumnInfo sc : si.columns()) {
            var tc = tt.column(sc.name());
            if (tc.isEmpty()) {
                result.schemaDifferences.add("column " + sc.name() + " is missing in the target");
            } else {
                pairs.add(new ColumnPair(sc, tc.get()));
            }
        }
        for (ColumnInfo tc : tt.columns()) {
            // The bundle's own helper columns (the sink's __obkc_src_pos, schema migration's hidden __obkc_pk) carry no
            // source data; switchover drops them.
            if (si.column(tc.name()).isEmpty() && !tc.name().toLowerCase(java.util.Locale.ROOT).startsWith(HELPER_COLUMN_PREFIX)) {
                result.schemaDifferences.add("column " + tc.name() + " exists only in the target");
            }
        }
        List<ColumnPair> key = new ArrayList<>();
        for (String k : si.keyColumns()) {
            ColumnPair p = pairs.stream().filter(x -> x.source().name().equals(k)).findFirst().orElse(null);
            if (p == null) {
                throw new VerifyException("Key column " + k + " of " + sourceName + " is missing in the target "
                        + targetName + "; cannot line up rows");
            }
            key.add(p);
        }
        int updated = -1;
        if (options.updatedColumn != null && options.skipRecentSeconds > 0) {
            for (int i = 0; i < pairs.size(); i++) {
                if (pairs.get(i).name().equalsIgnoreCase(options.updatedColumn)
                        && pairs.get(i).source().category().isTemporal()) {
                    updated = i;
                }
            }
        }
        plan = new TablePlan(si, tt, pairs, key, updated);
        result.keyKind = si.keyKind() + (key.isEmpty() ? "" : " (" + String.join(", ",
                key.stream().map(ColumnPair::name).toList()) + ")");
        RowHash rowHash = RowHash.choose(options.rowHash, source.endpoint().dialect(), target.endpoint().dialect());
        sq = new TableQueries(source, si.name(), plan, Side.SOURCE, options.binaryStringKeys, rowHash);
        tq = new TableQueries(target, tt.name(), plan, Side.TARGET, options.binaryStringKeys, rowHash);
        if (updated >= 0) {
            String now = source.call(c -> source.endpoint().dialect().currentTimestampCanonical(c));
            recentCutoff = minusSeconds(now, options.skipRecentSeconds);
        }
        return true;
    }

    private static String minusSeconds(String canonical, long seconds) {
        var t = java.time.LocalDateTime.parse(canonical.replace(' ', 'T')).minusSeconds(seconds);
        return String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d.%06d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
    }

    // ---- chunked comparison -------------------------------------------------------------------------------------

    /** Outcome of one top-level chunk. */
    private static final class ChunkOutcome {
        Key upper;
        long sourceRows;
        long targetRows;
        boolean differing;
        long skipped;
        final List<Difference> differences = new ArrayList<>();
    }

    private void chunked(Checkpoint.TableState saved) {
        Key lower = null;
        ChunkTracker tracker = new ChunkTracker();
        if (saved != null && saved.lastBound != null) {
            lower = new Key(saved.lastBound);
            tracker.restore(saved);
            result.sourceRows = saved.sourceRows;
            result.targetRows = saved.targetRows;
            result.chunks = saved.chunks;
            result.chunksDiffering = saved.chunksDiffering;
            result.skippedRecent = saved.skippedRecent;
            for (Difference d : saved.differences) {
                result.addDifference(d, options.maxDifferences);
            }
            progress.rows(saved.sourceRows);
        }
        ChunkSizer sizer = new ChunkSizer(options.initialChunkRows, options.chunkTargetMillis, options.minChunkRows,
                options.maxChunkRows);
        Semaphore inflight = new Semaphore(Math.max(2, options.connectionsPerSide * 2));
        List<Future<?>> futures = new ArrayList<>();
        int index = 0;
        while (true) {
            final Key lo = lower;
            long n = sizer.rows();
            Key hi = source.call(c -> sq.keyAt(c, new KeyRange(lo, null), n - 1));
            KeyRange range = new KeyRange(lo, hi);
            acquire(inflight);
            final int idx = index++;
            futures.add(workers.submit(() -> {
                try {
                    ChunkOutcome out = verifyChunk(range, sizer);
                    out.upper = hi;
                    merge(out);
                    tracker.done(idx, out);
                } finally {
                    inflight.release();
                }
            }));
            if (hi == null) {
                break;
            }
            lower = hi;
            if (options.pauseBetweenChunksMillis > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(options.pauseBetweenChunksMillis));
            }
        }
        RuntimeException first = null;
        for (Future<?> f : futures) {
            try {
                Futures.join(f);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void acquire(Semaphore s) {
        try {
            s.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerifyException("Interrupted", e);
        }
    }

    private void merge(ChunkOutcome out) {
        synchronized (result) {
            result.chunks++;
            if (out.differing) {
                result.chunksDiffering++;
            }
            result.sourceRows += out.sourceRows;
            result.targetRows += out.targetRows;
            result.skippedRecent += out.skipped;
        }
        for (Difference d : out.differences) {
            result.addDifference(d, options.maxDifferences);
        }
        progress.rows(out.sourceRows);
    }

    private ChunkOutcome verifyChunk(KeyRange range, ChunkSizer sizer) {
        ChunkOutcome out = new ChunkOutcome();
        try {
            compareRange(range, 0, sizer, out);
        } catch (VerifyException e) {
            throw explained(range, e);
        }
        return out;
    }

    /** Every table error names the table. */
    private String naming(String message) {
        String m = String.valueOf(message);
        return m.startsWith("Table ") ? m : "Table " + sourceName + ": " + m;
    }

    /**
     * A failed query on a range, explained: which column's canonical expression fails, on which side, so the
     * message names the table and the column (the row hash covers all columns, so its error cannot).
     */
    private VerifyException explained(KeyRange range, VerifyException e) {
        String column = null;
        for (SidePool side : List.of(source, target)) {
            TableQueries q = side == source ? sq : tq;
            try {
                column = side.call(c -> q.failingColumn(c, range));
            } catch (RuntimeException ignored) {
                // the diagnosis is best effort; the original failure is reported either way
            }
            if (column != null) {
                break;
            }
        }
        if (column == null) {
            return e;
        }
        return new VerifyException("Table " + sourceName + ", " + column + ". The verifier cannot render this column's"
                + " values for comparison; leave the table out (--exclude) and report the column type and value", e);
    }

    private void compareRange(KeyRange range, int depth, ChunkSizer sizer, ChunkOutcome out) {
        compareRange(range, depth, sizer, out, null, null);
    }

    /**
     * Compares a range by checksum, bisecting a differing one. When the checksums of the range are already known
     * ({@code knownS}, {@code knownT}: derived by the caller), they are not queried again. Of the two halves of a
     * differing range only the lower is queried: count and sum are additive and the halves partition the range, so
     * the upper half's checksum is exactly the range's minus the lower half's.
     */
    private void compareRange(KeyRange range, int depth, ChunkSizer sizer, ChunkOutcome out, Checksum knownS,
            Checksum knownT) {
        Checksum s;
        Checksum t;
        if (knownS != null && knownT != null) {
            s = knownS;
            t = knownT;
        } else {
            CompletableFuture<Checksum> sf = source.submit(c -> sq.checksum(c, range));
            CompletableFuture<Checksum> tf = target.submit(c -> tq.checksum(c, range));
            s = Futures.join(sf);
            t = Futures.join(tf);
        }
        if (depth == 0 && sizer != null) {
            sizer.observe(s.count(), Math.max(s.millis(), t.millis()));
        }
        if (s.sameData(t)) {
            out.sourceRows += s.count();
            out.targetRows += t.count();
            return;
        }
        out.differing = true;
        long larger = Math.max(s.count(), t.count());
        if (larger > options.rowFetchThreshold) {
            SidePool side = s.count() >= t.count() ? source : target;
            TableQueries q = side == source ? sq : tq;
            Key mid = side.call(c -> q.keyAt(c, range, larger / 2 - 1));
            if (mid != null && !mid.equals(range.upper()) && !mid.equals(range.lower())) {
                KeyRange lowerHalf = new KeyRange(range.lower(), mid);
                CompletableFuture<Checksum> lsf = source.submit(c -> sq.checksum(c, lowerHalf));
                CompletableFuture<Checksum> ltf = target.submit(c -> tq.checksum(c, lowerHalf));
                Checksum ls = Futures.join(lsf);
                Checksum lt = Futures.join(ltf);
                compareRange(lowerHalf, depth + 1, null, out, ls, lt);
                compareRange(new KeyRange(mid, range.upper()), depth + 1, null, out, s.minus(ls), t.minus(lt));
                return;
            }
        }
        out.sourceRows += s.count();
        out.targetRows += t.count();
        CompletableFuture<List<Row>> sr = source.submit(c -> sq.rows(c, range));
        CompletableFuture<List<Row>> tr = target.submit(c -> tq.rows(c, range));
        diffRows(Futures.join(sr), Futures.join(tr), out);
    }

    private void diffRows(List<Row> sourceRows, List<Row> targetRows, ChunkOutcome out) {
        Map<Key, Row> tmap = new HashMap<>(targetRows.size() * 2);
        for (Row r : targetRows) {
            tmap.put(r.key(), r);
        }
        for (Row s : sourceRows) {
            Row t = tmap.remove(s.key());
            Difference d = compare(s.key(), s, t);
            if (d != null) {
                addOrSkip(d, s, t, out);
            }
        }
        for (Row t : tmap.values()) {
            addOrSkip(compare(t.key(), null, t), null, t, out);
        }
    }

    private void addOrSkip(Difference d, Row s, Row t, ChunkOutcome out) {
        if (isRecent(s) || isRecent(t)) {
            out.skipped++;
        } else {
            out.differences.add(d);
        }
    }

    private boolean isRecent(Row r) {
        if (r == null || recentCutoff == null) {
            return false;
        }
        RowValue v = r.values().get(plan.updatedColumnIndex());
        return !v.isNull() && v.canonical().compareTo(recentCutoff) >= 0;
    }

    /** Difference between the two versions of a row, or null when equal. */
    private Difference compare(Key key, Row s, Row t) {
        if (s == null) {
            return new Difference(DiffKind.EXTRA_IN_TARGET, key, List.of(), List.of(), List.of(), null, asMap(t));
        }
        if (t == null) {
            return new Difference(DiffKind.MISSING_IN_TARGET, key, List.of(), List.of(), List.of(), asMap(s), null);
        }
        List<String> cols = new ArrayList<>();
        List<String> sv = new ArrayList<>();
        List<String> tv = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            ColumnPair p = plan.columns().get(i);
            RowValue a = s.values().get(i);
            RowValue b = t.values().get(i);
            if (!ValueComparator.same(a, b, p.source().category(), p.target().category())) {
                cols.add(p.name());
                sv.add(a.canonical());
                tv.add(b.canonical());
            }
        }
        return cols.isEmpty() ? null
                : new Difference(DiffKind.DIFFERENT_COLUMNS, key, cols, sv, tv, asMap(s), asMap(t));
    }

    private Map<String, RowValue> asMap(Row r) {
        Map<String, RowValue> m = new LinkedHashMap<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            m.put(plan.columns().get(i).name(), r.values().get(i));
        }
        return m;
    }

    // ---- keyless tables: multiset of full rows --------------------------------------------------------------------

    private void keyless() {
        Checksum s;
        Checksum t;
        try {
            s = Futures.join(source.submit(c -> sq.checksum(c, KeyRange.ALL)));
            t = Futures.join(target.submit(c -> tq.checksum(c, KeyRange.ALL)));
        } catch (VerifyException e) {
            throw explained(KeyRange.ALL, e);
        }
        result.chunks = 1;
        result.sourceRows = s.count();
        result.targetRows = t.count();
        progress.rows(s.count());
        if (s.sameData(t)) {
            return;
        }
        result.chunksDiffering = 1;
        if (Math.max(s.count(), t.count()) > options.maxKeylessRows) {
            throw new VerifyException("Table " + sourceName + " has no primary or non-null unique key and differs, but has more"
                    + " than --max-keyless-rows=" + options.maxKeylessRows + " rows to compare as a multiset in memory");
        }
        Map<List<String>, List<Row>> counts = new HashMap<>();
        source.call(c -> {
            sq.scan(c, r -> counts.computeIfAbsent(canonicalRow(r), k -> new ArrayList<>()).add(r));
            return null;
        });
        List<Row> extra = new ArrayList<>();
        target.call(c -> {
            tq.scan(c, r -> {
                List<Row> l = counts.get(canonicalRow(r));
                if (l == null || l.isEmpty()) {
                    extra.add(r);
                } else {
                    l.remove(l.size() - 1);
                }
            });
            return null;
        });
        for (List<Row> l : counts.values()) {
            for (Row r : l) {
                result.addDifference(new Difference(DiffKind.MISSING_IN_TARGET, new Key(canonicalRow(r)), List.of(),
                        List.of(), List.of(), asMap(r), null), options.maxDifferences);
            }
        }
        for (Row r : extra) {
            result.addDifference(new Difference(DiffKind.EXTRA_IN_TARGET, new Key(canonicalRow(r)), List.of(), List.of(),
                    List.of(), null, asMap(r)), options.maxDifferences);
        }
    }

    private static List<String> canonicalRow(Row r) {
        List<String> l = new ArrayList<>(r.values().size());
        for (RowValue v : r.values()) {
            l.add(v.canonical() == null ? "\u0000NULL" : v.canonical());
        }
        return l;
    }

    // ---- online re-check --------------------------------------------------------------------------------------

    private ChunkOutcome diffKeys(List<Key> keys) {
        CompletableFuture<List<Row>> sr = source.submit(c -> sq.rowsByKey(c, keys));
        CompletableFuture<List<Row>> tr = target.submit(c -> tq.rowsByKey(c, keys));
        ChunkOutcome out = new ChunkOutcome();
        List<Row> s = Futures.join(sr);
        List<Row> t = Futures.join(tr);
        out.sourceRows = s.size();
        out.targetRows = t.size();
        diffRows(s, t, out);
        synchronized (result) {
            result.skippedRecent += out.skipped;
        }
        return out;
    }

    private void recheck() {
        if (options.recheckSeconds <= 0 || !plan.keyed() || result.mismatches() == 0 || result.differencesTruncated) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.recheckSeconds);
        int round = 0;
        while (result.mismatches() > 0 && System.nanoTime() < deadline) {
            round++;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(options.recheckIntervalMillis));
            try {
                options.recheckListener.beforeRound(result.source, round);
            } catch (Exception e) {
                throw new VerifyException("Re-check hook failed: " + e.getMessage(), e);
            }
            List<Key> keys = result.differencesSnapshot().stream().map(Difference::key).toList();
            result.replaceDifferences(diffKeys(keys).differences);
        }
    }

    // ---- checkpoint of the finished prefix of chunks ----------------------------------------------------------------

    private final class ChunkTracker {
        private final TreeMap<Integer, ChunkOutcome> pending = new TreeMap<>();
        private int next;
        private final Checkpoint.TableState state = new Checkpoint.TableState();

        void restore(Checkpoint.TableState saved) {
            state.lastBound = saved.lastBound;
            state.sourceRows = saved.sourceRows;
            state.targetRows = saved.targetRows;
            state.chunks = saved.chunks;
            state.chunksDiffering = saved.chunksDiffering;
            state.skippedRecent = saved.skippedRecent;
            state.differences.addAll(saved.differences);
        }

        synchronized void done(int index, ChunkOutcome out) {
            pending.put(index, out);
            boolean advanced = false;
            while (pending.containsKey(next)) {
                ChunkOutcome o = pending.remove(next++);
                if (o.upper == null) {
                    return; // the last chunk: the table's final result is saved by run()
                }
                state.lastBound = o.upper.values();
                state.sourceRows += o.sourceRows;
                state.targetRows += o.targetRows;
                state.chunks++;
                state.chunksDiffering += o.differing ? 1 : 0;
                state.skippedRecent += o.skipped;
                if (state.differences.size() < options.maxDifferences) {
                    state.differences.addAll(o.differences);
                }
                advanced = true;
            }
            if (advanced) {
                checkpoint.put(result.source, copy(), false);
            }
        }

        private Checkpoint.TableState copy() {
            Checkpoint.TableState c = new Checkpoint.TableState();
            c.lastBound = state.lastBound;
            c.sourceRows = state.sourceRows;
            c.targetRows = state.targetRows;
            c.chunks = state.chunks;
            c.chunksDiffering = state.chunksDiffering;
            c.skippedRecent = state.skippedRecent;
            c.differences = new ArrayList<>(state.differences);
            return c;
        }
    }
}
