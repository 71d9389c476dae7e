package io.obkc.rocketmq.it;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

import io.obkc.rocketmq.RocketMqSinkTask;

/**
 * Runs in a JVM whose class path is only the plugin's runtime jars and what a Connect worker provides (connect-api,
 * kafka-clients, slf4j): starts a task, puts one record, and exits 0 once the broker acknowledged it. Arguments: name
 * server, topic.
 */
public final class PluginClasspathProbe {
    private PluginClasspathProbe() {
    }

    public static void main(String[] args) {
        RocketMqSinkTask task = new RocketMqSinkTask();
        try {
            task.start(Map.of("rocketmq.namesrv.addr", args[0], "rocketmq.topic", args[1],
                    "rocketmq.value.converter", "org.apache.kafka.connect.storage.StringConverter",
                    "rocketmq.send.retries", "30"));
            Schema keySchema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
            task.put(List.of(new SinkRecord("probe.db.probe_table", 0, keySchema, new Struct(keySchema).put("id", 7),
                    Schema.STRING_SCHEMA, "plugin class path works", 0)));
            task.stop();
            System.out.println("PROBE DELIVERED");
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }
}
