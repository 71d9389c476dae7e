package io.obkc.bench.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/** Broker-side facts: is it up, how far behind is a consumer group, how many records does a topic hold. */
final class KafkaProbe {
    private KafkaProbe() {
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        return Admin.create(p);
    }

    static boolean reachable(String bootstrap) {
        try (Admin a = admin(bootstrap)) {
            return !a.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Sum over every partition of the topics starting with {@code topicPrefix} (except {@code excluded}) of
     * (end offset - the group's committed offset); a partition the group never committed counts in full.
     */
    static long lag(String bootstrap, String group, String topicPrefix, List<String> excluded) throws Exception {
        try (Admin a = admin(bootstrap)) {
            List<String> topics = new ArrayList<>();
            for (String t : a.listTopics().names().get(20, TimeUnit.SECONDS)) {
                if (t.startsWith(topicPrefix) && !excluded.contains(t)) {
                    topics.add(t);
                }
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription d : a.describeTopics(topics).allTopicNames().get(20, TimeUnit.SECONDS).values()) {
                for (TopicPartitionInfo p : d.partitions()) {
                    latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                }
            }
            var ends = a.listOffsets(latest).all().get(20, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    a.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
            long lag = 0;
            for (var e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        }
    }

    /** Records in a topic (end minus start offsets); 0 when it does not exist. */
    static long records(String bootstrap, String topic) throws Exception {
        try (Admin a = admin(bootstrap)) {
            if (!a.listTopics().names().get(20, TimeUnit.SECONDS).contains(topic)) {
                return 0;
            }
            TopicDescription d = a.describeTopics(List.of(topic)).allTopicNames().get(20, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (TopicPartitionInfo p : d.partitions()) {
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
            }
            long n = 0;
            for (var e : a.listOffsets(latest).all().get(20, TimeUnit.SECONDS).values()) {
                n += e.offset();
            }
            for (var e : a.listOffsets(earliest).all().get(20, TimeUnit.SECONDS).values()) {
                n -= e.offset();
            }
            return n;
        }
    }
}
