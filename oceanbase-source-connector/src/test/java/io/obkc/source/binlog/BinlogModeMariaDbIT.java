package io.obkc.source.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * capture.mode=binlog end to end in a real Connect worker: {@link OceanBaseBinlogSourceTask} → Kafka, read back as JSON.
 *
 * <p><b>MariaDB 10.11 stands in for the OceanBase Binlog Service</b>: it speaks the same MySQL binlog v4 protocol
 * (file/position; no MySQL GTIDs here). obbinlog itself is not tested: none can run on this machine. What differs from
 * a real cluster: no ODP (direct connection, no user@tenant routing), no HEARTBEAT stream from obbinlog,
 * {@code _show_ddl_in_compat_mode} is off (MariaDB does not know it), the tenant comes from {@code oceanbase.tenant}.
 *
 * <p>Every check compares with the server through plain JDBC, not with our own code.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BinlogModeMariaDbIT {
    private static final String BANNER = "[binlog-mode IT] MariaDB 10.11 STANDS IN for the OceanBase Binlog Service (same MySQL binlog "
            + "v4 protocol); obbinlog itself is NOT tested here.";
    private static final String DB = "obkc_binlog_it";
    private static final String PREFIX = "obkc_binlog_it";
    private static final String CONNECTOR = "obkc-binlog-it";
    private static final String ORDERS_TOPIC = PREFIX + "." + DB + ".orders";
    private static final String TENANT = "stand_in_tenant";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Columns added mid-stream with their DEFAULT: rows last changed before the ALTER have no such field in their events,
     * and a consumer applying the schema-change event gives them the default, as the server does.
     */
    private static final Map<String, String> ADDED_COLUMN_DEFAULTS = new HashMap<>();

    private static DatabaseEndpoint mariadb;
    private static ConnectTestBed connect;

    @BeforeAll
    static void start() throws Exception {
        System.out.println(BANNER);
        mariadb = TestBed.mysql();
        mariadb.recreateDatabase(DB);
        mariadb.execute("USE " + DB,
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(64) NOT NULL, amount DECIMAL(12,2), note VARCHAR(200))");
        try (Connection c = mariadb.connect(DB); Statement s = c.createStatement()) {
            for (int i = 1; i <= 20; i++) {
                s.execute("INSERT INTO orders VALUES (" + i + ", 'snap-" + i + "', " + i + ".25, NULL)");
            }
        }
        // The test connector has no ServiceLoader manifest (the module's manifest belongs to OceanBaseSourceConnector).
        connect = ConnectTestBed.start("binlog-it", Map.of("plugin.discovery", "hybrid_warn"));
        connect.putConnector(CONNECTOR, connectorConfig());
        connect.awaitRunning(CONNECTOR, TIMEOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        System.out.println(BANNER);
        if (connect != null) {
            connect.close();
        }
        if (mariadb != null) {
            mariadb.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    static Map<String, String> connectorConfig() {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", BinlogModeTestConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("database.hostname", mariadb.host());
        c.put("database.port", String.valueOf(mariadb.port()));
        c.put("database.user", mariadb.user());
        c.put("database.password", mariadb.password());
        c.put("database.server.id", "5911");
        c.put("oceanbase.tenant", TENANT);
        // MariaDB (the stand-in) has no _show_ddl_in_compat_mode; obbinlog sessions need it on (the default).
        c.put("oceanbase.show.ddl.in.compat.mode", "false");
        c.put("topic.prefix", PREFIX);
        c.put("database.include.list", DB);
        c.put("provide.transaction.metadata", "true");
        c.put("decimal.handling.mode", "string");
        c.put("schema.history.internal.kafka.bootstrap.servers", connect.bootstrapServers());
        c.put("schema.history.internal.kafka.topic", PREFIX + "-history");
        // Passed through to Debezium unchanged: the shared server's binlog has other suites' DDL (MariaDB-only syntax).
        c.put("schema.history.internal.store.only.captured.databases.ddl", "true");
        c.put("schema.history.internal.skip.unparseable.ddl", "true");
        return c;
    }

    @Test
    @Order(1)
    void snapshotThenStreamingInsertsUpdatesDeletesAndKeyChange() throws Exception {
        List<JsonNode> snapshot = awaitValues(ORDERS_TOPIC, 20);
        assertThat(snapshot).hasSize(20).allSatisfy(v -> assertThat(v.at("/payload/op").asText()).isEqualTo("r"));
        assertThat(snapshot.get(19).at("/payload/source/snapshot").asText()).isIn("last", "true", "last_in_data_collection");

        try (Connection c = mariadb.connect(DB); Statement s = c.createStatement()) {
            s.execute("INSERT INTO orders VALUES (100, 'new', 1.00, 'inserted')");
            s.execute("UPDATE orders SET amount = 2.50, note = 'updated' WHERE id = 100");
            s.execute("DELETE FROM orders WHERE id = 1");
            s.execute("UPDATE orders SET id = 200 WHERE id = 2");
        }
        List<JsonNode> events = awaitValues(ORDERS_TOPIC, 20 + 5);
        List<String> ops = events.subList(20, events.size()).stream().map(v -> v.at("/payload/op").asText()).toList();
        // Key change: Debezium's delete of the old key, then a create of the new one.
        assertThat(ops).containsExactly("c", "u", "d", "d", "c");
        JsonNode update = events.get(21).get("payload");
        assertThat(update.at("/before/amount").asText()).isEqualTo("1.00");
        assertThat(update.at("/after/amount").asText()).isEqualTo("2.50");
        assertThat(update.at("/source/snapshot").isNull() || "false".equals(update.at("/source/snapshot").asText())).isTrue();
        assertSameRowsAsServer();
    }

    @Test
    @Order(2)
    void sourceBlockHasTheSharedOceanBaseSchema() throws Exception {
        JsonNode v = awaitValues(ORDERS_TOPIC, 1).get(0);
        JsonNode source = null;
        for (JsonNode f : v.at("/schema/fields")) {
            if ("source".equals(f.get("field").asText())) {
                source = f;
            }
        }
        assertThat(source).isNotNull();
        assertThat(source.get("name").asText()).isEqualTo("io.obkc.connector.oceanbase.Source");
        Map<String, String> fields = new LinkedHashMap<>();
        for (JsonNode f : source.get("fields")) {
            fields.put(f.get("field").asText(), f.get("type").asText() + (f.get("optional").asBoolean() ? " optional" : ""));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("version", "string");
        expected.put("connector", "string");
        expected.put("name", "string");
        expected.put("ts_ms", "int64");
        expected.put("snapshot", "string optional");
        expected.put("db", "string");
        expected.put("sequence", "string optional");
        expected.put("ts_us", "int64 optional");
        expected.put("ts_ns", "int64 optional");
        expected.put("table", "string optional");
        expected.put("server_id", "int64");
        expected.put("gtid", "string optional");
        expected.put("file", "string");
        expected.put("pos", "int64");
        expected.put("row", "int32");
        expected.put("thread", "int64 optional");
        expected.put("query", "string optional");
        expected.put("tenant", "string optional");
        expected.put("scn", "int64 optional");
        assertThat(fields).containsExactlyEntriesOf(expected);

        JsonNode streamed = awaitValues(ORDERS_TOPIC, 21).get(20).at("/payload/source");
        assertThat(streamed.get("connector").asText()).isEqualTo("oceanbase");
        assertThat(streamed.get("name").asText()).isEqualTo(PREFIX);
        assertThat(streamed.get("db").asText()).isEqualTo(DB);
        assertThat(streamed.get("table").asText()).isEqualTo("orders");
        assertThat(streamed.get("tenant").asText()).isEqualTo(TENANT);
        assertThat(streamed.get("scn").isNull()).as("scn is null in binlog mode").isTrue();
        assertThat(serverBinlogFiles()).contains(streamed.get("file").asText());
        assertThat(streamed.get("pos").asLong()).isPositive();
        assertThat(streamed.get("server_id").asLong()).as("MariaDB's server-id (scripts/test-env.sh)").isEqualTo(serverId());
    }

    @Test
    @Order(3)
    void multiStatementTransactionCarriesTransactionMetadata() throws Exception {
        int before = awaitValues(ORDERS_TOPIC, 1).size();
        try (Connection c = mariadb.connect(DB); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO orders VALUES (300, 'tx', 3.00, 'in tx')");
            s.execute("UPDATE orders SET note = 'tx touched' WHERE id BETWEEN 3 AND 5");
            s.execute("DELETE FROM orders WHERE id = 6");
            c.commit();
        }
        List<JsonNode> events = awaitValues(ORDERS_TOPIC, before + 5);
        List<JsonNode> tx = events.subList(before, before + 5);
        String txId = tx.get(0).at("/payload/transaction/id").asText();
        assertThat(txId).isNotEmpty();
        assertThat(tx).allSatisfy(v -> assertThat(v.at("/payload/transaction/id").asText()).isEqualTo(txId));
        assertThat(tx.stream().map(v -> v.at("/payload/transaction/total_order").asLong()).toList()).containsExactly(1L, 2L, 3L, 4L, 5L);

        // The topic has the BEGIN/END of every transaction on the shared server (Debezium marks those too, with
        // event_count 0); pick this one's.
        Awaitility.await("BEGIN and END of " + txId).atMost(TIMEOUT)
                .until(() -> valuesSoFar(PREFIX + ".transaction").stream().filter(v -> txId.equals(v.at("/payload/id").asText())).count() == 2);
        List<JsonNode> markers = valuesSoFar(PREFIX + ".transaction").stream().filter(v -> txId.equals(v.at("/payload/id").asText())).toList();
        assertThat(markers.stream().map(v -> v.at("/payload/status").asText()).toList()).containsExactly("BEGIN", "END");
        assertThat(markers.get(1).at("/payload/event_count").asLong()).isEqualTo(5);
        assertSameRowsAsServer();
    }

    @Test
    @Order(4)
    void addColumnMidStream() throws Exception {
        int before = awaitValues(ORDERS_TOPIC, 1).size();
        try (Connection c = mariadb.connect(DB); Statement s = c.createStatement()) {
            s.execute("INSERT INTO orders VALUES (400, 'before ddl', 4.00, NULL)");
            s.execute("ALTER TABLE orders ADD COLUMN priority INT DEFAULT 7");
            ADDED_COLUMN_DEFAULTS.put("priority", "7");
            s.execute("INSERT INTO orders (id, customer, amount, priority) VALUES (401, 'after ddl', 4.01, 9)");
            s.execute("UPDATE orders SET priority = 1 WHERE id = 400");
        }
        List<JsonNode> events = awaitValues(ORDERS_TOPIC, before + 3);
        assertThat(events.get(before).at("/payload/after").has("priority")).isFalse();
        assertThat(events.get(before + 1).at("/payload/after/priority").asInt()).isEqualTo(9);
        assertThat(events.get(before + 2).at("/payload/after/priority").asInt()).isEqualTo(1);
        Awaitility.await("ALTER TABLE on the schema-change topic").atMost(TIMEOUT)
                .until(() -> valuesSoFar(PREFIX).stream().anyMatch(v -> v.at("/payload/ddl").asText().contains("ADD COLUMN priority")));
        JsonNode ddl = valuesSoFar(PREFIX).stream().filter(v -> v.at("/payload/ddl").asText().contains("ADD COLUMN priority")).findFirst()
                .orElseThrow();
        assertThat(ddl.at("/payload/source/tenant").asText()).isEqualTo(TENANT);
        assertThat(ddl.at("/payload/databaseName").asText()).isEqualTo(DB);
        assertSameRowsAsServer();
    }

    @Test
    @Order(5)
    void resumesFromOffsetsAfterAWorkerRestartWithNothingLost() throws Exception {
        int before = awaitValues(ORDERS_TOPIC, 1).size();
        connect.cluster().removeWorker();
        // Changes while no task runs: the restarted task must pick them all up from its committed binlog offset.
        try (Connection c = mariadb.connect(DB); Statement s = c.createStatement()) {
            for (int i = 500; i < 530; i++) {
                s.execute("INSERT INTO orders (id, customer, amount) VALUES (" + i + ", 'while down', " + i + ".5)");
            }
            s.execute("UPDATE orders SET note = 'updated while down' WHERE id BETWEEN 7 AND 12");
            s.execute("DELETE FROM orders WHERE id = 13");
        }
        connect.cluster().addWorker();
        connect.awaitRunning(CONNECTOR, TIMEOUT);
        try (Connection c = mariadb.connect(DB); Statement s = c.createStatement()) {
            s.execute("INSERT INTO orders (id, customer, amount) VALUES (600, 'after restart', 6.00)");
        }
        List<JsonNode> events = awaitValues(ORDERS_TOPIC, before + 30 + 6 + 1 + 1);
        List<JsonNode> after = events.subList(before, events.size());
        assertThat(after.stream().filter(v -> "c".equals(v.at("/payload/op").asText())).count()).isGreaterThanOrEqualTo(31);
        assertThat(after.stream().noneMatch(v -> "r".equals(v.at("/payload/op").asText()))).as("no new snapshot after restart").isTrue();
        assertSameRowsAsServer();
    }

    /** Replays every change event of the orders topic in order and compares the result with the table, row by row. */
    private static void assertSameRowsAsServer() {
        Awaitility.await("orders topic replayed equals the orders table").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(replay(awaitValues(ORDERS_TOPIC, 1))).isEqualTo(serverRows()));
    }

    private static Map<String, Map<String, String>> replay(List<JsonNode> values) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        for (JsonNode v : values) {
            JsonNode p = v.get("payload");
            String op = p.get("op").asText();
            if ("d".equals(op)) {
                rows.remove(p.at("/before/id").asText());
            } else {
                Map<String, String> row = new TreeMap<>();
                p.get("after").fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
                rows.put(p.at("/after/id").asText(), row);
            }
        }
        rows.values().forEach(row -> ADDED_COLUMN_DEFAULTS.forEach(row::putIfAbsent));
        return rows;
    }

    private static Map<String, Map<String, String>> serverRows() throws Exception {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        try (Connection c = mariadb.connect(DB); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM orders")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new TreeMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getString(i));
                }
                rows.put(rs.getString("id"), row);
            }
        }
        return rows;
    }

    private static long serverId() throws Exception {
        try (Connection c = mariadb.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@server_id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> serverBinlogFiles() throws Exception {
        List<String> files = new ArrayList<>();
        try (Connection c = mariadb.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        return files;
    }

    /** The values a topic has now: everything read from its start within five seconds. */
    private static List<JsonNode> valuesSoFar(String topic) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : connect.consume(topic, Integer.MAX_VALUE, Duration.ofSeconds(5))) {
            if (r.value() != null) {
                out.add(JSON.readTree(r.value()));
            }
        }
        return out;
    }

    /** Every non-tombstone value of a topic, in order, once at least {@code min} arrived (fails after the timeout). */
    private static List<JsonNode> awaitValues(String topic, int min) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<JsonNode> out = new ArrayList<>();
        int wanted = min;
        while (true) {
            out.clear();
            List<ConsumerRecord<byte[], byte[]>> records = connect.consume(topic, wanted, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.value() != null) {
                    out.add(JSON.readTree(r.value()));
                }
            }
            if (out.size() >= min || System.nanoTime() >= deadline) {
                break;
            }
            // Tombstones (after deletes) count as records but carry no value: ask for as many more as are missing.
            wanted = records.size() + (min - out.size());
        }
        assertThat(out).as("values on " + topic).hasSizeGreaterThanOrEqualTo(min);
        return out;
    }
}
