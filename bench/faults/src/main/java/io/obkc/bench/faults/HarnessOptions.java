package io.obkc.bench.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Command line of the harness; bench/faults/run.sh --help prints {@link #USAGE}. */
final class HarnessOptions {
    static final String USAGE = String.join("\n",
            "Usage: bench/faults/run.sh [--short] [options]",
            "  --short                    CI version: topologies 1x1 (3 worker kills, 1 connection kill, ~2 minutes of writes)",
            "                             and ob1x1 (1 kill mid-snapshot, 2 kills mid-stream, 1 clean restart)",
            "  --topologies LIST          partitions x sink tasks, e.g. 1x1,4x1,1x2,4x2: Debezium's MariaDB source; obPxT, e.g.",
            "                             ob1x1: OBKC's OceanBase source (changelog mode, test bed seekdb) -> sink -> seekdb",
            "                             (default 1x1,4x1,1x2,4x2,ob1x1)",
            "  --seed N                   seed of the writer and the fault schedule (default: the clock; always logged)",
            "  --worker-kills N           kill -9 + restart of a Connect worker, per topology (default 10)",
            "  --seekdb-restarts N        kill -9 + restart of seekdb, per topology (default 2; needs the private target",
            "                             or --allow-testbed-restart)",
            "  --conn-kills N             KILL of the sink user's seekdb sessions, per topology (default 3)",
            "  --rebalances N             add or remove a second worker, per topology (default 4)",
            "  --gap-s MIN-MAX            random pause before each fault (default 5-20)",
            "  --min-write-s N            the writer runs at least this long (default 60)",
            "  --max-write-s N            ... and at most this long (default 900)",
            "  --max-ops N                ... and at most this many transactions (default 200000)",
            "  --rate N                   writer transactions per second (default 40)",
            "  --catchup-timeout-s N      how long the sink may take to catch up after the writer stops (default 900)",
            "  --target private|testbed   private (default for long runs): a seekdb of the harness's own on --ob-port,",
            "                             base dir --private-seekdb-dir; testbed (default for --short): the test bed's",
            "  --allow-testbed-restart    allow restarting the test bed's seekdb (it is always left running)",
            "  --ob-port N                private seekdb port (default 32881)",
            "  --kafka-port N             broker port (default 39092; the controller takes N+1)",
            "  --rest-port N              first worker's REST port (default 38083; the second takes N+1)",
            "  --run-dir DIR              logs and state of this run (default bench/faults/target/run)",
            "  --report FILE              write the markdown report there too",
            "  --keep-seekdb              leave the private seekdb running at the end",
            "  --sink-prop KEY=VALUE      extra sink setting (repeatable), e.g. offsets.storage.table=obkc_sink_state.kafka_offsets",
            "OceanBase-source topologies (obPxT) use these instead of --worker-kills/--rebalances:",
            "  --snapshot-kills N         kill -9 of the worker while the source's committed offset is mid-snapshot (default 2)",
            "  --source-worker-kills N    kill -9 of the worker while streaming (default 10)",
            "  --source-restarts N        clean restart (SIGTERM, start) of the worker while streaming (default 3)",
            "  --source-rows N            rows preloaded into the source's items table, read by the snapshot (default 60000)",
            "  --source-chunk N           the source's snapshot.chunk.size (default 200)",
            "  --source-rate N            writer transactions per second (default --rate; --short: 20)",
            "  --source-offset-flush-ms N the workers' offset.flush.interval.ms while it runs (default 1000; others: 10000)",
            "  --source-conn-kills N      KILL of the sink's sessions (default --conn-kills; --short: 0)",
            "  (--seekdb-restarts (private target only), --gap-s, --min-write-s, --max-write-s, --max-ops apply too)");

    long seed = System.currentTimeMillis();
    /** Extra sink connector settings (--sink-prop), applied last. */
    java.util.Map<String, String> sinkProps = new java.util.LinkedHashMap<>();
    List<Topology> topologies = new ArrayList<>(List.of(Topology.parse("1x1"), Topology.parse("4x1"), Topology.parse("1x2"),
            Topology.parse("4x2"), Topology.parse("ob1x1")));
    int snapshotKills = 2;
    int sourceWorkerKills = 10;
    int sourceRestarts = 3;
    int sourceRows = 60_000;
    int sourceChunk = 200;
    /** Gap between the OceanBase-source topology's faults; --short shortens it to fit CI. */
    int sourceGapMinS = -1;
    int sourceGapMaxS = -1;
    Duration sourceMinWrite;
    /** The OceanBase-source topology's writer rate and connection kills (-1: --rate and --conn-kills). */
    int sourceRate = -1;
    int sourceConnKills = -1;
    int workerKills = 10;
    int seekdbRestarts = 2;
    int connKills = 3;
    int rebalances = 4;
    int gapMinS = 5;
    int gapMaxS = 20;
    Duration minWrite = Duration.ofSeconds(60);
    Duration maxWrite = Duration.ofSeconds(900);
    long maxOps = 200_000;
    int rate = 40;
    Duration catchupTimeout = Duration.ofSeconds(900);
    boolean privateTarget = true;
    boolean allowTestbedRestart;
    boolean keepSeekdb;
    boolean shortRun;
    String obHost = "127.0.0.1";
    int obPort = 32881;
    String obAdminUser = "root";
    String obAdminPassword = "";
    String mysqlHost = env("OBKC_MYSQL_HOST", "127.0.0.1");
    int mysqlPort = Integer.parseInt(env("OBKC_MYSQL_PORT", "23306"));
    String mysqlUser = env("OBKC_MYSQL_USER", "obkc");
    String mysqlPassword = env("OBKC_MYSQL_PASSWORD", "obkc");
    // The OceanBase source of the obPxT topologies: the test bed's seekdb (never restarted by the harness).
    String srcObHost = env("OBKC_OB_HOST", "127.0.0.1");
    int srcObPort = Integer.parseInt(env("OBKC_OB_PORT", "22881"));
    String srcObUser = env("OBKC_OB_USER", "obkc");
    String srcObPassword = env("OBKC_OB_PASSWORD", "obkc");
    int kafkaPort = 39092;
    int restPort = 38083;
    int offsetFlushMs = 10_000;
    /** The workers' offset.flush.interval.ms while an OceanBase-source topology runs. */
    int sourceOffsetFlushMs = 1_000;
    Path repoDir = Path.of(env("FAULTS_REPO_DIR", ".")).toAbsolutePath().normalize();
    Path runDir;
    Path report;
    Path pluginPath;
    Path privateSeekdbDir = Path.of("/var/tmp/obkc-faults/seekdb");
    Path testEnvDir;
    String launcherClassPath = env("FAULTS_LAUNCHER_CP", "");
    String command = env("FAULTS_COMMAND", "bench/faults/run.sh");

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isEmpty() ? d : v;
    }

    static HarnessOptions parse(String[] args) {
        HarnessOptions o = new HarnessOptions();
        Boolean target = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--short" -> {
                    o.shortRun = true;
                    o.topologies = new ArrayList<>(List.of(Topology.parse("1x1"), Topology.parse("ob1x1")));
                    o.snapshotKills = 1;
                    o.sourceWorkerKills = 2;
                    o.sourceRestarts = 1;
                    o.sourceRows = 100_000; // a quiet machine snapshots ~25k rows/s (bench/source): a margin for the mid-snapshot kill
                    o.sourceGapMinS = 3;
                    o.sourceGapMaxS = 8;
                    o.sourceMinWrite = Duration.ofSeconds(30);
                    // CI time: the sink topology already kills sessions; a lower rate keeps the catch-up short.
                    o.sourceConnKills = 0;
                    o.sourceRate = 20;
                    o.workerKills = 3;
                    o.connKills = 1;
                    o.seekdbRestarts = 0;
                    o.rebalances = 0;
                    o.gapMinS = 10;
                    o.gapMaxS = 25;
                    o.minWrite = Duration.ofSeconds(90);
                    o.maxWrite = Duration.ofSeconds(240);
                    o.catchupTimeout = Duration.ofSeconds(300);
                }
                case "--allow-testbed-restart" -> o.allowTestbedRestart = true;
                case "--keep-seekdb" -> o.keepSeekdb = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown option or missing value: " + a);
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--topologies" -> o.topologies = topologies(v);
                        case "--seed" -> o.seed = Long.parseLong(v);
                        case "--sink-prop" -> {
                            int eq = v.indexOf('=');
                            if (eq <= 0) {
                                throw new IllegalArgumentException("--sink-prop takes KEY=VALUE, not " + v);
                            }
                            o.sinkProps.put(v.substring(0, eq), v.substring(eq + 1));
                        }
                        case "--worker-kills" -> o.workerKills = Integer.parseInt(v);
                        case "--snapshot-kills" -> o.snapshotKills = Integer.parseInt(v);
                        case "--source-worker-kills" -> o.sourceWorkerKills = Integer.parseInt(v);
                        case "--source-restarts" -> o.sourceRestarts = Integer.parseInt(v);
                        case "--source-rows" -> o.sourceRows = Integer.parseInt(v);
                        case "--source-chunk" -> o.sourceChunk = Integer.parseInt(v);
                        case "--source-rate" -> o.sourceRate = Integer.parseInt(v);
                        case "--source-offset-flush-ms" -> o.sourceOffsetFlushMs = Integer.parseInt(v);
                        case "--source-conn-kills" -> o.sourceConnKills = Integer.parseInt(v);
                        case "--seekdb-restarts" -> o.seekdbRestarts = Integer.parseInt(v);
                        case "--conn-kills" -> o.connKills = Integer.parseInt(v);
                        case "--rebalances" -> o.rebalances = Integer.parseInt(v);
                        case "--gap-s" -> {
                            String[] mm = v.split("-");
                            o.gapMinS = Integer.parseInt(mm[0]);
                            o.gapMaxS = Integer.parseInt(mm[1]);
                            o.sourceGapMinS = o.gapMinS;
                            o.sourceGapMaxS = o.gapMaxS;
                        }
                        case "--min-write-s" -> {
                            o.minWrite = Duration.ofSeconds(Long.parseLong(v));
                            o.sourceMinWrite = o.minWrite;
                        }
                        case "--max-write-s" -> o.maxWrite = Duration.ofSeconds(Long.parseLong(v));
                        case "--max-ops" -> o.maxOps = Long.parseLong(v);
                        case "--rate" -> o.rate = Integer.parseInt(v);
                        case "--catchup-timeout-s" -> o.catchupTimeout = Duration.ofSeconds(Long.parseLong(v));
                        case "--target" -> target = switch (v) {
                            case "private" -> true;
                            case "testbed" -> false;
                            default -> throw new IllegalArgumentException("--target is private or testbed, not " + v);
                        };
                        case "--ob-port" -> o.obPort = Integer.parseInt(v);
                        case "--kafka-port" -> o.kafkaPort = Integer.parseInt(v);
                        case "--rest-port" -> o.restPort = Integer.parseInt(v);
                        case "--run-dir" -> o.runDir = Path.of(v).toAbsolutePath();
                        case "--report" -> o.report = Path.of(v).toAbsolutePath();
                        case "--plugin-path" -> o.pluginPath = Path.of(v).toAbsolutePath();
                        case "--private-seekdb-dir" -> o.privateSeekdbDir = Path.of(v).toAbsolutePath();
                        default -> throw new IllegalArgumentException("unknown option " + a);
                    }
                }
            }
        }
        o.privateTarget = target != null ? target : !o.shortRun;
        o.testEnvDir = Path.of(env("OBKC_TESTENV_DIR", o.repoDir.resolve(".test-env").toString()));
        if (!o.privateTarget) {
            o.obHost = env("OBKC_OB_HOST", "127.0.0.1");
            o.obPort = Integer.parseInt(env("OBKC_OB_PORT", "22881"));
            if (o.seekdbRestarts > 0 && !o.allowTestbedRestart) {
                throw new IllegalArgumentException("--seekdb-restarts " + o.seekdbRestarts + " with --target testbed would restart the test bed's "
                        + "seekdb under everybody else's tests: use --target private, or --allow-testbed-restart on a machine of your own");
            }
        }
        if (o.runDir == null) {
            o.runDir = o.repoDir.resolve("bench/faults/target/run");
        }
        if (o.pluginPath == null) {
            o.pluginPath = o.repoDir.resolve("packaging/target/plugin");
        }
        if (o.sourceGapMinS < 0) {
            o.sourceGapMinS = o.gapMinS;
            o.sourceGapMaxS = o.gapMaxS;
        }
        if (o.sourceRate < 0) {
            o.sourceRate = o.rate;
        }
        if (o.sourceConnKills < 0) {
            o.sourceConnKills = o.connKills;
        }
        if (o.sourceMinWrite == null) {
            o.sourceMinWrite = o.minWrite;
        }
        if (o.gapMinS < 0 || o.gapMaxS < o.gapMinS) {
            throw new IllegalArgumentException("--gap-s MIN-MAX needs 0 <= MIN <= MAX");
        }
        return o;
    }

    private static List<Topology> topologies(String v) {
        List<Topology> out = new ArrayList<>();
        for (String t : v.split(",")) {
            out.add(Topology.parse(t));
        }
        return out;
    }
}
