package io.obkc.verifier.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.obkc.common.rules.ObjectMatcher;
import io.obkc.common.rules.ObjectName;
import io.obkc.verifier.model.Key;
import io.obkc.verifier.model.TableResult;

/**
 * Compares tables between a source and a target database. Thread budget: {@code connectionsPerSide} query
 * threads (one connection each) per database, {@code tableParallelism} table coordinators, and chunk workers
 * that only wait on the query threads.
 */
public final class Verifier implements AutoCloseable {
    private final SidePool source;
    private final SidePool target;
    private final VerifyOptions options;
    private final Progress progress;
    private final ExecutorService workers;
    private final Checkpoint checkpoint;

    public Verifier(Endpoint sourceEndpoint, Endpoint targetEndpoint, VerifyOptions options, Progress progress) {
        // Refuses an impossible --row-hash before any connection is opened.
        io.obkc.verifier.dialect.RowHash.choose(options.rowHash, sourceEndpoint.dialect(), targetEndpoint.dialect());
        this.options = options;
        this.progress = progress;
        this.source = new SidePool(sourceEndpoint, options.connectionsPerSide, new Throttle(options.maxQueriesPerSecond));
        this.target = new SidePool(targetEndpoint, options.connectionsPerSide, new Throttle(options.maxQueriesPerSecond));
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(2, options.connectionsPerSide * 2), r -> {
            Thread t = new Thread(r, "verify-chunk-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.checkpoint = Checkpoint.open(options.checkpointFile, options.resume);
    }

    /** Opens one connection to each side, so an unreachable database fails early with a clear message. */
    public void checkConnections() {
        source.call(c -> null);
        target.call(c -> null);
    }

    /** Source tables selected by the rules, each with its target name after renames. */
    public List<TableMapping> select(ObjectMatcher matcher) {
        List<ObjectName> all = source.call(c -> source.endpoint().dialect().listTables(c));
        List<TableMapping> out = new ArrayList<>();
        for (ObjectName n : all) {
            if (matcher.matches(n)) {
                out.add(new TableMapping(n, matcher.map(n).orElse(n)));
            }
        }
        return out;
    }

    public VerifyReport verify(List<TableMapping> tables) {
        return run(tables, null);
    }

    /** Re-verifies only the given keys of each table. */
    public VerifyReport verifyKeys(Map<TableMapping, List<Key>> keys) {
        return run(new ArrayList<>(keys.keySet()), keys);
    }

    private VerifyReport run(List<TableMapping> tables, Map<TableMapping, List<Key>> keys) {
        long start = System.currentTimeMillis();
        checkConnections();
        progress.start(tables.size(), estimate(tables, keys));
        ExecutorService coordinators = Executors.newFixedThreadPool(Math.max(1, options.tableParallelism), r -> {
            Thread t = new Thread(r, "verify-table");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<VerifyReport.Outcome>> futures = new ArrayList<>();
            for (TableMapping m : tables) {
                futures.add(coordinators.submit(() -> {
                    progress.tableStarted(m.source().toString());
                    TableVerifier tv = new TableVerifier(m.source(), m.target(), source, target, workers, options,
                            progress, checkpoint);
                    TableResult r = keys == null ? tv.run() : tv.runKeys(keys.get(m));
                    progress.tableDone(r);
                    return new VerifyReport.Outcome(r, tv.plan());
                }));
            }
            List<VerifyReport.Outcome> outcomes = new ArrayList<>();
            for (Future<VerifyReport.Outcome> f : futures) {
                outcomes.add(Futures.join(f));
            }
            return new VerifyReport(outcomes, System.currentTimeMillis() - start, source.queries(), target.queries(),
                    source.resultBytes(), target.resultBytes(), -1, -1);
        } finally {
            coordinators.shutdownNow();
            progress.finish();
        }
    }

    private long estimate(List<TableMapping> tables, Map<TableMapping, List<Key>> keys) {
        if (keys != null) {
            return keys.values().stream().mapToLong(List::size).sum();
        }
        long total = 0;
        for (TableMapping m : tables) {
            try {
                total += source.call(c -> source.endpoint().dialect().describe(c, m.source()))
                        .map(t -> t.estimatedRows()).orElse(0L);
            } catch (RuntimeException e) {
                // reported per table later
            }
        }
        return total;
    }

    public SidePool sourcePool() {
        return source;
    }

    public SidePool targetPool() {
        return target;
    }

    /** Closes connections; afterwards {@link SidePool#serverBytes()} holds the servers' byte counters. */
    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
        target.close();
    }
}
