package io.obkc.bench.cdc;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A few of the worker's own JMX metrics, read in-process at the end of the measured window: where the time goes by the
 * pipeline's own account (an independent view next to the probe's). Missing beans or attributes are left out.
 */
final class WorkerMetrics {
    private WorkerMetrics() {
    }

    static String read(String sourceConnector, String sinkConnector, String topicPrefix) {
        List<String> out = new ArrayList<>();
        add(out, "debezium.mariadb:type=connector-metrics,context=streaming,server=" + topicPrefix, "MilliSecondsBehindSource",
                "Debezium streaming MilliSecondsBehindSource (binlog timestamps have 1 s resolution)");
        add(out, "kafka.connect:type=source-task-metrics,connector=" + sourceConnector + ",task=0", "source-record-write-rate", "source records written/s");
        add(out, "kafka.connect:type=source-task-metrics,connector=" + sourceConnector + ",task=0", "poll-batch-avg-time-ms", "source poll batch avg ms");
        add(out, "kafka.connect:type=sink-task-metrics,connector=" + sinkConnector + ",task=0", "sink-record-read-rate", "sink records read/s");
        add(out, "kafka.connect:type=sink-task-metrics,connector=" + sinkConnector + ",task=0", "put-batch-avg-time-ms", "sink put() avg ms");
        add(out, "kafka.connect:type=sink-task-metrics,connector=" + sinkConnector + ",task=0", "put-batch-max-time-ms", "sink put() max ms");
        add(out, "kafka.connect:type=plugins,connector=" + sinkConnector + ",task=0", "MilliSecondsBehindSource", "OBKC sink MilliSecondsBehindSource");
        add(out, "kafka.connect:type=plugins,connector=" + sinkConnector + ",task=0", "batch-write-time-ms-p99", "OBKC batch write p99 ms");
        add(out, "kafka.connect:type=plugins,connector=" + sinkConnector + ",task=0", "rows-written-rate", "OBKC rows written/s");
        return out.isEmpty() ? "(no worker metrics found)" : String.join("; ", out);
    }

    private static void add(List<String> out, String name, String attribute, String label) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = server.queryNames(new ObjectName(name), null);
            for (ObjectName n : names) {
                Object v = server.getAttribute(n, attribute);
                out.add(label + " " + (v instanceof Number x ? String.format(Locale.ROOT, "%,.1f", x.doubleValue()) : String.valueOf(v)));
                return;
            }
        } catch (Exception | LinkageError e) {
            // not registered (yet), or not on this version: leave it out
        }
    }
}
