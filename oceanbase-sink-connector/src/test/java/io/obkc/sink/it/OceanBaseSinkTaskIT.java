package io.obkc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.obkc.sink.OceanBaseSinkTask;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.SqlAssertions;
import io.obkc.testing.TestBed;

/**
 * The task's contracts with the framework, against real seekdb: offsets only for committed data, a
 * failing record named precisely, and recovery from a connection killed under it.
 */
class OceanBaseSinkTaskIT {
    private static final String DB = "task_it";
    private static final Schema ROW = SchemaBuilder.struct().name("task_it.t.Value").optional()
            .field("id", Schema.INT64_SCHEMA).field("v", SchemaBuilder.string().optional()
                    .parameter("__debezium.source.column.type", "VARCHAR").parameter("__debezium.source.column.length", "8").build())
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("task_it.t.Envelope").field("before", ROW).field("after", ROW)
            .field("source", SOURCE).field("op", Schema.STRING_SCHEMA).build();
    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final TopicPartition TP = new TopicPartition("dbz.task_it.t", 0);
    /** The task logs in as its own user, so the test can kill exactly its sessions and no other suite's. */
    private static final String TASK_USER = "task_it_sink";

    private DatabaseEndpoint ob;
    private OceanBaseSinkTask task;

    @BeforeEach
    void setUp() throws Exception {
        ob = TestBed.oceanbase();
        ob.execute("DROP DATABASE IF EXISTS " + DB,
                "CREATE USER IF NOT EXISTS '" + TASK_USER + "'@'%' IDENTIFIED BY 'pw'",
                "GRANT ALL PRIVILEGES ON " + DB + ".* TO '" + TASK_USER + "'@'%'");
        task = new OceanBaseSinkTask();
        task.initialize(new TestContext());
        task.start(props());
    }

    /** Replaces the task setUp started with one started with these settings. */
    private void restartTask(Map<String, String> props) {
        task.stop();
        task = new OceanBaseSinkTask();
        task.initialize(new TestContext());
        task.start(props);
    }

    private Map<String, String> props() {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", "jdbc:mysql://" + ob.host() + ":" + ob.port() + "/");
        props.put("connection.user", TASK_USER);
        props.put("connection.password", "pw");
        props.put("retry.backoff.ms", "50");
        props.put("max.retries", "3");
        return props;
    }

    @AfterEach
    void tearDown() {
        task.stop();
    }

    private static SinkRecord upsert(long offset, long id, String v) {
        Struct after = new Struct(ROW).put("id", id).put("v", v);
        Struct env = new Struct(ENVELOPE).put("op", "c").put("after", after).put("source", new Struct(SOURCE).put("db", DB).put("table", "t"));
        return new SinkRecord(TP.topic(), TP.partition(), KEY, new Struct(KEY).put("id", id), ENVELOPE, env, offset);
    }

    private Map<TopicPartition, OffsetAndMetadata> preCommit() {
        return task.preCommit(Map.of(TP, new OffsetAndMetadata(999)));
    }

    @Test
    void offsetsAreReportedOnlyForCommittedBatches() throws Exception {
        assertThat(preCommit()).as("nothing written yet").isEmpty();
        task.put(List.of(upsert(0, 1, "a"), upsert(1, 2, "b")));
        // preCommit waits for the batch the writer thread has in flight, then reports it.
        assertThat(preCommit()).containsEntry(TP, new OffsetAndMetadata(2));
        assertThat(SqlAssertions.count(ob, DB, "t")).isEqualTo(2);

        // A value too long for VARCHAR(8): with no dead letter queue the task fails naming the record and table,
        // and neither the bad record's offset nor its batch-mates' are reported. The batch is written on the writer
        // thread, so its failure surfaces at the next put() (the worker calls put() on every poll, with or without records).
        List<SinkRecord> batch = List.of(upsert(2, 3, "c"), upsert(3, 4, "this is too long"), upsert(4, 5, "e"));
        task.put(batch);
        assertThat(preCommit()).as("offsets of the failed batch are not reported").containsEntry(TP, new OffsetAndMetadata(2));
        assertThatThrownBy(() -> task.put(List.of(upsert(5, 6, "f")))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("topic dbz.task_it.t partition 0 offset 3")
                .hasMessageContaining("task_it.t")
                .hasMessageContaining("1406");
        assertThat(preCommit()).containsEntry(TP, new OffsetAndMetadata(2));
        assertThat(SqlAssertions.rows(ob, DB, "SELECT id FROM t WHERE id = 6")).as("the put() that reports the failure writes nothing").isEmpty();
    }

    @Test
    void withoutPipeliningEveryBatchIsWrittenBeforePutReturns() throws Exception {
        Map<String, String> p = props();
        p.put("pipeline.writes", "false");
        restartTask(p);
        task.put(List.of(upsert(0, 1, "a")));
        assertThat(SqlAssertions.count(ob, DB, "t")).isEqualTo(1);
        List<SinkRecord> batch = List.of(upsert(1, 2, "b"), upsert(2, 3, "this is too long"));
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(ConnectException.class).hasMessageContaining("offset 2");
        assertThat(preCommit()).containsEntry(TP, new OffsetAndMetadata(1));
    }

    @Test
    void recoversWhenItsConnectionIsKilled() throws Exception {
        task.put(List.of(upsert(0, 1, "a")));
        int killed = killSinkSessions();
        assertThat(killed).as("sink sessions killed").isPositive();
        List<SinkRecord> more = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            more.add(upsert(i, i + 1, "r" + i));
        }
        task.put(more);
        assertThat(preCommit()).containsEntry(TP, new OffsetAndMetadata(101));
        assertThat(SqlAssertions.count(ob, DB, "t")).isEqualTo(101);
    }

    // A MariaDB-like source block with a binlog position, and rows before and after CHANGE COLUMN qty quantity.
    private static final Schema BINLOG_SOURCE = SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
            .field("file", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA).build();
    private static final Schema ROW_V1 = SchemaBuilder.struct().name("task_it.r.Value").optional()
            .field("id", Schema.INT64_SCHEMA).field("qty", Schema.OPTIONAL_INT32_SCHEMA).build();
    private static final Schema ROW_V2 = SchemaBuilder.struct().name("task_it.r.Value").optional()
            .field("id", Schema.INT64_SCHEMA).field("quantity", Schema.OPTIONAL_INT32_SCHEMA).build();
    private static final TopicPartition ROWS_TP = new TopicPartition("dbz.task_it.r", 0);
    private static final TopicPartition DDL_TP = new TopicPartition("dbz", 0);

    private static SinkRecord binlogRow(Schema row, String column, long offset, long id, int value, long pos) {
        Schema envelope = SchemaBuilder.struct().name("task_it.r.Envelope").field("before", row).field("after", row)
                .field("source", BINLOG_SOURCE).field("op", Schema.STRING_SCHEMA).build();
        Struct env = new Struct(envelope).put("op", "c").put("after", new Struct(row).put("id", id).put(column, value))
                .put("source", new Struct(BINLOG_SOURCE).put("db", DB).put("table", "r").put("file", "bin.000001").put("pos", pos));
        return new SinkRecord(ROWS_TP.topic(), ROWS_TP.partition(), KEY, new Struct(KEY).put("id", id), envelope, env, offset);
    }

    /** Debezium's schema change event for CHANGE COLUMN qty quantity, with the table's columns after it. */
    private static SinkRecord changeColumnEvent(long offset, long pos) {
        Schema column = SchemaBuilder.struct().field("name", Schema.STRING_SCHEMA).field("typeName", Schema.STRING_SCHEMA)
                .field("position", Schema.INT32_SCHEMA).field("optional", Schema.BOOLEAN_SCHEMA).build();
        Schema table = SchemaBuilder.struct().field("primaryKeyColumnNames", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                .field("columns", SchemaBuilder.array(column).build()).build();
        Schema change = SchemaBuilder.struct().field("type", Schema.STRING_SCHEMA).field("id", Schema.STRING_SCHEMA).field("table", table).build();
        Schema value = SchemaBuilder.struct().name("io.debezium.connector.mariadb.SchemaChangeValue").field("source", BINLOG_SOURCE)
                .field("databaseName", Schema.STRING_SCHEMA).field("ddl", Schema.STRING_SCHEMA)
                .field("tableChanges", SchemaBuilder.array(change).build()).build();
        Struct t = new Struct(table).put("primaryKeyColumnNames", List.of("id")).put("columns", List.of(
                new Struct(column).put("name", "id").put("typeName", "BIGINT").put("position", 1).put("optional", false),
                new Struct(column).put("name", "quantity").put("typeName", "INT").put("position", 2).put("optional", true)));
        Struct v = new Struct(value).put("databaseName", DB).put("ddl", "ALTER TABLE r CHANGE COLUMN qty quantity INT")
                .put("source", new Struct(BINLOG_SOURCE).put("db", DB).put("table", "r").put("file", "bin.000001").put("pos", pos))
                .put("tableChanges", List.of(new Struct(change).put("type", "ALTER").put("id", "\"" + DB + "\".\"r\"").put("table", t)));
        return new SinkRecord(DDL_TP.topic(), DDL_TP.partition(), null, null, value, v, offset);
    }

    /**
     * The consumer may fetch a row change logged after an ALTER before the ALTER itself (they are on different
     * topics). Written first, auto.evolve would add the renamed column and the rename would then fail. The row
     * must wait for its schema change instead, and the rename must carry the old values along.
     */
    @Test
    void aRowWithRenamedColumnsWaitsForItsSchemaChange() throws Exception {
        Map<String, String> p = props();
        p.put("ddl.ordering.wait.ms", "60000");
        // The task's user may write only this database.
        p.put("ddl.audit.table", DB + ".ddl_audit");
        restartTask(p);
        task.put(List.of(binlogRow(ROW_V1, "qty", 0, 1, 10, 100)));
        task.preCommit(Map.of(ROWS_TP, new OffsetAndMetadata(999)));
        assertThat(SqlAssertions.rows(ob, DB, "SELECT id, qty FROM r")).containsExactly(List.of("1", "10"));

        task.put(List.of(binlogRow(ROW_V2, "quantity", 1, 2, 20, 300)));
        assertThat(task.preCommit(Map.of(ROWS_TP, new OffsetAndMetadata(999)))).as("the held row is not committed")
                .containsEntry(ROWS_TP, new OffsetAndMetadata(1));
        assertThat(SqlAssertions.rows(ob, DB, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + DB
                + "' AND TABLE_NAME = 'r' ORDER BY ORDINAL_POSITION")).as("no column was added for the early row")
                .containsExactly(List.of("id"), List.of("qty"));

        task.put(List.of(changeColumnEvent(0, 200)));
        Map<TopicPartition, OffsetAndMetadata> offsets = task.preCommit(Map.of(ROWS_TP, new OffsetAndMetadata(999), DDL_TP, new OffsetAndMetadata(999)));
        assertThat(offsets).containsEntry(ROWS_TP, new OffsetAndMetadata(2)).containsEntry(DDL_TP, new OffsetAndMetadata(1));
        assertThat(SqlAssertions.rows(ob, DB, "SELECT id, quantity FROM r ORDER BY id")).containsExactly(List.of("1", "10"), List.of("2", "20"));
    }

    /** Kills every session of the task's user, as a proxy restart or a network cut would. */
    private int killSinkSessions() throws Exception {
        int killed = 0;
        try (Connection c = ob.connect(); Statement s = c.createStatement()) {
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '" + TASK_USER + "'")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            for (long id : ids) {
                s.execute("KILL " + id);
                killed++;
            }
        }
        return killed;
    }

    /** The framework side of a task, minimal: no dead letter queue, no plugin metrics. */
    private static final class TestContext implements SinkTaskContext {
        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
        }

        @Override
        public void timeout(long timeoutMs) {
        }

        @Override
        public Set<TopicPartition> assignment() {
            return Set.of(TP);
        }

        @Override
        public void pause(TopicPartition... partitions) {
        }

        @Override
        public void resume(TopicPartition... partitions) {
        }

        @Override
        public void requestCommit() {
        }

        @Override
        public ErrantRecordReporter errantRecordReporter() {
            return null;
        }

        @Override
        public PluginMetrics pluginMetrics() {
            throw new UnsupportedOperationException("no plugin metrics in this test");
        }
    }
}
