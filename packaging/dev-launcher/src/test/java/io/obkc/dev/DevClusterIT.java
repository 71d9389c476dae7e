package io.obkc.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.SqlAssertions;
import io.obkc.testing.TestBed;

/**
 * The README's path, end to end: {@link DevConnectCluster} (KRaft broker + distributed worker in one
 * process, plugins from plugin.path only), the two files in examples/ POSTed to its REST API as they
 * are except for endpoints and the database name, rows inserted, updated and deleted in MariaDB, and
 * the same rows awaited in OceanBase (seekdb).
 */
class DevClusterIT {
    static final String DB = "demo_pkg";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    static DevConnectCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        DevConnectCluster.Options o = new DevConnectCluster.Options();
        o.dataDir = dataDir;
        o.pluginPath = PluginBundleTest.PLUGIN_PATH;
        o.host = "127.0.0.1";
        o.kafkaPort = freePort();
        o.controllerPort = freePort();
        o.restPort = freePort();
        cluster = DevConnectCluster.start(o);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void workerLoadsTheBundleAndDebeziumFromPluginPath() throws Exception {
        assertThat(cluster.loadedPlugins()).contains("io.obkc.sink.OceanBaseSinkConnector",
                "io.obkc.converters.OmsDefaultConverter", "io.obkc.converters.CanalConverter",
                "io.debezium.connector.mariadb.MariaDbConnector", "io.debezium.connector.postgresql.PostgresConnector");
        JsonNode plugins = JSON.readTree(get("connector-plugins").body());
        JsonNode sink = null;
        for (JsonNode p : plugins) {
            if (p.get("class").asText().equals("io.obkc.sink.OceanBaseSinkConnector")) {
                sink = p;
            }
        }
        assertThat(sink).isNotNull();
        assertThat(sink.get("type").asText()).isEqualTo("sink");
        assertThat(sink.get("version").asText()).isNotEqualTo("unknown");
    }

    /**
     * The OceanBase source connector (with its bundled Debezium MySQL connector for binlog mode) and the RocketMQ sink (with
     * the RocketMQ client, Netty, fastjson2, ...) load and run from the plugin directory alone: listed, and their validate()
     * reaches their own checks (a JDBC login, a name server lookup) and answers with errors on the right fields, not with a
     * class-loading failure. No RocketMQ broker: the name server address points at a closed port.
     */
    @Test
    void newConnectorsLoadFromThePluginDirectoryAndValidate() throws Exception {
        assertThat(cluster.loadedPlugins()).contains("io.obkc.source.OceanBaseSourceConnector", "io.obkc.rocketmq.RocketMqSinkConnector");
        List<String> listed = new java.util.ArrayList<>();
        JSON.readTree(get("connector-plugins").body()).forEach(p -> listed.add(p.get("class").asText() + " " + p.get("type").asText()));
        assertThat(listed).contains("io.obkc.source.OceanBaseSourceConnector source", "io.obkc.rocketmq.RocketMqSinkConnector sink");

        String closedNameServer = "127.0.0.1:" + freePort();
        JsonNode rocketmq = validate("io.obkc.rocketmq.RocketMqSinkConnector", Map.of("topics", "pkg_it_orders",
                "rocketmq.namesrv.addr", closedNameServer, "rocketmq.topic", "pkg_it_orders", "rocketmq.producer.group", "pkg_it_group"));
        assertThat(errors(rocketmq, "rocketmq.namesrv.addr")).as("validate: %s", rocketmq).singleElement().asString().contains(closedNameServer);

        // changelog mode on seekdb: the login succeeds (the plugin's own JDBC driver), the include list selects nothing.
        DatabaseEndpoint ob = TestBed.oceanbase();
        JsonNode changelog = validate("io.obkc.source.OceanBaseSourceConnector", Map.of("database.hostname", ob.host(),
                "database.port", String.valueOf(ob.port()), "database.user", ob.user(), "database.password", ob.password(),
                "topic.prefix", "pkg_it_src", "table.include.list", "pkg_it_no_such_db.no_such_table"));
        assertThat(errors(changelog, "table.include.list")).as("validate: %s", changelog).singleElement().asString().contains("selects no table");

        // binlog mode (Debezium's MySQL connector, bundled) against MariaDB, the test bed's stand-in: a wrong password is named
        // on database.user, and never shown.
        DatabaseEndpoint mysql = TestBed.mysql();
        Map<String, String> binlog = new java.util.HashMap<>(Map.of("capture.mode", "binlog", "database.hostname", mysql.host(),
                "database.port", String.valueOf(mysql.port()), "database.user", mysql.user(), "database.password", "pkg-it-wrong-pw-7",
                "database.server.id", "5931", "topic.prefix", "pkg_it_binlog"));
        binlog.putAll(Map.of("schema.history.internal.kafka.bootstrap.servers", cluster.bootstrapServers(),
                "schema.history.internal.kafka.topic", "pkg_it_binlog_history", "oceanbase.show.ddl.in.compat.mode", "false"));
        JsonNode binlogResult = validate("io.obkc.source.OceanBaseSourceConnector", binlog);
        assertThat(errors(binlogResult, "database.user")).as("validate: %s", binlogResult).singleElement().asString()
                .contains("Cannot log in").doesNotContain("pkg-it-wrong-pw-7");
    }

    static JsonNode validate(String connectorClass, Map<String, String> config) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("connector.class", connectorClass);
        body.put("name", "pkg-it-validate");
        config.forEach(body::put);
        String simpleName = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
        HttpRequest req = HttpRequest.newBuilder(cluster.restUrl().resolve("connector-plugins/" + simpleName + "/config/validate"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("validate %s: %s", connectorClass, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The error messages validate returned for one field (fails if the field is not in the answer). */
    static List<String> errors(JsonNode validation, String field) {
        for (JsonNode c : validation.get("configs")) {
            if (c.get("value").get("name").asText().equals(field)) {
                List<String> out = new java.util.ArrayList<>();
                c.get("value").get("errors").forEach(e -> out.add(e.asText()));
                return out;
            }
        }
        throw new AssertionError("no field " + field + " in " + validation);
    }

    @Test
    void exampleMariaDbToOceanBasePipelineCopiesRows() throws Exception {
        DatabaseEndpoint mysql = TestBed.mysql();
        DatabaseEndpoint ob = TestBed.oceanbase();
        ob.execute("DROP DATABASE IF EXISTS `" + DB + "`");
        mysql.recreateDatabase(DB);
        mysql.execute("CREATE TABLE `" + DB + "`.orders (id INT PRIMARY KEY, customer VARCHAR(50) NOT NULL, amount DECIMAL(10,2), "
                        + "qty BIGINT UNSIGNED, note TEXT, status VARCHAR(10) DEFAULT 'new', body LONGTEXT)",
                "INSERT INTO `" + DB + "`.orders VALUES (1, 'alice', 10.50, 18446744073709551615, 'snapshot', 'paid', NULL), "
                        + "(2, 'bob', 20.00, 2, NULL, NULL, NULL)");

        ObjectNode source = example("mariadb-source.json");
        ObjectNode sc = (ObjectNode) source.get("config");
        sc.put("database.hostname", mysql.host());
        sc.put("database.port", String.valueOf(mysql.port()));
        sc.put("database.user", mysql.user());
        sc.put("database.password", mysql.password());
        sc.put("database.include.list", DB);
        sc.put("database.server.id", String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 1_000_000)));
        sc.put("schema.history.internal.kafka.bootstrap.servers", cluster.bootstrapServers());

        ObjectNode sink = example("oceanbase-sink.json");
        ObjectNode kc = (ObjectNode) sink.get("config");
        kc.put("connection.url", "jdbc:mysql://" + ob.host() + ":" + ob.port() + "/");
        kc.put("connection.user", ob.user());
        kc.put("connection.password", ob.password());

        post(sink);
        post(source);
        awaitRunning(source.get("name").asText());
        awaitRunning(sink.get("name").asText());

        // Streaming changes after the snapshot.
        // Streaming changes after the snapshot. A NULL written to a column with a DEFAULT must stay NULL (JsonConverter's
        // replace.null.with.default would make it 'new'), and a 2 MB LONGTEXT must pass Kafka's 1 MB default limit.
        mysql.execute("INSERT INTO `" + DB + "`.orders VALUES (3, 'carol', 30.25, 3, 'streamed', 'new', REPEAT('x', 2097152))",
                "UPDATE `" + DB + "`.orders SET amount = 11.75, note = 'updated', status = NULL WHERE id = 1",
                "DELETE FROM `" + DB + "`.orders WHERE id = 2");

        List<String> row1 = new java.util.ArrayList<>(List.of("1", "alice", "11.75", "18446744073709551615", "updated"));
        row1.add(null);
        row1.add(null);
        List<List<String>> expected = List.of(row1, List.of("3", "carol", "30.25", "3", "streamed", "new", "2097152"));
        String query = "SELECT id, customer, amount, qty, note, status, LENGTH(body) FROM orders ORDER BY id";
        Awaitility.await("rows of " + DB + ".orders in OceanBase").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(Exception.class)
                .untilAsserted(() -> {
                    assertNoFailedTasks(sink.get("name").asText());
                    assertNoFailedTasks(source.get("name").asText());
                    assertThat(SqlAssertions.rows(ob, DB, query)).isEqualTo(expected);
                });
        assertThat(SqlAssertions.rows(ob, DB, query)).isEqualTo(expected);
    }

    static ObjectNode example(String file) throws IOException {
        Path dir = Paths.get(System.getProperty("obkc.examples.dir", "../../examples"));
        return (ObjectNode) JSON.readTree(dir.resolve(file).toFile());
    }

    static void post(JsonNode connector) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(cluster.restUrl().resolve("connectors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(connector))).build();
        HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("POST %s: %s", connector.get("name"), r.body()).isEqualTo(201);
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(cluster.restUrl().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static void awaitRunning(String name) {
        Awaitility.await("connector " + name + " RUNNING").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(Exception.class)
                .until(() -> {
                    assertNoFailedTasks(name);
                    JsonNode s = JSON.readTree(get("connectors/" + name + "/status").body());
                    return s.get("connector").get("state").asText().equals("RUNNING") && s.get("tasks").size() > 0
                            && s.get("tasks").get(0).get("state").asText().equals("RUNNING");
                });
    }

    /** Fails at once (not after the timeout) with the worker's stack trace when a connector or task failed. */
    static void assertNoFailedTasks(String name) throws Exception {
        HttpResponse<String> r = get("connectors/" + name + "/status");
        if (r.statusCode() != 200) {
            return;
        }
        JsonNode s = JSON.readTree(r.body());
        if (s.get("connector").get("state").asText().equals("FAILED")) {
            throw new AssertionFailed("connector " + name + " FAILED: " + s.get("connector").path("trace").asText());
        }
        for (JsonNode t : s.get("tasks")) {
            if (t.get("state").asText().equals("FAILED")) {
                throw new AssertionFailed("task " + t.get("id") + " of " + name + " FAILED: " + t.path("trace").asText());
            }
        }
    }

    /** An Error, not an Exception: the waits ignore exceptions only, so this ends them at once. */
    static final class AssertionFailed extends Error {
        AssertionFailed(String message) {
            super(message);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
