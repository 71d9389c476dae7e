package io.obkc.rocketmq.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.obkc.rocketmq.RocketMqSinkConnector;
import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * End to end on real servers: MariaDB → Debezium's MariaDB connector → Kafka (in-JVM KRaft) → RocketMqSinkConnector in
 * a real Connect worker → a RocketMQ 5 name server and broker in this JVM → the tests' own RocketMQ consumer, which
 * checks every row change, in order per key, in the OMS Default, Canal and Debezium JSON formats.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RocketMq5SinkIT {
    private static final String DB = "rmq5_src";
    private static final String PREFIX = "rmq5";
    private static final String SOURCE = "rmq5-mariadb-source";
    private static final String DATA_TOPICS = "rmq5\\.rmq5_src\\..*";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int IDS = 30;
    private static final int VERSIONS = 5;
    private static final int DELETED = 5;

    private static RocketMqCluster rocketmq;
    private static RocketMqTestClient client;
    private static ConnectTestBed connect;
    private static DatabaseEndpoint mariadb;

    @BeforeAll
    static void start() throws Exception {
        mariadb = TestBed.mysql();
        // The broker takes tens of seconds to start on a loaded machine: start it while Kafka and Connect start.
        CompletableFuture<InJvmRocketMq5> broker = CompletableFuture.supplyAsync(() -> {
            try {
                return InJvmRocketMq5.start("sink-it");
            } catch (Exception e) {
                throw new IllegalStateException("RocketMQ 5 did not start", e);
            }
        });
        connect = ConnectTestBed.start("rmq5");
        rocketmq = broker.join();
        client = new RocketMqTestClient(rocketmq);
        for (String t : List.of("rmq5_default", "rmq5_canal", "rmq5_src_items", "rmq5_src_restart_items", "rmq5_raw", "rmq5_plugin_cp")) {
            client.createTopic(t, 4);
        }
        mariadb.recreateDatabase(DB);
        mariadb.execute("USE " + DB,
                "CREATE TABLE items (id INT PRIMARY KEY, v INT NOT NULL, note VARCHAR(64))",
                "CREATE TABLE restart_items (id INT PRIMARY KEY, v INT NOT NULL)");
        StringBuilder rows = new StringBuilder();
        for (int id = 1; id <= IDS; id++) {
            rows.append(id == 1 ? "" : ",").append("(").append(id).append(", 0, 'row ").append(id).append("')");
        }
        mariadb.execute("USE " + DB, "INSERT INTO items VALUES " + rows); // snapshot rows
        connect.putConnector(SOURCE, Pipelines.mariadbSource(mariadb, connect.bootstrapServers(), PREFIX, DB));
        connect.awaitRunning(SOURCE, TIMEOUT);
        connect.putConnector("rmq5-default", Pipelines.rocketMqSink(rocketmq, DATA_TOPICS, "rmq5_default", "io.obkc.converters.OmsDefaultConverter"));
        connect.putConnector("rmq5-canal", Pipelines.rocketMqSink(rocketmq, DATA_TOPICS, "rmq5_canal", "io.obkc.converters.CanalConverter"));
        Map<String, String> json = Pipelines.rocketMqSink(rocketmq, DATA_TOPICS, "${database}_${table}", "org.apache.kafka.connect.json.JsonConverter");
        json.put("rocketmq.value.converter.schemas.enable", "false");
        connect.putConnector("rmq5-json", json);
        for (String c : List.of("rmq5-default", "rmq5-canal", "rmq5-json")) {
            connect.awaitRunning(c, TIMEOUT);
        }
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.close();
        }
        if (client != null) {
            client.close();
        }
        if (rocketmq != null) {
            rocketmq.close();
        }
    }

    @Test
    @Order(1)
    void everyRowArrivesOnceInOrderPerKeyInEachFormat() throws Exception {
        for (int v = 1; v <= VERSIONS; v++) {
            mariadb.execute("USE " + DB, "UPDATE items SET v = " + v); // one statement, many rows: one binlog event
        }
        mariadb.execute("USE " + DB, "DELETE FROM items WHERE id <= " + DELETED);
        Map<String, List<RowEvent>> expected = Pipelines.expected(IDS, VERSIONS, DELETED);
        int total = IDS * (VERSIONS + 1) + DELETED;

        assertDelivered("rmq5_default", RowEvent.Format.OMS_DEFAULT, "items", expected, total);
        assertDelivered("rmq5_canal", RowEvent.Format.CANAL, "items", expected, total);
        // Topic from the template ${database}_${table}.
        assertDelivered("rmq5_src_items", RowEvent.Format.DEBEZIUM_JSON, "items", expected, total);
    }

    private static void assertDelivered(String topic, RowEvent.Format format, String table, Map<String, List<RowEvent>> expected,
            int total) {
        Awaitility.await(total + " messages of " + table + " on " + topic).atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    connect.assertNoFailedTasks("rmq5-default");
                    return DeliveryCheck.count(DeliveryCheck.byKey(client.readAll(topic), table, format)) >= total;
                });
        try {
            DeliveryCheck.assertExactly(DeliveryCheck.byKey(client.readAll(topic), table, format), expected);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        System.err.printf("[rocketmq] %s: %d changes of %d keys read from topic %s, each key in order in one queue%n",
                format, total, expected.size(), topic);
    }

    @Test
    @Order(2)
    void brokerRestartMidStreamLosesNothing() throws Exception {
        int ids = 10;
        StringBuilder rows = new StringBuilder();
        for (int id = 1; id <= ids; id++) {
            rows.append(id == 1 ? "" : ",").append("(").append(id).append(", 0)");
        }
        mariadb.execute("USE " + DB, "INSERT INTO restart_items VALUES " + rows);
        int versions = 0;
        for (; versions < 3; ) {
            mariadb.execute("USE " + DB, "UPDATE restart_items SET v = " + (++versions));
        }
        long t0 = System.nanoTime();
        rocketmq.stopBroker();
        // Changes made while the broker is down wait in Kafka; the sink retries them.
        for (; versions < 6; ) {
            mariadb.execute("USE " + DB, "UPDATE restart_items SET v = " + (++versions));
        }
        rocketmq.startBroker();
        // The broker registers its routes again after it starts; consumers see the topics once it has.
        for (String t : List.of("rmq5_default", "rmq5_canal", "rmq5_src_restart_items", "rmq5_raw")) {
            client.awaitRoute(t, 4);
        }
        System.err.printf("[rocketmq] broker down and up again (routes back) in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        for (; versions < 9; ) {
            mariadb.execute("USE " + DB, "UPDATE restart_items SET v = " + (++versions));
        }
        Map<String, List<RowEvent>> expected = Pipelines.expected(ids, versions, 0);
        for (var f : List.of(Map.entry("rmq5_default", RowEvent.Format.OMS_DEFAULT), Map.entry("rmq5_canal", RowEvent.Format.CANAL),
                Map.entry("rmq5_src_restart_items", RowEvent.Format.DEBEZIUM_JSON))) {
            int total = ids * (versions + 1);
            Awaitility.await("all changes of restart_items on " + f.getKey()).atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        for (String c : List.of("rmq5-default", "rmq5-canal", "rmq5-json")) {
                            connect.assertNoFailedTasks(c);
                        }
                        Map<String, List<RowEvent>> got = DeliveryCheck.byKey(client.readAll(f.getKey()), "restart_items", f.getValue());
                        return got.values().stream().mapToLong(l -> l.stream().distinct().count()).sum() >= total;
                    });
            int repeats = DeliveryCheck.assertAtLeastOnceInOrder(
                    DeliveryCheck.byKey(client.readAll(f.getKey()), "restart_items", f.getValue()), expected);
            System.err.printf("[rocketmq] %s after a broker restart: all %d changes in order per key, %d repeated (at least once)%n",
                    f.getValue(), total, repeats);
        }
    }

    @Test
    @Order(3)
    void missingTopicFailsTheTaskNamingTopicAndNameServer() throws Exception {
        // A template's topics are known only per record, so validation lets it through; the first record fails the task.
        Map<String, String> c = Pipelines.rocketMqSink(rocketmq, DATA_TOPICS, "${table}_no_such_topic", "org.apache.kafka.connect.json.JsonConverter");
        c.put("rocketmq.send.retries", "1");
        c.put("rocketmq.retry.backoff.ms", "100");
        connect.putConnector("rmq5-missing-topic", c);
        String trace = awaitFailedTask("rmq5-missing-topic");
        assertThat(trace).contains("'items_no_such_topic' does not exist").contains(rocketmq.namesrvAddr());
        connect.deleteConnector("rmq5-missing-topic");

        // A fixed topic is checked before the connector is created.
        Map<String, String> fixed = Pipelines.rocketMqSink(rocketmq, DATA_TOPICS, "rmq5_no_such_topic", "org.apache.kafka.connect.json.JsonConverter");
        assertThatThrownBy(() -> connect.putConnector("rmq5-missing-fixed-topic", fixed))
                .hasMessageContaining("RocketMQ topic 'rmq5_no_such_topic' does not exist on name server " + rocketmq.namesrvAddr());
    }

    @Test
    @Order(4)
    void validateReportsUnreachableNameServerAndMissingTopicOnTheirFields() {
        RocketMqSinkConnector connector = new RocketMqSinkConnector();
        Map<String, String> good = new HashMap<>(Map.of("connector.class", RocketMqSinkConnector.class.getName(),
                "topics", "t", "rocketmq.namesrv.addr", rocketmq.namesrvAddr(), "rocketmq.topic", "rmq5_default"));
        assertThat(errors(connector.validate(good))).as("errors of a good configuration").isEmpty();

        Map<String, String> noTopic = new HashMap<>(good);
        noTopic.put("rocketmq.topic", "rmq5_absent");
        assertThat(errors(connector.validate(noTopic))).containsOnlyKeys("rocketmq.topic");
        assertThat(errors(connector.validate(noTopic)).get("rocketmq.topic").get(0)).contains("rmq5_absent").contains("does not exist");

        Map<String, String> template = new HashMap<>(good);
        template.put("rocketmq.topic", "${database}_${table}");
        assertThat(errors(connector.validate(template))).as("a template's topics are only known per record").isEmpty();

        Map<String, String> noNamesrv = new HashMap<>(good);
        noNamesrv.put("rocketmq.namesrv.addr", "127.0.0.1:" + FreePorts.one());
        Map<String, List<String>> e = errors(connector.validate(noNamesrv));
        assertThat(e).containsOnlyKeys("rocketmq.namesrv.addr");
        assertThat(e.get("rocketmq.namesrv.addr").get(0)).contains("not reachable").contains(noNamesrv.get("rocketmq.namesrv.addr"));

        Map<String, String> halfAcl = new HashMap<>(good);
        halfAcl.put("rocketmq.access.key", "ak");
        // Reported on the field still to fill in.
        assertThat(errors(connector.validate(halfAcl))).containsOnlyKeys("rocketmq.secret.key");
    }

    private static Map<String, List<String>> errors(Config config) {
        Map<String, List<String>> out = new HashMap<>();
        for (ConfigValue v : config.configValues()) {
            if (!v.errorMessages().isEmpty()) {
                out.put(v.name(), v.errorMessages());
            }
        }
        return out;
    }

    /**
     * The task on the plugin's runtime class path alone (what ships, target/plugin-runtime.classpath) plus what the
     * worker provides, in a fresh JVM: a jar left out of the plugin that the client needs fails here.
     */
    @Test
    @Order(5)
    void taskRunsOnThePluginsOwnClassPath() throws Exception {
        Path target = Path.of("target");
        String cp = String.join(File.pathSeparator, target.resolve("classes").toString(), target.resolve("test-classes").toString(),
                Files.readString(target.resolve("plugin-runtime.classpath")).trim(),
                Files.readString(target.resolve("worker-provided.classpath")).trim());
        Path log = target.resolve("plugin-classpath-probe.out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Duser.home=" + target.toAbsolutePath(), "-cp", cp, PluginClasspathProbe.class.getName(),
                rocketmq.namesrvAddr(), "rmq5_plugin_cp").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe did not finish in 120 s; output in " + log.toAbsolutePath());
        }
        assertThat(p.exitValue()).as("probe exit code; output:%n%s", Files.readString(log)).isZero();
        List<RocketMqTestClient.Read> got = client.readAll("rmq5_plugin_cp");
        assertThat(got).hasSize(1);
        assertThat(got.get(0).body()).isEqualTo("plugin class path works");
        assertThat(got.get(0).tags()).isEqualTo("probe_table");
        assertThat(got.get(0).keys()).isEqualTo("7");
    }

    /** Last: it stops the broker for good. */
    @Test
    @Order(6)
    void brokerDownFailsTheTaskNamingTopicAndNameServer() throws Exception {
        Map<String, String> c = Pipelines.rocketMqSink(rocketmq, "rmq5-raw", "rmq5_raw", "org.apache.kafka.connect.json.JsonConverter");
        c.remove("topics.regex");
        c.put("topics", "rmq5-raw");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "false");
        c.put("rocketmq.value.converter.schemas.enable", "false");
        c.put("rocketmq.send.retries", "2");
        c.put("rocketmq.retry.backoff.ms", "200");
        c.put("rocketmq.send.timeout.ms", "1000");
        connect.putConnector("rmq5-down", c);
        connect.awaitRunning("rmq5-down", TIMEOUT);
        connect.produce("rmq5-raw", "k1".getBytes(StandardCharsets.UTF_8), "{\"id\":1}".getBytes(StandardCharsets.UTF_8));
        Awaitility.await("first raw record delivered").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> client.readAll("rmq5_raw").size() == 1);
        rocketmq.stopBroker();
        connect.produce("rmq5-raw", "k2".getBytes(StandardCharsets.UTF_8), "{\"id\":2}".getBytes(StandardCharsets.UTF_8));
        String trace = awaitFailedTask("rmq5-down");
        assertThat(trace).contains("rmq5_raw").contains(rocketmq.namesrvAddr()).contains("Could not deliver");
    }

    private static String awaitFailedTask(String connector) {
        return Awaitility.await(connector + " task FAILED").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                // Only "no status yet" for a connector just created; an assertion or other error ends the wait.
                .ignoreExceptionsInstanceOf(ConnectRestException.class)
                .until(() -> {
                    ConnectorStateInfo s = connect.status(connector);
                    return s.tasks().stream().filter(t -> "FAILED".equals(t.state())).map(ConnectorStateInfo.TaskState::trace)
                            .findFirst().orElse(null);
                }, t -> t != null);
    }
}
