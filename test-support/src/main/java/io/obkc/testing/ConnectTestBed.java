package io.obkc.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.awaitility.Awaitility;

/**
 * A real KRaft broker and a real distributed Kafka Connect worker, started inside the test JVM from
 * Kafka's own test kit ({@link EmbeddedConnectCluster}). Connectors are created through the worker's
 * REST API, as users do. Plugins come from the test class path.
 */
public final class ConnectTestBed implements AutoCloseable {
    private final EmbeddedConnectCluster cluster;

    private ConnectTestBed(EmbeddedConnectCluster cluster) {
        this.cluster = cluster;
    }

    public static ConnectTestBed start(String name) {
        return start(name, Map.of());
    }

    public static ConnectTestBed start(String name, Map<String, String> extraWorkerProps) {
        Map<String, String> worker = new HashMap<>();
        // Commit sink offsets often so restart tests do not wait a minute for the first commit.
        worker.put("offset.flush.interval.ms", "1000");
        // Sink connectors subscribed by topics.regex see topics created later only at a metadata refresh (5 min by default).
        worker.put("consumer.metadata.max.age.ms", "1000");
        worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.putAll(extraWorkerProps);
        Properties broker = new Properties();
        broker.put("auto.create.topics.enable", "true");
        broker.put("num.partitions", "1");
        EmbeddedConnectCluster c = new EmbeddedConnectCluster.Builder()
                .name(name)
                .numWorkers(1)
                .numBrokers(1)
                .workerProps(worker)
                .brokerProps(broker)
                .build();
        c.start();
        System.err.println("[test-bed] Kafka (KRaft, in-JVM) at " + c.kafka().bootstrapServers()
                + "; Connect worker REST at " + c.endpointForResource(""));
        return new ConnectTestBed(c);
    }

    public EmbeddedConnectCluster cluster() {
        return cluster;
    }

    public String bootstrapServers() {
        return cluster.kafka().bootstrapServers();
    }

    /** Creates or updates a connector through the REST API. */
    public void putConnector(String name, Map<String, String> config) {
        cluster.configureConnector(name, config);
    }

    public void deleteConnector(String name) {
        cluster.deleteConnector(name);
    }

    /** Waits until the connector and all its tasks are RUNNING; fails with the worker's status otherwise. */
    public void awaitRunning(String name, Duration timeout) {
        Awaitility.await("connector " + name + " running").atMost(timeout).pollInterval(Duration.ofMillis(250))
                // Exceptions only: the AssertionError of a FAILED task must end the wait at once, with its trace.
                .ignoreExceptionsInstanceOf(Exception.class)
                .until(() -> {
                    ConnectorStateInfo s = cluster.connectorStatus(name);
                    failIfTaskFailed(name, s);
                    return "RUNNING".equals(s.connector().state()) && !s.tasks().isEmpty()
                            && s.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()));
                });
    }

    /** Throws with the task's stack trace when a task has failed, so tests fail fast and say why. */
    public void assertNoFailedTasks(String name) {
        failIfTaskFailed(name, cluster.connectorStatus(name));
    }

    private static void failIfTaskFailed(String name, ConnectorStateInfo s) {
        for (ConnectorStateInfo.TaskState t : s.tasks()) {
            if ("FAILED".equals(t.state())) {
                throw new AssertionError("Task " + t.id() + " of connector " + name + " FAILED:\n" + t.trace());
            }
        }
    }

    public ConnectorStateInfo status(String name) {
        return cluster.connectorStatus(name);
    }

    /**
     * What failed in the connector, for programs that poll instead of failing a test: "connector FAILED: ..." or
     * "task N FAILED: ...", with the exception lines of the trace (its causes, no stack frames); null when nothing
     * failed or the connector is not registered yet.
     */
    public String failure(String name) {
        ConnectorStateInfo s;
        try {
            s = status(name);
        } catch (RuntimeException e) {
            return null; // not registered yet
        }
        if ("FAILED".equals(s.connector().state())) {
            return "connector FAILED: " + exceptionLines(s.connector().trace());
        }
        for (ConnectorStateInfo.TaskState t : s.tasks()) {
            if ("FAILED".equals(t.state())) {
                return "task " + t.id() + " FAILED: " + exceptionLines(t.trace());
            }
        }
        return null;
    }

    /** A trace's exception lines joined with " | ", at most 3000 characters. */
    static String exceptionLines(String trace) {
        if (trace == null) {
            return "(no trace)";
        }
        StringBuilder b = new StringBuilder();
        for (String line : trace.split("\n")) {
            if (!line.startsWith("\tat ") && !line.startsWith("\t... ")) {
                b.append(line.trim()).append(" | ");
            }
        }
        return b.length() > 3000 ? b.substring(0, 3000) + "..." : b.toString();
    }

    /** Stops the only worker and starts a new one, as a worker restart in production would. */
    public void restartWorker() {
        cluster.removeWorker();
        cluster.addWorker();
    }

    public void produce(String topic, byte[] key, byte[] value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
        }
    }

    /** Reads records from the start of a topic until at least {@code min} arrived or the timeout passed. */
    public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int min, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "obkc-test-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (out.size() < min && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public void close() {
        cluster.stop();
    }
}
