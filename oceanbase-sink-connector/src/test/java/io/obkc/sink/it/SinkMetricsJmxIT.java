package io.obkc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.SqlAssertions;
import io.obkc.testing.TestBed;

/**
 * The sink's metrics as an operator reads them: over JMX, from a real Connect worker running MariaDB → Debezium →
 * the sink → seekdb (docs/monitoring.md). The counts are checked against what the test made the source do.
 */
class SinkMetricsJmxIT {
    private static final String DB = "metrics_it_src";
    private static final String PREFIX = "metricsit";
    private static final String SOURCE = "metrics-it-source";
    private static final String SINK = "metrics-it-sink";
    private static final int SNAPSHOT_ROWS = 50;
    private static final int STREAMED_ROWS = 20;

    @Test
    void metricsAreReadableOverJmxDuringARun() throws Exception {
        DatabaseEndpoint mariadb = TestBed.mysql();
        DatabaseEndpoint ob = TestBed.oceanbase();
        mariadb.recreateDatabase(DB);
        ob.execute("DROP DATABASE IF EXISTS " + DB);
        try (Connection c = mariadb.connect(DB); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
            for (int i = 1; i <= SNAPSHOT_ROWS; i++) {
                s.execute("INSERT INTO t VALUES (" + i + ", 'snap')");
            }
        }
        try (ConnectTestBed connect = ConnectTestBed.start(PREFIX)) {
            connect.putConnector(SOURCE, PipelineConfigs.mariadb(mariadb, connect.bootstrapServers(), PREFIX, DB));
            connect.awaitRunning(SOURCE, Duration.ofSeconds(120));
            Map<String, String> sink = PipelineConfigs.oceanbaseSink(ob, PREFIX + "\\." + DB + "\\..*");
            connect.putConnector(SINK, sink);
            connect.awaitRunning(SINK, Duration.ofSeconds(120));
            SqlAssertions.awaitTrue("snapshot rows on the target", Duration.ofSeconds(120), () -> SqlAssertions.count(ob, DB, "t") == SNAPSHOT_ROWS);
            try (Connection c = mariadb.connect(DB); Statement s = c.createStatement()) {
                for (int i = 1; i <= STREAMED_ROWS; i++) {
                    s.execute("INSERT INTO t VALUES (" + (SNAPSHOT_ROWS + i) + ", 'stream')");
                }
            }
            SqlAssertions.awaitTrue("streamed rows on the target", Duration.ofSeconds(120),
                    () -> SqlAssertions.count(ob, DB, "t") == SNAPSHOT_ROWS + STREAMED_ROWS);
            connect.assertNoFailedTasks(SINK);

            Map<String, Object> task = attributes("kafka.connect:type=plugins,connector=" + SINK + ",task=0");
            Map<String, Object> table = attributes("kafka.connect:type=plugins,connector=" + SINK + ",task=0,table=" + DB + ".t");
            assertThat(task).as("task metrics over JMX").containsKeys("records-written-total", "records-received-total", "rows-written-rate",
                    "records-received-rate", "MilliSecondsBehindSource", "batch-write-time-ms-p50", "batch-write-time-ms-p95",
                    "batch-write-time-ms-p99", "batch-write-time-ms-max", "records-dead-lettered-total", "records-dead-lettered-rate",
                    "write-retries-total", "connections-opened-total");
            assertThat(number(task, "records-written-total")).isEqualTo(SNAPSHOT_ROWS + STREAMED_ROWS);
            assertThat(number(task, "records-received-total")).isGreaterThanOrEqualTo(SNAPSHOT_ROWS + STREAMED_ROWS);
            assertThat(number(task, "records-dead-lettered-total")).isZero();
            assertThat(number(task, "connections-opened-total")).isGreaterThanOrEqualTo(1);
            double lag = number(task, "MilliSecondsBehindSource");
            assertThat(lag).as("ms from the MariaDB commit to the seekdb commit").isBetween(0.0, 120_000.0);
            assertThat(number(task, "rows-written-rate")).isPositive();
            double p50 = number(task, "batch-write-time-ms-p50");
            double p99 = number(task, "batch-write-time-ms-p99");
            assertThat(p50).isBetween(0.0, 120_000.0);
            assertThat(p99).isGreaterThanOrEqualTo(p50);
            assertThat(number(table, "table-rows-written-total")).isEqualTo(SNAPSHOT_ROWS + STREAMED_ROWS);
            assertThat(number(table, "table-snapshot-rows-written-total")).isEqualTo(SNAPSHOT_ROWS);
            connect.deleteConnector(SINK);
            connect.deleteConnector(SOURCE);
        } finally {
            mariadb.execute("DROP DATABASE IF EXISTS " + DB);
            ob.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    private static double number(Map<String, Object> attributes, String name) {
        Object v = attributes.get(name);
        assertThat(v).as(name).isInstanceOf(Number.class);
        return ((Number) v).doubleValue();
    }

    private static Map<String, Object> attributes(String objectName) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(objectName);
        assertThat(server.isRegistered(name)).as(objectName + " registered; plugin MBeans: " + server.queryNames(
                new ObjectName("kafka.connect:type=plugins,*"), null)).isTrue();
        Map<String, Object> out = new HashMap<>();
        for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
            out.put(a.getName(), server.getAttribute(name, a.getName()));
        }
        return out;
    }
}
