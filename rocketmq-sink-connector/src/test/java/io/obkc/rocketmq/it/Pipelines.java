package io.obkc.rocketmq.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.obkc.testing.DatabaseEndpoint;

/** Connector settings of the end-to-end tests: Debezium's MariaDB source and the RocketMQ sink. */
final class Pipelines {
    private Pipelines() {
    }

    static Map<String, String> mariadbSource(DatabaseEndpoint mariadb, String bootstrapServers, String topicPrefix, String database) {
        Map<String, String> c = io.obkc.testing.DebeziumSources.mariadb(mariadb, bootstrapServers, topicPrefix, database);
        c.put("include.schema.changes", "false");
        c.remove("datatype.propagate.source.type");
        return c;
    }

    /** The RocketMQ sink on the test cluster, subscribed by regex, with the given value converter. */
    static Map<String, String> rocketMqSink(RocketMqCluster cluster, String topicsRegex, String rocketTopic, String converterClass) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.obkc.rocketmq.RocketMqSinkConnector");
        c.put("tasks.max", "1");
        c.put("topics.regex", topicsRegex);
        c.put("rocketmq.namesrv.addr", cluster.namesrvAddr());
        c.put("rocketmq.topic", rocketTopic);
        c.put("rocketmq.value.converter", converterClass);
        c.put("rocketmq.send.timeout.ms", "3000");
        c.put("rocketmq.send.retries", "90");
        c.put("rocketmq.retry.backoff.ms", "1000");
        return c;
    }

    /** What the source did to {@code ids} rows: written with v = 0..versions, then the first {@code deleted} deleted. */
    static Map<String, List<RowEvent>> expected(int ids, int versions, int deleted) {
        Map<String, List<RowEvent>> out = new LinkedHashMap<>();
        for (int id = 1; id <= ids; id++) {
            List<RowEvent> events = new ArrayList<>();
            for (int v = 0; v <= versions; v++) {
                events.add(new RowEvent(String.valueOf(id), false, v));
            }
            if (id <= deleted) {
                events.add(new RowEvent(String.valueOf(id), true, versions));
            }
            out.put(String.valueOf(id), events);
        }
        return out;
    }
}
