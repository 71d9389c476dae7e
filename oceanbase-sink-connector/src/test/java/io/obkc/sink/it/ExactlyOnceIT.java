package io.obkc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.obkc.sink.OceanBaseSinkTask;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.SqlAssertions;
import io.obkc.testing.TestBed;

/**
 * Redelivery after a crash, and a batch of a task that lost its partition, on a table WITHOUT a primary key (issue 10,
 * S3 and S10): with offsets.storage.table every change takes effect once; without it, rows are duplicated.
 */
class ExactlyOnceIT {
    private static final String DB = "exactly_once_it";
    private static final String STATE = "exactly_once_it_state";
    private static final Schema ROW = SchemaBuilder.struct().name("eo.k.Value").optional()
            .field("v", Schema.OPTIONAL_STRING_SCHEMA).field("n", Schema.OPTIONAL_INT32_SCHEMA).build();
    private static final Schema SOURCE = SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("eo.k.Envelope").field("before", ROW).field("after", ROW)
            .field("source", SOURCE).field("op", Schema.STRING_SCHEMA).build();
    private static final TopicPartition TP = new TopicPartition("eo.exactly_once_it.k", 0);

    private DatabaseEndpoint ob;
    private final List<OceanBaseSinkTask> tasks = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        ob = TestBed.oceanbase();
        System.out.println("[ExactlyOnceIT] target: " + ob);
        ob.execute("DROP DATABASE IF EXISTS " + DB, "DROP DATABASE IF EXISTS " + STATE, "CREATE DATABASE " + DB,
                "CREATE TABLE " + DB + ".k (v VARCHAR(10), n INT)");
    }

    @AfterEach
    void tearDown() {
        tasks.forEach(OceanBaseSinkTask::stop);
    }

    private OceanBaseSinkTask startTask(String offsetsTable) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "eo-sink");
        props.put("connection.url", "jdbc:mysql://" + ob.host() + ":" + ob.port() + "/");
        props.put("connection.user", ob.user());
        props.put("connection.password", ob.password());
        props.put("retry.backoff.ms", "50");
        props.put("pipeline.writes", "false");
        props.put("offsets.storage.table", offsetsTable);
        OceanBaseSinkTask task = new OceanBaseSinkTask();
        task.initialize(new TaskContextStub(Set.of(TP)));
        task.start(props);
        task.open(List.of(TP));
        tasks.add(task);
        return task;
    }

    /** Kafka's CreateTime of the record at an offset: a replay carries the same timestamps as the first delivery. */
    private static long producedAt(long offset) {
        return 1_700_000_000_000L + offset;
    }

    private static SinkRecord insert(long offset, String v, int n) {
        return insert(offset, v, n, producedAt(offset));
    }

    private static SinkRecord insert(long offset, String v, int n, long timestamp) {
        Struct after = new Struct(ROW).put("v", v).put("n", n);
        return new SinkRecord(TP.topic(), TP.partition(), null, null, ENVELOPE,
                new Struct(ENVELOPE).put("op", "c").put("after", after).put("source", new Struct(SOURCE).put("db", DB).put("table", "k")), offset,
                timestamp, org.apache.kafka.common.record.TimestampType.CREATE_TIME);
    }

    private static SinkRecord delete(long offset, String v, int n) {
        Struct before = new Struct(ROW).put("v", v).put("n", n);
        return new SinkRecord(TP.topic(), TP.partition(), null, null, ENVELOPE,
                new Struct(ENVELOPE).put("op", "d").put("before", before).put("source", new Struct(SOURCE).put("db", DB).put("table", "k")), offset,
                producedAt(offset), org.apache.kafka.common.record.TimestampType.CREATE_TIME);
    }

    private static List<SinkRecord> history() {
        // Two equal rows, then one of them deleted: a keyless table keeps duplicates, as the source does.
        return List.of(insert(0, "a", 1), insert(1, "a", 1), insert(2, "b", 2), delete(3, "a", 1), insert(4, "c", 3));
    }

    private List<List<String>> rows() throws Exception {
        return SqlAssertions.rows(ob, DB, "SELECT v, n FROM k ORDER BY v, n");
    }

    private static final List<List<String>> EXPECTED = List.of(List.of("a", "1"), List.of("b", "2"), List.of("c", "3"));

    @Test
    void aCrashBeforeKafkaOffsetsAreCommittedDoesNotApplyChangesTwice() throws Exception {
        OceanBaseSinkTask first = startTask(STATE + ".offsets");
        first.put(history());
        // The worker dies before committing offsets to Kafka; the next task gets every record again.
        first.stop();
        tasks.remove(first);
        OceanBaseSinkTask second = startTask(STATE + ".offsets");
        second.put(history().subList(0, 2));
        second.put(history().subList(2, 5));
        second.put(List.of(insert(5, "d", 4)));
        List<List<String>> expected = new ArrayList<>(EXPECTED);
        expected.add(List.of("d", "4"));
        assertThat(rows()).isEqualTo(expected);
    }

    @Test
    void withoutTheOffsetsTableAReplayDuplicatesKeylessRows() throws Exception {
        OceanBaseSinkTask first = startTask("");
        first.put(history());
        first.stop();
        tasks.remove(first);
        startTask("").put(history());
        assertThat(rows()).as("the control: plain INSERTs replayed").hasSizeGreaterThan(EXPECTED.size());
    }

    @Test
    void aTaskThatLostItsPartitionCannotCommitAStaleBatchOverTheNewOwner() throws Exception {
        OceanBaseSinkTask old = startTask(STATE + ".offsets");
        old.put(history().subList(0, 3));
        // A rebalance gives the partition to another task, which is delivered 3..4 and writes them.
        OceanBaseSinkTask owner = startTask(STATE + ".offsets");
        owner.put(history().subList(3, 5));
        // The old task's batch of the same records was still in flight: its commit must not apply them a second time.
        old.put(history().subList(3, 5));
        owner.put(List.of(insert(5, "d", 4)));
        List<List<String>> expected = new ArrayList<>(EXPECTED);
        expected.add(List.of("d", "4"));
        assertThat(rows()).isEqualTo(expected);
        assertThat(SqlAssertions.rows(ob, STATE, "SELECT next_offset FROM offsets WHERE connector_name = 'eo-sink'"))
                .containsExactly(List.of("6"));
    }

    /**
     * A Kafka cluster started afresh (or the topic re-created) numbers its records from 0 again: records below the stored
     * offset but produced after the last applied one are applied, not skipped.
     */
    @Test
    void aTopicStartedAfreshIsAppliedInFull() throws Exception {
        OceanBaseSinkTask first = startTask(STATE + ".offsets");
        first.put(history());
        first.stop();
        tasks.remove(first);
        OceanBaseSinkTask second = startTask(STATE + ".offsets");
        long later = producedAt(100);
        second.put(List.of(insert(0, "x", 7, later), insert(1, "y", 8, later + 1)));
        second.put(List.of(insert(2, "z", 9, later + 2)));
        List<List<String>> expected = new ArrayList<>(EXPECTED);
        expected.addAll(List.of(List.of("x", "7"), List.of("y", "8"), List.of("z", "9")));
        assertThat(rows()).isEqualTo(expected);
        assertThat(SqlAssertions.rows(ob, STATE, "SELECT next_offset FROM offsets WHERE connector_name = 'eo-sink'"))
                .containsExactly(List.of("3"));
    }

}
