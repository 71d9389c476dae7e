package io.obkc.dev;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * The "everything on an embedded default" development cluster: in one JVM, a single-node KRaft
 * Kafka broker (Kafka's own {@link KafkaRaftServer}, storage formatted by Kafka's {@link StorageTool}
 * exactly as {@code kafka-storage.sh format} does) and a real distributed Kafka Connect worker
 * ({@link ConnectDistributed}), with every internal topic at replication factor 1.
 *
 * <p>Plugins are loaded from {@code plugin.path} (isolated class loaders, {@code plugin.discovery=service_load}),
 * never from this launcher's class path, which holds only Kafka. Start it with {@code scripts/run-dev.sh}, or:
 *
 * <pre>
 * java -cp 'packaging/dev-launcher/target/obkc-dev-launcher-VERSION.jar:packaging/dev-launcher/target/lib/*' \
 *     io.obkc.dev.DevConnectCluster --plugin-path packaging/target/plugin
 * </pre>
 *
 * Data (broker log, Connect's config/offset/status topics) lives under {@code --data-dir}
 * ({@code ./.dev-cluster} by default) and survives restarts: connectors created through the REST API
 * come back on the next start. Delete the directory for a clean slate. Ctrl-C stops both cleanly.
 */
public final class DevConnectCluster implements AutoCloseable {

    /** Settings; each has a command line option and a system property ({@code -Dobkc.dev.kafka.port=...}). */
    public static final class Options {
        public Path dataDir = Paths.get(System.getProperty("obkc.dev.data.dir", ".dev-cluster"));
        public Path pluginPath = Paths.get(System.getProperty("obkc.dev.plugin.path", "packaging/target/plugin"));
        public String host = System.getProperty("obkc.dev.host", "localhost");
        public int kafkaPort = Integer.getInteger("obkc.dev.kafka.port", 9092);
        public int controllerPort = Integer.getInteger("obkc.dev.controller.port", 9093);
        public int restPort = Integer.getInteger("obkc.dev.rest.port", 8083);
        /** Extra or overriding worker settings ({@code --worker key=value}). */
        public final Map<String, String> workerProps = new LinkedHashMap<>();
        /** Extra or overriding broker settings ({@code --broker key=value}). */
        public final Map<String, String> brokerProps = new LinkedHashMap<>();
        public Duration startTimeout = Duration.ofSeconds(Long.getLong("obkc.dev.start.timeout.seconds", 120));
        /** Start the embedded broker ({@code --no-broker} turns it off: the worker joins {@link #bootstrapServers}). */
        public boolean runBroker = true;
        /** Start the Connect worker ({@code --no-worker} turns it off: a broker-only process). */
        public boolean runWorker = true;
        /** The broker a worker-only process joins ({@code --bootstrap-servers}); null: this process's own broker. */
        public String bootstrapServers;
    }

    static final String USAGE = String.join("\n",
            "Usage: DevConnectCluster [options]",
            "  --data-dir DIR          broker and worker state (default ./.dev-cluster); delete it for a clean slate",
            "  --plugin-path DIR       Connect plugin.path (default packaging/target/plugin)",
            "  --host HOST             host to listen on and advertise (default localhost)",
            "  --kafka-port N          broker listener (default 9092)",
            "  --controller-port N     KRaft controller listener (default 9093)",
            "  --rest-port N           Connect REST API (default 8083)",
            "  --worker KEY=VALUE      extra Connect worker setting (repeatable)",
            "  --broker KEY=VALUE      extra broker setting (repeatable)",
            "  --no-broker             worker only: join the broker at --bootstrap-servers (one process per worker,",
            "                          so a worker can be killed while the broker lives on)",
            "  --bootstrap-servers H:P the broker a --no-broker worker joins (default HOST:KAFKA-PORT)",
            "  --no-worker             broker only: no Connect worker in this process",
            "  --help");

    private final Options options;
    private final Path dataDir;
    private final Path pluginPath;
    private KafkaRaftServer broker;
    private Connect<DistributedHerder> connect;
    private boolean closed;

    private DevConnectCluster(Options options) {
        this.options = options;
        this.dataDir = options.dataDir.toAbsolutePath().normalize();
        this.pluginPath = options.pluginPath.toAbsolutePath().normalize();
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (o == null) {
            System.out.println(USAGE);
            return;
        }
        // The log file goes under the data directory; set before anything initialises Log4j.
        System.setProperty("obkc.dev.log.dir", o.dataDir.toAbsolutePath().normalize().resolve("logs").toString());
        DevConnectCluster cluster = new DevConnectCluster(o);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("[obkc-dev] stopping (Connect worker, then broker)...");
            cluster.close();
            System.out.println("[obkc-dev] stopped.");
            stopped.countDown();
            org.apache.logging.log4j.LogManager.shutdown();
        }, "obkc-dev-shutdown"));
        try {
            cluster.startAll();
        } catch (Exception e) {
            System.err.println("[obkc-dev] FAILED to start: " + e);
            System.err.println("[obkc-dev] details in " + cluster.dataDir.resolve("logs/dev-cluster.log"));
            System.exit(1);
        }
        cluster.printReady();
        stopped.await();
    }

    /** Starts the broker and the worker and waits until the REST API answers. */
    public static DevConnectCluster start(Options options) throws Exception {
        DevConnectCluster c = new DevConnectCluster(options);
        try {
            c.startAll();
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
        return c;
    }

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return null;
            }
            if (a.equals("--no-broker")) {
                o.runBroker = false;
                continue;
            }
            if (a.equals("--no-worker")) {
                o.runWorker = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--data-dir":
                    o.dataDir = Paths.get(v);
                    break;
                case "--plugin-path":
                    o.pluginPath = Paths.get(v);
                    break;
                case "--host":
                    o.host = v;
                    break;
                case "--kafka-port":
                    o.kafkaPort = Integer.parseInt(v);
                    break;
                case "--controller-port":
                    o.controllerPort = Integer.parseInt(v);
                    break;
                case "--rest-port":
                    o.restPort = Integer.parseInt(v);
                    break;
                case "--worker":
                    putKeyValue(o.workerProps, a, v);
                    break;
                case "--broker":
                    putKeyValue(o.brokerProps, a, v);
                    break;
                case "--bootstrap-servers":
                    o.bootstrapServers = v;
                    break;
                default:
                    throw new IllegalArgumentException("Unknown option " + a);
            }
        }
        if (!o.runBroker && !o.runWorker) {
            throw new IllegalArgumentException("--no-broker and --no-worker together leave nothing to run");
        }
        if (o.runBroker && o.bootstrapServers != null) {
            throw new IllegalArgumentException("--bootstrap-servers names another broker: use it with --no-broker");
        }
        return o;
    }

    private static void putKeyValue(Map<String, String> into, String option, String kv) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " expects KEY=VALUE, got " + kv);
        }
        into.put(kv.substring(0, eq), kv.substring(eq + 1));
    }

    public String bootstrapServers() {
        return options.bootstrapServers != null ? options.bootstrapServers : options.host + ":" + options.kafkaPort;
    }

    public URI restUrl() {
        return URI.create("http://" + options.host + ":" + options.restPort + "/");
    }

    public Path pluginPath() {
        return pluginPath;
    }

    public Path dataDir() {
        return dataDir;
    }

    private void startAll() throws Exception {
        if (options.runWorker) {
            checkPluginPath();
        }
        Files.createDirectories(dataDir.resolve("logs"));
        if (options.runBroker) {
            startBroker();
        }
        if (options.runWorker) {
            startWorker();
        }
    }

    private void checkPluginPath() {
        if (!Files.isDirectory(pluginPath.resolve("obkc-oceanbase-connect/lib"))) {
            throw new IllegalStateException("plugin.path " + pluginPath + " has no obkc-oceanbase-connect/lib: build the bundle first "
                    + "(./mvnw -B -DskipTests package -pl packaging/dev-launcher -am) or pass --plugin-path");
        }
    }

    // ------------------------------------------------------------------ broker

    Map<String, String> brokerProps() {
        String hp = options.host;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + hp + ":" + options.controllerPort);
        p.put("listeners", "PLAINTEXT://" + hp + ":" + options.kafkaPort + ",CONTROLLER://" + hp + ":" + options.controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + hp + ":" + options.kafkaPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("kafka").toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Rows with large LOBs: Kafka's 1 MB default refuses a Debezium event carrying a 1 MB LONGTEXT. The worker's
        // producer.max.request.size below matches; docs/operations.md lists the settings for a real cluster.
        p.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        p.put("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        p.putAll(options.brokerProps);
        return p;
    }

    private void startBroker() throws Exception {
        Map<String, String> props = brokerProps();
        Path config = dataDir.resolve("config/server.properties");
        writeProperties(config, props, "Broker settings of the OBKC dev cluster (rewritten at every start).");

        // A new data directory is formatted as `kafka-storage.sh format -t <new id> -c server.properties` does;
        // an existing one (meta.properties present) keeps its cluster id, topics and connectors.
        Path meta = Paths.get(props.get("log.dirs"), "meta.properties");
        if (Files.exists(meta)) {
            System.out.println("[obkc-dev] storage: reusing " + meta.getParent());
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int rc;
            try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
                rc = StorageTool.execute(new String[] {"format", "--config", config.toString(),
                    "--cluster-id", Uuid.randomUuid().toString()}, ps);
            }
            String formatOutput = out.toString(StandardCharsets.UTF_8).trim();
            if (rc != 0) {
                throw new IllegalStateException("Formatting " + props.get("log.dirs") + " failed (" + rc + "): " + formatOutput);
            }
            System.out.println("[obkc-dev] storage: " + formatOutput.replace('\n', ' '));
        }

        Properties kp = new Properties();
        kp.putAll(props);
        broker = new KafkaRaftServer(KafkaConfig.fromProps(kp), Time.SYSTEM);
        broker.startup();

        // The broker is usable once it answers a metadata request.
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin a = Admin.create(admin)) {
            a.describeCluster().nodes().get(options.startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // ------------------------------------------------------------------ worker

    /** Largest record the dev cluster carries: 64 MiB, room for a row with several large LOBs. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    Map<String, String> workerProps() {
        Map<String, String> w = new LinkedHashMap<>();
        w.put("bootstrap.servers", bootstrapServers());
        w.put("group.id", "obkc-dev");
        w.put("config.storage.topic", "obkc-dev-configs");
        w.put("offset.storage.topic", "obkc-dev-offsets");
        w.put("status.storage.topic", "obkc-dev-status");
        w.put("config.storage.replication.factor", "1");
        w.put("offset.storage.replication.factor", "1");
        w.put("status.storage.replication.factor", "1");
        w.put("offset.storage.partitions", "5");
        w.put("status.storage.partitions", "1");
        w.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        w.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        // JsonConverter's default (true) writes and reads a NULL as the column's DEFAULT: UPDATE t SET c=NULL would
        // arrive as c=<default>. Off, a NULL stays NULL both ways (see docs/operations.md).
        w.put("key.converter.replace.null.with.default", "false");
        w.put("value.converter.replace.null.with.default", "false");
        w.put("producer.max.request.size", String.valueOf(MAX_MESSAGE_BYTES));
        // Connect's source producer keeps one request in flight (for ordering), so records per request bound a
        // source's rate; Kafka's 16 KB batch holds two or three Debezium JSON events (docs/operations.md).
        w.put("producer.batch.size", "262144");
        w.put("producer.linger.ms", "5");
        w.put("listeners", "http://" + options.host + ":" + options.restPort);
        w.put("rest.advertised.host.name", options.host);
        w.put("rest.advertised.port", String.valueOf(options.restPort));
        w.put("plugin.path", pluginPath.toString());
        // Every plugin in the bundle and Debezium's ship META-INF/services manifests: no class path scan.
        w.put("plugin.discovery", "service_load");
        // Lets connectors set consumer.override.* (for example max.poll.records) and producer.override.*.
        w.put("connector.client.config.override.policy", "All");
        // Dev-friendly: commit sink offsets every 10 s (default 60 s) and let topics.regex
        // subscriptions see new topics within 5 s (default: 5 minutes).
        w.put("offset.flush.interval.ms", "10000");
        w.put("consumer.metadata.max.age.ms", "5000");
        w.put("topic.creation.enable", "true");
        w.putAll(options.workerProps);
        return w;
    }

    private void startWorker() throws Exception {
        Map<String, String> props = workerProps();
        writeProperties(dataDir.resolve("config/connect-distributed.properties"), props,
                "Connect worker settings of the OBKC dev cluster (rewritten at every start).");
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        // Connect would add its own JVM shutdown hook, which would stop the worker in parallel with the
        // launcher's hook stopping the broker: the worker's last offset commits would then hit a broker
        // that is going away. close() stops the worker first, then the broker, so Connect's hook is not added.
        Exit.setShutdownHookAdder((name, runnable) -> { });
        try {
            // ConnectDistributed.startConnect: the same code path as connect-distributed.sh.
            connect = new ConnectDistributed().startConnect(props);
        } finally {
            Exit.resetShutdownHookAdder();
            // startConnect swaps in Connect's delegating loader; give the caller's thread its own back.
            current.setContextClassLoader(before);
        }
        awaitRest();
    }

    private void awaitRest() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(restUrl().resolve("connectors")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + options.startTimeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            // Polling a server that is starting: a short pause between attempts is the only option.
            Thread.sleep(200);
        }
        throw new IllegalStateException("Connect REST API at " + restUrl() + " not ready within " + options.startTimeout + ": " + last);
    }

    /** The connector, converter and transform classes the worker loaded from plugin.path. */
    public List<String> loadedPlugins() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(restUrl().resolve("connector-plugins?connectorsOnly=false")).GET().build();
        String body = http.send(req, HttpResponse.BodyHandlers.ofString()).body();
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"class\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The example files hard-code the default broker address for Debezium's schema history; that is substituted when the broker listens elsewhere. */
    static final String EXAMPLES_BOOTSTRAP = "localhost:9092";

    /** The banner's suggested commands, runnable as printed against this cluster's REST port and broker address. */
    static List<String> tryLines(String rest, String bootstrap) {
        String source = EXAMPLES_BOOTSTRAP.equals(bootstrap)
                ? "curl -s -X POST -H 'Content-Type: application/json' --data @examples/mariadb-source.json " + rest + "/connectors"
                : "sed 's/" + EXAMPLES_BOOTSTRAP + "/" + bootstrap + "/' examples/mariadb-source.json | "
                        + "curl -s -X POST -H 'Content-Type: application/json' --data @- " + rest + "/connectors";
        return List.of(
            "[obkc-dev] Try (from the repository root):",
            "[obkc-dev]   curl -s " + rest + "/connector-plugins",
            "[obkc-dev]   " + source,
            "[obkc-dev]   curl -s -X POST -H 'Content-Type: application/json' --data @examples/oceanbase-sink.json " + rest + "/connectors",
            "[obkc-dev]   curl -s " + rest + "/connectors?expand=status",
            "[obkc-dev] A whole migration project instead: obkc-migrate start --project <file> (docs/migration-guide.md).",
            "[obkc-dev] Ctrl-C stops the worker and the broker.",
            "");
    }

    private void printReady() throws IOException, InterruptedException {
        if (!options.runWorker) {
            System.out.println("\n[obkc-dev] READY (broker only)");
            System.out.println("[obkc-dev]   Kafka (KRaft, 1 node)     : " + bootstrapServers());
            System.out.println("[obkc-dev]   data dir                  : " + dataDir);
            return;
        }
        List<String> ours = new ArrayList<>();
        for (String c : loadedPlugins()) {
            if (c.startsWith("io.obkc.") || c.startsWith("io.debezium.connector.")) {
                ours.add(c);
            }
        }
        String rest = "http://" + options.host + ":" + options.restPort;
        String[] lines = {
            "",
            options.runBroker ? "[obkc-dev] READY" : "[obkc-dev] READY (worker only)",
            (options.runBroker ? "[obkc-dev]   Kafka (KRaft, 1 node)     : " : "[obkc-dev]   Kafka (joined)            : ") + bootstrapServers(),
            "[obkc-dev]   Kafka Connect REST        : " + rest,
            "[obkc-dev]   plugin.path               : " + pluginPath,
            "[obkc-dev]   data dir                  : " + dataDir + "   (delete for a clean slate)",
            "[obkc-dev]   log file                  : " + dataDir.resolve("logs/dev-cluster.log"),
            "[obkc-dev]   plugins loaded            : " + ours.size() + " io.obkc / Debezium connector classes"
        };
        List<String> tryLines = tryLines(rest, bootstrapServers());
        for (String l : lines) {
            System.out.println(l);
        }
        for (String c : ours) {
            System.out.println("[obkc-dev]     " + c);
        }
        for (String l : tryLines) {
            System.out.println(l);
        }
    }

    private static void writeProperties(Path file, Map<String, String> props, String comment) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# " + comment + "\n");
            for (Map.Entry<String, String> e : new TreeMap<>(props).entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }
    }

    /** Stops the worker, then the broker; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (connect != null) {
            try {
                connect.stop();
                connect.awaitStop();
            } catch (RuntimeException e) {
                System.err.println("[obkc-dev] error stopping the Connect worker: " + e);
            }
        }
        if (broker != null) {
            try {
                broker.shutdown();
                broker.awaitShutdown();
            } catch (RuntimeException e) {
                System.err.println("[obkc-dev] error stopping the broker: " + e);
            }
        }
    }
}
