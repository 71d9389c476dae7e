package io.obkc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.awaitility.Awaitility;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
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
        task.initialize(new TaskContextStub(Set.of(TP)));
        task.start(props());
    }

    /** Replaces the task setUp started with one started with these settings. */
    private void restartTask(Map<String, String> props) {
        restartTask(props, new TaskContextStub(Set.of(TP)));
    }

    private void restartTask(Map<String, String> props, TaskContextStub context) {
        task.stop();
        task = new OceanBaseSinkTask();
        task.initialize(context);
        task.start(props);
    }

    /** A record the task sent to the dead letter queue, with the error message the worker would put in its headers. */
    /** A dead letter queue that collects into a list. */
    private static ErrantRecordReporter reporterInto(List<DeadLetter> deadLetters) {
        return (record, error) -> {
            synchronized (deadLetters) {
                deadLetters.add(new DeadLetter(record, error.getMessage()));
            }
            return CompletableFuture.completedFuture(null);
        };
    }

    private record DeadLetter(SinkRecord record, String message) {
    }

    /** Restarts the task with errors.tolerance=all and these extra settings; returns what it dead-letters. */
    private List<DeadLetter> restartToleratingAll(Map<String, String> extra) {
        Map<String, String> p = props();
        p.put("errors.tolerance", "all");
        p.putAll(extra);
        List<DeadLetter> dlq = new ArrayList<>();
        restartTask(p, new TaskContextStub(Set.of(TP), reporterInto(dlq)));
        return dlq;
    }

    private Map<String, String> props() {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", "jdbc:mysql://" + ob.host() + ":" + ob.port() + "/");
        props.put("connection.user", TASK_USER);
        props.put("connection.password", "pw");
        props.put("retry.backoff.ms", "50");
        props.put("max.retries", "3");
        // The task's user may write only this database; the offsets table lives there and is dropped with it.
        props.put("offsets.storage.table", DB + ".obkc_offsets");
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
        // The first batch is written on the writer thread: wait for it, then for the task's session to be listed,
        // before killing it (CI once killed nothing because the kill ran before the session was there).
        assertThat(preCommit()).containsEntry(TP, new OffsetAndMetadata(1));
        Awaitility.await("a session of " + TASK_USER + " in the process list").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> !sinkSessionIds().isEmpty());
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

    private static SinkRecord update(long offset, long beforeId, long afterId, String v) {
        Struct env = new Struct(ENVELOPE).put("op", "u").put("before", new Struct(ROW).put("id", beforeId).put("v", "old"))
                .put("after", new Struct(ROW).put("id", afterId).put("v", v)).put("source", new Struct(SOURCE).put("db", DB).put("table", "t"));
        return new SinkRecord(TP.topic(), TP.partition(), KEY, new Struct(KEY).put("id", afterId), ENVELOPE, env, offset);
    }

    private List<SinkRecord> fiveValidRecords() {
        List<SinkRecord> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(upsert(i, i + 1, "r" + i));
        }
        return out;
    }

    /**
     * S11: a wrong password is the connection's fault, not the records'. With errors.tolerance=all the valid records
     * used to go to the dead letter queue and their offsets were committed, draining the stream away from the target.
     */
    @Test
    void aWrongPasswordSendsNothingToTheDeadLetterQueueAndFailsTheTask() throws Exception {
        List<DeadLetter> dlq = restartToleratingAll(Map.of("connection.password", "wrong", "connection.attempts", "1"));
        task.put(fiveValidRecords());
        assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(ConnectException.class).hasMessageContaining("1045")
                .hasMessageContaining("connection.password").hasMessageNotContaining("wrong");
        assertThat(dlq).as("dead-lettered records").isEmpty();
        assertThat(preCommit()).as("no offset is committed").isEmpty();
    }

    /** S11: a privilege the sink's user lost is not the records' fault either. */
    @Test
    void aRevokedPrivilegeSendsNothingToTheDeadLetterQueueAndFailsTheTask() throws Exception {
        ob.execute("CREATE DATABASE IF NOT EXISTS " + DB, "CREATE TABLE " + DB + ".t (id BIGINT PRIMARY KEY, v VARCHAR(8))",
                "CREATE USER IF NOT EXISTS 'task_it_ro'@'%' IDENTIFIED BY 'pw'", "GRANT SELECT ON " + DB + ".* TO 'task_it_ro'@'%'");
        List<DeadLetter> dlq = restartToleratingAll(Map.of("connection.user", "task_it_ro"));
        task.put(fiveValidRecords());
        assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(ConnectException.class).hasMessageContaining("denied")
                .hasMessageContaining("privileges");
        assertThat(dlq).as("dead-lettered records").isEmpty();
        assertThat(preCommit()).as("no offset is committed").isEmpty();
        assertThat(SqlAssertions.count(ob, DB, "t")).isZero();
    }

    /** A delete tombstone whose key does not carry the table's key column. */
    private static SinkRecord deleteWithoutKeyColumn(long offset) {
        Schema otherKey = SchemaBuilder.struct().field("other", Schema.INT64_SCHEMA).build();
        return new SinkRecord(TP.topic(), TP.partition(), otherKey, new Struct(otherKey).put("other", 7L), null, null, offset);
    }

    /** S8: a record the sink cannot turn into SQL is the record's fault: dead letter queue under errors.tolerance=all. */
    @Test
    void aRecordMissingItsKeyValueGoesToTheDeadLetterQueue() throws Exception {
        List<DeadLetter> dlq = restartToleratingAll(Map.of());
        task.put(List.of(upsert(0, 1, "a"), deleteWithoutKeyColumn(1), upsert(2, 2, "b")));
        assertThat(preCommit()).containsEntry(TP, new OffsetAndMetadata(3));
        assertThat(dlq).hasSize(1);
        assertThat(dlq.get(0).record().kafkaOffset()).isEqualTo(1);
        assertThat(dlq.get(0).message()).contains("task_it.t").contains("offset 1").contains("primary key column id").contains("key other=7");
        assertThat(SqlAssertions.rows(ob, DB, "SELECT id FROM t ORDER BY id")).containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void aRecordMissingItsKeyValueFailsTheTaskWithoutTolerance() throws Exception {
        task.put(List.of(upsert(0, 1, "a"), deleteWithoutKeyColumn(1)));
        assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(ConnectException.class).hasMessageContaining("primary key column id")
                .hasMessageContaining("offset 1");
        assertThat(preCommit()).isEmpty();
    }

    /** S7: ExtractNewRecordState with delete.handling.mode=rewrite flags a delete with __deleted="true". */
    @Test
    void flatRecordsFlaggedDeletedDeleteTheirRowAndAddNoColumn() throws Exception {
        Schema flat = SchemaBuilder.struct().name("dbz.task_it.f.Value").field("id", Schema.INT64_SCHEMA).field("v", Schema.OPTIONAL_STRING_SCHEMA)
                .field("__deleted", Schema.OPTIONAL_STRING_SCHEMA).build();
        TopicPartition ftp = new TopicPartition("dbz.task_it.f", 0);
        List<SinkRecord> records = new ArrayList<>();
        long offset = 0;
        for (Object[] r : new Object[][] {{1L, "a", "false"}, {2L, "b", "false"}, {1L, "a", "true"}}) {
            records.add(new SinkRecord(ftp.topic(), 0, KEY, new Struct(KEY).put("id", r[0]), flat,
                    new Struct(flat).put("id", r[0]).put("v", r[1]).put("__deleted", r[2]), offset++));
        }
        task.put(records);
        assertThat(task.preCommit(Map.of(ftp, new OffsetAndMetadata(999)))).containsEntry(ftp, new OffsetAndMetadata(3));
        assertThat(SqlAssertions.rows(ob, DB, "SELECT id, v FROM f ORDER BY id")).containsExactly(List.of("2", "b"));
        assertThat(SqlAssertions.rows(ob, DB, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + DB
                + "' AND TABLE_NAME = 'f' ORDER BY ORDINAL_POSITION")).containsExactly(List.of("id"), List.of("v"));
    }

    /** S2: an update whose key changed (as our Canal, Maxwell and OMS readers send it) moves the row. */
    @Test
    void anUpdateThatChangesTheKeyRemovesTheOldRow() throws Exception {
        task.put(List.of(upsert(0, 1, "a"), upsert(1, 5, "e")));
        task.put(List.of(update(2, 1, 2, "moved")));
        assertThat(preCommit()).containsEntry(TP, new OffsetAndMetadata(3));
        assertThat(SqlAssertions.rows(ob, DB, "SELECT id, v FROM t ORDER BY id")).containsExactly(List.of("2", "moved"), List.of("5", "e"));
    }

    private static final String UNAVAILABLE = "__debezium_unavailable_value";
    private static final Schema DOC = SchemaBuilder.struct().name("task_it.doc.Value").optional().field("id", Schema.INT64_SCHEMA)
            .field("title", Schema.OPTIONAL_STRING_SCHEMA).field("body", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema DOC_ENVELOPE = SchemaBuilder.struct().name("task_it.doc.Envelope").field("before", DOC).field("after", DOC)
            .field("source", SOURCE).field("op", Schema.STRING_SCHEMA).build();
    private static final TopicPartition DOC_TP = new TopicPartition("dbz.task_it.doc", 0);

    /** Debezium PostgreSQL's update of a table without REPLICA IDENTITY FULL: no before image. */
    private static SinkRecord docChange(long offset, String op, long id, String title, String body) {
        Struct env = new Struct(DOC_ENVELOPE).put("op", op).put("after", new Struct(DOC).put("id", id).put("title", title).put("body", body))
                .put("source", new Struct(SOURCE).put("db", DB).put("table", "doc"));
        return new SinkRecord(DOC_TP.topic(), 0, KEY, new Struct(KEY).put("id", id), DOC_ENVELOPE, env, offset);
    }

    /** Issue 9 item 12: an unchanged TOASTed column arrives as a placeholder and must stay as the target has it. */
    @Test
    void anUnchangedToastedColumnKeepsItsValue() throws Exception {
        ob.execute("CREATE DATABASE IF NOT EXISTS " + DB, "CREATE TABLE " + DB + ".doc (id BIGINT PRIMARY KEY, title VARCHAR(20), body TEXT)");
        String body = "0123456789".repeat(640);
        task.put(List.of(docChange(0, "c", 2, "first", body)));
        task.put(List.of(docChange(1, "u", 2, "changed", UNAVAILABLE)));
        assertThat(task.preCommit(Map.of(DOC_TP, new OffsetAndMetadata(999)))).containsEntry(DOC_TP, new OffsetAndMetadata(2));
        assertThat(SqlAssertions.rows(ob, DB, "SELECT title, body FROM doc")).containsExactly(List.of("changed", body));

        // No row to keep the value from: refused, naming table, key and column.
        task.put(List.of(docChange(2, "u", 3, "new", UNAVAILABLE)));
        assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(ConnectException.class).hasMessageContaining("task_it.doc")
                .hasMessageContaining("id=3").hasMessageContaining("[body]");
        assertThat(SqlAssertions.rows(ob, DB, "SELECT id FROM doc")).containsExactly(List.of("2"));
    }

    /** Issue 9 item 3: key 0 of an AUTO_INCREMENT column is a key like any other. */
    @Test
    void keyZeroOfAnAutoIncrementColumnStaysZero() throws Exception {
        ob.execute("CREATE DATABASE IF NOT EXISTS " + DB, "CREATE TABLE " + DB + ".t (id BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(8))");
        task.put(List.of(upsert(0, 0, "a")));
        task.put(List.of(update(1, 0, 0, "b")));
        assertThat(preCommit()).containsEntry(TP, new OffsetAndMetadata(2));
        assertThat(SqlAssertions.rows(ob, DB, "SELECT id, v FROM t ORDER BY id")).containsExactly(List.of("0", "b"));
    }

    /** Issue 9, "a DLQ is not a success": past dlq.max.records the task fails, and records that could not be read count too. */
    @Test
    void theTaskFailsPastItsDeadLetterBudget() throws Exception {
        List<DeadLetter> dlq = restartToleratingAll(Map.of("dlq.max.records", "2"));
        SinkRecord unreadable = new SinkRecord(TP.topic(), TP.partition(), null, null, null, Map.of("id", 9), 1);
        task.put(List.of(upsert(0, 1, "a"), unreadable, upsert(2, 2, "too long value")));
        assertThat(preCommit()).containsEntry(TP, new OffsetAndMetadata(3));
        assertThat(dlq).hasSize(2);
        task.put(List.of(upsert(3, 3, "c"), upsert(4, 4, "also too long")));
        assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(ConnectException.class).hasMessageContaining("dlq.max.records=2")
                .hasMessageContaining("raise dlq.max.records");
        assertThat(dlq).as("the record past the limit is not sent").hasSize(2);
        assertThat(preCommit()).as("nor its offset committed").containsEntry(TP, new OffsetAndMetadata(3));
    }

    /**
     * S4: a partial rebalance closes other partitions. Held records of partitions the task keeps used to be dropped and
     * rewound, a rewind the worker applies only at its next poll; they must stay held and be written in order.
     */
    @Test
    void closingOtherPartitionsKeepsTheRecordsHeldForThisOne() throws Exception {
        Map<String, String> p = props();
        p.put("ddl.ordering.wait.ms", "60000");
        p.put("ddl.audit.table", DB + ".ddl_audit");
        restartTask(p);
        task.put(List.of(binlogRow(ROW_V1, "qty", 0, 1, 10, 100)));
        task.put(List.of(binlogRow(ROW_V2, "quantity", 1, 2, 20, 300)));
        assertThat(task.preCommit(Map.of(ROWS_TP, new OffsetAndMetadata(999)))).containsEntry(ROWS_TP, new OffsetAndMetadata(1));
        task.close(List.of(new TopicPartition("dbz.task_it.other", 0)));
        task.put(List.of(changeColumnEvent(0, 200)));
        Map<TopicPartition, OffsetAndMetadata> offsets = task.preCommit(Map.of(ROWS_TP, new OffsetAndMetadata(999), DDL_TP, new OffsetAndMetadata(999)));
        assertThat(offsets).containsEntry(ROWS_TP, new OffsetAndMetadata(2)).containsEntry(DDL_TP, new OffsetAndMetadata(1));
        assertThat(SqlAssertions.rows(ob, DB, "SELECT id, quantity FROM r ORDER BY id")).containsExactly(List.of("1", "10"), List.of("2", "20"));
    }

    /**
     * S9: a target that is away is retried on later polls, not slept through on the worker thread: put() throws a
     * RetriableException with a backoff within seconds, commits nothing, and the batch is written once the target is back.
     */
    @Test
    void anUnreachableTargetIsRetriedOnLaterPollsWithoutHoldingTheWorker() throws Exception {
        try (SwitchableProxy proxy = new SwitchableProxy(ob.host(), ob.port())) {
            Map<String, String> p = props();
            p.put("connection.url", "jdbc:mysql://127.0.0.1:" + proxy.port() + "/");
            p.put("connection.attempts", "1");
            p.put("max.retries", "4");
            TaskContextStub context = new TaskContextStub(Set.of(TP));
            restartTask(p, context);
            task.put(List.of(upsert(0, 1, "a")));
            assertThat(preCommit()).containsEntry(TP, new OffsetAndMetadata(1));

            proxy.down();
            task.put(List.of(upsert(1, 2, "b"), upsert(2, 3, "c")));
            long start = System.nanoTime();
            assertThatThrownBy(() -> task.put(List.of(upsert(3, 4, "d")))).isInstanceOf(RetriableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time the worker thread waited").isLessThan(Duration.ofSeconds(20));
            assertThat(context.timeoutMs).as("backoff asked of the worker").isPositive();
            assertThat(preCommit()).as("nothing more committed").containsEntry(TP, new OffsetAndMetadata(1));

            proxy.up();
            // The worker redelivers the records of the put() that threw.
            task.put(List.of(upsert(3, 4, "d")));
            assertThat(preCommit()).containsEntry(TP, new OffsetAndMetadata(4));
            assertThat(SqlAssertions.rows(ob, DB, "SELECT id, v FROM t ORDER BY id"))
                    .containsExactly(List.of("1", "a"), List.of("2", "b"), List.of("3", "c"), List.of("4", "d"));
        }
    }

    @Test
    void aTargetAwayForMaxRetriesFailsTheTask() throws Exception {
        try (SwitchableProxy proxy = new SwitchableProxy(ob.host(), ob.port())) {
            Map<String, String> p = props();
            p.put("connection.url", "jdbc:mysql://127.0.0.1:" + proxy.port() + "/");
            p.put("connection.attempts", "1");
            p.put("max.retries", "2");
            restartTask(p);
            proxy.down();
            task.put(List.of(upsert(0, 1, "a")));
            assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(RetriableException.class);
            assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
                    .hasMessageContaining("max.retries=2");
            assertThat(preCommit()).isEmpty();
        }
    }

    /** The ids of the task user's sessions, from the process list. */
    private List<Long> sinkSessionIds() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = ob.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '" + TASK_USER + "'")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Kills every session of the task's user, as a proxy restart or a network cut would. */
    private int killSinkSessions() throws Exception {
        int killed = 0;
        List<Long> ids = sinkSessionIds();
        try (Connection c = ob.connect(); Statement s = c.createStatement()) {
            for (long id : ids) {
                s.execute("KILL " + id);
                killed++;
            }
        }
        return killed;
    }

}
