package io.obkc.rocketmq.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * The same path as {@link RocketMq5SinkIT} into RocketMQ 4.7.1 (the version OMS supports), run forked from Central's
 * jars: MariaDB → Debezium → Kafka → RocketMqSinkConnector (RocketMQ 5 client) → 4.7.1 broker → consumer. Every row
 * change arrives in order per key in the OMS Default and Canal formats, and a broker killed mid-stream loses nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RocketMq471SinkIT {
    private static final String DB = "rmq471_src";
    private static final String PREFIX = "rmq471";
    private static final String SOURCE = "rmq471-mariadb-source";
    private static final String DATA_TOPICS = "rmq471\\.rmq471_src\\..*";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Map<String, RowEvent.Format> TOPICS = Map.of("rmq471_default", RowEvent.Format.OMS_DEFAULT,
            "rmq471_canal", RowEvent.Format.CANAL);
    private static final List<String> SINKS = List.of("rmq471-default", "rmq471-canal");
    private static final int IDS = 20;

    private static RocketMqCluster rocketmq;
    private static RocketMqTestClient client;
    private static ConnectTestBed connect;
    private static DatabaseEndpoint mariadb;
    private static int version;

    @BeforeAll
    static void start() throws Exception {
        mariadb = TestBed.mysql();
        CompletableFuture<ConnectTestBed> kafka = CompletableFuture.supplyAsync(() -> ConnectTestBed.start("rmq471"));
        rocketmq = ForkedRocketMq471.start("sink-it");
        client = new RocketMqTestClient(rocketmq);
        for (String t : TOPICS.keySet()) {
            client.createTopic(t, 4);
        }
        connect = kafka.join();
        mariadb.recreateDatabase(DB);
        StringBuilder rows = new StringBuilder();
        for (int id = 1; id <= IDS; id++) {
            rows.append(id == 1 ? "" : ",").append("(").append(id).append(", 0)");
        }
        mariadb.execute("USE " + DB, "CREATE TABLE items (id INT PRIMARY KEY, v INT NOT NULL)", "INSERT INTO items VALUES " + rows);
        connect.putConnector(SOURCE, Pipelines.mariadbSource(mariadb, connect.bootstrapServers(), PREFIX, DB));
        connect.awaitRunning(SOURCE, TIMEOUT);
        connect.putConnector("rmq471-default", Pipelines.rocketMqSink(rocketmq, DATA_TOPICS, "rmq471_default", "io.obkc.converters.OmsDefaultConverter"));
        connect.putConnector("rmq471-canal", Pipelines.rocketMqSink(rocketmq, DATA_TOPICS, "rmq471_canal", "io.obkc.converters.CanalConverter"));
        for (String s : SINKS) {
            connect.awaitRunning(s, TIMEOUT);
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

    private static void updateAll(int times) throws java.sql.SQLException {
        for (int i = 0; i < times; i++) {
            mariadb.execute("USE " + DB, "UPDATE items SET v = " + (++version));
        }
    }

    private static Map<String, List<RowEvent>> awaitAll(String topic, int total) {
        Awaitility.await(total + " changes on " + topic + " (RocketMQ 4.7.1)").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (String s : SINKS) {
                        connect.assertNoFailedTasks(s);
                    }
                    Map<String, List<RowEvent>> got = DeliveryCheck.byKey(client.readAll(topic), "items", TOPICS.get(topic));
                    return got.values().stream().mapToLong(l -> l.stream().distinct().count()).sum() >= total;
                });
        try {
            return DeliveryCheck.byKey(client.readAll(topic), "items", TOPICS.get(topic));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(1)
    void everyRowArrivesOnceInOrderPerKey() throws Exception {
        updateAll(3);
        for (String topic : TOPICS.keySet()) {
            DeliveryCheck.assertExactly(awaitAll(topic, IDS * (version + 1)), Pipelines.expected(IDS, version, 0));
            System.err.printf("[rocketmq] 4.7.1 %s: %d changes of %d keys, each key in order in one queue%n", TOPICS.get(topic),
                    IDS * (version + 1), IDS);
        }
    }

    @Test
    @Order(2)
    void brokerKilledMidStreamLosesNothing() throws Exception {
        updateAll(2);
        rocketmq.stopBroker(); // kill -9 of name server and broker
        updateAll(3);
        rocketmq.startBroker();
        for (String topic : TOPICS.keySet()) {
            client.awaitRoute(topic, 4);
        }
        updateAll(2);
        for (String topic : TOPICS.keySet()) {
            int repeats = DeliveryCheck.assertAtLeastOnceInOrder(awaitAll(topic, IDS * (version + 1)), Pipelines.expected(IDS, version, 0));
            System.err.printf("[rocketmq] 4.7.1 %s after kill -9 and restart: all %d changes in order per key, %d repeated%n",
                    TOPICS.get(topic), IDS * (version + 1), repeats);
        }
    }
}
