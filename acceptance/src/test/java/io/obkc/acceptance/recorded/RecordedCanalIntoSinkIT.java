package io.obkc.acceptance.recorded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.SqlAssertions;
import io.obkc.testing.TestBed;

/**
 * Canal messages a real Canal server produced (recorded by Apache Flink's tests; see resources/recorded/README.md),
 * multi-row INSERT/UPDATE/DELETE messages included, read by the bundle's CanalConverter in a Connect worker and
 * applied by OceanBaseSinkConnector to seekdb. The expected table is computed independently of the converter and the
 * sink, by replaying the messages' {@code data} arrays per key with Jackson. This is also the TiDB incremental path
 * (TiCDC writes canal-json), which cannot run here: recorded messages stand in for the live producer.
 */
class RecordedCanalIntoSinkIT {
    private static final String DB = "acc_canal_rec";
    private static final String TOPIC = "recorded.canal.inventory";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static DatabaseEndpoint oceanbase;
    private static ConnectTestBed connect;
    private static List<String> messages;

    @BeforeAll
    static void start() throws Exception {
        oceanbase = TestBed.oceanbase();
        System.out.println("[RecordedCanalIntoSinkIT] recorded Canal server messages (no Canal or TiCDC server runs here) -> CanalConverter -> sink -> "
                + oceanbase);
        oceanbase.execute("DROP DATABASE IF EXISTS " + DB);
        try (InputStream in = RecordedCanalIntoSinkIT.class.getResourceAsStream("/recorded/flink-canal-data.jsonl")) {
            messages = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        connect = ConnectTestBed.start("acc-canal");
        connect.cluster().kafka().createTopic(TOPIC, 1);
        for (String m : messages) {
            connect.produce(TOPIC, null, m.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", "io.obkc.sink.OceanBaseSinkConnector");
        sink.put("tasks.max", "1");
        sink.put("topics", TOPIC);
        sink.put("connection.url", "jdbc:mysql://" + oceanbase.host() + ":" + oceanbase.port() + "/");
        sink.put("connection.user", oceanbase.user());
        sink.put("connection.password", oceanbase.password());
        sink.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        sink.put("value.converter", "io.obkc.converters.CanalConverter");
        sink.put("primary.key.mode", "record_value");
        sink.put("primary.key.fields", "id");
        sink.put("database.name.format", DB);
        // The recorded DDL creates a table in another schema; this test is about the row messages.
        sink.put("ddl.sync.enabled", "false");
        connect.putConnector("acc-canal-sink", sink);
        connect.awaitRunning("acc-canal-sink", TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.close();
        }
    }

    /** The final rows by key, replaying each message's data array in order (an independent oracle). */
    private static List<List<String>> expected() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<Integer, List<String>> rows = new TreeMap<>();
        for (String m : messages) {
            JsonNode n = json.readTree(m);
            if (n.path("isDdl").asBoolean()) {
                continue;
            }
            for (JsonNode d : n.get("data")) {
                int id = d.get("id").asInt();
                if (n.get("type").asText().equals("DELETE")) {
                    rows.remove(id);
                } else {
                    rows.put(id, List.of(d.get("id").asText(), d.get("name").asText(), d.get("description").asText(),
                            // FLOAT: compared as the number, "1.0" and "1" alike.
                            new java.math.BigDecimal(d.get("weight").asText()).stripTrailingZeros().toPlainString()));
                }
            }
        }
        return new ArrayList<>(rows.values());
    }

    @Test
    void everyRowOfMultiRowMessagesArrives() throws Exception {
        List<List<String>> want = expected();
        assertThat(want).as("the recorded stream leaves rows behind").hasSizeGreaterThan(3);
        String select = "SELECT id, name, description, CAST(weight AS CHAR) FROM products2 ORDER BY id";
        SqlAssertions.awaitTrue("target equals the replayed Canal stream", TIMEOUT, () -> {
            try {
                return SqlAssertions.rows(oceanbase, DB, select).equals(want);
            } catch (java.sql.SQLException notYet) {
                return false;
            }
        });
        connect.assertNoFailedTasks("acc-canal-sink");
    }
}
