package io.obkc.bench.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads what the OceanBase source wrote to Kafka (its table topics and its transaction topic, JSON with schemas) and
 * checks it independently of the sink:
 * <ul>
 * <li><b>duplicates</b>: change events delivered more than once (at-least-once delivery after a kill -9 re-sends what
 * was sent after the last committed offset). An event is identified by its transaction and its place in it
 * ({@code transaction.id}, {@code total_order}); a snapshot row by its table and key. Duplicates are allowed (the
 * sink's upserts absorb them) and only counted;</li>
 * <li><b>conflicting duplicates</b>: two events with the same identity and different content (before, after, op, key):
 * a resumed source numbered or read something differently the second time. Never allowed;</li>
 * <li><b>gaps</b>: for every transaction whose END record is in the transaction topic, every event 1..event_count must
 * be in the table topics. Never allowed.</li>
 * </ul>
 */
final class TopicAudit {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(long events, long distinct, long duplicates, long conflicting, long snapshotRows, long transactionsEnded,
                  long transactionsWithGaps, long missingEvents, long transactionsWithoutEnd, List<String> examples) {
        boolean clean() {
            return conflicting == 0 && transactionsWithGaps == 0;
        }

        String line() {
            return "events=" + events + " distinct=" + distinct + " duplicates=" + duplicates + " conflicting=" + conflicting
                    + " snapshot_rows=" + snapshotRows + " tx_ended=" + transactionsEnded + " tx_with_gaps=" + transactionsWithGaps
                    + " missing_events=" + missingEvents + " tx_without_end=" + transactionsWithoutEnd;
        }
    }

    private TopicAudit() {
    }

    static Result audit(String bootstrap, String tableTopicPrefix, String transactionTopic) {
        Map<String, String> contentById = new HashMap<>();
        Map<String, Set<Long>> ordersByTx = new HashMap<>();
        Map<String, Long> endCounts = new HashMap<>();
        long[] events = {0};
        long[] duplicates = {0};
        long[] conflicting = {0};
        long[] snapshotRows = {0};
        List<String> examples = new ArrayList<>();
        readAll(bootstrap, t -> t.startsWith(tableTopicPrefix), (topic, r) -> {
            if (r.value() == null) {
                return; // tombstone
            }
            JsonNode p = payload(r.value());
            String op = p.path("op").asText();
            JsonNode tx = p.path("transaction");
            String id;
            if ("r".equals(op)) {
                id = "r|" + topic + "|" + r.key();
                snapshotRows[0]++;
            } else if (tx.isObject()) {
                String txId = tx.path("id").asText();
                long order = tx.path("total_order").asLong();
                id = "t|" + txId + "|" + order;
                ordersByTx.computeIfAbsent(txId, k -> new TreeSet<>()).add(order);
            } else {
                id = "s|" + topic + "|" + p.path("source").path("scn").asText() + "|" + p.path("source").path("thread").asText() + "|" + op
                        + "|" + r.key() + "|" + p.path("after");
            }
            String content = topic + "|" + r.key() + "|" + op + "|" + p.path("before") + "|" + p.path("after");
            events[0]++;
            String earlier = contentById.putIfAbsent(id, content);
            if (earlier != null) {
                duplicates[0]++;
                if (!earlier.equals(content)) {
                    conflicting[0]++;
                    if (examples.size() < 5) {
                        examples.add("conflicting duplicate " + id + ": first " + earlier + ", then " + content);
                    }
                }
            }
        });
        readAll(bootstrap, t -> t.equals(transactionTopic), (topic, r) -> {
            if (r.value() == null) {
                return;
            }
            JsonNode p = payload(r.value());
            if ("END".equals(p.path("status").asText())) {
                endCounts.put(p.path("id").asText(), p.path("event_count").asLong());
            }
        });
        long withGaps = 0;
        long missing = 0;
        for (var e : endCounts.entrySet()) {
            Set<Long> seen = ordersByTx.getOrDefault(e.getKey(), Set.of());
            long miss = 0;
            for (long i = 1; i <= e.getValue(); i++) {
                if (!seen.contains(i)) {
                    miss++;
                }
            }
            if (miss > 0) {
                withGaps++;
                missing += miss;
                if (examples.size() < 10) {
                    examples.add("transaction " + e.getKey() + " ended with " + e.getValue() + " events; the topics hold " + seen);
                }
            }
        }
        long withoutEnd = ordersByTx.keySet().stream().filter(k -> !endCounts.containsKey(k)).count();
        return new Result(events[0], contentById.size(), duplicates[0], conflicting[0], snapshotRows[0], endCounts.size(), withGaps,
                missing, withoutEnd, examples);
    }

    private static JsonNode payload(String value) {
        try {
            JsonNode n = JSON.readTree(value);
            return n.has("payload") ? n.path("payload") : n;
        } catch (Exception e) {
            throw new IllegalStateException("unreadable record value: " + value, e);
        }
    }

    /** Every record of the matching topics, from the beginning to the end offsets read at the start. */
    private static void readAll(String bootstrap, java.util.function.Predicate<String> topics, BiConsumer<String, ConsumerRecord<String, String>> each) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (Map.Entry<String, List<PartitionInfo>> e : c.listTopics(Duration.ofSeconds(30)).entrySet()) {
                if (topics.test(e.getKey())) {
                    for (PartitionInfo pi : e.getValue()) {
                        parts.add(new TopicPartition(pi.topic(), pi.partition()));
                    }
                }
            }
            if (parts.isEmpty()) {
                return;
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + parts + " to their end within 5 minutes");
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofSeconds(1))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r.topic(), r);
                    }
                }
            }
        }
    }

    /**
     * The source offset stored last for {@code connector} in the worker's offset topic (JSON, null when none): read from
     * Kafka itself, so it is what a restarted worker resumes from even while no worker runs.
     */
    static JsonNode lastStoredOffset(String bootstrap, String offsetTopic, String connector) {
        JsonNode[] last = {null};
        readAll(bootstrap, t -> t.equals(offsetTopic), (topic, r) -> {
            try {
                JsonNode k = JSON.readTree(r.key());
                if (k.isArray() && connector.equals(k.path(0).asText())) {
                    last[0] = r.value() == null ? null : JSON.readTree(r.value());
                }
            } catch (Exception e) {
                // not a source-offset record of ours
            }
        });
        return last[0];
    }
}
