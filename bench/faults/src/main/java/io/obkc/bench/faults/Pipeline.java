package io.obkc.bench.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two connectors of one topology, with their settings: a source (Debezium's MariaDB connector, or OBKC's
 * OceanBaseSourceConnector in changelog mode for the obPxT topologies) and the OceanBase sink.
 */
final class Pipeline {
    private static final int MAX_TASK_RESTARTS = 50;
    final String prefix;
    final String source;
    final String sink;
    final String dlq;
    final int partitions;
    final int tasks;
    final Topology topology;
    private final ConnectCluster cluster;
    private final HarnessOptions o;
    private int restarts;

    Pipeline(HarnessOptions o, ConnectCluster cluster, Topology topology) {
        this.o = o;
        this.cluster = cluster;
        this.topology = topology;
        this.partitions = topology.partitions();
        this.tasks = topology.tasks();
        this.prefix = topology.prefix();
        this.source = prefix + "-source";
        this.sink = prefix + "-sink";
        this.dlq = prefix + "-dlq";
    }

    Map<String, String> sourceConfig() {
        return topology.oceanBaseSource() ? oceanBaseSourceConfig() : mariaDbSourceConfig();
    }

    /**
     * OBKC's source on the test bed's seekdb, changelog mode (docs/oceanbase-source-connector.md), with transaction
     * metadata so that the topic check can tell a duplicate (same transaction and place in it) from a distinct change, and
     * small snapshot chunks so that the offset moves often while the snapshot runs.
     */
    private Map<String, String> oceanBaseSourceConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.obkc.source.OceanBaseSourceConnector");
        c.put("tasks.max", "1");
        c.put("database.hostname", o.srcObHost);
        c.put("database.port", String.valueOf(o.srcObPort));
        c.put("database.user", o.srcObUser);
        c.put("database.password", o.srcObPassword);
        c.put("topic.prefix", prefix);
        c.put("table.include.list", Topology.SOURCE_DB_OB + ".*");
        c.put("capture.mode", "changelog");
        c.put("changelog.database", Topology.CHANGELOG_DB_OB);
        c.put("snapshot.mode", "initial");
        c.put("snapshot.chunk.size", String.valueOf(o.sourceChunk));
        c.put("provide.transaction.metadata", "true");
        c.put("tombstones.on.delete", "true");
        c.put("datatype.propagate.source.type", ".+");
        c.put("poll.interval.ms", "200");
        c.put("changelog.open.transactions.wait.ms", "120000");
        c.put("topic.creation.default.partitions", String.valueOf(partitions));
        c.put("topic.creation.default.replication.factor", "1");
        converters(c);
        return c;
    }

    private Map<String, String> mariaDbSourceConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
        c.put("tasks.max", "1");
        c.put("database.hostname", o.mysqlHost);
        c.put("database.port", String.valueOf(o.mysqlPort));
        c.put("database.user", o.mysqlUser);
        c.put("database.password", o.mysqlPassword);
        // Unique among the test bed's binlog clients (the ITs use their own ids).
        c.put("database.server.id", String.valueOf(6400 + partitions * 10 + tasks));
        c.put("database.ssl.mode", "disable");
        c.put("topic.prefix", prefix);
        c.put("database.include.list", Workload.DB);
        c.put("snapshot.mode", "initial");
        c.put("schema.history.internal.kafka.bootstrap.servers", cluster.bootstrap());
        c.put("schema.history.internal.kafka.topic", prefix + "-schema-history");
        c.put("schema.history.internal.store.only.captured.tables.ddl", "true");
        // The test bed's MariaDB is shared: its binlog carries other tests' DDL (other databases), some of which
        // Debezium's parser refuses. The harness's own tables never change shape during a run.
        c.put("schema.history.internal.skip.unparseable.ddl", "true");
        c.put("include.schema.changes", "false");
        c.put("bigint.unsigned.handling.mode", "precise");
        c.put("datatype.propagate.source.type", ".+");
        c.put("tombstones.on.delete", "true");
        c.put("topic.creation.default.partitions", String.valueOf(partitions));
        c.put("topic.creation.default.replication.factor", "1");
        converters(c);
        return c;
    }

    Map<String, String> sinkConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.obkc.sink.OceanBaseSinkConnector");
        c.put("tasks.max", String.valueOf(tasks));
        c.put("topics.regex", prefix + "\\." + topology.sourceDb() + "\\..+");
        c.put("connection.url", "jdbc:mysql://" + o.obHost + ":" + o.obPort + "/");
        c.put("connection.user", Seekdb.SINK_USER);
        c.put("connection.password", Seekdb.SINK_PASSWORD);
        c.put("insert.mode", "upsert");
        c.put("delete.enabled", "true");
        c.put("primary.key.mode", "record_key");
        // Debezium's MariaDB source: the same name on seekdb. The OceanBase source: another database of seekdb.
        c.put("database.name.format", topology.oceanBaseSource() ? topology.targetDb() : "${source.db}");
        c.put("table.name.format", "${source.table}");
        c.put("auto.create", "true");
        c.put("auto.evolve", "true");
        c.put("batch.size", "5000");
        c.put("consumer.override.max.poll.records", "5000");
        // As examples/oceanbase-sink.json: records that fail go to the DLQ, and the report counts them.
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", dlq);
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        c.put("errors.log.enable", "true");
        c.put("errors.log.include.messages", "false");
        converters(c);
        c.putAll(o.sinkProps);
        return c;
    }

    private static void converters(Map<String, String> c) {
        c.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("key.converter.replace.null.with.default", "false");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.replace.null.with.default", "false");
    }

    void create() {
        if (!Await.until(Duration.ofSeconds(120), Duration.ofSeconds(2), () -> {
            cluster.rest().putConfig(source, sourceConfig());
            cluster.rest().putConfig(sink, sinkConfig());
            return true;
        })) {
            throw new IllegalStateException("could not create the connectors of " + prefix);
        }
    }

    void delete() {
        Await.until(Duration.ofSeconds(120), Duration.ofSeconds(2), () -> cluster.rest().delete(source) && cluster.rest().delete(sink)
                && !cluster.rest().exists(source) && !cluster.rest().exists(sink));
    }

    /**
     * The source committed a streaming offset. Debezium's binlog offsets carry {@code "snapshot"} only while the
     * initial snapshot runs; a snapshot of Debezium's interrupted by a kill is taken again from scratch, and rows it had
     * already emitted that were deleted meanwhile never get a delete event: in the MariaDB topologies faults start only
     * after this holds. The OceanBase source's snapshot offsets carry {@code snapshot_scn} (it resumes them).
     */
    boolean streamingOffsetCommitted() {
        var offsets = cluster.rest().offsets(source).path("offsets");
        if (offsets.isEmpty()) {
            return false;
        }
        for (var o : offsets) {
            if (isSnapshotOffset(o.path("offset"))) {
                return false;
            }
        }
        return true;
    }

    boolean isSnapshotOffset(com.fasterxml.jackson.databind.JsonNode offset) {
        return topology.oceanBaseSource() ? offset.hasNonNull("snapshot_scn") : offset.has("snapshot");
    }

    /** The source offset committed last, as the worker's REST API reports it (null when none). */
    com.fasterxml.jackson.databind.JsonNode committedSourceOffset() {
        var offsets = cluster.rest().offsets(source).path("offsets");
        return offsets.isEmpty() ? null : offsets.get(0).path("offset");
    }

    boolean running() {
        ConnectRest r = cluster.rest();
        return r.allRunning(source, 1) && r.allRunning(sink, tasks);
    }

    /** Records and restarts FAILED tasks (at most 50 restarts per topology: a task that fails for good stays failed). */
    void restartFailed(List<String> failures) {
        if (restarts >= MAX_TASK_RESTARTS) {
            return;
        }
        for (String c : List.of(source, sink)) {
            List<String> f = cluster.rest().restartFailedTasks(c);
            restarts += f.size();
            for (String line : f) {
                Log.info("FAILED task restarted: " + line);
                failures.add(line);
            }
        }
    }

    long lag() throws Exception {
        return KafkaProbe.lag(cluster.bootstrap(), "connect-" + sink, prefix + "." + topology.sourceDb() + ".", List.of());
    }

    long dlqRecords() throws Exception {
        return KafkaProbe.records(cluster.bootstrap(), dlq);
    }
}
