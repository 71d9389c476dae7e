package io.obkc.acceptance.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.obkc.acceptance.corpus.CorpusDatabase;
import io.obkc.acceptance.corpus.CorpusTable;
import io.obkc.schema.cli.SchemaMigrateCommand;
import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;
import io.obkc.verifier.cli.VerifyCommand;
import picocli.CommandLine;

/**
 * One sample database through the whole path, as a user runs it: load it on the source; obkc-schema-migrate creates
 * the target tables; Debezium snapshots the source into Kafka and our sink writes it into OceanBase; the streaming
 * script ({@link StreamingScript}) changes every table; then obkc-verify and the suite's own row comparison
 * ({@link RowComparison}) must both find no difference, and the dead letter queue must be empty. Before that, the same
 * loaded source goes through the other full-load path, obkc-bulk-load, into a second database ({@link BulkCopyCheck}).
 */
public final class CorpusPipeline {
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(2);

    private final CorpusDatabase db;
    private final DatabaseEndpoint.Kind sourceKind;
    private final String name;

    public CorpusPipeline(CorpusDatabase db, DatabaseEndpoint.Kind sourceKind) {
        this.db = db;
        this.sourceKind = sourceKind;
        this.name = "acc_" + db.name() + (sourceKind == DatabaseEndpoint.Kind.POSTGRESQL ? "_pg" : "_mdb");
    }

    public void run() throws Exception {
        try (ObkcWarnings warnings = new ObkcWarnings()) {
            run(warnings);
        }
    }

    private void run(ObkcWarnings warnings) throws Exception {
        boolean pg = sourceKind == DatabaseEndpoint.Kind.POSTGRESQL;
        DatabaseEndpoint sourceServer = pg ? TestBed.postgres() : TestBed.mysql();
        DatabaseEndpoint oceanbase = TestBed.oceanbase();
        SqlSide source = new SqlSide(sourceServer, name + "_src");
        SqlSide target = new SqlSide(oceanbase, name + "_tgt");
        log("corpus " + db.summary());
        log("source: " + source.describe());
        log("target: " + target.describe());

        long t0 = System.nanoTime();
        SourceLoader.load(db, source);
        log("loaded the source in " + millis(t0) + " ms");

        ObkcTools tools = new ObkcTools(name);
        BulkCopyCheck.Result bulk = new BulkCopyCheck(db, tools, name).run(source, new SqlSide(oceanbase, name + "_bulk"));

        oceanbase.execute("DROP DATABASE IF EXISTS " + target.quote(target.database()));
        int migrate = tools.migrateSchema(source, target);
        if (migrate != 0) {
            throw new AssertionError("obkc-schema-migrate exited " + migrate + " for " + db.name() + " (report above)");
        }

        String topicPrefix = name;
        String dlq = name + "-dlq";
        String sourceName = name + "-source";
        String sinkName = name + "-sink";
        String slot = name + "_" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        // A new run starts the topics afresh: forget the offsets an earlier run's sink of this name stored in the target
        // (offsets.storage.table), as docs/oceanbase-sink-connector.md tells users to when they re-apply on purpose.
        if (!io.obkc.testing.SqlAssertions.rows(oceanbase, "information_schema", "SELECT 1 FROM information_schema.TABLES WHERE "
                + "TABLE_SCHEMA = 'obkc_sink_state' AND TABLE_NAME = 'kafka_offsets'").isEmpty()) {
            oceanbase.execute("DELETE FROM obkc_sink_state.kafka_offsets WHERE connector_name = '" + sinkName.replace("'", "''") + "'");
        }
        String topicsRegex = pg ? Pattern.quote(topicPrefix) + "\\..*" : Pattern.quote(topicPrefix) + "(\\..*)?";
        List<RowComparison.Difference> snapshotDiffs;
        List<RowComparison.Difference> finalDiffs;
        List<ConsumerRecord<byte[], byte[]>> dead;
        List<CorpusTable> tablesAfter;
        ConnectTestBed connect = SharedConnect.get();
        try {
            Map<String, String> src = pg ? ConnectorConfigs.postgresSource(sourceServer, topicPrefix, source.database(), slot)
                    : ConnectorConfigs.mariadbSource(sourceServer, connect.bootstrapServers(), topicPrefix, source.database());
            connect.putConnector(sourceName, src);
            connect.awaitRunning(sourceName, Duration.ofMinutes(2));
            connect.putConnector(sinkName, ConnectorConfigs.oceanbaseSink(oceanbase, topicsRegex, target.database(), dlq));
            connect.awaitRunning(sinkName, Duration.ofMinutes(2));

            long t1 = System.nanoTime();
            awaitQuiet(connect, "snapshot of " + db.name() + " written", SNAPSHOT_TIMEOUT, sourceName, sinkName, topicsRegex,
                    () -> snapshotCompleted(topicPrefix));
            log("snapshot done and written in " + millis(t1) + " ms");
            snapshotDiffs = RowComparison.compare(db.tables(), source, target);
            log("after the snapshot: " + snapshotDiffs.size() + " difference(s)\n" + RowComparison.report(snapshotDiffs));

            StreamingScript script = new StreamingScript(db, source);
            long t2 = System.nanoTime();
            StreamingScript.Marker marker = script.run();
            tablesAfter = script.tablesAfter();
            log("streaming script: " + script.statements() + " statements on the source in " + millis(t2) + " ms");
            awaitQuiet(connect, "streamed changes of " + db.name() + " written", STREAM_TIMEOUT, sourceName, sinkName, topicsRegex,
                    () -> markerArrived(marker, source, target));
            log("stream written in " + millis(t2) + " ms");
            finalDiffs = RowComparison.compare(tablesAfter, source, target);
            dead = connect.consume(dlq, Integer.MAX_VALUE, Duration.ofSeconds(5));
            connect.assertNoFailedTasks(sinkName);
            connect.assertNoFailedTasks(sourceName);
        } finally {
            deleteQuietly(connect, sinkName);
            deleteQuietly(connect, sourceName);
            if (pg) {
                dropSlot(sourceServer, slot);
            }
        }

        log("final independent comparison: " + finalDiffs.size() + " difference(s)\n" + RowComparison.report(finalDiffs));
        log("dead letter queue " + dlq + ": " + dead.size() + " record(s)\n" + describe(dead));
        int verify = tools.verify(source, target);
        log("obkc-verify exit code " + verify);

        List<String> obkcWarnings = warnings.events();
        log("WARN/ERROR log events of OBKC code: " + obkcWarnings.size() + (obkcWarnings.isEmpty() ? "" : "\n  " + String.join("\n  ", obkcWarnings)));
        SoftAssertions soft = new SoftAssertions();
        bulk.assertInto(soft);
        soft.assertThat(finalDiffs).as("independent row comparison of %s after snapshot and streaming:\n%s", db.name(),
                RowComparison.report(finalDiffs)).isEmpty();
        soft.assertThat(dead.size()).as("records in the dead letter queue %s:\n%s", dlq, describe(dead)).isZero();
        soft.assertThat(verify).as("obkc-verify exit code (0 = consistent; its report is in the test output)").isZero();
        soft.assertThat(obkcWarnings).as("WARN/ERROR log events of OBKC code (fix them, or explain them in the docs and expect them here)")
                .isEmpty();
        soft.assertAll();
    }

    /**
     * Waits until {@code sourceDone} holds and the sink's consumer group has committed the end offset of every topic
     * it reads; a failed task fails at once with its stack trace. On timeout the run goes on, so the comparison says
     * what is missing.
     */
    private void awaitQuiet(ConnectTestBed connect, String what, Duration timeout, String sourceName, String sinkName, String topicsRegex,
            ThrowingCondition sourceDone) {
        try (Admin admin = Admin.create(adminProps(connect))) {
            Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                connect.assertNoFailedTasks(sourceName);
                connect.assertNoFailedTasks(sinkName);
                return sourceDone.holds() && sinkCaughtUp(admin, "connect-" + sinkName, topicsRegex);
            });
        } catch (ConditionTimeoutException e) {
            log("NOT QUIET after " + timeout + ": " + e.getMessage() + " (comparing anyway)");
        }
    }

    private static Properties adminProps(ConnectTestBed connect) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connect.bootstrapServers());
        return p;
    }

    private static boolean sinkCaughtUp(Admin admin, String group, String topicsRegex) throws Exception {
        Pattern p = Pattern.compile(topicsRegex);
        List<String> topics = admin.listTopics().names().get().stream().filter(t -> p.matcher(t).matches()).toList();
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((t, d) -> d.partitions()
                .forEach(part -> ends.put(new TopicPartition(t, part.partition()), OffsetSpec.latest())));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        var latest = admin.listOffsets(ends).all().get();
        for (var e : latest.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long done = c == null ? 0 : c.offset();
            if (done < e.getValue().offset()) {
                return false;
            }
        }
        return !topics.isEmpty();
    }

    /** Debezium's snapshot metrics of this connector (in this JVM) say the snapshot completed. */
    private static boolean snapshotCompleted(String topicPrefix) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        var names = server.queryNames(new ObjectName("debezium.*:type=connector-metrics,context=snapshot,server=" + topicPrefix + ",*"), null);
        for (ObjectName n : names) {
            if (Boolean.TRUE.equals(server.getAttribute(n, "SnapshotCompleted"))) {
                return true;
            }
        }
        return false;
    }

    /** The script's last change is on the target. */
    private static boolean markerArrived(StreamingScript.Marker m, SqlSide source, SqlSide target) throws Exception {
        return Objects.equals(value(m, source), value(m, target));
    }

    private static String value(StreamingScript.Marker m, SqlSide side) throws Exception {
        CorpusTable t = m.table();
        String where = String.join(" AND ", t.primaryKey().stream().map(k -> side.quote(k) + " = ?").toList());
        try (var c = side.connect(); PreparedStatement ps = c.prepareStatement("SELECT " + side.quote(m.column().name()) + " FROM "
                + side.table(t.name()) + " WHERE " + where)) {
            for (int i = 0; i < m.key().length; i++) {
                t.column(t.primaryKey().get(i)).type().bind(ps, i + 1, m.key()[i], side.postgres());
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? "row:" + m.column().type().canonical(rs, 1, side.postgres()) : "no row";
            }
        }
    }

    private static String describe(List<ConsumerRecord<byte[], byte[]>> dead) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            if (shown++ == 20) {
                b.append("  … ").append(dead.size() - 20).append(" more\n");
                break;
            }
            b.append("  key ").append(r.key() == null ? "null" : new String(r.key(), StandardCharsets.UTF_8));
            for (Header h : r.headers()) {
                if (h.key().startsWith("__connect.errors.topic") || h.key().equals("__connect.errors.exception.message")) {
                    b.append("\n    ").append(h.key()).append(" = ").append(new String(h.value(), StandardCharsets.UTF_8));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * The deleted source task releases its replication slot asynchronously (and drops it, slot.drop.on.stop); a slot
     * left behind would hold WAL on the shared server, so wait for it to be released and drop what is left.
     */
    private void dropSlot(DatabaseEndpoint postgres, String slot) throws Exception {
        String active = "SELECT COUNT(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active";
        try {
            Awaitility.await("replication slot " + slot + " released").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        try (var c = postgres.connect(); var st = c.createStatement(); var rs = st.executeQuery(active)) {
                            rs.next();
                            return rs.getInt(1) == 0;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            log("replication slot " + slot + " still active after 60 s; drop it by hand: SELECT pg_drop_replication_slot('" + slot + "')");
        }
        postgres.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot
                + "' AND NOT active", "DROP PUBLICATION IF EXISTS " + slot);
    }

    private void deleteQuietly(ConnectTestBed connect, String connector) {
        try {
            connect.deleteConnector(connector);
        } catch (RuntimeException e) {
            // It may never have been created; anything else would show in the next IT's log.
            log("could not delete connector " + connector + ": " + e.getMessage());
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void log(String message) {
        System.err.println("[acceptance " + name + "] " + message);
    }

    @FunctionalInterface
    private interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
