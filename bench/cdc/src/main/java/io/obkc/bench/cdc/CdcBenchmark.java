package io.obkc.bench.cdc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.DebeziumSources;
import io.obkc.testing.SeekdbProcess;
import io.obkc.testing.TestBed;

/**
 * Sustained-rate CDC latency: a writer commits rows to MariaDB at a fixed rate; Debezium's MariaDB source, Kafka and
 * OBKC's sink carry them to seekdb, all in one in-JVM Connect worker; a probe sees when each row is visible on seekdb.
 * Per rate: latency percentiles (commit on MariaDB to visible on seekdb), whether the pipeline kept up, and the
 * worker's CPU and GC. Usage: bench/cdc/README.md ({@code bench/cdc/run.sh --help}).
 */
public final class CdcBenchmark {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration FAILURE_CHECK = Duration.ofSeconds(2);

    record Options(List<Integer> rates, double durationSeconds, double warmupSeconds, int rowsPerCommit, long probeIntervalMillis,
            Map<String, String> sinkProps, Map<String, String> sourceProps, Map<String, String> workerProps, Duration startTimeout,
            Duration drainTimeout, String heap, boolean keep, Path latest, Path archiveDir) {
    }

    record Result(int rate, String failure, double offeredRowsPerSecond, double appliedRowsPerSecond, long measuredRows, long notVisible,
            double p50, double p99, double p99Last10s, double max, long lagRowsAtEnd, double drainSeconds, double writerMaxBehindSeconds,
            JvmUsage.Window usage, double probeMeanMillis, double probeMaxMillis, long probeQueries, String workerMetrics, String check,
            String loadBefore, String loadAfter) {
        boolean keptUp() {
            // Kept up: the writer offered the rate, what was left at the end is less than two seconds of the rate, and every row
            // arrived. A pipeline that applies less than it is offered accumulates lag, so the lag at the end catches it;
            // comparing applied with offered rows/s instead would fail short windows for a latency that merely grew by 0.5 s.
            return failure == null && offeredRowsPerSecond >= 0.95 * rate && lagRowsAtEnd < 2L * rate && notVisible == 0;
        }
    }

    private final Options opt;
    private final DatabaseEndpoint maria;
    private final DatabaseEndpoint ob;
    private final ConnectTestBed bed;
    private int run;
    private long lastFailureCheckNanos;

    private CdcBenchmark(Options opt, DatabaseEndpoint maria, DatabaseEndpoint ob, ConnectTestBed bed) {
        this.opt = opt;
        this.maria = maria;
        this.ob = ob;
        this.bed = bed;
    }

    public static void main(String[] args) throws Exception {
        Options opt = parse(args);
        DatabaseEndpoint maria = TestBed.mysql();
        DatabaseEndpoint ob = TestBed.oceanbase();
        say("source: " + maria + "; target: " + ob);
        Map<String, String> worker = new HashMap<>();
        worker.put("connector.client.config.override.policy", "All");
        worker.putAll(opt.workerProps());
        int exit = 2;
        try (ConnectTestBed bed = ConnectTestBed.start("cdc-bench", worker)) {
            exit = new CdcBenchmark(opt, maria, ob, bed).run();
        } catch (Throwable t) {
            t.printStackTrace();
        } finally {
            // The embedded cluster can leave non-daemon threads behind, on failures too; the process is done.
            System.exit(exit);
        }
    }

    private int run() throws Exception {
        dropEarlierDatabases();
        List<Result> results = new ArrayList<>();
        for (int rate : opt.rates()) {
            Result r = runRate(rate);
            results.add(r);
            say(r.failure() != null ? "RESULT " + rate + " rows/s: FAILED: " + r.failure()
                    : String.format(Locale.ROOT, "RESULT %,d rows/s: p50 %.3f s, p99 %.3f s, max %.3f s; applied %,.0f rows/s; lag at end %,d rows; "
                            + "kept up: %s; worker CPU %.2f cores; GC %.1f %% of wall; check: %s", rate, r.p50(), r.p99(), r.max(),
                            r.appliedRowsPerSecond(), r.lagRowsAtEnd(), r.keptUp() ? "yes" : "NO", r.usage().workerCpuSeconds() / r.usage().wallSeconds(),
                            r.usage().gcPercentOfWall(), r.check()));
        }
        String report = report(results);
        System.out.println();
        System.out.println(report);
        if (opt.latest() != null) {
            Files.createDirectories(opt.latest().toAbsolutePath().getParent());
            Files.writeString(opt.latest(), report);
            say("wrote " + opt.latest());
        }
        if (opt.archiveDir() != null) {
            Files.createDirectories(opt.archiveDir());
            Path f = opt.archiveDir().resolve("cdc-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
            Files.writeString(f, report);
            say("wrote " + f);
        }
        return results.stream().allMatch(r -> r.failure() == null && r.check().startsWith("OK")) ? 0 : 1;
    }

    // ---------------------------------------------------------------- one rate

    private Result runRate(int rate) throws Exception {
        int n = ++run;
        String srcDb = "cdcbench_src_" + n;
        String dstDb = "cdcbench_dst_" + n;
        String prefix = "cdcbench" + n;
        String source = "cdc-source-" + rate + "-" + n;
        String sink = "cdc-sink-" + rate + "-" + n;
        say(String.format(Locale.ROOT, "== %,d rows/s for %.0f s (+%.0f s warm-up), %d rows per commit: MariaDB %s -> seekdb %s", rate,
                opt.durationSeconds(), opt.warmupSeconds(), opt.rowsPerCommit(), srcDb, dstDb));
        maria.recreateDatabase(srcDb);
        ob.recreateDatabase(dstDb);
        try (Connection c = maria.connect(srcDb); Statement s = c.createStatement()) {
            s.execute(CdcRows.DDL);
        }
        // Row 1 travels in the snapshot, row 2 through the binlog: once both are on seekdb the whole path runs.
        insertOne(srcDb, 1);
        // seekdb's background work after the previous rate (freezes, compactions) would be measured as this rate's latency.
        String loadBefore = loadAverage() + " (" + SeekdbProcess.awaitIdle(Duration.ofSeconds(60), m -> say("  " + m)) + ")";
        Connection probeConnection = ob.connect(dstDb);
        VisibilityProbe probe = new VisibilityProbe(probeConnection, opt.probeIntervalMillis());
        Thread probeThread = new Thread(probe, JvmUsage.BENCH_THREAD_PREFIX + "probe");
        probeThread.setDaemon(true);
        probeThread.start();
        Thread writerThread = null;
        try {
            Map<String, String> src = DebeziumSources.mariadb(maria, bed.bootstrapServers(), prefix, srcDb);
            src.putAll(opt.sourceProps());
            bed.putConnector(source, src);
            bed.putConnector(sink, sinkConfig(prefix, dstDb));
            String f = awaitVisible(probe, 1, opt.startTimeout(), source, sink, "the snapshot row");
            if (f == null) {
                insertOne(srcDb, 2);
                f = awaitVisible(probe, 2, opt.startTimeout(), source, sink, "the first streamed row");
            }
            if (f != null) {
                return failed(rate, f, loadBefore);
            }
            // The measured run.
            Connection writerConnection = maria.connect(srcDb);
            writerConnection.setAutoCommit(false);
            RateWriter writer = new RateWriter(writerConnection, 3, rate, opt.rowsPerCommit(), opt.warmupSeconds() + opt.durationSeconds());
            long measureFrom = Math.round(rate * opt.warmupSeconds() / opt.rowsPerCommit());
            AtomicReference<JvmUsage> atStart = new AtomicReference<>();
            writer.onReaching(measureFrom, () -> atStart.set(JvmUsage.now()));
            writerThread = new Thread(writer, JvmUsage.BENCH_THREAD_PREFIX + "writer");
            writerThread.setDaemon(true);
            writerThread.start();
            String failure = null;
            long[] lastSay = {System.nanoTime()};
            try {
                Thread wt = writerThread;
                Awaitility.await("writer to finish").atMost(Duration.ofSeconds((long) (opt.warmupSeconds() + opt.durationSeconds()) * 3 + 60))
                        .pollInterval(POLL).until(() -> {
                            if (System.nanoTime() - lastSay[0] > 10_000_000_000L) {
                                lastSay[0] = System.nanoTime();
                                say(String.format(Locale.ROOT, "  committed up to id %,d, visible up to id %,d", writer.lastCommittedId(), probe.maxId()));
                            }
                            return !wt.isAlive() || failedTaskNowAndThen(source, sink) != null;
                        });
            } catch (ConditionTimeoutException e) {
                failure = "the writer did not finish in time (committed " + writer.committed() + " transactions)";
            }
            JvmUsage end = JvmUsage.now();
            String workerMetrics = WorkerMetrics.read(source, sink, prefix);
            writerThread.interrupt();
            writerThread.join(30_000);
            // When the writer's last commit returned (its thread has ended, or was stopped just now).
            long writerEnd = writer.endNanos() != 0 ? writer.endNanos() : System.nanoTime();
            writerConnection.close();
            if (failure == null && writer.failure() != null) {
                failure = "writer: " + writer.failure();
            }
            if (failure == null) {
                failure = failedTask(source, sink);
            }
            long lastId = writer.lastCommittedId();
            long visibleAtEnd = probe.maxId();
            // Drain: until the last committed row is visible (the probe keeps watching).
            double drainSeconds = Double.NaN;
            if (failure == null) {
                String d = awaitVisible(probe, lastId, opt.drainTimeout(), source, sink, "the last row");
                drainSeconds = (System.nanoTime() - writerEnd) / 1e9;
                if (d != null) {
                    failure = d;
                }
                long seen = probe.firstSeen(lastId);
                if (seen > 0) {
                    drainSeconds = Math.max(0, (seen - writerEnd) / 1e9);
                }
            }
            probe.stop();
            probeThread.join(10_000);
            String loadAfter = loadAverage();
            if (atStart.get() == null) {
                return failed(rate, failure != null ? failure : "the writer never reached the measured window", loadBefore);
            }
            JvmUsage.Window usage = end.since(atStart.get());
            // Latency of every measured row: first time seen visible minus its transaction's commit time.
            long firstMeasured = 3 + measureFrom * opt.rowsPerCommit();
            long measuredCommits = writer.committed() - measureFrom;
            long[] micros = new long[(int) Math.max(0, measuredCommits * opt.rowsPerCommit())];
            long[] last10 = new long[micros.length];
            int m = 0;
            int m10 = 0;
            long notVisible = 0;
            long last10From = writerEnd - 10_000_000_000L;
            for (long k = measureFrom; k < writer.committed(); k++) {
                long committedAt = writer.commitNanos[(int) k];
                for (int r = 0; r < opt.rowsPerCommit(); r++) {
                    long seen = probe.firstSeen(3 + k * opt.rowsPerCommit() + r);
                    if (seen < 0) {
                        notVisible++;
                        continue;
                    }
                    long us = Math.max(0, (seen - committedAt) / 1000);
                    micros[m++] = us;
                    if (committedAt >= last10From) {
                        last10[m10++] = us;
                    }
                }
            }
            long[] all = Arrays.copyOf(micros, m);
            long[] tail = Arrays.copyOf(last10, m10);
            Arrays.sort(all);
            Arrays.sort(tail);
            // The measured window runs from when the first measured transaction was due, not when it ran: a writer that
            // started it late must not make the offered rate look higher than the schedule.
            long windowStart = writer.dueNanos(measureFrom);
            double window = (writerEnd - windowStart) / 1e9;
            long committedInWindow = Math.max(0, writer.lastCommittedId() - firstMeasured + 1);
            long appliedInWindow = Math.max(0, probe.maxIdAt(writerEnd) - Math.max(probe.maxIdAt(windowStart), firstMeasured - 1));
            String check = failure == null ? compare(srcDb, dstDb) : "not checked";
            return new Result(rate, failure, committedInWindow / window, appliedInWindow / window, m, notVisible, pct(all, 50), pct(all, 99),
                    pct(tail, 99), all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6, Math.max(0, lastId - visibleAtEnd), drainSeconds,
                    writer.maxBehindSeconds(), usage, probe.meanQueryMillis(), probe.maxQueryMillis(), probe.queries(), workerMetrics, check, loadBefore,
                    loadAfter);
        } finally {
            probe.stop();
            if (writerThread != null) {
                writerThread.interrupt();
            }
            deleteQuietly(source);
            deleteQuietly(sink);
            probeConnection.close();
            if (!opt.keep()) {
                maria.execute("DROP DATABASE IF EXISTS `" + srcDb + "`");
                ob.execute("DROP DATABASE IF EXISTS `" + dstDb + "`");
            }
        }
    }

    private Map<String, String> sinkConfig(String prefix, String dstDb) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.obkc.sink.OceanBaseSinkConnector");
        c.put("tasks.max", "1");
        c.put("topics.regex", java.util.regex.Pattern.quote(prefix + ".") + ".*\\." + CdcRows.TABLE);
        c.put("connection.url", "jdbc:mysql://" + ob.host() + ":" + ob.port() + "/");
        c.put("connection.user", ob.user());
        c.put("connection.password", ob.password());
        c.put("database.name.format", dstDb);
        c.put("table.name.format", "${source.table}");
        c.put("insert.mode", "upsert");
        c.put("primary.key.mode", "record_key");
        c.put("auto.create", "true");
        c.put("auto.evolve", "true");
        c.putAll(opt.sinkProps());
        return c;
    }

    private Result failed(int rate, String failure, String loadBefore) {
        JvmUsage now = JvmUsage.now();
        return new Result(rate, failure, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, now.since(now),
                Double.NaN, Double.NaN, 0, "", "not checked", loadBefore, loadAverage());
    }

    private void insertOne(String db, long id) throws SQLException {
        try (Connection c = maria.connect(db); PreparedStatement ps = c.prepareStatement(CdcRows.insert(1))) {
            CdcRows.bind(ps, 1, id);
            ps.executeUpdate();
        }
    }

    /** Waits until the probe has seen {@code id}; returns null, or why not (a failed task, a timeout). */
    private String awaitVisible(VisibilityProbe probe, long id, Duration timeout, String source, String sink, String what) {
        AtomicReference<String> failure = new AtomicReference<>();
        try {
            Awaitility.await(what + " (id " + id + ") visible on seekdb").atMost(timeout).pollInterval(POLL).until(() -> {
                String f = failedTaskNowAndThen(source, sink);
                if (f != null) {
                    failure.set(f);
                    return true;
                }
                return probe.maxId() >= id;
            });
        } catch (ConditionTimeoutException e) {
            failure.set(what + " (id " + id + ") not visible on seekdb after " + timeout.toSeconds() + " s (visible up to id " + probe.maxId()
                    + (probe.lastError() != null ? "; probe: " + probe.lastError() : "") + ")");
        }
        return failure.get();
    }

    /** The first failed connector or task of the two, with the exception lines of its trace; or null. */
    /**
     * {@link #failedTask} at most every {@link #FAILURE_CHECK}, for the wait loops that poll every {@link #POLL}: two
     * REST status calls every 100 ms were about a tenth of the JVM's CPU samples at 10k rows/s (the REST server's and
     * the polling thread's), taken from the pipeline the bench measures.
     */
    private String failedTaskNowAndThen(String... connectors) {
        long now = System.nanoTime();
        if (now - lastFailureCheckNanos < FAILURE_CHECK.toNanos()) {
            return null;
        }
        lastFailureCheckNanos = now;
        return failedTask(connectors);
    }

    private String failedTask(String... connectors) {
        for (String name : connectors) {
            String failure = bed.failure(name);
            if (failure != null) {
                return name + " " + failure;
            }
        }
        return null;
    }

    private void deleteQuietly(String connector) {
        try {
            bed.deleteConnector(connector);
        } catch (RuntimeException e) {
            say("could not delete connector " + connector + ": " + e.getMessage());
        }
    }

    /** Source and target hold the same rows: COUNT(*) and SUM(CRC32(row text)) on both, one query each, after the drain. */
    private String compare(String srcDb, String dstDb) throws SQLException {
        String q = "SELECT COUNT(*), SUM(CRC32(" + CdcRows.ROW_TEXT_SQL + ")) FROM " + CdcRows.TABLE;
        long[] a = countAndSum(maria, srcDb, q);
        long[] b = countAndSum(ob, dstDb, q);
        if (a[0] == b[0] && a[1] == b[1]) {
            return String.format(Locale.ROOT, "OK (%,d rows, SUM(CRC32(row)) equal on MariaDB and seekdb)", a[0]);
        }
        return String.format(Locale.ROOT, "WRONG: MariaDB %,d rows, sum %d; seekdb %,d rows, sum %d", a[0], a[1], b[0], b[1]);
    }

    private static long[] countAndSum(DatabaseEndpoint e, String db, String q) throws SQLException {
        try (Connection c = e.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private void dropEarlierDatabases() throws SQLException {
        for (DatabaseEndpoint e : List.of(maria, ob)) {
            List<String> dbs = new ArrayList<>();
            try (Connection c = e.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW DATABASES LIKE 'cdcbench\\_%'")) {
                while (rs.next()) {
                    dbs.add(rs.getString(1));
                }
            }
            for (String db : dbs) {
                e.execute("DROP DATABASE IF EXISTS `" + db + "`");
            }
            if (!dbs.isEmpty()) {
                say("dropped earlier benchmark databases " + dbs + " on " + e.kind());
            }
        }
    }

    /** The p-th percentile (nearest rank) of sorted microseconds, in seconds. */
    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    // ---------------------------------------------------------------- report

    private String report(List<Result> results) {
        StringBuilder b = new StringBuilder();
        b.append("# CDC benchmark: MariaDB commit to row visible on seekdb, at sustained rates\n\n");
        b.append("Run ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (shared); source ").append(maria).append("; target ").append(ob)
                .append(".\n\n");
        b.append(String.format(Locale.ROOT, "- Pipeline, one JVM (heap %s, max %,d MB): KRaft broker, Connect worker (converter %s with schemas), "
                + "Debezium MariaDB source (test-support DebeziumSources.mariadb) -> one-partition topic -> OBKC sink (tasks.max=1, upsert, auto.create).\n",
                opt.heap(), Runtime.getRuntime().maxMemory() >> 20,
                opt.sinkProps().getOrDefault("value.converter", opt.workerProps().getOrDefault("value.converter", "JsonConverter")).replaceAll(".*\\.", "")));
        b.append(String.format(Locale.ROOT, "- Writer: one connection, multi-row INSERTs of %d rows per transaction at a fixed schedule; "
                + "%.0f s warm-up (not measured), then %.0f s measured per rate; a fresh database, topic prefix and connectors per rate.\n",
                opt.rowsPerCommit(), opt.warmupSeconds(), opt.durationSeconds()));
        b.append(String.format(Locale.ROOT, "- Latency of every measured row = first time the probe saw it on seekdb − the time its transaction's "
                + "commit() returned on MariaDB (same JVM clock). Probe: `SELECT id ... ORDER BY id DESC LIMIT 1` every %d ms (rows arrive in id "
                + "order); latencies are high by up to one probe interval plus one probe query.\n", opt.probeIntervalMillis()));
        b.append("- Kept up: the writer offered ≥ 95 % of the rate, less than 2 s of rows were not yet visible when the writer stopped, "
                + "and every row arrived. Applied rows/s is shown next to offered rows/s.\n");
        b.append("- Worker CPU: process CPU time (OperatingSystemMXBean) minus the writer's and the probe's threads, over the measured window; "
                + "GC: GarbageCollectorMXBeans, count and collection time over the window.\n");
        b.append("- Settings: sink ").append(opt.sinkProps().isEmpty() ? "(defaults)" : opt.sinkProps()).append(", source ")
                .append(opt.sourceProps().isEmpty() ? "(DebeziumSources.mariadb defaults)" : opt.sourceProps()).append(", worker ")
                .append(opt.workerProps().isEmpty() ? "(ConnectTestBed defaults)" : opt.workerProps()).append(".\n\n");
        b.append("| rate rows/s | offered rows/s | applied rows/s | p50 s | p99 s | p99 last 10 s | max s | lag at end rows | drain s | kept up "
                + "| worker CPU cores (s) | GC count / ms / % of wall | correctness | load avg before → after |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            if (r.failure() != null) {
                b.append(String.format(Locale.ROOT, "| %,d | FAILED: %s | | | | | | | | NO | | | | %s → %s |\n", r.rate(), r.failure().replace("|", "/"),
                        r.loadBefore(), r.loadAfter()));
                continue;
            }
            JvmUsage.Window u = r.usage();
            b.append(String.format(Locale.ROOT, "| %,d | %,.0f | %,.0f | %.3f | %.3f | %.3f | %.3f | %,d | %.2f | %s | %.2f (%.1f) | %d / %d / %.1f %% | %s | %s → %s |\n",
                    r.rate(), r.offeredRowsPerSecond(), r.appliedRowsPerSecond(), r.p50(), r.p99(), r.p99Last10s(), r.max(), r.lagRowsAtEnd(),
                    r.drainSeconds(), r.keptUp() ? "yes" : "NO", u.workerCpuSeconds() / u.wallSeconds(), u.workerCpuSeconds(), u.gcCount(), u.gcMillis(),
                    u.gcPercentOfWall(), r.check().replace("|", "/"), r.loadBefore(), r.loadAfter()));
        }
        b.append("\n## Details\n\n");
        for (Result r : results) {
            if (r.failure() != null) {
                b.append(String.format(Locale.ROOT, "- %,d rows/s: FAILED: %s\n", r.rate(), r.failure()));
                continue;
            }
            JvmUsage.Window u = r.usage();
            b.append(String.format(Locale.ROOT, "- %,d rows/s: %,d rows measured over %.1f s (%d not visible); writer at most %.3f s behind its schedule; "
                    + "process CPU %.1f s, of it writer + probe %.1f s; GC: %s; probe: %,d queries, mean %.1f ms, max %.1f ms.\n"
                    + "  Worker metrics when the writer stopped: %s.\n", r.rate(),
                    r.measuredRows(), u.wallSeconds(), r.notVisible(), r.writerMaxBehindSeconds(), u.processCpuSeconds(), u.benchThreadCpuSeconds(),
                    u.gcPerCollector(), r.probeQueries(), r.probeMeanMillis(), r.probeMaxMillis(), r.workerMetrics()));
        }
        return b.toString();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void say(String s) {
        System.err.println("[bench " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + s);
    }

    // ---------------------------------------------------------------- options

    private static Options parse(String[] args) {
        List<Integer> rates = List.of(1000, 5000, 10000, 15000);
        double duration = 60;
        double warmup = 10;
        int rowsPerCommit = 10;
        long probeMs = 50;
        Duration startTimeout = Duration.ofMinutes(3);
        Duration drainTimeout = Duration.ofMinutes(5);
        String heap = "?";
        boolean keep = false;
        Path latest = null;
        Path archive = null;
        Map<String, String> sink = new LinkedHashMap<>();
        Map<String, String> src = new LinkedHashMap<>();
        Map<String, String> worker = new LinkedHashMap<>();
        Path examples = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--rates" -> {
                    List<Integer> r = new ArrayList<>();
                    for (String s : args[++i].split(",")) {
                        r.add(Integer.parseInt(s.trim().replace("_", "")));
                    }
                    rates = r;
                }
                case "--duration" -> duration = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--rows-per-commit" -> rowsPerCommit = Integer.parseInt(args[++i]);
                case "--probe-interval-ms" -> probeMs = Long.parseLong(args[++i]);
                case "--batch-size" -> sink.put("batch.size", args[++i]);
                case "--max-poll-records" -> sink.put("consumer.override.max.poll.records", args[++i]);
                case "--sink-prop" -> put(sink, args[++i]);
                case "--source-prop" -> put(src, args[++i]);
                case "--worker-prop" -> put(worker, args[++i]);
                case "--start-timeout-seconds" -> startTimeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--drain-timeout-seconds" -> drainTimeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--heap" -> heap = args[++i];
                case "--examples" -> {
                    String dir = args[++i];
                    examples = "none".equals(dir) ? null : Path.of(dir);
                }
                case "--keep" -> keep = true;
                case "--latest" -> latest = Path.of(args[++i]);
                case "--archive" -> archive = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("""
                            bench/cdc/run.sh [options]
                              --rates 1000,5000,10000,15000   rows/s the writer commits to MariaDB, one run each (default 1000,5000,10000,15000)
                              --duration S             measured seconds per rate (default 60)
                              --warmup S               seconds at the rate before measuring (default 10)
                              --rows-per-commit N      rows per MariaDB transaction (one multi-row INSERT) (default 10)
                              --probe-interval-ms N    how often the probe reads the largest id on seekdb (default 50)
                              --heap SIZE              JVM heap, -Xms and -Xmx (default 1g, as scripts/run-dev.sh runs the dev worker)
                              --batch-size N           the sink's batch.size (default: the sink's default)
                              --max-poll-records N     the sink's consumer.override.max.poll.records (default: the worker's, 500)
                              --sink-prop k=v          any OBKC sink property, e.g. consumer.override.fetch.max.wait.ms=100 (repeatable)
                              --source-prop k=v        any Debezium MariaDB source property, e.g. poll.interval.ms=100, max.batch.size=4096 (repeatable)
                              --worker-prop k=v        any Connect worker property, e.g. offset.flush.interval.ms=10000 (repeatable)
                              --start-timeout-seconds N  for the pipeline to carry its first rows (default 180)
                              --drain-timeout-seconds N  for the last row after the writer stopped (default 300)
                              --examples DIR|none      take the connectors' converter, producer.override.*, consumer.override.* and batch.size
                                                       settings from DIR/mariadb-source.json and DIR/oceanbase-sink.json, what the bundle
                                                       ships (run.sh: <repo>/examples); none: Kafka's defaults (JsonConverter, producer
                                                       batch.size 16384, linger.ms 0). --source-prop/--sink-prop override them.
                              --keep                   keep the databases of each rate (default: dropped; cdcbench_* databases are dropped at start)
                              --latest FILE            write the report here (run.sh: bench/cdc/results-latest.md)
                              --archive DIR            and a timestamped copy here (run.sh: bench/results)
                            BENCH_JAVA_OPTS adds JVM options (e.g. -XX:MaxGCPauseMillis=50); BENCH_SKIP_BUILD=1 skips the build.""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown option " + a + " (see --help)");
            }
        }
        if (rowsPerCommit < 1 || rates.stream().anyMatch(r -> r < 1) || duration <= 0 || warmup < 0 || probeMs < 1) {
            throw new IllegalArgumentException("--rates, --rows-per-commit, --duration and --probe-interval-ms must be positive, --warmup not negative");
        }
        if (examples != null) {
            // What ships first, then what the command line sets.
            Map<String, String> shippedSource = shippedSettings(examples.resolve("mariadb-source.json"), "producer.override.");
            shippedSource.putAll(src);
            src = shippedSource;
            Map<String, String> shippedSink = shippedSettings(examples.resolve("oceanbase-sink.json"), "consumer.override.", "batch.size");
            shippedSink.putAll(sink);
            sink = shippedSink;
        }
        return new Options(rates, duration, warmup, rowsPerCommit, probeMs, sink, src, worker, startTimeout, drainTimeout, heap, keep, latest, archive);
    }

    /**
     * The performance-relevant settings of a shipped example connector: its converters and the given prefixes. The
     * bench measures what a user gets from the examples (and obkc-migrate, which sets the same), not Kafka's defaults.
     */
    private static Map<String, String> shippedSettings(Path example, String... prefixes) {
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(example.toFile()).path("config");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--examples: cannot read " + example + ": " + e.getMessage(), e);
        }
        if (!config.isObject()) {
            throw new IllegalArgumentException("--examples: " + example + " has no \"config\" object");
        }
        Map<String, String> taken = new LinkedHashMap<>();
        config.fields().forEachRemaining(e -> {
            String k = e.getKey();
            boolean wanted = k.startsWith("key.converter") || k.startsWith("value.converter")
                    || Arrays.stream(prefixes).anyMatch(k::startsWith);
            if (wanted) {
                taken.put(k, e.getValue().asText());
            }
        });
        return taken;
    }

    private static void put(Map<String, String> m, String kv) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("Expected key=value, got " + kv);
        }
        m.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
}
