package io.obkc.bench.faults;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fault-injection harness (bench/faults/README.md): MariaDB -> Debezium -> Kafka -> OceanBaseSinkConnector -> seekdb
 * under worker kills, seekdb restarts, killed connections and rebalances, then a row-by-row comparison; and the same
 * for OBKC's OceanBase source (seekdb -> OceanBaseSourceConnector -> Kafka -> sink -> seekdb) with kills mid-snapshot and
 * mid-stream and clean restarts. Exit code 0 only when every topology caught up with 0 rows lost, wrong or extra.
 */
public final class FaultHarness {

    /** What one topology's run observed. {@code audit} and the snapshot-kill fields are for the OceanBase-source topologies. */
    record Outcome(Topology topology, long seed, long transactions, long statements, long writerErrors,
                   String writerMix, int workerKills, int workerKillsRecovered, int workerRestarts, int seekdbRestarts, int connKills,
                   int sessionsKilled, int rebalances, int notRecovered, List<String> taskFailures, long dlqRecords,
                   boolean caughtUp, long catchUpSeconds, List<TableComparer.Result> tables, List<String> notes,
                   SnapshotKills.Result snapshotKills, TopicAudit.Result audit) {
        int partitions() {
            return topology.partitions();
        }

        int tasks() {
            return topology.tasks();
        }

        long lost() {
            return tables.stream().mapToLong(TableComparer.Result::lost).sum();
        }

        long wrong() {
            return tables.stream().mapToLong(TableComparer.Result::wrong).sum();
        }

        long extra() {
            return tables.stream().mapToLong(TableComparer.Result::extra).sum();
        }

        /**
         * Caught up with 0 rows lost, wrong or extra. The OceanBase-source topology also needs every planned kill to have
         * landed mid-snapshot (proven from the stored offset) and been resumed, a topic without gaps or conflicting
         * duplicates, an empty DLQ and no task failure.
         */
        boolean pass() {
            boolean rows = caughtUp && lost() == 0 && wrong() == 0 && extra() == 0 && !tables.isEmpty()
                    && notes.stream().noneMatch(n -> n.startsWith("ERROR"));
            if (!topology.oceanBaseSource()) {
                return rows;
            }
            return rows && snapshotKills != null && snapshotKills.allProven() && audit != null && audit.clean() && dlqRecords == 0
                    && taskFailures.isEmpty();
        }
    }

    public static void main(String[] args) throws Exception {
        HarnessOptions o;
        try {
            if (List.of(args).contains("--help")) {
                System.out.println(HarnessOptions.USAGE);
                return;
            }
            o = HarnessOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(HarnessOptions.USAGE);
            System.exit(2);
            return;
        }
        int rc;
        try {
            rc = new FaultHarness().run(o);
        } catch (Exception | Error e) {
            e.printStackTrace();
            // CI greps this line: a harness that could not run is a failure, never a silent pass.
            System.out.println("FAULTS SUMMARY: FAIL seed=" + o.seed + " error=" + e);
            rc = 3;
        }
        System.exit(rc);
    }

    int run(HarnessOptions o) throws Exception {
        Log.info("seed " + o.seed + " (re-run with --seed " + o.seed + ")");
        Log.info("target seekdb: " + (o.privateTarget ? "private, " : "test bed, ") + o.obHost + ":" + o.obPort + "; run dir " + o.runDir);
        if (!Files.isDirectory(o.pluginPath.resolve("obkc-oceanbase-connect/lib"))) {
            throw new IllegalStateException("no plugin at " + o.pluginPath + ": build it with ./mvnw -B -o -q -DskipTests package");
        }
        deleteRecursively(o.runDir);
        Files.createDirectories(o.runDir);
        Seekdb seekdb = new Seekdb(o);
        List<Outcome> outcomes = new ArrayList<>();
        Instant started = Instant.now();
        ConnectCluster cluster = new ConnectCluster(o);
        Thread cleanup = new Thread(() -> {
            cluster.close();
            seekdb.finish(o.keepSeekdb);
        }, "faults-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            seekdb.ensureUp();
            cluster.startBroker();
            cluster.startWorker(0);
            int i = 0;
            for (Topology t : o.topologies) {
                outcomes.add(runTopology(o, cluster, seekdb, t, o.seed + 1000L * i++));
            }
        } finally {
            cluster.close();
            seekdb.finish(o.keepSeekdb);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        String report = Report.markdown(o, outcomes, started);
        System.out.println(report);
        if (o.report != null) {
            Files.createDirectories(o.report.getParent());
            Files.writeString(o.report, report);
        }
        Files.writeString(o.runDir.resolve("report.md"), report);
        boolean pass = !outcomes.isEmpty() && outcomes.stream().allMatch(Outcome::pass) && outcomes.size() == o.topologies.size();
        for (Outcome r : outcomes) {
            System.out.println(Report.topologyLine(r));
        }
        System.out.println(Report.summaryLine(o, outcomes, pass));
        return pass ? 0 : 1;
    }

    private Outcome runTopology(HarnessOptions o, ConnectCluster cluster, Seekdb seekdb, Topology topo, long seed) throws Exception {
        Log.info("=== topology " + topo.label() + ": " + (topo.oceanBaseSource() ? "OceanBase source (changelog mode) on seekdb "
                + o.srcObHost + ":" + o.srcObPort + ", " : "Debezium MariaDB source, ") + topo.partitions()
                + " partition(s) per table topic, " + topo.tasks() + " sink task(s); seed " + seed);
        if (cluster.isWorkerAlive(1)) {
            cluster.stopWorker(1);
        }
        // The OceanBase source's topology commits offsets often, so that kills can land mid-snapshot however fast the
        // snapshot runs (each kill waits for a committed snapshot offset); the MariaDB topologies keep the default.
        cluster.useOffsetFlush(topo.oceanBaseSource() ? o.sourceOffsetFlushMs : o.offsetFlushMs);
        if (!cluster.isWorkerAlive(0)) {
            cluster.startWorker(0);
        }
        List<String> notes = new ArrayList<>();
        SourceDb src = new SourceDb(o, topo);
        try (Connection c = src.connectServer()) {
            if (topo.oceanBaseSource()) {
                try (Statement s = c.createStatement()) {
                    // The change log (and its triggers, which go with the source tables) of an earlier run.
                    s.execute("DROP DATABASE IF EXISTS " + Topology.CHANGELOG_DB_OB);
                }
            }
            RandomWriter.createSchema(c, seed, topo.sourceDb(), topo.oceanBaseSource() ? o.sourceRows : 500);
        }
        try (Connection tgt = seekdb.admin(); Statement s = tgt.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + topo.targetDb());
            s.execute("CREATE DATABASE " + topo.targetDb());
            s.execute("USE " + topo.targetDb());
            for (Workload.Table t : Workload.TABLES) {
                s.execute(t.ddl());
            }
        }
        Pipeline p = new Pipeline(o, cluster, topo);
        p.create();
        List<String> startFailures = new ArrayList<>();
        RandomWriter writer = new RandomWriter(src.url(), src.user(), src.password(), seed, o.maxOps, o.maxWrite,
                topo.oceanBaseSource() ? o.sourceRate : o.rate);
        Thread w = new Thread(writer, "writer");
        long writeStart = System.nanoTime();
        SnapshotKills.Result snapshotKills = null;
        if (topo.oceanBaseSource()) {
            // The writer runs from the start: during the snapshot (the seam), through the kills mid-snapshot, and streaming.
            w.start();
            snapshotKills = new SnapshotKills(o, cluster, p, topo).run(o.snapshotKills, startFailures);
            notes.addAll(snapshotKills.errors());
        }
        if (!Await.until(Duration.ofSeconds(300), Duration.ofSeconds(2), () -> {
            p.restartFailed(startFailures);
            return p.running();
        })) {
            notes.add("ERROR: the connectors were not RUNNING within 300 s of their creation");
        }

        // A first streamed change, then wait until the source committed a streaming (post-snapshot) offset.
        try (Connection c = src.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO marker VALUES (0, 'start')");
        }
        if (!Await.until(Duration.ofSeconds(600), Duration.ofSeconds(2), () -> {
            p.restartFailed(startFailures);
            return p.streamingOffsetCommitted();
        })) {
            notes.add("WARNING: no committed post-snapshot source offset within 600 s; faults started anyway");
        }
        Log.info("snapshot done and committed; starting " + (topo.oceanBaseSource() ? "" : "the writer and ") + "the faults");
        FaultInjector.Plan plan = topo.oceanBaseSource() ? FaultInjector.Plan.forSourceTopology(o) : FaultInjector.Plan.forSinkTopologies(o);
        Duration minWrite = topo.oceanBaseSource() ? o.sourceMinWrite : o.minWrite;
        FaultInjector faults = new FaultInjector(o, cluster, seekdb, p, seed + 1, plan);
        faults.taskFailures.addAll(startFailures);
        Thread f = new Thread(faults, "faults");
        if (!topo.oceanBaseSource()) {
            writeStart = System.nanoTime();
            w.start();
        }
        long writeStarted = writeStart;
        f.start();
        // The writer runs until every fault was injected and the minimum time passed (or its own bounds end it).
        Await.until(o.maxWrite.plusSeconds(60), Duration.ofSeconds(1),
                () -> !w.isAlive() || (faults.done && System.nanoTime() - writeStarted >= minWrite.toNanos()));
        writer.requestStop();
        w.join(120_000);
        f.join(600_000);
        if (writer.failure() != null) {
            notes.add("ERROR: writer failed: " + writer.failure());
        }
        if (faults.failure != null) {
            notes.add("ERROR: fault injector failed: " + faults.failure);
        }
        notes.addAll(faults.notes);
        Log.info("writer stopped after " + writer.transactions() + " transactions (" + writer.statements() + " statements); waiting for catch-up");

        // End marker: the last change on the source. Caught up = marker on the target and the sink group's lag 0.
        String token = "end-" + seed;
        try (Connection c = src.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO marker VALUES (1, ?)")) {
            ps.setString(1, token);
            ps.executeUpdate();
        }
        long catchStart = System.nanoTime();
        boolean caughtUp = Await.until(o.catchupTimeout, Duration.ofSeconds(3), () -> {
            p.restartFailed(faults.taskFailures);
            try {
                return markerArrived(seekdb, topo.targetDb(), token) && p.lag() == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long catchUpSeconds = Duration.ofNanos(System.nanoTime() - catchStart).toSeconds();
        if (!caughtUp) {
            notes.add("ERROR: not caught up within " + o.catchupTimeout.toSeconds() + " s (marker or lag)");
        }
        List<TableComparer.Result> tables = compareUntilClean(seekdb, src, topo);
        long dlq = p.dlqRecords();
        TopicAudit.Result audit = null;
        if (topo.oceanBaseSource()) {
            audit = TopicAudit.audit(cluster.bootstrap(), topo.prefix() + "." + topo.sourceDb() + ".", topo.prefix() + ".transaction");
            Log.info("topic audit: " + audit.line());
            audit.examples().forEach(e -> Log.info("topic audit: " + e));
        }
        p.delete();
        Outcome out = new Outcome(topo, seed, writer.transactions(), writer.statements(), writer.errors(),
                writer.counts().toString(), faults.workerKills, faults.workerKillsRecovered, faults.workerRestarts, faults.seekdbRestarts,
                faults.connKills, faults.sessionsKilled, faults.rebalances, faults.notRecovered, new ArrayList<>(faults.taskFailures),
                dlq, caughtUp, catchUpSeconds, tables, notes, snapshotKills, audit);
        Log.info("topology " + topo.label() + ": lost " + out.lost() + ", wrong " + out.wrong() + ", extra " + out.extra()
                + (out.pass() ? " PASS" : " FAIL"));
        return out;
    }

    private static boolean markerArrived(Seekdb seekdb, String db, String token) {
        try (Connection c = seekdb.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT token FROM " + db + ".marker WHERE id = 1")) {
            return rs.next() && token.equals(rs.getString(1));
        } catch (SQLException e) {
            return false;
        }
    }

    /** Compares; if rows differ, compares again every 5 s for up to a minute (a late commit would show here). */
    private static List<TableComparer.Result> compareUntilClean(Seekdb seekdb, SourceDb src, Topology topo) throws Exception {
        List<TableComparer.Result> last = List.of();
        for (int attempt = 0; attempt < 13; attempt++) {
            if (attempt > 0) {
                Await.pause(Duration.ofSeconds(5));
            }
            try (Connection s = src.connect(); Connection tgt = seekdb.admin()) {
                List<TableComparer.Result> r = new ArrayList<>();
                for (Workload.Table t : Workload.TABLES) {
                    r.add(TableComparer.compare(s, topo.sourceDb(), tgt, topo.targetDb(), t));
                }
                last = r;
            } catch (SQLException e) {
                Log.info("compare failed (retrying): " + e.getMessage());
                continue;
            }
            if (last.stream().allMatch(TableComparer.Result::clean)) {
                return last;
            }
            Log.info("source and target differ (attempt " + (attempt + 1) + "): " + last);
        }
        return last;
    }

    private static void deleteRecursively(java.nio.file.Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (var p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String mix(Map<?, ?> m) {
        return m.toString();
    }
}
