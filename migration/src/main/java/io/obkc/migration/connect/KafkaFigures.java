package io.obkc.migration.connect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.obkc.migration.project.ProjectException;

/**
 * Figures the Connect REST API does not give: records in a dead letter queue, and records the sink has not yet
 * committed (its consumer group's lag; Connect commits sink offsets every offset.flush.interval.ms, so this trails).
 */
public final class KafkaFigures implements AutoCloseable {
    private final Admin admin;

    public KafkaFigures(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "obkc-migrate");
        admin = Admin.create(p);
    }

    /** Records in the topic (end minus start offsets); 0 when the topic does not exist (nothing was dead-lettered). */
    public long records(String topic) {
        Set<String> topics = topics();
        if (!topics.contains(topic)) {
            return 0;
        }
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().forEach(p -> {
            earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
            latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        });
        long start = get(admin.listOffsets(earliest).all()).values().stream().mapToLong(i -> i.offset()).sum();
        long end = get(admin.listOffsets(latest).all()).values().stream().mapToLong(i -> i.offset()).sum();
        return end - start;
    }

    /** Records in the topics matching the regex beyond the group's committed offsets. */
    public long consumerLag(String group, String topicsRegex) {
        Pattern p = Pattern.compile(topicsRegex);
        List<String> topics = topics().stream().filter(t -> p.matcher(t).matches()).toList();
        if (topics.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        get(admin.describeTopics(topics).allTopicNames()).forEach((t, d) -> d.partitions()
                .forEach(part -> ends.put(new TopicPartition(t, part.partition()), OffsetSpec.latest())));
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        long lag = 0;
        for (var e : get(admin.listOffsets(ends).all()).entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    /** Deletes the project's topics (release). */
    public List<String> deleteTopics(Pattern names) {
        List<String> topics = topics().stream().filter(t -> names.matcher(t).matches()).sorted().toList();
        if (!topics.isEmpty()) {
            get(admin.deleteTopics(topics).all());
        }
        return topics;
    }

    private Set<String> topics() {
        return get(admin.listTopics().names());
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProjectException("interrupted talking to Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ProjectException("Kafka (connect.kafka-bootstrap) did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
