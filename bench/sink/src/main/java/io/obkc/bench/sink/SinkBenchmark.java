package io.obkc.bench.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.json.JsonConverter;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.obkc.converters.json.SchemaCachingJsonConverter;
import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.SeekdbProcess;
import io.obkc.testing.TestBed;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Throughput of OceanBaseSinkConnector against Debezium's JDBC sink on the same topic and the same seekdb.
 *
 * <ol>
 * <li>Produces {@code --rows} Debezium snapshot envelopes (op=r) once per partition count into a topic of the in-JVM
 * KRaft broker, serialized by JsonConverter with schemas, as a Debezium source running in a worker with that
 * converter writes them.</li>
 * <li>Runs each sink alone, in the same in-JVM distributed Connect worker, into a fresh database on seekdb, timing
 * from the connector's creation until {@code COUNT(*)} of the target table equals the row count.</li>
 * <li>Verifies every target: row count, id range, SUM(CRC32(row text)) against the value computed from the
 * generator, and a random sample of rows compared column by column.</li>
 * </ol>
 * Usage: see bench/sink/README.md ({@code bench/sink/run.sh --help}).
 */
public final class SinkBenchmark {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration FAILURE_CHECK = Duration.ofSeconds(2);
    private long lastFailureCheckNanos;

    record Options(long rows, List<String> formats, List<Integer> partitions, List<String> sinks, int maxPollRecords, int batchSize, Duration timeout,
            Path jfrDir, Path latest, Path archiveDir, Map<String, String> obkcProps, Map<String, String> debeziumProps, int samples, boolean keep,
            int txSize, List<Integer> limitRowsPerStatement, int limitRowsPerTransaction, boolean warmup) {
    }

    /** CPU seconds spent during a run: the sink's task threads, this whole JVM (broker and worker included), the database server. */
    record Cpu(double taskThreads, double jvm, double database) {
        String perRows(long rows) {
            double k = rows / 100_000.0;
            return String.format(Locale.ROOT, "%.1f / %.1f / %s", taskThreads / k, jvm / k, Double.isNaN(database) ? "?" : String.format(Locale.ROOT, "%.1f", database / k));
        }
    }

    /**
     * Heap use of one sink run, in bytes (see README "Heap per task"): the idle baseline (used heap after a full GC
     * before the connector is created), the largest used heap right after any GC during the run, the used heap after a
     * full GC once every row is in the target (connector still running), and the bytes the sink's threads allocated.
     */
    record Heap(long baseline, long midRun, long retainedAtEnd, long allocated, double pauseSeconds) {
        static final Heap NONE = new Heap(-1, -1, -1, -1, 0);

        long midRunOverBaseline() {
            return midRun < 0 ? -1 : Math.max(0, midRun - baseline);
        }

        long retainedOverBaseline() {
            return Math.max(0, retainedAtEnd - baseline);
        }
    }

    record Result(String sink, String format, int partitions, long rows, double seconds, double firstRowSeconds, String failure, String check,
            String ddl, String loadBefore, String loadAfter, Cpu cpu, Heap heap) {
        double rowsPerSecond() {
            return failure == null ? rows / seconds : 0;
        }

        boolean isLimit() {
            return sink.startsWith(LIMIT);
        }

        boolean good() {
            return failure == null && check.startsWith("OK");
        }
    }

    /** The sink a --sinks entry runs: the part before the first '@' ({@code obkc@rows.per.statement=1000} runs obkc). */
    static String baseSink(String sink) {
        int at = sink.indexOf('@');
        return at < 0 ? sink : sink.substring(0, at);
    }

    /** The property overrides of a --sinks entry ({@code SINK@k=v@k2=v2}), in order; empty for a plain sink. */
    static Map<String, String> sinkOverrides(String sink) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] parts = sink.split("@");
        for (int i = 1; i < parts.length; i++) {
            put(out, parts[i]);
        }
        return out;
    }

    /** The peer that is not a sink: the same rows written by a plain JDBC client (JdbcLimit), the target's own limit. */
    static final String LIMIT = "jdbc-limit";

    private final Options opt;
    private final DatabaseEndpoint ob;
    private final ConnectTestBed bed;
    private final List<String> log = new ArrayList<>();
    /** Per topic, the id of the last record produced to each partition: the rows whose arrival says a partition is done. */
    private final Map<String, java.util.concurrent.atomic.AtomicLongArray> lastIdPerPartition = new HashMap<>();
    /** Per topic, the highest id among the first half of the rows, per partition: their arrival says the run is half done. */
    private final Map<String, java.util.concurrent.atomic.AtomicLongArray> midIdPerPartition = new HashMap<>();
    private long expectedChecksum;
    /** Numbers every sink run of this program, so a sink listed twice gets a fresh connector name, consumer group and database. */
    private int runNumber;

    private SinkBenchmark(Options opt, DatabaseEndpoint ob, ConnectTestBed bed) {
        this.opt = opt;
        this.ob = ob;
        this.bed = bed;
    }

    public static void main(String[] args) throws Exception {
        Options opt = parse(args);
        DatabaseEndpoint ob = TestBed.oceanbase();
        say("seekdb: " + ob);
        Map<String, String> worker = new HashMap<>();
        worker.put("connector.client.config.override.policy", "All");
        int exit = 2;
        try (ConnectTestBed bed = ConnectTestBed.start("sink-bench", worker)) {
            exit = new SinkBenchmark(opt, ob, bed).run();
        } catch (Throwable t) {
            t.printStackTrace();
        } finally {
            // The embedded cluster can leave non-daemon threads behind, on failures too; the process is done.
            System.exit(exit);
        }
    }

    private int run() throws Exception {
        // Earlier runs' target databases hold millions of rows in seekdb's memory; drop them so every run starts alike.
        dropBenchDatabases();
        long t = System.nanoTime();
        expectedChecksum = BenchRows.expectedChecksum(opt.rows());
        say(String.format(Locale.ROOT, "expected checksum of %,d rows computed in %.1f s", opt.rows(), secondsSince(t)));
        List<Result> results = new ArrayList<>();
        Map<String, Double> produceSeconds = new LinkedHashMap<>();
        boolean warm = !opt.warmup();
        for (String format : opt.formats())
        for (int p : opt.partitions()) {
            String topic = BenchRows.topic() + "." + format + ".p" + p;
            produceSeconds.put(format + " format, " + p + "-partition topic", produce(topic, p, format));
            if (!warm) {
                // The first run in a fresh JVM pays for the JIT compiling the worker's, the converter's and the sink's code;
                // each distinct sink runs once here, unreported, so every measured run finds the JVM warm.
                warm = true;
                for (String sink : opt.sinks().stream().filter(x -> !x.equals(LIMIT)).map(SinkBenchmark::baseSink).distinct().toList()) {
                    Result w = runSink(sink, topic, p, format);
                    say(String.format(Locale.ROOT, "WARM-UP %s %s p=%d (not reported): %s", sink, format, p,
                            w.failure() != null ? "FAILED: " + w.failure() : String.format(Locale.ROOT, "%,.0f rows/s", w.rowsPerSecond())));
                }
            }
            for (String sink : opt.sinks()) {
                if (sink.equals(LIMIT)) {
                    // The limit does not read Kafka, so it is the same for every format: measured once per partition count.
                    if (results.stream().noneMatch(x -> x.isLimit() && x.partitions() == p)) {
                        results.addAll(runLimit(p));
                    }
                    continue;
                }
                Result r = runSink(sink, topic, p, format);
                results.add(r);
                say(String.format(Locale.ROOT, "RESULT %s %s p=%d: %s", sink, format, p,
                        r.failure() != null ? "FAILED: " + r.failure()
                                : String.format(Locale.ROOT, "%,d rows in %.1f s = %,.0f rows/s (first row at %.1f s); check: %s", r.rows(),
                                        r.seconds(), r.rowsPerSecond(), r.firstRowSeconds(), r.check())));
            }
        }
        String report = report(results, produceSeconds);
        System.out.println();
        System.out.println(report);
        if (opt.latest() != null) {
            Files.createDirectories(opt.latest().toAbsolutePath().getParent());
            Files.writeString(opt.latest(), report);
            say("wrote " + opt.latest());
        }
        if (opt.archiveDir() != null) {
            Files.createDirectories(opt.archiveDir());
            Path f = opt.archiveDir().resolve("sink-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
            Files.writeString(f, report);
            say("wrote " + f);
        }
        boolean allGood = results.stream().allMatch(Result::good);
        return allGood ? 0 : 1;
    }

    // ---------------------------------------------------------------- data

    /** Produces the envelopes once; returns the seconds it took. */
    private double produce(String topic, int partitions, String format) throws Exception {
        bed.cluster().kafka().createTopic(topic, partitions);
        org.apache.kafka.connect.storage.Converter keyConverter = converter(format);
        keyConverter.configure(Map.of("schemas.enable", "true"), true);
        org.apache.kafka.connect.storage.Converter valueConverter = converter(format);
        valueConverter.configure(Map.of("schemas.enable", "true"), false);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bed.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // JSON envelopes repeat their schema in every message; lz4 keeps the log small, as Debezium deployments usually do.
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(256L * 1024 * 1024));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(16 * 1024 * 1024));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        long t = System.nanoTime();
        AtomicReference<Exception> failed = new AtomicReference<>();
        AtomicLong bytes = new AtomicLong();
        long tsMs = System.currentTimeMillis();
        java.util.concurrent.atomic.AtomicLongArray last = new java.util.concurrent.atomic.AtomicLongArray(partitions);
        lastIdPerPartition.put(topic, last);
        java.util.concurrent.atomic.AtomicLongArray mid = new java.util.concurrent.atomic.AtomicLongArray(partitions);
        midIdPerPartition.put(topic, mid);
        long half = opt.rows() / 2;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (long id = 1; id <= opt.rows() && failed.get() == null; id++) {
                byte[] k = keyConverter.fromConnectData(topic, BenchRows.KEY_SCHEMA, BenchRows.key(id));
                Struct envelope = BenchRows.snapshotEnvelope(id, opt.rows(), tsMs);
                if (opt.txSize() > 0) {
                    BenchRows.inTransaction(envelope, topic, id, opt.txSize());
                }
                byte[] v = valueConverter.fromConnectData(topic, BenchRows.ENVELOPE_SCHEMA, envelope);
                bytes.addAndGet(k.length + v.length);
                long rowId = id;
                producer.send(new ProducerRecord<>(topic, k, v), (md, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    } else {
                        last.accumulateAndGet(md.partition(), rowId, Math::max);
                        if (rowId <= half) {
                            mid.accumulateAndGet(md.partition(), rowId, Math::max);
                        }
                    }
                });
                if (opt.txSize() > 0 && (id % opt.txSize() == 0 || id == opt.rows())) {
                    // Debezium's END record of the transaction, on the transaction topic the aligned sink reads.
                    long size = id % opt.txSize() == 0 ? opt.txSize() : id % opt.txSize();
                    byte[] ev = valueConverter.fromConnectData(BenchRows.TRANSACTION_TOPIC, BenchRows.BOUNDARY_SCHEMA,
                            BenchRows.transactionEnd(topic, id, opt.txSize(), size, tsMs));
                    producer.send(new ProducerRecord<>(BenchRows.TRANSACTION_TOPIC, null, ev), (md, e) -> {
                        if (e != null) {
                            failed.compareAndSet(null, e);
                        }
                    });
                }
                if (id % 200_000 == 0) {
                    say(String.format(Locale.ROOT, "produced %,d / %,d", id, opt.rows()));
                }
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        double s = secondsSince(t);
        long inTopic = endOffsetSum(topic, partitions);
        if (inTopic != opt.rows()) {
            throw new IllegalStateException("Topic " + topic + " holds " + inTopic + " records, expected " + opt.rows());
        }
        say(String.format(Locale.ROOT, "produced %,d envelopes (%,d MB of JSON before compression, avg %,d bytes) to %s (%d partitions) in %.1f s",
                opt.rows(), bytes.get() >> 20, bytes.get() / opt.rows(), topic, partitions, s));
        return s;
    }

    private static org.apache.kafka.connect.storage.Converter converter(String format) {
        return switch (format) {
            // json-cached: the same bytes as json (Debezium writes with Kafka's JsonConverter); only the worker reads them differently
            case "json", "json-cached" -> new JsonConverter();
            case "id" -> new IdOnlyConverter();
            default -> throw new IllegalArgumentException("Unknown format " + format + "; use json, json-cached or id");
        };
    }

    private long endOffsetSum(String topic, int partitions) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bed.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            return c.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    // ---------------------------------------------------------------- sinks

    private Map<String, String> common(String topic, int partitions, String format) {
        Map<String, String> c = new HashMap<>();
        if (format.equals("id")) {
            c.put("key.converter", IdOnlyConverter.class.getName());
            c.put("value.converter", IdOnlyConverter.class.getName());
        } else if (format.equals("json-cached")) {
            c.put("key.converter", SchemaCachingJsonConverter.class.getName());
            c.put("key.converter.schemas.enable", "true");
            c.put("value.converter", SchemaCachingJsonConverter.class.getName());
            c.put("value.converter.schemas.enable", "true");
            // NULLs stay NULL (OBKC's validate() refuses a JSON converter that turns them into column defaults); the bench's
            // schemas have no defaults, so the values read are the same either way. Both sinks get the same setting.
            c.put("key.converter.replace.null.with.default", "false");
            c.put("value.converter.replace.null.with.default", "false");
        }
        c.put("tasks.max", String.valueOf(partitions));
        c.put("topics", topic);
        // Same consumer settings for both sinks: large polls, so a put() can fill a whole batch.
        c.put("consumer.override.max.poll.records", String.valueOf(opt.maxPollRecords()));
        c.put("consumer.override.max.partition.fetch.bytes", String.valueOf(16 * 1024 * 1024));
        c.put("consumer.override.fetch.max.bytes", String.valueOf(64 * 1024 * 1024));
        return c;
    }

    private Map<String, String> sinkConfig(String entry, String topic, int partitions, String format, String db) {
        String sink = baseSink(entry);
        Map<String, String> c = common(topic, partitions, format);
        if (sink.equals("obkc-aligned")) {
            // Transaction-aligned apply: one task (validate() requires it) and the transaction topic among the topics.
            c.put("tasks.max", "1");
            c.put("topics", topic + "," + BenchRows.TRANSACTION_TOPIC);
            c.put("transaction.aligned.enabled", "true");
        }
        if (sink.startsWith("obkc")) {
            c.put("connector.class", "io.obkc.sink.OceanBaseSinkConnector");
            c.put("connection.url", "jdbc:mysql://" + ob.host() + ":" + ob.port() + "/");
            c.put("connection.user", ob.user());
            c.put("connection.password", ob.password());
            c.put("database.name.format", db);
            c.put("table.name.format", "${source.table}");
            c.put("insert.mode", "upsert");
            c.put("primary.key.mode", "record_key");
            c.put("auto.create", "true");
            c.put("auto.evolve", "true");
            c.put("batch.size", String.valueOf(opt.batchSize()));
            c.putAll(opt.obkcProps());
        } else if (sink.startsWith("debezium")) {
            // debezium: the driver's defaults; debezium-rewrite: rewriteBatchedStatements=true, Connector/J's multi-row rewrite of JDBC batches.
            boolean rewrite = sink.equals("debezium-rewrite");
            // nullCatalogMeansCurrent=true: Debezium looks the table up with DatabaseMetaData.getTables(null, null, "orders"); Connector/J's
            // default searches every database then, finds an `orders` table elsewhere on the server, skips CREATE TABLE and fails with
            // "Table 'bench_debezium_p1.orders' doesn't exist".
            c.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
            c.put("connection.url", "jdbc:mysql://" + ob.host() + ":" + ob.port() + "/" + db
                    + "?useSSL=false&allowPublicKeyRetrieval=true&nullCatalogMeansCurrent=true" + (rewrite ? "&rewriteBatchedStatements=true" : ""));
            c.put("connection.username", ob.user());
            c.put("connection.password", ob.password());
            c.put("insert.mode", "upsert");
            c.put("delete.enabled", "true");
            c.put("primary.key.mode", "record_key");
            c.put("schema.evolution", "basic");
            c.put("batch.size", String.valueOf(opt.batchSize()));
            c.put("collection.name.format", "${source.table}");
            c.put("database.time_zone", "UTC");
            c.putAll(opt.debeziumProps());
        } else {
            throw new IllegalArgumentException("Unknown sink " + sink + "; use obkc, debezium or debezium-rewrite");
        }
        // SINK@key=value: this variant's own settings, over everything above.
        c.putAll(sinkOverrides(entry));
        return c;
    }

    private Result runSink(String sink, String topic, int partitions, String format) throws Exception {
        // The run number keeps a sink listed twice from reusing the first run's connector name: Connect's consumer group is
        // connect-<name>, and a reused group resumes at the committed offsets, so the second run would read nothing.
        int run = ++runNumber;
        String base = baseSink(sink);
        String db = "bench_" + base.replace('-', '_') + "_" + format.replace('-', '_') + "_p" + partitions + "_" + run;
        String name = base + "-" + format + "-p" + partitions + "-" + run;
        ob.execute("DROP DATABASE IF EXISTS `" + db + "`", "CREATE DATABASE `" + db + "`");
        Map<String, String> config = sinkConfig(sink, topic, partitions, format, db);
        say("== " + name + ": " + opt.rows() + " rows from " + topic + " into seekdb database " + db);
        String loadBefore = loadAverage() + " (" + SeekdbProcess.awaitIdle(Duration.ofSeconds(60), m -> say("  " + m)) + ")";
        Recording jfr = null;
        if (opt.jfrDir() != null) {
            jfr = new Recording(Configuration.getConfiguration("profile"));
            jfr.setName(name);
            // Every socket read and write, so the time the task thread waits for the database can be added up.
            jfr.enable("jdk.SocketRead").withThreshold(Duration.ZERO).withStackTrace();
            jfr.enable("jdk.SocketWrite").withThreshold(Duration.ZERO).withStackTrace();
            jfr.start();
        }
        AtomicLong count = new AtomicLong();
        AtomicLong firstRowNanos = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        long heapBaseline = HeapWatch.usedAfterFullGc();
        Map<Long, Long> alloc0 = HeapWatch.allocatedBytes();
        // Heap mid-run: one full GC when the first half of the rows is in; its pause is taken off the run's time.
        AtomicLong midRunHeap = new AtomicLong(-1);
        AtomicLong midRunPauseNanos = new AtomicLong();
        Map<Long, Long> threadCpu0 = threadCpuNanos();
        double jvmCpu0 = jvmCpuSeconds();
        double dbCpu0 = SeekdbProcess.cpuSeconds();
        // One connection for the progress polls, opened before the clock starts: a connection per poll cost seekdb a login each time.
        Connection poll = ob.connect(db);
        long t0 = System.nanoTime();
        bed.putConnector(name, config);
        long[] lastReport = {t0};
        try (poll) {
            Awaitility.await(name + " to write " + opt.rows() + " rows").atMost(opt.timeout()).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> {
                        String f = failedTask(name);
                        if (f != null) {
                            failure.set(f);
                            return true;
                        }
                        // Cheap until the end: primary-key lookups of each partition's last row (a partition is written in
                        // order by both sinks), then one COUNT(*) to confirm. Polling COUNT(*) itself cost seekdb more than a
                        // core on large tables, and that load was measured as the sinks' speed.
                        if (midRunHeap.get() < 0 && rowsPresent(poll, midIdPerPartition.get(topic))) {
                            long g = System.nanoTime();
                            midRunHeap.set(HeapWatch.usedAfterFullGc());
                            midRunPauseNanos.set(System.nanoTime() - g);
                        }
                        long n = rowsPresent(poll, lastIdPerPartition.get(topic)) ? countRows(poll)
                                : (firstRowNanos.get() == 0 && anyRow(poll) ? 1 : count.get());
                        count.set(n);
                        if (n > 0) {
                            firstRowNanos.compareAndSet(0, System.nanoTime());
                        }
                        if (System.nanoTime() - lastReport[0] > 10_000_000_000L) {
                            lastReport[0] = System.nanoTime();
                            say(String.format(Locale.ROOT, "  %s: %,d rows after %.0f s", name, n, secondsSince(t0)));
                        }
                        return n >= opt.rows();
                    });
        } catch (ConditionTimeoutException e) {
            failure.set("timed out after " + opt.timeout().toSeconds() + " s with " + count.get() + " of " + opt.rows() + " rows");
        }
        double seconds = secondsSince(t0) - midRunPauseNanos.get() / 1e9;
        Cpu cpu = new Cpu(taskThreadCpuSeconds(name, threadCpu0) + threadCpuSeconds(name + "-writer", threadCpu0), jvmCpuSeconds() - jvmCpu0,
                SeekdbProcess.cpuSeconds() - dbCpu0);
        long allocated = HeapWatch.allocatedSince(alloc0, "task-thread-" + name + "-", name + "-writer");
        // After the clock: every row is in, the connector still runs (its tasks idle, holding what they keep between batches).
        Heap heap = new Heap(heapBaseline, midRunHeap.get(), HeapWatch.usedAfterFullGc(), allocated, midRunPauseNanos.get() / 1e9);
        say(String.format(Locale.ROOT, "  %s heap: baseline %,d MB, mid-run %,d MB (+%,d; full GC pause %.3f s, not timed), retained at end %,d MB (+%,d), "
                + "sink threads allocated %,d MB", name, heapBaseline >> 20, heap.midRun() >> 20, heap.midRunOverBaseline() >> 20, heap.pauseSeconds(),
                heap.retainedAtEnd() >> 20, heap.retainedOverBaseline() >> 20, allocated >> 20));
        say(String.format(Locale.ROOT, "  %s CPU seconds: task threads %.1f, whole JVM %.1f, seekdb %.1f", name, cpu.taskThreads(), cpu.jvm(), cpu.database()));
        String loadAfter = loadAverage();
        if (jfr != null) {
            jfr.stop();
            Files.createDirectories(opt.jfrDir());
            Path f = opt.jfrDir().resolve(name + ".jfr");
            jfr.dump(f);
            jfr.close();
            say("JFR recording: " + f);
        }
        bed.deleteConnector(name);
        double first = firstRowNanos.get() == 0 ? Double.NaN : (firstRowNanos.get() - t0) / 1e9;
        if (failure.get() != null) {
            say(name + " FAILED: " + failure.get());
            return new Result(sink, format, partitions, opt.rows(), seconds, first, failure.get(), "not checked", ddl(db), loadBefore, loadAfter, cpu, heap);
        }
        String check = verify(db);
        say("  " + name + " check: " + check);
        String ddl = ddl(db);
        if (!opt.keep()) {
            // The next run should not pay for this one's data (memstore freezes, compactions).
            ob.execute("DROP DATABASE IF EXISTS `" + db + "`");
        }
        return new Result(sink, format, partitions, opt.rows(), seconds, first, null, check, ddl, loadBefore, loadAfter, cpu, heap);
    }

    /**
     * The target's own limit: every shape of --limit-rows-per-statement writes all rows into a fresh database with plain
     * JDBC (JdbcLimit), one thread per partition, verified like the sinks' targets. The best verified shape is the limit.
     */
    private List<Result> runLimit(int partitions) throws Exception {
        long g = System.nanoTime();
        JdbcLimit limit = new JdbcLimit(ob, opt.rows(), partitions);
        say(String.format(Locale.ROOT, "== %s: %,d rows generated for %d writer thread(s) in %.1f s (not counted)", LIMIT, opt.rows(), partitions, secondsSince(g)));
        List<Result> out = new ArrayList<>();
        for (int rowsPerStatement : opt.limitRowsPerStatement()) {
            JdbcLimit.Shape shape = new JdbcLimit.Shape(rowsPerStatement, opt.limitRowsPerTransaction());
            int n = ++runNumber;
            String db = "bench_jdbc_limit_p" + partitions + "_s" + rowsPerStatement + "_" + n;
            String label = LIMIT + " " + rowsPerStatement + "/" + opt.limitRowsPerTransaction();
            ob.execute("DROP DATABASE IF EXISTS `" + db + "`", "CREATE DATABASE `" + db + "`");
            say("== " + label + " p=" + partitions + ": " + shape + " into seekdb database " + db);
            String loadBefore = loadAverage() + " (" + SeekdbProcess.awaitIdle(Duration.ofSeconds(60), m -> say("  " + m)) + ")";
            Map<Long, Long> threadCpu0 = threadCpuNanos();
            double jvmCpu0 = jvmCpuSeconds();
            double dbCpu0 = SeekdbProcess.cpuSeconds();
            double seconds;
            String failure = null;
            try {
                seconds = limit.write(db, shape);
            } catch (Exception e) {
                seconds = Double.NaN;
                failure = String.valueOf(e.getCause() != null ? e.getCause() : e);
            }
            Cpu cpu = new Cpu(threadCpuSeconds("jdbc-limit-writer", threadCpu0), jvmCpuSeconds() - jvmCpu0, SeekdbProcess.cpuSeconds() - dbCpu0);
            String loadAfter = loadAverage();
            String check = failure == null ? verify(db) : "not checked";
            Result r = new Result(label, "no Kafka", partitions, opt.rows(), seconds, Double.NaN, failure, check, ddl(db), loadBefore, loadAfter, cpu,
                    Heap.NONE);
            say(String.format(Locale.ROOT, "RESULT %s p=%d: %s", label, partitions, failure != null ? "FAILED: " + failure
                    : String.format(Locale.ROOT, "%,d rows in %.1f s = %,.0f rows/s; check: %s", r.rows(), seconds, r.rowsPerSecond(), check)));
            if (!opt.keep()) {
                ob.execute("DROP DATABASE IF EXISTS `" + db + "`");
            }
            out.add(r);
        }
        return out;
    }

    /** The best verified limit run for this partition count, or null. */
    private static Result bestLimit(List<Result> results, int partitions) {
        return results.stream().filter(x -> x.isLimit() && x.partitions() == partitions && x.good())
                .max(java.util.Comparator.comparingDouble(Result::rowsPerSecond)).orElse(null);
    }

    /**
     * The first failed task's trace (first lines), or null; asked of the worker's REST API at most every
     * {@link #FAILURE_CHECK}. Asked every 100 ms (the progress poll), the status calls cost the JVM the sinks run in
     * several percent of its CPU (bench/cdc's profile: about a tenth for two connectors), which was measured as the
     * sinks' speed.
     */
    private String failedTask(String name) {
        long now = System.nanoTime();
        if (now - lastFailureCheckNanos < FAILURE_CHECK.toNanos()) {
            return null;
        }
        lastFailureCheckNanos = now;
        return bed.failure(name);
    }

    private void dropBenchDatabases() throws SQLException {
        List<String> dbs = new ArrayList<>();
        try (Connection c = ob.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW DATABASES LIKE 'bench\\_%'")) {
            while (rs.next()) {
                dbs.add(rs.getString(1));
            }
        }
        for (String db : dbs) {
            ob.execute("DROP DATABASE IF EXISTS `" + db + "`");
        }
        if (!dbs.isEmpty()) {
            say("dropped earlier benchmark databases " + dbs);
        }
    }

    /** True when the given row of every partition (by id; 0 = none) is in the target. */
    private boolean rowsPresent(Connection c, java.util.concurrent.atomic.AtomicLongArray last) {
        StringBuilder in = new StringBuilder();
        int want = 0;
        for (int i = 0; i < last.length(); i++) {
            if (last.get(i) > 0) {
                in.append(want++ == 0 ? "" : ",").append(last.get(i));
            }
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + BenchRows.TABLE + "` WHERE id IN (" + in + ")")) {
            rs.next();
            return rs.getLong(1) == want;
        } catch (SQLException e) {
            return false; // the sink has not created the table yet
        }
    }

    /** One row is there (a primary-key range probe, not a count). */
    private boolean anyRow(Connection c) {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM `" + BenchRows.TABLE + "` LIMIT 1")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    private long countRows(Connection c) {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + BenchRows.TABLE + "`")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0; // the sink has not created the table yet
        }
    }

    // ---------------------------------------------------------------- correctness

    private String verify(String db) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection c = ob.connect(db); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(id), MAX(id), SUM(CRC32(" + BenchRows.ROW_TEXT_SQL + ")) FROM `"
                    + BenchRows.TABLE + "`")) {
                rs.next();
                long count = rs.getLong(1);
                long min = rs.getLong(2);
                long max = rs.getLong(3);
                long sum = rs.getLong(4);
                if (count != opt.rows()) {
                    problems.add("COUNT(*)=" + count + " expected " + opt.rows());
                }
                if (min != 1 || max != opt.rows()) {
                    problems.add("id range " + min + ".." + max + " expected 1.." + opt.rows());
                }
                if (sum != expectedChecksum) {
                    problems.add("SUM(CRC32(row))=" + sum + " expected " + expectedChecksum);
                }
            }
            // A random sample, row by row, so a checksum failure says which column differs.
            SplittableRandom rnd = new SplittableRandom(42);
            TreeSet<Long> ids = new TreeSet<>(List.of(1L, opt.rows(), 10L, 17L, 70L));
            while (ids.size() < Math.min(opt.samples(), opt.rows())) {
                ids.add(rnd.nextLong(1, opt.rows() + 1));
            }
            ids.removeIf(id -> id > opt.rows());
            Map<Long, String> got = new HashMap<>();
            StringBuilder in = new StringBuilder();
            for (long id : ids) {
                in.append(in.length() == 0 ? "" : ",").append(id);
            }
            try (ResultSet rs = s.executeQuery("SELECT id, " + BenchRows.ROW_TEXT_SQL + " FROM `" + BenchRows.TABLE + "` WHERE id IN (" + in + ")")) {
                while (rs.next()) {
                    got.put(rs.getLong(1), rs.getString(2));
                }
            }
            int bad = 0;
            for (long id : ids) {
                String expected = BenchRows.rowText(id);
                String actual = got.get(id);
                if (!expected.equals(actual)) {
                    if (bad++ < 3) {
                        problems.add("row " + id + ": expected [" + expected + "] got [" + actual + "]");
                    }
                }
            }
            if (bad > 0) {
                problems.add(bad + " of " + ids.size() + " sampled rows differ");
            }
            if (problems.isEmpty()) {
                return String.format(Locale.ROOT, "OK (COUNT=%,d, ids 1..%,d, SUM(CRC32(row)) matches, %d sampled rows equal)", opt.rows(), opt.rows(),
                        ids.size());
            }
        }
        return "WRONG: " + String.join("; ", problems);
    }

    private String ddl(String db) {
        try (Connection c = ob.connect(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW CREATE TABLE `" + BenchRows.TABLE + "`")) {
            rs.next();
            return rs.getString(2);
        } catch (SQLException e) {
            return "(no table: " + e.getMessage() + ")";
        }
    }

    // ---------------------------------------------------------------- report

    private String report(List<Result> results, Map<String, Double> produceSeconds) {
        StringBuilder b = new StringBuilder();
        b.append("# Sink benchmark: OBKC OceanBaseSinkConnector vs Debezium JDBC sink\n\n");
        b.append("Run ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (shared), target ").append(ob).append(".\n\n");
        b.append(String.format(Locale.ROOT, "- Data: %,d Debezium %s of %s (%s), lz4-compressed; "
                + "produced by a Kafka producer (not by a Debezium source).\n", opt.rows(),
                opt.txSize() > 0 ? "change events (op=c) in source transactions of " + opt.txSize()
                        + " rows, with the transaction block and END records on " + BenchRows.TRANSACTION_TOPIC : "snapshot envelopes (op=r)",
                BenchRows.describeTable().get("table"), BenchRows.describeTable().get("columns")));
        b.append("- Format `json`: JsonConverter with schemas.enable=true (about 5.5 KB per record, mostly the inline schema), as the worker sees "
                + "Debezium output with that converter. Format `json-cached`: the same records, read in the worker by OBKC's "
                + "SchemaCachingJsonConverter (JsonConverter's wire format, the inline schema parsed once per distinct schema). Format `id`: the record carries only the id and a benchmark converter rebuilds the same "
                + "envelope Struct, so the run measures the sinks without JSON parsing.\n");
        produceSeconds.forEach((p, s) -> b.append(String.format(Locale.ROOT, "- Producing the %s took %.1f s (not counted).\n", p, s)));
        b.append("- Both sinks: same topic, tasks.max = partitions, consumer.override.max.poll.records=").append(opt.maxPollRecords())
                .append(", batch.size=").append(opt.batchSize()).append(", upsert, primary key from the record key, table auto-created in a fresh database.\n");
        b.append("- Time: from creating the connector until the target holds every row: polled every ").append(POLL.toMillis())
                .append(" ms with primary-key lookups of the last row produced to each partition, then one COUNT(*) to confirm (no full count "
                        + "while the sink writes); includes task start-up and the consumer group join.\n");
        if (!opt.obkcProps().isEmpty() || !opt.debeziumProps().isEmpty()) {
            b.append("- Extra properties: obkc ").append(opt.obkcProps()).append(", debezium ").append(opt.debeziumProps()).append('\n');
        }
        if (results.stream().anyMatch(Result::isLimit)) {
            b.append("- `jdbc-limit N/T`: the target's own limit, no Kafka: the same rows (same values) written by a plain JDBC client with the "
                    + "driver properties and session settings of OBKC's sink connections, multi-row INSERT ... ON DUPLICATE KEY UPDATE of N rows, "
                    + "a commit every T rows, one thread per partition (thread i writes the ids with id % partitions = i), into a fresh table; "
                    + "rows generated and connections opened before the clock starts. The best verified shape is the limit; "
                    + "measured once per partition count, in the position of `jdbc-limit` in --sinks.\n");
            b.append("\n## Sinks as a percentage of the target's own limit\n\n");
            // One row per format and partition count, the sinks side by side (a sink listed twice: its first run).
            List<String> sinks = opt.sinks().stream().filter(x -> !x.equals(LIMIT)).distinct().toList();
            List<String> peers = sinks.contains("obkc") ? sinks.stream().filter(x -> x.startsWith("debezium")).toList() : List.of();
            b.append("| format | partitions / tasks | limit rows/s (best shape) |");
            sinks.forEach(x -> b.append(' ').append(x).append(" rows/s (% of limit) |"));
            peers.forEach(x -> b.append(" obkc ÷ ").append(x).append(" |"));
            b.append("\n|---|---|---|").append("---|".repeat(sinks.size() + peers.size())).append('\n');
            List<String> rowsSeen = new ArrayList<>();
            for (Result r : results) {
                String key = r.format() + "/" + r.partitions();
                if (r.isLimit() || rowsSeen.contains(key)) {
                    continue;
                }
                rowsSeen.add(key);
                Result limit = bestLimit(results, r.partitions());
                b.append(String.format(Locale.ROOT, "| %s | %d | %s |", r.format(), r.partitions(),
                        limit == null ? "–" : String.format(Locale.ROOT, "%,.0f (%s)", limit.rowsPerSecond(), limit.sink())));
                for (String sink : sinks) {
                    Result x = results.stream().filter(y -> y.sink().equals(sink) && y.format().equals(r.format()) && y.partitions() == r.partitions())
                            .findFirst().orElse(null);
                    b.append(' ').append(x == null ? "–" : x.good() ? String.format(Locale.ROOT, "%,.0f (%s)", x.rowsPerSecond(), percentOfLimit(x, limit))
                            : "FAILED or WRONG").append(" |");
                }
                for (String peer : peers) {
                    Result o = first(results, "obkc", r.format(), r.partitions());
                    Result x = first(results, peer, r.format(), r.partitions());
                    b.append(' ').append(o == null || x == null || !o.good() || !x.good() ? "–"
                            : String.format(Locale.ROOT, "%.2f×", o.rowsPerSecond() / x.rowsPerSecond())).append(" |");
                }
                b.append('\n');
            }
        }
        scalingAndHeap(b, results);
        b.append("\n## Every run\n");
        b.append("\n| sink | format | partitions / tasks | rows | seconds | first row at (s) | rows/s | OBKC ÷ this | % of JDBC limit | CPU s per 100k rows: sink threads (task + writer) / JVM / seekdb | heap MB per task over the idle baseline: mid-run / at end (full GC each) | MB allocated per 100k rows by sink threads | correctness | load avg before → after |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            Result obkc = results.stream().filter(x -> x.sink().equals("obkc") && x.partitions() == r.partitions() && x.format().equals(r.format())).findFirst().orElse(null);
            String ratio = obkc == null || obkc.failure() != null || r.failure() != null || r.isLimit() ? "–"
                    : String.format(Locale.ROOT, "%.2f×", obkc.rowsPerSecond() / r.rowsPerSecond());
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s → %s |\n", r.sink(), r.format(), r.partitions(), r.rows(),
                    r.failure() != null ? "–" : String.format(Locale.ROOT, "%.1f", r.seconds()),
                    Double.isNaN(r.firstRowSeconds()) ? "–" : String.format(Locale.ROOT, "%.1f", r.firstRowSeconds()),
                    r.failure() != null ? "FAILED" : String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond()), ratio,
                    percentOfLimit(r, bestLimit(results, r.partitions())), r.cpu().perRows(r.rows()), heapPerTask(r), allocatedPer100k(r),
                    r.failure() != null ? "FAILED: " + r.failure().replace("|", "/") : r.check().replace("|", "/"), r.loadBefore(), r.loadAfter()));
        }
        b.append("\n## Target tables as each sink created them\n");
        Map<String, String> seen = new LinkedHashMap<>();
        for (Result r : results) {
            seen.putIfAbsent(r.sink().startsWith("debezium") ? "debezium (both variants)" : r.isLimit() ? LIMIT + " (created by the benchmark)" : r.sink(), r.ddl());
        }
        seen.forEach((sink, ddl) -> b.append("\n").append(sink).append(":\n\n```sql\n").append(ddl).append("\n```\n"));
        return b.toString();
    }

    private static Result first(List<Result> results, String sink, String format, int partitions) {
        return results.stream().filter(y -> y.sink().equals(sink) && y.format().equals(format) && y.partitions() == partitions).findFirst().orElse(null);
    }

    private static String heapPerTask(Result r) {
        if (r.heap().baseline() < 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%s / %,.0f", r.heap().midRun() < 0 ? "–" : String.format(Locale.ROOT, "%,.0f",
                r.heap().midRunOverBaseline() / 1048576.0 / r.partitions()), r.heap().retainedOverBaseline() / 1048576.0 / r.partitions());
    }

    private static String allocatedPer100k(Result r) {
        return r.heap().allocated() < 0 ? "–" : String.format(Locale.ROOT, "%,.0f", r.heap().allocated() / 1048576.0 / (r.rows() / 100_000.0));
    }

    /** Per sink and format: rows/s at each partition count (tasks.max = partitions), % of the limit, speed-up over 1 task, heap per task. */
    private void scalingAndHeap(StringBuilder b, List<Result> results) {
        if (opt.partitions().size() < 2 && results.stream().noneMatch(r -> r.heap().baseline() >= 0)) {
            return;
        }
        b.append("\n## Scaling and heap per task\n\n");
        b.append("rows/s (% of the limit at that partition count; speed-up over the first partition count), and heap per task in MB: the used "
                + "heap after a full GC when half of the rows are in the target (the run's time excludes that pause) / after a full GC once all "
                + "rows are in (connector still running, tasks idle), each minus the idle baseline (used heap after a full GC just before the "
                + "connector is created), divided by the number of tasks; and MB allocated per 100k rows by the sink's threads (task threads, "
                + "which also run the worker's consumer and converter, and OBKC's writer threads), one figure per partition count.\n\n");
        b.append("| sink | format |");
        opt.partitions().forEach(p -> b.append(" p=").append(p).append(" rows/s |"));
        opt.partitions().forEach(p -> b.append(" p=").append(p).append(" heap/task MB |"));
        b.append(" MB allocated per 100k rows |\n|---|---|").append("---|".repeat(2 * opt.partitions().size() + 1)).append('\n');
        for (String sink : opt.sinks().stream().filter(x -> !x.equals(LIMIT)).distinct().toList()) {
            for (String format : opt.formats()) {
                Result base = first(results, sink, format, opt.partitions().get(0));
                b.append("| ").append(sink).append(" | ").append(format).append(" |");
                List<String> alloc = new ArrayList<>();
                for (int p : opt.partitions()) {
                    Result r = first(results, sink, format, p);
                    b.append(' ').append(r == null || !r.good() ? "–" : String.format(Locale.ROOT, "%,.0f (%s; %.2f×)", r.rowsPerSecond(),
                            percentOfLimit(r, bestLimit(results, p)), base != null && base.good() ? r.rowsPerSecond() / base.rowsPerSecond() : Double.NaN))
                            .append(" |");
                    if (r != null) {
                        alloc.add(allocatedPer100k(r));
                    }
                }
                for (int p : opt.partitions()) {
                    Result r = first(results, sink, format, p);
                    b.append(' ').append(r == null ? "–" : heapPerTask(r)).append(" |");
                }
                b.append(' ').append(String.join(" / ", alloc)).append(" |\n");
            }
        }
    }

    private static String percentOfLimit(Result r, Result limit) {
        return limit == null || !r.good() ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * r.rowsPerSecond() / limit.rowsPerSecond());
    }

    private static double jvmCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    private static Map<Long, Long> threadCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<Long, Long> out = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            out.put(id, Math.max(0, mx.getThreadCpuTime(id)));
        }
        return out;
    }

    /**
     * CPU time the connector's task threads used during the run. Connect names a task's thread task-thread-NAME-N while it
     * runs; the worker's pool reuses threads across connectors, so only the growth since {@code before} counts.
     */
    private static double taskThreadCpuSeconds(String connector, Map<Long, Long> before) {
        return threadCpuSeconds("task-thread-" + connector + "-", before);
    }

    /** CPU time threads whose names start with {@code prefix} used since {@code before}. */
    private static double threadCpuSeconds(String prefix, Map<Long, Long> before) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
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

    private static void say(String s) {
        System.err.println("[bench " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + s);
    }

    // ---------------------------------------------------------------- options

    private static Options parse(String[] args) {
        long rows = 1_000_000;
        List<Integer> partitions = List.of(1);
        List<String> formats = List.of("json");
        List<String> sinks = List.of("obkc", "debezium-rewrite", LIMIT);
        List<Integer> limitRowsPerStatement = List.of(500, 1000, 5000);
        int limitRowsPerTransaction = 5000;
        int maxPoll = 5000;
        int batch = 5000;
        Duration timeout = Duration.ofMinutes(30);
        Path jfr = null;
        Path latest = null;
        Path archive = null;
        int samples = 500;
        boolean keep = false;
        boolean warmup = true;
        int txSize = 0;
        Map<String, String> obkc = new LinkedHashMap<>();
        Map<String, String> dbz = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--rows" -> rows = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
                case "--partitions" -> partitions = splitInts(args[++i]);
                case "--formats" -> formats = List.of(args[++i].split(","));
                case "--sinks" -> sinks = List.of(args[++i].split(","));
                case "--max-poll-records" -> maxPoll = Integer.parseInt(args[++i]);
                case "--batch-size" -> batch = Integer.parseInt(args[++i]);
                case "--timeout-minutes" -> timeout = Duration.ofMinutes(Long.parseLong(args[++i]));
                case "--jfr" -> jfr = Path.of(args[++i]);
                case "--latest" -> latest = Path.of(args[++i]);
                case "--archive" -> archive = Path.of(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                case "--no-warmup" -> warmup = false;
                case "--tx-size" -> txSize = Integer.parseInt(args[++i]);
                case "--limit-rows-per-statement" -> limitRowsPerStatement = splitInts(args[++i]);
                case "--limit-rows-per-transaction" -> limitRowsPerTransaction = Integer.parseInt(args[++i]);
                case "--obkc-prop" -> put(obkc, args[++i]);
                case "--debezium-prop" -> put(dbz, args[++i]);
                case "-h", "--help" -> {
                    System.out.println("""
                            bench/sink/run.sh [options]
                              --rows N                 rows to produce and sink (default 1000000)
                              --partitions 1,4         topic partition counts; tasks.max follows (default 1)
                              --formats json,id        json: JsonConverter with schemas (default); json-cached: the same records read
                                                       by io.obkc.converters.json.SchemaCachingJsonConverter; id: records carry only
                                                       the id and a benchmark converter rebuilds the envelope (sink cost without JSON parsing)
                              --sinks a,b              obkc, obkc-aligned (transaction.aligned.enabled, needs --tx-size), debezium-rewrite (rewriteBatchedStatements=true), debezium (driver defaults),
                                                       jdbc-limit (the target's own limit: the same rows by plain JDBC, no Kafka; once per partition count)
                                                       (default obkc,debezium-rewrite,jdbc-limit; plain debezium takes ~5 min per 1M rows);
                                                       a sink listed twice runs twice, each time with a fresh connector name, consumer group and database;
                                                       a variant with property overrides: SINK@key=value[@key=value...], e.g.
                                                       --sinks obkc,obkc@rows.per.statement=1000 (an A/B of sink settings in one run)
                              --limit-rows-per-statement 500,1000,5000
                                                       jdbc-limit: rows per INSERT ... ON DUPLICATE KEY UPDATE, each tried in turn (default 500,1000,5000);
                                                       the best verified one is the limit
                              --limit-rows-per-transaction N
                                                       jdbc-limit: a commit every N rows (default 5000)
                              --max-poll-records N     consumer.override.max.poll.records for every sink (default 5000)
                              --batch-size N           batch.size of every sink (default 5000)
                              --timeout-minutes N      per sink run (default 30)
                              --jfr DIR                one JFR recording (profile settings) per sink run
                              --obkc-prop k=v          extra OBKC sink property (repeatable)
                              --debezium-prop k=v      extra Debezium JDBC sink property (repeatable)
                              --latest FILE            write the report here too
                              --archive DIR            and a timestamped copy here
                              --samples N              rows compared one by one per target (default 500)
                              --tx-size N              change events (op=c) in source transactions of N rows, with Debezium's transaction
                                                       block and END records on bench.transaction (default 0: snapshot rows, no transactions);
                                                       compare --sinks obkc,obkc-aligned for the cost of transaction.aligned.enabled
                              --no-warmup              skip the warm-up (by default each distinct sink first runs once, unreported, on the
                                                       first topic, so no measured run pays for the JVM's JIT warming up)
                              --keep                   keep each target database (default: dropped after its check;
                                                       all bench_* databases are dropped at start)""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown option " + a + " (see --help)");
            }
        }
        if (txSize > 0 && formats.contains("id")) {
            // The id format's converter rebuilds row envelopes only; the END records of the transaction topic need JSON.
            throw new IllegalArgumentException("--tx-size works with --formats json and json-cached only");
        }
        for (String sink : sinks) {
            String base = baseSink(sink);
            if (!sink.equals(LIMIT) && !base.equals("obkc") && !base.equals("obkc-aligned") && !base.equals("debezium") && !base.equals("debezium-rewrite")) {
                throw new IllegalArgumentException("Unknown sink " + sink + " (see --help)");
            }
        }
        return new Options(rows, formats, partitions, sinks, maxPoll, batch, timeout, jfr, latest, archive, obkc, dbz, samples, keep, txSize,
                limitRowsPerStatement, limitRowsPerTransaction, warmup);
    }

    private static List<Integer> splitInts(String s) {
        List<Integer> out = new ArrayList<>();
        for (String p : s.split(",")) {
            out.add(Integer.parseInt(p.trim()));
        }
        return out;
    }

    private static void put(Map<String, String> m, String kv) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("Expected key=value, got " + kv);
        }
        m.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
}
