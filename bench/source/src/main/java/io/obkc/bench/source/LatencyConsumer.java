package io.obkc.bench.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the table's topic from a given offset on its own thread and keeps, per change of one writer run (by sequence
 * number), when the change reached Kafka: the record's timestamp, which is the broker's append time because the topic
 * is created with {@code message.timestamp.type=LogAppendTime} (the connector sets each record's CreateTime to the
 * change's commit time, so CreateTime would say nothing about delivery). It also keeps the event's {@code source.ts_ns}
 * (the commit version, a server clock timestamp), its {@code ts_us} (when the connector built the event) and when this
 * consumer received it.
 */
final class LatencyConsumer implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final TopicPartition tp;
    private final long fromOffset;
    private final String tag;
    private final int capacity;
    /** Filled by the writer before it commits a delete: which change deleted which id. */
    private final Map<Long, Integer> deleteSeqById;

    final long[] appendMs;
    final long[] sourceNs;
    final long[] builtUs;
    final long[] receivedUs;
    final AtomicInteger seen = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger unknown = new AtomicInteger();
    final AtomicReference<String> problem = new AtomicReference<>();
    private volatile boolean stop;
    private long maxSourceNs;
    private int outOfOrder;

    LatencyConsumer(String bootstrap, String topic, long fromOffset, String tag, int capacity, Map<Long, Integer> deleteSeqById) {
        this.deleteSeqById = deleteSeqById;
        this.bootstrap = bootstrap;
        this.tp = new TopicPartition(topic, 0);
        this.fromOffset = fromOffset;
        this.tag = tag;
        this.capacity = capacity;
        appendMs = new long[capacity];
        sourceNs = new long[capacity];
        builtUs = new long[capacity];
        receivedUs = new long[capacity];
        Arrays.fill(appendMs, -1);
    }

    void stop() {
        stop = true;
    }

    int outOfOrder() {
        return outOfOrder;
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.assign(List.of(tp));
            c.seek(tp, fromOffset);
            while (!stop) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(50))) {
                    handle(r);
                }
            }
        } catch (RuntimeException e) {
            problem.compareAndSet(null, e.toString());
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return; // the tombstone after a delete
        }
        Instant now = Instant.now();
        long recvUs = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
        if (r.timestampType() != TimestampType.LOG_APPEND_TIME) {
            problem.compareAndSet(null, "record at offset " + r.offset() + " has a " + r.timestampType() + " timestamp, not LogAppendTime");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(r.value()).get("payload");
        } catch (java.io.IOException e) {
            problem.compareAndSet(null, "unreadable record at offset " + r.offset() + ": " + e.getMessage());
            return;
        }
        String op = payload.get("op").asText();
        int seq;
        if ("d".equals(op)) {
            Integer s = deleteSeqById.get(payload.get("before").get("id").asLong());
            seq = s == null ? -1 : s;
        } else {
            seq = ChangeWriter.seqOf(tag, payload.get("after").get("name").asText());
        }
        if (seq < 0 || seq >= capacity) {
            unknown.incrementAndGet();
            return;
        }
        if (appendMs[seq] >= 0) {
            duplicates.incrementAndGet();
            return;
        }
        appendMs[seq] = r.timestamp();
        JsonNode src = payload.get("source");
        sourceNs[seq] = src.get("ts_ns").asLong();
        builtUs[seq] = payload.get("ts_us").asLong();
        receivedUs[seq] = recvUs;
        // The topic must follow commit order: no change may arrive after one with a later commit version.
        if (sourceNs[seq] < maxSourceNs) {
            outOfOrder++;
        }
        maxSourceNs = Math.max(maxSourceNs, sourceNs[seq]);
        seen.incrementAndGet();
    }
}
