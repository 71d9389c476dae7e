package io.obkc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.obkc.sink.OceanBaseSinkTask;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.SqlAssertions;
import io.obkc.testing.TestBed;

/**
 * Changes to a table with a secondary UNIQUE key, delivered out of source order the way several partitions deliver
 * them (each key's changes in order, keys interleaved), must end in the source's final state: issue 10, S1 and S5.
 * The expected state comes from replaying the source history in a map, not from the sink.
 */
class OrderingGuardIT {
    private static final String DB = "ordering_guard_it";
    private static final Schema ROW = SchemaBuilder.struct().name("og.t.Value").optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("v", SchemaBuilder.string().optional().parameter("__debezium.source.column.type", "VARCHAR")
                    .parameter("__debezium.source.column.length", "16").build())
            .field("n", Schema.OPTIONAL_INT32_SCHEMA)
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
            .field("file", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA).field("row", Schema.INT32_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("og.t.Envelope").field("before", ROW).field("after", ROW)
            .field("source", SOURCE).field("op", Schema.STRING_SCHEMA).build();
    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final String TOPIC = "og.ordering_guard_it.t";

    private DatabaseEndpoint ob;

    private static Set<TopicPartition> partitions() {
        Set<TopicPartition> out = new java.util.HashSet<>();
        for (int p = 0; p < 4; p++) {
            out.add(new TopicPartition(TOPIC, p));
        }
        return out;
    }
    private OceanBaseSinkTask task;

    @BeforeEach
    void setUp() throws Exception {
        ob = TestBed.oceanbase();
        System.out.println("[OrderingGuardIT] target: " + ob);
        ob.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
                "CREATE TABLE " + DB + ".t (id BIGINT PRIMARY KEY, v VARCHAR(16), n INT, UNIQUE KEY uv (v))");
    }

    @AfterEach
    void tearDown() {
        if (task != null) {
            task.stop();
        }
    }

    private void startTask(boolean guard) {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", "jdbc:mysql://" + ob.host() + ":" + ob.port() + "/");
        props.put("connection.user", ob.user());
        props.put("connection.password", ob.password());
        props.put("retry.backoff.ms", "50");
        props.put("max.retries", "3");
        props.put("pipeline.writes", "false");
        props.put("ordering.guard.enabled", Boolean.toString(guard));
        // Kept in the test's database, dropped with it, so each test starts with no stored offsets.
        props.put("offsets.storage.table", DB + ".obkc_offsets");
        task = new OceanBaseSinkTask();
        task.initialize(new TaskContextStub(partitions()));
        task.start(props);
    }

    // ---------------------------------------------------------------- a source history, as Debezium reports it

    /** One change event: key, before, after (null for deletes), binlog position (pos, row). */
    private record Change(long key, Long beforeId, String beforeV, Integer beforeN, Long afterId, String afterV, Integer afterN, long pos,
            int row, String op) {
    }

    private static SinkRecord record(Change c, int partition, long offset) {
        Struct before = c.beforeId == null ? null : new Struct(ROW).put("id", c.beforeId).put("v", c.beforeV).put("n", c.beforeN);
        Struct after = c.afterId == null ? null : new Struct(ROW).put("id", c.afterId).put("v", c.afterV).put("n", c.afterN);
        Struct source = new Struct(SOURCE).put("db", DB).put("table", "t").put("file", "mariadb-bin.000007").put("pos", c.pos).put("row", c.row);
        Struct env = new Struct(ENVELOPE).put("op", c.op).put("before", before).put("after", after).put("source", source);
        return new SinkRecord(TOPIC, partition, KEY, new Struct(KEY).put("id", c.key), ENVELOPE, env, offset);
    }

    /** A simulated source table (id -> v, n) with UNIQUE(v), and the change events its statements produce. */
    private static final class Source {
        final TreeMap<Long, Object[]> rows = new TreeMap<>();
        final List<Change> log = new ArrayList<>();
        long pos = 1000;

        boolean holds(String v) {
            return v != null && rows.values().stream().anyMatch(r -> v.equals(r[0]));
        }

        void insert(long id, String v, int n) {
            rows.put(id, new Object[] {v, n});
            log.add(new Change(id, null, null, null, id, v, n, pos += 100, 0, "c"));
        }

        void update(long id, String v, int n) {
            Object[] old = rows.put(id, new Object[] {v, n});
            log.add(new Change(id, id, (String) old[0], (Integer) old[1], id, v, n, pos += 100, 0, "u"));
        }

        void delete(long id) {
            Object[] old = rows.remove(id);
            log.add(new Change(id, id, (String) old[0], (Integer) old[1], null, null, null, pos += 100, 0, "d"));
        }

        /** A primary key change: Debezium's MySQL family reports it as a delete of the old key and a create of the new one. */
        void changeKey(long from, long to) {
            Object[] old = rows.remove(from);
            rows.put(to, old);
            pos += 100;
            log.add(new Change(from, from, (String) old[0], (Integer) old[1], null, null, null, pos, 0, "d"));
            log.add(new Change(to, null, null, null, to, (String) old[0], (Integer) old[1], pos, 1, "c"));
        }

        List<List<String>> state() {
            List<List<String>> out = new ArrayList<>();
            rows.forEach((id, r) -> out.add(java.util.Arrays.asList(String.valueOf(id), (String) r[0], String.valueOf(r[1]))));
            return out;
        }
    }

    private List<List<String>> target() throws Exception {
        return SqlAssertions.rows(ob, DB, "SELECT id, v, n FROM t ORDER BY id");
    }

    /**
     * Delivers the log as {@code partitions} partitions would: each key's changes in order, keys interleaved at random,
     * in puts of random sizes.
     */
    private void deliverInterleaved(List<Change> log, int partitions, Random rnd) {
        Map<Integer, List<Change>> byPartition = new LinkedHashMap<>();
        for (Change c : log) {
            byPartition.computeIfAbsent((int) Math.floorMod(Long.hashCode(c.key * 31 + 7), partitions), p -> new ArrayList<>()).add(c);
        }
        Map<Integer, Integer> next = new HashMap<>();
        Map<Integer, Long> offsets = new HashMap<>();
        List<SinkRecord> batch = new ArrayList<>();
        int remaining = log.size();
        while (remaining > 0) {
            List<Integer> open = byPartition.keySet().stream().filter(p -> next.getOrDefault(p, 0) < byPartition.get(p).size()).toList();
            int p = open.get(rnd.nextInt(open.size()));
            int i = next.merge(p, 1, Integer::sum) - 1;
            long offset = offsets.merge(p, 1L, Long::sum) - 1;
            batch.add(record(byPartition.get(p).get(i), p, offset));
            remaining--;
            if (batch.size() >= 1 + rnd.nextInt(12) || remaining == 0) {
                task.put(new ArrayList<>(batch));
                batch.clear();
            }
        }
        task.put(List.of());
    }

    private static Source randomHistory(Random rnd, int steps) {
        Source s = new Source();
        String[] values = {"a", "b", "c", "d", "e", "f"};
        for (long id = 1; id <= 4; id++) {
            s.insert(id, values[(int) id - 1], 0);
        }
        int n = 1;
        for (int i = 0; i < steps; i++) {
            List<Long> ids = new ArrayList<>(s.rows.keySet());
            int kind = rnd.nextInt(6);
            if (ids.isEmpty() || kind == 0) {
                long id = 1 + rnd.nextInt(8);
                String v = values[rnd.nextInt(values.length)];
                if (!s.rows.containsKey(id) && !s.holds(v)) {
                    s.insert(id, v, n++);
                }
            } else if (kind <= 2) {
                long id = ids.get(rnd.nextInt(ids.size()));
                String v = rnd.nextInt(4) == 0 ? null : values[rnd.nextInt(values.length)];
                if (v == null || !s.holds(v) || v.equals(s.rows.get(id)[0])) {
                    s.update(id, v, n++);
                }
            } else if (kind == 3) {
                s.delete(ids.get(rnd.nextInt(ids.size())));
            } else if (kind == 4) {
                long to = 1 + rnd.nextInt(8);
                long from = ids.get(rnd.nextInt(ids.size()));
                if (!s.rows.containsKey(to)) {
                    s.changeKey(from, to);
                }
            } else if (ids.size() >= 2) {
                // Swap the unique values of two rows in one transaction, through a temporary value.
                long x = ids.get(rnd.nextInt(ids.size()));
                long y = ids.get(rnd.nextInt(ids.size()));
                if (x != y) {
                    String vx = (String) s.rows.get(x)[0];
                    String vy = (String) s.rows.get(y)[0];
                    s.update(x, "tmp", n++);
                    s.update(y, vx, n++);
                    s.update(x, vy, n++);
                }
            }
        }
        return s;
    }

    // ---------------------------------------------------------------- tests

    @Test
    void anInsertThatTakesAUniqueValueBeforeTheUpdateThatFreedItArrivesKeepsBothRows() throws Exception {
        startTask(true);
        Source s = new Source();
        s.insert(2, "a", 0);
        s.update(2, "c", 1);
        s.insert(3, "a", 2);
        task.put(List.of(record(s.log.get(0), 0, 0)));
        // The insert of 3 (another partition) overtakes the update of 2.
        task.put(List.of(record(s.log.get(2), 1, 0)));
        task.put(List.of(record(s.log.get(1), 0, 1)));
        assertThat(target()).isEqualTo(s.state()).containsExactly(List.of("2", "c", "1"), List.of("3", "a", "2"));
    }

    @Test
    void aKeyChangeWhoseCreateArrivesBeforeItsDeleteKeepsTheRow() throws Exception {
        startTask(true);
        Source s = new Source();
        s.insert(1, "x", 0);
        s.changeKey(1, 2);
        task.put(List.of(record(s.log.get(0), 0, 0)));
        task.put(List.of(record(s.log.get(2), 1, 0), record(s.log.get(1), 0, 1)));
        assertThat(target()).isEqualTo(s.state()).containsExactly(List.of("2", "x", "0"));
    }

    @Test
    void replayingAHistoryWithUniqueSwapsNeitherFailsNorChangesTheResult() throws Exception {
        startTask(true);
        Source s = new Source();
        s.insert(1, "x", 0);
        s.insert(2, "y", 0);
        s.update(1, "tmp", 1);
        s.update(2, "x", 2);
        s.update(1, "y", 3);
        s.insert(3, "tmp", 4);
        List<SinkRecord> all = new ArrayList<>();
        for (int i = 0; i < s.log.size(); i++) {
            all.add(record(s.log.get(i), 0, i));
        }
        task.put(all);
        assertThat(target()).isEqualTo(s.state());
        // After a crash, the worker delivers everything again from the last committed offset (here: the start).
        task.put(all.subList(0, 3));
        task.put(all.subList(3, all.size()));
        task.put(List.of());
        assertThat(target()).isEqualTo(s.state());
    }

    @Test
    void anOlderVersionOfARowNeverOverwritesANewerOne() throws Exception {
        startTask(true);
        Source s = new Source();
        s.insert(5, "p", 0);
        s.update(5, "q", 1);
        s.update(5, "r", 2);
        task.put(List.of(record(s.log.get(0), 0, 0), record(s.log.get(2), 0, 2)));
        task.put(List.of(record(s.log.get(1), 0, 1)));
        assertThat(target()).containsExactly(List.of("5", "r", "2"));
    }

    /** Random histories (inserts, updates, deletes, key changes, unique swaps), delivered as 4 partitions would. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void outOfOrderDeliveryEndsInTheSourceState(long seed) throws Exception {
        startTask(true);
        Random rnd = new Random(seed);
        Source s = randomHistory(rnd, 60);
        deliverInterleaved(s.log, 4, rnd);
        assertThat(target()).as("seed %d, %d changes", seed, s.log.size()).isEqualTo(s.state());
    }

    /** The control: without the guard, the same deliveries lose or merge rows (S1), which is what the guard is for. */
    @Test
    void withoutTheGuardOutOfOrderDeliveryLosesRows() throws Exception {
        int wrong = 0;
        for (long seed = 1; seed <= 12; seed++) {
            setUp();
            startTask(false);
            Random rnd = new Random(seed);
            Source s = randomHistory(rnd, 60);
            try {
                deliverInterleaved(s.log, 4, rnd);
                if (!target().equals(s.state())) {
                    wrong++;
                }
            } catch (RuntimeException e) {
                wrong++;
            }
            task.stop();
            task = null;
        }
        System.out.println("[OrderingGuardIT] without the guard, " + wrong + " of 12 out-of-order deliveries ended wrong or failed");
        assertThat(wrong).isPositive();
    }

}
