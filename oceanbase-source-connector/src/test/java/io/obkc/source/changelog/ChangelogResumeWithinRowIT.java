package io.obkc.source.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.obkc.source.OceanBaseSourceConfig;
import io.obkc.source.SourceTestConfigs;
import io.obkc.source.TaskHarness;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * One change-log row can become several records: a key change is a delete of the old key, its tombstone and a create of
 * the new key; a delete is the delete and its tombstone. Kafka Connect commits the offset of the last record acknowledged
 * in order, which can fall between them (they may go out in different producer batches or partitions). A worker killed
 * after such a commit must re-emit the rest of the row on restart, never skip it (else the row under its new key is
 * lost). Found while building the fault harness's OceanBase-source topology (bench/faults), by reading the offsets the
 * task gives its records.
 */
class ChangelogResumeWithinRowIT {
    private static final String DB = "obkc_src_rowresume_it";
    private static final String CDC = "obkc_src_rowresume_it_cdc";
    private static final String PREFIX = "srcrowresume";
    private static final String TOPIC = PREFIX + "." + DB + ".acct";
    private static DatabaseEndpoint ob;

    @BeforeAll
    static void server() {
        ob = TestBed.oceanbase();
    }

    @BeforeEach
    void clean() throws Exception {
        ob.execute("DROP DATABASE IF EXISTS " + CDC);
        ob.recreateDatabase(DB);
        ob.execute("CREATE TABLE " + DB + ".acct (id INT PRIMARY KEY, name VARCHAR(50))", "INSERT INTO " + DB + ".acct VALUES (1, 'one'), (5, 'five')");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (ob != null) {
            ob.execute("DROP DATABASE IF EXISTS " + DB, "DROP DATABASE IF EXISTS " + CDC);
        }
    }

    private static Map<String, String> config() {
        Map<String, String> c = SourceTestConfigs.changelog(ob, PREFIX, DB + ".acct", CDC);
        c.put(OceanBaseSourceConfig.TRANSACTION_METADATA, "true");
        return c;
    }

    @Test
    void aKillAfterTheCommitOfAKeyChangesDeleteStillDeliversItsCreate() throws Exception {
        TaskHarness.OffsetStore store = new TaskHarness.OffsetStore();
        try (TaskHarness h = new TaskHarness(store, config())) {
            h.pollUntil(rs -> changes(rs, "r").size() == 2, Duration.ofSeconds(60));
            ob.execute("UPDATE " + DB + ".acct SET id = 2 WHERE id = 1");
            List<SourceRecord> all = h.pollUntil(rs -> !changes(rs, "c").isEmpty(), Duration.ofSeconds(60));
            // The worker committed everything up to the delete's tombstone, not the create, and was then killed.
            SourceRecord tombstone = all.stream().filter(r -> r.topic().equals(TOPIC) && r.value() == null).findFirst().orElseThrow();
            SourceRecord create = all.stream().filter(r -> r.topic().equals(TOPIC) && r.value() != null
                    && "c".equals(((Struct) r.value()).getString("op"))).findFirst().orElseThrow();
            assertThat(all.indexOf(tombstone)).as("the create follows the tombstone").isLessThan(all.indexOf(create));
            store.offsetsForTest().put(tombstone.sourcePartition(), new HashMap<>(tombstone.sourceOffset()));
        }
        try (TaskHarness h = new TaskHarness(store, config())) {
            List<SourceRecord> again = h.pollUntil(rs -> !changes(rs, "c").isEmpty(), Duration.ofSeconds(30));
            Struct create = changes(again, "c").get(0);
            assertThat(create.getStruct("after").getInt32("id")).isEqualTo(2);
            // Re-delivered with the same place in its transaction, so a consumer can tell it is the same event.
            assertThat(create.getStruct("transaction").getInt64("total_order")).isEqualTo(2L);
        }
    }

    @Test
    void aKillAfterTheCommitOfADeleteStillDeliversItsTombstone() throws Exception {
        TaskHarness.OffsetStore store = new TaskHarness.OffsetStore();
        try (TaskHarness h = new TaskHarness(store, config())) {
            h.pollUntil(rs -> changes(rs, "r").size() == 2, Duration.ofSeconds(60));
            ob.execute("DELETE FROM " + DB + ".acct WHERE id = 5");
            List<SourceRecord> all = h.pollUntil(rs -> rs.stream().anyMatch(r -> r.topic().equals(TOPIC) && r.value() == null),
                    Duration.ofSeconds(60));
            SourceRecord delete = all.stream().filter(r -> r.topic().equals(TOPIC) && r.value() != null
                    && "d".equals(((Struct) r.value()).getString("op"))).findFirst().orElseThrow();
            store.offsetsForTest().put(delete.sourcePartition(), new HashMap<>(delete.sourceOffset()));
        }
        try (TaskHarness h = new TaskHarness(store, config())) {
            h.pollUntil(rs -> rs.stream().anyMatch(r -> r.topic().equals(TOPIC) && r.value() == null), Duration.ofSeconds(30));
        }
    }

    private static List<Struct> changes(List<SourceRecord> rs, String op) {
        return rs.stream().filter(r -> r.topic().equals(TOPIC) && r.value() != null).map(r -> (Struct) r.value())
                .filter(v -> op.equals(v.getString("op"))).toList();
    }
}
