package io.obkc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * The connector in a real Connect worker (in-JVM Kafka and worker): snapshot, streaming, a worker restart with writes
 * before, during and after it, and the topic compared row by row with the table.
 */
class SourceConnectorWorkerIT {
    private static final String DB = "obkc_src_worker_it";
    private static final String CDC = "obkc_src_worker_it_cdc";
    private static final String PREFIX = "srcworker";
    private static final String TOPIC = PREFIX + "." + DB + ".acct";
    private static DatabaseEndpoint ob;

    @BeforeAll
    static void setUp() throws Exception {
        ob = TestBed.oceanbase();
        ob.execute("DROP DATABASE IF EXISTS " + CDC);
        ob.recreateDatabase(DB);
        ob.execute("CREATE TABLE " + DB + ".acct (id INT PRIMARY KEY, name VARCHAR(50), balance DECIMAL(12,2) NOT NULL)");
        for (int i = 1; i <= 50; i++) {
            ob.execute("INSERT INTO " + DB + ".acct VALUES (" + i + ", 'n" + i + "', " + i + ".5)");
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (ob != null) {
            ob.execute("DROP DATABASE IF EXISTS " + DB, "DROP DATABASE IF EXISTS " + CDC);
        }
    }

    @Test
    void snapshotStreamAndWorkerRestartDeliverEveryChange() throws Exception {
        try (ConnectTestBed bed = ConnectTestBed.start("obkc-source-worker-it")) {
            Map<String, String> cfg = new LinkedHashMap<>(SourceTestConfigs.changelog(ob, PREFIX, DB + ".acct", CDC));
            cfg.put("connector.class", OceanBaseSourceConnector.class.getName());
            cfg.put("tasks.max", "1");
            bed.putConnector("src", cfg);
            bed.awaitRunning("src", Duration.ofSeconds(60));
            awaitTopicMatchesTable(bed);

            ob.execute("UPDATE " + DB + ".acct SET balance = balance + 1 WHERE id <= 10", "DELETE FROM " + DB + ".acct WHERE id = 20",
                    "INSERT INTO " + DB + ".acct VALUES (100, 'hundred', 100.00)");
            awaitTopicMatchesTable(bed);

            bed.cluster().removeWorker();
            ob.execute("UPDATE " + DB + ".acct SET name = 'while down' WHERE id = 5", "DELETE FROM " + DB + ".acct WHERE id = 6",
                    "UPDATE " + DB + ".acct SET id = 106 WHERE id = 7");
            bed.cluster().addWorker();
            bed.awaitRunning("src", Duration.ofSeconds(90));
            ob.execute("INSERT INTO " + DB + ".acct VALUES (101, 'after', 1.25)", "UPDATE " + DB + ".acct SET balance = 0 WHERE id = 8");
            awaitTopicMatchesTable(bed);
            bed.assertNoFailedTasks("src");
        }
    }

    private static void awaitTopicMatchesTable(ConnectTestBed bed) {
        Awaitility.await("topic " + TOPIC + " replays to the table").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    bed.assertNoFailedTasks("src");
                    Replay replay = new Replay().apply(read(bed));
                    assertThat(replay.errors()).isEmpty();
                    assertThat(replay.table(TOPIC)).isEqualTo(table());
                });
    }

    /** The topic's records as Connect data; records delivered twice (at-least-once around a restart) are dropped by position. */
    private static List<SourceRecord> read(ConnectTestBed bed) {
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "true"), true);
        JsonConverter values = new JsonConverter();
        values.configure(Map.of("schemas.enable", "true"), false);
        List<SourceRecord> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : bed.consume(TOPIC, Integer.MAX_VALUE, Duration.ofSeconds(3))) {
            SchemaAndValue k = keys.toConnectData(TOPIC, r.key());
            SchemaAndValue v = values.toConnectData(TOPIC, r.value());
            if (!(v.value() instanceof Struct value)) {
                continue; // tombstone
            }
            Struct src = value.getStruct("source");
            String id = src.get("scn") + "/" + src.get("thread") + "/" + k.value() + "/" + value.getString("op") + "/" + value.get("after");
            if (seen.add(id)) {
                out.add(new SourceRecord(Map.of(), Map.of("kafka_offset", r.offset()), TOPIC, null, k.schema(), k.value(), v.schema(), value));
            }
        }
        return out;
    }

    private static Map<String, Map<String, Object>> table() throws Exception {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        try (Connection c = ob.connect(DB); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name, balance FROM acct")) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", rs.getInt(1));
                row.put("name", rs.getString(2));
                row.put("balance", rs.getBigDecimal(3));
                out.put("Struct{id=" + rs.getInt(1) + "}", row);
            }
        }
        return out;
    }
}
