package io.obkc.bench.source;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
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
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * OceanBaseSourceConnector (changelog mode) on seekdb: snapshot throughput against a plain {@code SELECT *} of the same
 * table, commit-to-Kafka latency of streamed changes at fixed rates, and what capture costs in CPU per 100k changes
 * (seekdb with and without the change-log triggers and polling, and the worker's task). Usage: bench/source/README.md
 * ({@code bench/source/run.sh --help}).
 */
public final class SourceBenchmark {
    // Not bench_*: bench/sink drops every bench_* database when it starts.
    static final String DB = "srcbench";
    static final String CDC_DB = "srcbench_cdc";
    static final String PREFIX = "benchsrc";
    static final String CONNECTOR = "obkc-source-bench";
    static final String TOPIC = PREFIX + "." + DB + "." + OrdersTable.TABLE;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Options(long rows, List<Integer> rates, List<Long> pollIntervals, int durationSeconds, int txPerSecond, int writers, int drainSeconds, int idleSeconds,
            Duration timeout, boolean snapshot, boolean streaming, boolean baseline, Map<String, String> connectorProps, Path latest,
            Path archiveDir, boolean keep) {
    }

    /** CPU seconds over a window: seekdb (from /proc), the connector's task thread, its producer's I/O thread, the whole JVM. */
    record Cpu(double seekdb, double task, double producer, double jvm) {
    }

    /** CPU counters at the start of a window; every thread's, since Connect's pool may rename a used thread for a new task. */
    record CpuMark(double seekdb, double jvm, Map<Long, Long> threads) {
        static CpuMark now(ProcessCpu p) {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Map<Long, Long> t = new HashMap<>();
            for (long id : mx.getAllThreadIds()) {
                t.put(id, Math.max(0, mx.getThreadCpuTime(id)));
            }
            return new CpuMark(p.seekdbSeconds(), jvmSeconds(), t);
        }

        Cpu until(ProcessCpu p) {
            return new Cpu(p.seekdbSeconds() - seekdb, threadSeconds("task-thread-" + CONNECTOR + "-", threads),
                    threadSeconds("kafka-producer-network-thread | connector-producer-" + CONNECTOR + "-", threads), jvmSeconds() - jvm);
        }
    }

    record SnapshotResult(double selectSeconds, long selectRows, double connectorSeconds, double firstRecordSeconds, long records, String check,
            String failure, Cpu selectCpu, Cpu connectorCpu, String metrics, String load) {
    }

    record StreamResult(String mode, long pollIntervalMs, int targetRate, ChangeWriter.Result w, double idleSeekdbPerSecond, Cpu cpu, double windowSeconds,
            double[] commitToKafkaMs, double[] scnToKafkaMs, double[] commitToBuiltMs, int missing, int duplicates, int unknown, int outOfOrder,
            long notInKafkaAtWriterEnd, double lastArrivalAfterWriterEndMs, long behindSourceMs, String problem, String load) {
    }

    private final Options opt;
    private final DatabaseEndpoint ob;
    private final ConnectTestBed bed;
    private final ProcessCpu proc;
    private final AtomicLong nextId;
    private final List<String> notes = new ArrayList<>();
    /** The connector's current poll.interval.ms. */
    private long pollIntervalMs;

    private SourceBenchmark(Options opt, DatabaseEndpoint ob, ConnectTestBed bed) {
        this.opt = opt;
        this.ob = ob;
        this.bed = bed;
        this.proc = ProcessCpu.seekdb(System.getenv("OBKC_TESTENV_DIR"));
        this.nextId = new AtomicLong(opt.rows() + 1);
    }

    public static void main(String[] args) throws Exception {
        Options opt = parse(args);
        DatabaseEndpoint ob = TestBed.oceanbase();
        say("seekdb: " + ob);
        Map<String, String> worker = new HashMap<>();
        // The connector's producer settings below are per-connector overrides.
        worker.put("connector.client.config.override.policy", "All");
        int exit = 2;
        try (ConnectTestBed bed = ConnectTestBed.start("source-bench", worker)) {
            exit = new SourceBenchmark(opt, ob, bed).run();
        } catch (Throwable t) {
            t.printStackTrace();
        } finally {
            // The embedded cluster can leave non-daemon threads behind; the process is done.
            System.exit(exit);
        }
    }

    private int run() throws Exception {
        say("seekdb process for CPU accounting: " + proc.describe());
        String loadAtStart = loadAverage();
        ob.execute("DROP DATABASE IF EXISTS `" + DB + "`", "DROP DATABASE IF EXISTS `" + CDC_DB + "`", "CREATE DATABASE `" + DB + "`");
        try (Connection c = ob.connect(DB); Statement s = c.createStatement()) {
            s.execute(OrdersTable.DDL);
        }
        double loadSeconds = load();
        SnapshotResult snap = null;
        List<StreamResult> streams = new ArrayList<>();
        boolean ok = true;
        // Records arrive with the broker's append time (see LatencyConsumer); one partition keeps the commit order visible.
        bed.cluster().kafka().createTopic(TOPIC, 1, 1, Map.of("message.timestamp.type", "LogAppendTime", "max.message.bytes", "16777216"));
        if (opt.snapshot() || opt.streaming()) {
            snap = snapshot();
            ok &= snap.failure() == null && snap.check().startsWith("OK");
        }
        if (opt.streaming() && snap != null && snap.failure() == null) {
            for (long pollMs : opt.pollIntervals()) {
                if (pollMs != pollIntervalMs) {
                    reconfigure(pollMs);
                }
                for (int rate : opt.rates()) {
                    StreamResult r = stream(rate);
                    streams.add(r);
                    ok &= r.missing() == 0 && r.outOfOrder() == 0 && r.problem() == null;
                }
            }
        }
        stopCapture();
        if (opt.baseline()) {
            for (int rate : opt.rates()) {
                streams.add(baseline(rate));
            }
        }
        if (!opt.keep()) {
            // Other users of the shared seekdb should not pay for a million rows in its memory.
            ob.execute("DROP DATABASE IF EXISTS `" + DB + "`", "DROP DATABASE IF EXISTS `" + CDC_DB + "`");
        }
        String report = report(loadSeconds, snap, streams, loadAtStart);
        System.out.println();
        System.out.println(report);
        if (opt.latest() != null) {
            Files.createDirectories(opt.latest().toAbsolutePath().getParent());
            Files.writeString(opt.latest(), report);
            say("wrote " + opt.latest());
        }
        if (opt.archiveDir() != null) {
            Files.createDirectories(opt.archiveDir());
            Path f = opt.archiveDir().resolve("source-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
            Files.writeString(f, report);
            say("wrote " + f);
        }
        return ok ? 0 : 1;
    }

    // ---------------------------------------------------------------- data

    /** Loads ids 1..rows (no triggers yet): multi-row INSERTs of 1000 rows. */
    private double load() throws SQLException {
        long t = System.nanoTime();
        try (Connection c = ob.connect(DB); PreparedStatement ps = c.prepareStatement(OrdersTable.INSERT)) {
            for (long id = 1; id <= opt.rows(); id++) {
                OrdersTable.bind(ps, id, null);
                ps.addBatch();
                if (id % 1000 == 0 || id == opt.rows()) {
                    ps.executeBatch();
                }
                if (id % 200_000 == 0) {
                    say(String.format(Locale.ROOT, "loaded %,d / %,d rows", id, opt.rows()));
                }
            }
        }
        double s = secondsSince(t);
        say(String.format(Locale.ROOT, "loaded %,d rows into %s.%s in %.1f s", opt.rows(), DB, OrdersTable.TABLE, s));
        return s;
    }

    // ---------------------------------------------------------------- 1. snapshot

    private SnapshotResult snapshot() throws Exception {
        String load = loadAverage();
        // (a) The peer: one client reads the whole table with the same driver, streaming result set, every column as text.
        CpuMark c0 = CpuMark.now(proc);
        long t = System.nanoTime();
        long selected = 0;
        try (Connection c = ob.connect(DB);
                Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + OrdersTable.TABLE)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        rs.getString(i);
                    }
                    selected++;
                }
            }
        }
        double selectSeconds = secondsSince(t);
        Cpu selectCpu = c0.until(proc);
        say(String.format(Locale.ROOT, "plain SELECT *: %,d rows in %.2f s = %,.0f rows/s", selected, selectSeconds, selected / selectSeconds));

        // (b) The connector: from creating it until the topic's end offset holds every row.
        long expected = OrdersTable.expectedChecksum(opt.rows());
        CpuMark k0 = CpuMark.now(proc);
        long t0 = System.nanoTime();
        pollIntervalMs = opt.pollIntervals().get(0);
        bed.putConnector(CONNECTOR, connectorConfig());
        long[] first = {0};
        long[] lastSay = {t0};
        String failure = null;
        try (KafkaConsumer<byte[], byte[]> offsets = consumer()) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            String[] failed = {null};
            Awaitility.await("snapshot of " + opt.rows() + " rows in " + TOPIC).atMost(opt.timeout()).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> {
                        failed[0] = failedTask();
                        if (failed[0] != null) {
                            return true;
                        }
                        long end = offsets.endOffsets(List.of(tp)).get(tp);
                        if (end > 0 && first[0] == 0) {
                            first[0] = System.nanoTime();
                        }
                        if (System.nanoTime() - lastSay[0] > 10_000_000_000L) {
                            lastSay[0] = System.nanoTime();
                            say(String.format(Locale.ROOT, "  snapshot: %,d records after %.0f s", end, secondsSince(t0)));
                        }
                        return end >= opt.rows();
                    });
            failure = failed[0];
        } catch (ConditionTimeoutException e) {
            failure = "timed out after " + opt.timeout().toSeconds() + " s";
        }
        double seconds = secondsSince(t0);
        Cpu connectorCpu = k0.until(proc);
        double firstAt = first[0] == 0 ? Double.NaN : (first[0] - t0) / 1e9;
        String metrics = metrics();
        if (failure != null) {
            say("snapshot FAILED: " + failure);
            return new SnapshotResult(selectSeconds, selected, seconds, firstAt, 0, "not checked", failure, selectCpu, connectorCpu, metrics, load);
        }
        say(String.format(Locale.ROOT, "connector snapshot: %,d rows in Kafka %.2f s after creating the connector (first at %.2f s) = %,.0f rows/s",
                opt.rows(), seconds, firstAt, opt.rows() / seconds));
        String check = checkSnapshot(expected);
        say("snapshot check: " + check);
        return new SnapshotResult(selectSeconds, selected, seconds, firstAt, opt.rows(), check, null, selectCpu, connectorCpu, metrics, load);
    }

    private Map<String, String> connectorConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.obkc.source.OceanBaseSourceConnector");
        c.put("tasks.max", "1");
        c.put("database.hostname", ob.host());
        c.put("database.port", String.valueOf(ob.port()));
        c.put("database.user", ob.user());
        c.put("database.password", ob.password());
        c.put("topic.prefix", PREFIX);
        c.put("table.include.list", DB + "." + OrdersTable.TABLE);
        c.put("capture.mode", "changelog");
        c.put("snapshot.mode", "initial");
        c.put("changelog.database", CDC_DB);
        // The worker producer's defaults (16 KB batches, one request in flight, as Connect sets for source tasks) cap a
        // one-partition topic of ~2-3 KB JSON records at a few thousand records/s; deployments raise them, so do we.
        c.put("producer.override.batch.size", String.valueOf(512 * 1024));
        c.put("producer.override.compression.type", "lz4");
        c.put("producer.override.max.request.size", String.valueOf(16 * 1024 * 1024));
        c.put("poll.interval.ms", String.valueOf(pollIntervalMs));
        c.putAll(opt.connectorProps());
        return c;
    }

    /**
     * Sets the connector's poll.interval.ms. Connect restarts the task, which resumes from its committed offsets; the new
     * task registers fresh metrics, so RowsCaptured back at 0 (nothing is written meanwhile) says the new task is up.
     */
    private void reconfigure(long pollMs) {
        say("== connector reconfigured: poll.interval.ms=" + pollMs);
        pollIntervalMs = pollMs;
        bed.putConnector(CONNECTOR, connectorConfig());
        try {
            Awaitility.await("the task restarted with poll.interval.ms=" + pollMs).atMost(Duration.ofSeconds(60)).pollInterval(POLL)
                    .until(() -> failedTask() != null || Long.valueOf(0L).equals(metric("RowsCaptured")));
        } catch (ConditionTimeoutException e) {
            notes.add("After setting poll.interval.ms=" + pollMs + " the new task's metrics did not show within 60 s (RowsCaptured="
                    + metric("RowsCaptured") + "); the runs went on once the connector was RUNNING.");
        }
        bed.awaitRunning(CONNECTOR, Duration.ofMinutes(2));
    }

    /** Reads the snapshot records back and checks them against the generator: op r, ids 1..N once each, every row's text. */
    private String checkSnapshot(long expectedChecksum) throws IOException {
        BitSet ids = new BitSet();
        long sum = 0;
        long records = 0;
        List<String> problems = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            c.assign(List.of(tp));
            c.seek(tp, 0);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (records < opt.rows() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= opt.rows()) {
                        continue;
                    }
                    records++;
                    JsonNode p = JSON.readTree(r.value()).get("payload");
                    if (!"r".equals(p.get("op").asText())) {
                        if (problems.size() < 3) {
                            problems.add("offset " + r.offset() + " has op " + p.get("op").asText());
                        }
                        continue;
                    }
                    JsonNode after = p.get("after");
                    long id = after.get("id").asLong();
                    if (id < 1 || id > opt.rows() || ids.get((int) id)) {
                        problems.add("id " + id + " unexpected or repeated");
                    } else {
                        ids.set((int) id);
                    }
                    String text = OrdersTable.rowText(after);
                    if (!text.equals(OrdersTable.rowText(id)) && problems.size() < 3) {
                        problems.add("row " + id + ": expected [" + OrdersTable.rowText(id) + "] got [" + text + "]");
                    }
                    sum += OrdersTable.crc32(text);
                }
            }
        }
        if (records != opt.rows() || ids.cardinality() != opt.rows()) {
            problems.add(records + " records, " + ids.cardinality() + " distinct ids, expected " + opt.rows());
        }
        if (sum != expectedChecksum) {
            problems.add("SUM(CRC32(row text))=" + sum + " expected " + expectedChecksum);
        }
        return problems.isEmpty()
                ? String.format(Locale.ROOT, "OK (%,d records op=r, ids 1..%,d once each, SUM(CRC32(row text)) matches the generator)", records, opt.rows())
                : "WRONG: " + String.join("; ", problems);
    }

    // ---------------------------------------------------------------- 2. streaming, 3. CPU

    private StreamResult stream(int rate) throws Exception {
        String tag = "r" + rate;
        say("== streaming at " + rate + " changes/s for " + opt.durationSeconds() + " s (capture on, poll.interval.ms=" + pollIntervalMs + ")");
        double idle = idleSeekdbPerSecond();
        String load = loadAverage();
        long from;
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            from = c.endOffsets(List.of(tp)).get(tp);
        }
        int capacity = ChangeWriter.capacity(rate, opt.durationSeconds(), opt.txPerSecond(), opt.writers());
        Map<Long, Integer> deletes = new ConcurrentHashMap<>();
        LatencyConsumer consumer = new LatencyConsumer(bed.bootstrapServers(), TOPIC, from, tag, capacity, deletes);
        Thread ct = new Thread(consumer, "latency-consumer");
        ct.start();
        CpuMark c0 = CpuMark.now(proc);
        long t0 = System.nanoTime();
        ChangeWriter.Result w = new ChangeWriter(ob, DB, opt.rows(), nextId).run(tag, rate, opt.durationSeconds(), opt.txPerSecond(), opt.writers(), rate,
                deletes);
        long writerEndMs = System.currentTimeMillis();
        say(String.format(Locale.ROOT, "  writer: %,d changes in %,d transactions over %.1f s = %,.0f changes/s; %,d in Kafka so far", w.changes(),
                w.transactions(), w.seconds(), w.achievedRate(), consumer.seen.get()));
        // Until every change is in Kafka, or the drain time is over.
        try {
            Awaitility.await("all " + w.changes() + " changes in Kafka").atMost(Duration.ofSeconds(opt.drainSeconds())).pollInterval(POLL)
                    .until(() -> consumer.seen.get() >= w.changes() || failedTask() != null);
        } catch (ConditionTimeoutException e) {
            // reported as missing changes
        }
        double window = secondsSince(t0);
        Cpu cpu = c0.until(proc);
        consumer.stop();
        ct.join(10_000);
        long behind = behindSource();
        String problem = consumer.problem.get();
        String failed = failedTask();
        if (failed != null) {
            problem = (problem == null ? "" : problem + "; ") + failed;
        }
        int n = w.changes();
        double[] commitToKafka = new double[n];
        double[] scnToKafka = new double[n];
        double[] commitToBuilt = new double[n];
        int missing = 0;
        long notInKafka = 0;
        long lastArrival = 0;
        int m = 0;
        for (int s = 0; s < n; s++) {
            if (consumer.appendMs[s] < 0) {
                missing++;
                continue;
            }
            commitToKafka[m] = consumer.appendMs[s] - w.commitMicros()[s] / 1000.0;
            scnToKafka[m] = consumer.appendMs[s] - consumer.sourceNs[s] / 1e6;
            commitToBuilt[m] = (consumer.builtUs[s] - w.commitMicros()[s]) / 1000.0;
            m++;
            if (consumer.appendMs[s] > writerEndMs) {
                notInKafka++;
            }
            lastArrival = Math.max(lastArrival, consumer.appendMs[s]);
        }
        long lastCommitMs = n == 0 ? writerEndMs : w.commitMicros()[n - 1] / 1000;
        StreamResult r = new StreamResult("capture", pollIntervalMs, rate, w, idle, cpu, window, sorted(commitToKafka, m), sorted(scnToKafka, m),
                sorted(commitToBuilt, m), missing, consumer.duplicates.get(), consumer.unknown.get(), consumer.outOfOrder(), notInKafka,
                lastArrival - lastCommitMs, behind, problem, load);
        say(String.format(Locale.ROOT, "  commit->Kafka p50 %.0f ms, p99 %.0f ms, max %.0f ms; missing %d, duplicates %d, out of order %d%s",
                pct(r.commitToKafkaMs(), 50), pct(r.commitToKafkaMs(), 99), pct(r.commitToKafkaMs(), 100), missing, r.duplicates(), r.outOfOrder(),
                problem == null ? "" : "; PROBLEM: " + problem));
        return r;
    }

    /** The writer alone on the same table, with the connector deleted and the change-log triggers dropped. */
    private StreamResult baseline(int rate) throws Exception {
        String tag = "b" + rate;
        say("== baseline at " + rate + " changes/s for " + opt.durationSeconds() + " s (capture off: no connector, no triggers)");
        double idle = idleSeekdbPerSecond();
        String load = loadAverage();
        CpuMark c0 = CpuMark.now(proc);
        long t0 = System.nanoTime();
        ChangeWriter.Result w = new ChangeWriter(ob, DB, opt.rows(), nextId).run(tag, rate, opt.durationSeconds(), opt.txPerSecond(), opt.writers(), rate,
                new HashMap<>());
        double window = secondsSince(t0);
        Cpu cpu = c0.until(proc);
        say(String.format(Locale.ROOT, "  writer: %,d changes over %.1f s = %,.0f changes/s; seekdb CPU %.1f s", w.changes(), w.seconds(),
                w.achievedRate(), cpu.seekdb()));
        double[] none = new double[0];
        return new StreamResult("baseline", 0, rate, w, idle, cpu, window, none, none, none, 0, 0, 0, 0, 0, Double.NaN, -1, null, load);
    }

    /** Deletes the connector and drops the change-log triggers it installed, so the baseline writes run without capture. */
    private void stopCapture() throws SQLException {
        try {
            bed.deleteConnector(CONNECTOR);
        } catch (RuntimeException e) {
            // never created (baseline only)
        }
        List<String> triggers = new ArrayList<>();
        try (Connection c = ob.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?")) {
            ps.setString(1, DB);
            ps.setString(2, OrdersTable.TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    triggers.add(rs.getString(1));
                }
            }
        }
        for (String t : triggers) {
            ob.execute("DROP TRIGGER `" + DB + "`.`" + t + "`");
        }
        if (!triggers.isEmpty()) {
            say("capture off: connector deleted, triggers dropped " + triggers);
        }
    }

    /** seekdb's CPU seconds per second over --idle-seconds with nothing from this benchmark writing: the background. */
    private double idleSeekdbPerSecond() {
        if (opt.idleSeconds() <= 0) {
            return Double.NaN;
        }
        double c0 = proc.seekdbSeconds();
        long t = System.nanoTime();
        try {
            // A measuring window, not synchronisation.
            Thread.sleep(opt.idleSeconds() * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (proc.seekdbSeconds() - c0) / secondsSince(t);
    }

    // ---------------------------------------------------------------- connector state

    private String failedTask() {
        return bed.failure(CONNECTOR);
    }

    /** The task's metrics MXBean (same JVM as the worker). */
    private static Object metric(String attribute) {
        try {
            MBeanServer s = ManagementFactory.getPlatformMBeanServer();
            return s.getAttribute(new ObjectName("io.obkc.source:type=source-task,server=" + ObjectName.quote(PREFIX)), attribute);
        } catch (Exception e) {
            return null;
        }
    }

    private static String metrics() {
        return "SnapshotRowsCaptured=" + metric("SnapshotRowsCaptured") + ", SnapshotRunning=" + metric("SnapshotRunning")
                + ", SnapshotTablesCompleted=" + metric("SnapshotTablesCompleted") + "/" + metric("SnapshotTablesTotal");
    }

    private static long behindSource() {
        Object v = metric("MilliSecondsBehindSource");
        return v instanceof Long l ? l : -1;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bed.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(p);
    }

    // ---------------------------------------------------------------- report

    private String report(double loadSeconds, SnapshotResult s, List<StreamResult> streams, String loadAtStart) {
        StringBuilder b = new StringBuilder();
        b.append("# Source benchmark: OceanBaseSourceConnector (changelog mode) on seekdb\n\n");
        b.append("Run ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (shared by seekdb, the Kafka broker, the Connect worker and ")
                .append("this program), source ").append(ob).append("; load average at start ").append(loadAtStart).append(".\n\n");
        if (opt.rows() < 1_000_000 || opt.durationSeconds() < 60) {
            b.append(String.format(Locale.ROOT, "**Reduced settings (--rows %,d, --duration %d s): a harness check, not a measurement.**%n%n", opt.rows(),
                    opt.durationSeconds()));
        }
        b.append(String.format(Locale.ROOT, "- Table `%s.%s` (%s), %,d rows loaded in %.1f s (not counted).%n", DB, OrdersTable.TABLE,
                OrdersTable.COLUMNS, opt.rows(), loadSeconds));
        b.append("- Connector: capture.mode=changelog, snapshot.mode=initial, one task, worker JsonConverter with schemas, topic `").append(TOPIC)
                .append("` (1 partition, message.timestamp.type=LogAppendTime), settings: ").append(redacted(connectorConfig()))
                .append(" (poll.interval.ms per streaming run, from ").append(opt.pollIntervals()).append("; the snapshot ran with ")
                .append(opt.pollIntervals().get(0)).append(")\n");
        b.append("- seekdb CPU: utime+stime of ").append(proc.describe()).append(" from /proc; worker CPU: the task thread (poll, conversion) and ")
                .append("its producer's I/O thread (ThreadMXBean).\n");
        if (s != null) {
            b.append("\n## 1. Snapshot\n\n");
            b.append("| reader | rows | seconds | rows/s | ÷ plain SELECT | seekdb CPU s | task + producer thread CPU s |\n|---|---|---|---|---|---|---|\n");
            double selRate = s.selectRows() / s.selectSeconds();
            b.append(String.format(Locale.ROOT, "| plain JDBC `SELECT *`, one streaming result set | %,d | %.2f | %,.0f | 1.00 | %s | – |%n",
                    s.selectRows(), s.selectSeconds(), selRate, f1(s.selectCpu().seekdb())));
            if (s.failure() == null) {
                double conRate = s.records() / s.connectorSeconds();
                b.append(String.format(Locale.ROOT, "| connector, from creating it until all rows are in Kafka | %,d | %.2f | %,.0f | %.2f | %s | %.1f + %.1f |%n",
                        s.records(), s.connectorSeconds(), conRate, conRate / selRate, f1(s.connectorCpu().seekdb()), s.connectorCpu().task(),
                        s.connectorCpu().producer()));
                double fromFirst = s.connectorSeconds() - s.firstRecordSeconds();
                if (fromFirst > 0) {
                    b.append(String.format(Locale.ROOT, "| connector, from its first record in Kafka (start-up, trigger install, open-transaction wait excluded) "
                            + "| %,d | %.2f | %,.0f | %.2f | | |%n", s.records(), fromFirst, s.records() / fromFirst, s.records() / fromFirst / selRate));
                }
                b.append("\n- Check: ").append(s.check()).append("\n");
            } else {
                b.append("| connector | – | – | FAILED | – | – | – |\n\n- FAILED: ").append(s.failure()).append("\n");
            }
            b.append("- Completion: the topic's end offset reached the row count (polled every ").append(POLL.toMillis())
                    .append(" ms, no database queries). Task metrics at the end: ").append(s.metrics()).append(".\n");
            b.append("- Load average before: ").append(s.load()).append("\n");
        }
        List<StreamResult> cap = streams.stream().filter(r -> r.mode().equals("capture")).toList();
        if (!cap.isEmpty()) {
            b.append("\n## 2. Streaming latency, commit → Kafka\n\n");
            b.append("Latency = the record's LogAppendTime (broker append, ms) minus the wall clock when the writer's COMMIT returned ")
                    .append("(so a change committed on the server up to one commit duration earlier). Same clock: broker, worker and writer run in one JVM, ")
                    .append("seekdb on the same host. \"SCN → Kafka\" uses the event's `source.ts_ns` (the commit version) instead, as a cross-check.\n\n");
            b.append("| poll.interval.ms | target changes/s | achieved | changes (ins/upd/del) in tx | commit → Kafka p50 / p99 / max ms | SCN → Kafka p50 / p99 ms "
                    + "| commit → event built p50 / p99 ms | COMMIT duration p50 / p99 ms | arrived after the writer stopped / last arrival − last commit "
                    + "| kept up | missing / dup / out of order |\n");
            b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (StreamResult r : cap) {
                ChangeWriter.Result w = r.w();
                boolean keptUp = r.missing() == 0 && r.lastArrivalAfterWriterEndMs() < 5000;
                String achieved = String.format(Locale.ROOT, "%,.0f", w.achievedRate())
                        + (w.achievedRate() < 0.95 * r.targetRate() ? " (writer behind its schedule)" : "");
                double[] commits = Arrays.stream(w.commitDurationsMicros()).mapToDouble(x -> x / 1000.0).sorted().toArray();
                b.append(String.format(Locale.ROOT, "| %d | %,d | %s | %,d (%,d/%,d/%,d) in %,d | %s / %s / %s | %s / %s | %s / %s | %s / %s | %,d / %,.0f ms | %s | %d / %d / %d |%n",
                        r.pollIntervalMs(), r.targetRate(), achieved, w.changes(), w.inserts(), w.updates(), w.deletes(), w.transactions(),
                        f0(pct(r.commitToKafkaMs(), 50)), f0(pct(r.commitToKafkaMs(), 99)), f0(pct(r.commitToKafkaMs(), 100)),
                        f0(pct(r.scnToKafkaMs(), 50)), f0(pct(r.scnToKafkaMs(), 99)), f0(pct(r.commitToBuiltMs(), 50)), f0(pct(r.commitToBuiltMs(), 99)),
                        f1(pct(commits, 50)), f1(pct(commits, 99)), r.notInKafkaAtWriterEnd(), r.lastArrivalAfterWriterEndMs(),
                        keptUp ? "yes" : "NO", r.missing(), r.duplicates(), r.outOfOrder()));
                if (r.problem() != null) {
                    b.append("\nPROBLEM at ").append(r.targetRate()).append(" changes/s: ").append(r.problem()).append("\n\n");
                }
            }
            b.append("\n- Writer: ").append(opt.writers()).append(opt.writers() == 1 ? " connection, " : " connections, ")
                    .append(opt.txPerSecond()).append(" transactions/s target, changes 60 % INSERT / 30 % UPDATE / 10 % DELETE, ")
                    .append("duration ").append(opt.durationSeconds()).append(" s per rate; max behind schedule: ");
            cap.forEach(r -> b.append(r.pollIntervalMs()).append(" ms, ").append(r.targetRate()).append("/s: ").append(r.w().maxBehindScheduleMs()).append(" ms; "));
            b.append("\n- Kept up = every change arrived and the last one less than 5 s after the writer's last commit (the connector's end lag); \"writer behind its schedule\" = the writer itself reached less than 95 % of the target rate (seekdb or the machine too slow for the writer), so the rate the connector saw is the achieved one. ")
                    .append("Out of order = a change that arrived after one with a later commit version. Task's MilliSecondsBehindSource at the end: ");
            cap.forEach(r -> b.append(r.pollIntervalMs()).append(" ms, ").append(r.targetRate()).append("/s: ").append(r.behindSourceMs()).append(" ms; "));
            b.append("\n- Load average before each rate: ");
            cap.forEach(r -> b.append(r.pollIntervalMs()).append(" ms, ").append(r.targetRate()).append("/s: ").append(r.load()).append("; "));
            b.append("\n");
        }
        if (!streams.isEmpty()) {
            b.append("\n## 3. Source CPU per 100k changes\n\n");
            b.append("| run | changes/s (achieved) | changes | window s | seekdb CPU s | seekdb idle CPU s/s before | seekdb CPU s per 100k changes "
                    + "| minus idle, per 100k | task thread CPU s per 100k | producer thread CPU s per 100k | whole JVM CPU s per 100k |\n");
            b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (StreamResult r : streams) {
                double k = r.w().changes() / 100_000.0;
                double net = r.cpu().seekdb() - (Double.isNaN(r.idleSeekdbPerSecond()) ? 0 : r.idleSeekdbPerSecond() * r.windowSeconds());
                boolean capture = r.mode().equals("capture");
                b.append(String.format(Locale.ROOT, "| %s %,d/s | %,.0f | %,d | %.1f | %s | %s | %s | %s | %s | %s | %.1f |%n",
                        capture ? "capture on (triggers + connector, poll.interval.ms=" + r.pollIntervalMs() + ")" : "capture off (writer alone)", r.targetRate(), r.w().achievedRate(),
                        r.w().changes(), r.windowSeconds(), f1(r.cpu().seekdb()), f2(r.idleSeekdbPerSecond()), f1(r.cpu().seekdb() / k), f1(net / k),
                        capture ? f1(r.cpu().task() / k) : "–", capture ? f1(r.cpu().producer() / k) : "–", r.cpu().jvm() / k));
            }
            b.append("\n- Window: capture on, from the writer's start until every change is in Kafka; capture off, the writer's run. ")
                    .append("\"minus idle\" subtracts seekdb's CPU rate measured over ").append(opt.idleSeconds())
                    .append(" s just before the run (other clients of the shared seekdb, background work; with capture on it includes the connector's idle polls).\n")
                    .append("- The capture-off runs come after the capture-on runs, on the same table with the triggers dropped.\n")
                    .append("- Whole JVM = broker + worker + this program's writer and consumer.\n");
        }
        notes.forEach(n -> b.append("- ").append(n).append('\n'));
        return b.toString();
    }

    private static Map<String, String> redacted(Map<String, String> c) {
        Map<String, String> out = new LinkedHashMap<>(c);
        out.remove("database.password");
        out.remove("database.user");
        out.remove("database.hostname");
        out.remove("database.port");
        out.remove("connector.class");
        out.remove("poll.interval.ms");
        return out;
    }

    // ---------------------------------------------------------------- numbers

    private static double[] sorted(double[] a, int n) {
        double[] s = Arrays.copyOf(a, n);
        Arrays.sort(s);
        return s;
    }

    /** Nearest-rank percentile of a sorted array; 100 = max. NaN when empty. */
    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    private static String f0(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%,.0f", d);
    }

    private static String f1(double d) {
        return Double.isNaN(d) ? "?" : String.format(Locale.ROOT, "%.1f", d);
    }

    private static String f2(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.2f", d);
    }

    static double jvmSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** CPU seconds since {@code before} of the live threads whose name starts with the prefix. */
    static double threadSeconds(String prefix, Map<Long, Long> before) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith(prefix)) {
                total += Math.max(0, mx.getThreadCpuTime(t.getThreadId()) - before.getOrDefault(t.getThreadId(), 0L));
            }
        }
        return total / 1e9;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double secondsSince(long t) {
        return (System.nanoTime() - t) / 1e9;
    }

    static void say(String s) {
        System.err.println("[bench " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + s);
    }

    // ---------------------------------------------------------------- options

    private static Options parse(String[] args) {
        long rows = 1_000_000;
        List<Integer> rates = List.of(1000, 5000);
        List<Long> polls = List.of(500L, 100L);
        int duration = 60;
        int txPerSecond = 100;
        int writers = 1;
        int drain = 120;
        int idle = 5;
        Duration timeout = Duration.ofMinutes(30);
        List<String> phases = List.of("snapshot", "streaming", "baseline");
        Map<String, String> props = new LinkedHashMap<>();
        Path latest = null;
        Path archive = null;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--rows" -> rows = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
                case "--rates" -> rates = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).toList();
                case "--poll-intervals" -> polls = Arrays.stream(args[++i].split(",")).map(String::trim).map(Long::parseLong).toList();
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--tx-per-second" -> txPerSecond = Integer.parseInt(args[++i]);
                case "--writers" -> writers = Integer.parseInt(args[++i]);
                case "--drain-seconds" -> drain = Integer.parseInt(args[++i]);
                case "--idle-seconds" -> idle = Integer.parseInt(args[++i]);
                case "--timeout-minutes" -> timeout = Duration.ofMinutes(Long.parseLong(args[++i]));
                case "--phases" -> phases = List.of(args[++i].split(","));
                case "--connector-prop" -> put(props, args[++i]);
                case "--latest" -> latest = Path.of(args[++i]);
                case "--keep" -> keep = true;
                case "--archive" -> archive = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("""
                            bench/source/run.sh [options]
                              --rows N                 rows loaded into srcbench.orders and snapshotted (default 1000000)
                              --rates 1000,5000        streaming rates, changes/s, one run each (default 1000,5000)
                              --poll-intervals 500,100 the connector's poll.interval.ms for the streaming runs: every rate runs at each
                                                       (default 500,100: the connector's default, then a shorter one; the snapshot
                                                       runs with the first)
                              --duration S             seconds the writer runs per rate (default 60)
                              --tx-per-second N        writer transactions per second; changes per transaction = rate / N (default 100)
                              --writers N              writer connections sharing the rate (default 1)
                              --drain-seconds S        after the writer stops, how long to wait for the rest of the changes (default 120)
                              --idle-seconds S         seekdb idle CPU sample before each run (default 5; 0 = none)
                              --phases a,b,c           snapshot, streaming, baseline (default all; streaming needs the snapshot,
                                                       which the connector takes first anyway)
                              --connector-prop k=v     extra/overriding connector property, e.g. poll.interval.ms=100 (repeatable)
                              --timeout-minutes N      snapshot timeout (default 30)
                              --keep                   keep the databases srcbench and srcbench_cdc at the end (default: dropped)
                              --latest FILE            write the report here too (run.sh: bench/source/results-latest.md)
                              --archive DIR            and a timestamped copy here (run.sh: bench/results/)""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown option " + a + " (see --help)");
            }
        }
        if (rows < 1 || rows > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("--rows must be between 1 and " + (Integer.MAX_VALUE - 1));
        }
        boolean snapshot = phases.contains("snapshot");
        boolean streaming = phases.contains("streaming");
        if (props.containsKey("poll.interval.ms")) {
            throw new IllegalArgumentException("Set poll.interval.ms with --poll-intervals, not --connector-prop");
        }
        if (writers < 1 || writers > txPerSecond) {
            throw new IllegalArgumentException("--writers must be between 1 and --tx-per-second");
        }
        return new Options(rows, rates, polls, duration, txPerSecond, writers, drain, idle, timeout, snapshot, streaming, phases.contains("baseline"), props,
                latest, archive, keep);
    }

    private static void put(Map<String, String> m, String kv) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("Expected key=value, got " + kv);
        }
        m.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
}
