package io.obkc.source.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.obkc.source.OceanBaseSourceConfig;
import io.obkc.source.Replay;
import io.obkc.source.SourceTestConfigs;
import io.obkc.source.TaskHarness;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/** The change-log mode against seekdb: DML semantics, transactions, commit order under concurrency, resume, seam, purge. */
class ChangelogStreamingIT {
    private static final String DB = "obkc_src_stream_it";
    private static final String CDC = "obkc_src_stream_it_cdc";
    private static final String TOPIC = "srcstream." + DB + ".acct";
    private static DatabaseEndpoint ob;

    @BeforeAll
    static void server() {
        ob = TestBed.oceanbase();
    }

    @BeforeEach
    void clean() throws Exception {
        ob.execute("DROP DATABASE IF EXISTS " + CDC);
        ob.recreateDatabase(DB);
        ob.execute("CREATE TABLE " + DB + ".acct (id INT PRIMARY KEY, name VARCHAR(50), balance BIGINT NOT NULL)");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (ob != null) {
            ob.execute("DROP DATABASE IF EXISTS " + DB, "DROP DATABASE IF EXISTS " + CDC);
        }
    }

    private static Map<String, String> config() {
        Map<String, String> c = SourceTestConfigs.changelog(ob, "srcstream", DB + ".acct", CDC);
        c.put(OceanBaseSourceConfig.TRANSACTION_METADATA, "true");
        return c;
    }

    @Test
    void insertsUpdatesDeletesKeyChangesAndTransactionsGrouped() throws Exception {
        ob.execute("INSERT INTO " + DB + ".acct VALUES (1, 'one', 10)");
        TaskHarness.OffsetStore store = new TaskHarness.OffsetStore();
        try (TaskHarness h = new TaskHarness(store, config())) {
            h.pollUntil(rs -> ops(rs).size() >= 1, Duration.ofSeconds(60));
            try (Connection c = ob.connect(DB); Statement s = c.createStatement()) {
                s.execute("INSERT INTO acct VALUES (2, 'two', 20)");
                s.execute("UPDATE acct SET balance = 11 WHERE id = 1");
                s.execute("UPDATE acct SET id = 3 WHERE id = 2");
                s.execute("DELETE FROM acct WHERE id = 1");
                c.setAutoCommit(false);
                s.execute("INSERT INTO acct VALUES (4, 'four', 40)");
                s.execute("INSERT INTO acct VALUES (5, 'five', 50)");
                s.execute("UPDATE acct SET balance = balance + 1 WHERE id IN (3, 4)");
                c.commit();
            }
            List<SourceRecord> all = h.pollUntil(rs -> ops(rs).size() >= 10 && endCount(rs) >= 5, Duration.ofSeconds(60));
            assertThat(ops(all)).containsExactly("r", "c", "u", "d", "c", "d", "c", "c", "u", "u");
            Struct update = value(all, "u", 0);
            assertThat(update.getStruct("before").getInt64("balance")).isEqualTo(10L);
            assertThat(update.getStruct("after").getInt64("balance")).isEqualTo(11L);
            // The key change: delete of key 2 (with its before image), then create of key 3.
            Struct keyDelete = value(all, "d", 0);
            assertThat(keyDelete.getStruct("before").getInt32("id")).isEqualTo(2);
            assertThat(value(all, "c", 1).getStruct("after").getInt32("id")).isEqualTo(3);
            // Tombstones follow deletes.
            assertThat(all.stream().filter(r -> r.topic().equals(TOPIC) && r.value() == null).count()).isEqualTo(2);
            // The multi-statement transaction: one BEGIN, four events with orders 1..4, one END with count 4.
            List<SourceRecord> txRecords = all.stream().filter(r -> r.topic().equals("srcstream.transaction")).toList();
            Struct lastEnd = (Struct) txRecords.get(txRecords.size() - 1).value();
            assertThat(lastEnd.getString("status")).isEqualTo("END");
            assertThat(lastEnd.getInt64("event_count")).isEqualTo(4L);
            String txId = lastEnd.getString("id");
            List<Struct> inTx = all.stream().filter(r -> r.topic().equals(TOPIC) && r.value() != null)
                    .map(r -> (Struct) r.value()).filter(v -> v.getStruct("transaction") != null
                            && txId.equals(v.getStruct("transaction").getString("id"))).toList();
            assertThat(inTx).extracting(v -> v.getStruct("transaction").getInt64("total_order")).containsExactly(1L, 2L, 3L, 4L);
            assertThat(inTx).extracting(v -> v.getString("op")).containsExactly("c", "c", "u", "u");
            Struct src = inTx.get(0).getStruct("source");
            assertThat(src.getString("snapshot")).isEqualTo("false");
            assertThat(src.getString("file")).isEmpty();
            assertThat(src.getInt64("scn")).isEqualTo(Long.parseLong(txId.substring(0, txId.indexOf(':'))));
            assertThat(src.getInt64("ts_ms")).isEqualTo(src.getInt64("scn") / 1_000_000L);
            assertReplayEqualsTable(all);
        }
    }

    @Test
    void resumesFromCommittedOffsetsAfterAStopWithWritesInBetweenAndPurgesOnlyWhatWasCommitted() throws Exception {
        ob.execute("INSERT INTO " + DB + ".acct VALUES (1, 'one', 10), (2, 'two', 20)");
        TaskHarness.OffsetStore store = new TaskHarness.OffsetStore();
        List<SourceRecord> delivered = new ArrayList<>();
        try (TaskHarness h = new TaskHarness(store, config())) {
            h.pollUntil(rs -> ops(rs).size() >= 2, Duration.ofSeconds(60));
            ob.execute("UPDATE " + DB + ".acct SET balance = 12 WHERE id = 2", "INSERT INTO " + DB + ".acct VALUES (3, 'three', 30)");
            delivered.addAll(h.pollUntil(rs -> ops(rs).size() >= 4 && endCount(rs) >= 2, Duration.ofSeconds(60)));
            h.commit();
            assertThat(count("SELECT COUNT(*) FROM " + CDC + ".change_log")).as("committed rows purged").isZero();
        }
        try (Connection c = ob.connect(DB); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("DELETE FROM acct WHERE id = 1");
            s.execute("INSERT INTO acct VALUES (6, 'six', 60)");
            c.commit();
            s.execute("UPDATE acct SET name = 'trois' WHERE id = 3");
            c.commit();
        }
        try (TaskHarness h = new TaskHarness(store, config())) {
            List<SourceRecord> more = h.pollUntil(rs -> ops(rs).size() >= 3 && endCount(rs) >= 2, Duration.ofSeconds(60));
            assertThat(ops(more)).containsExactly("d", "c", "u");
            delivered.addAll(more);
            assertThat(count("SELECT COUNT(*) FROM " + CDC + ".change_log")).as("not committed yet: kept").isEqualTo(3);
            h.commit();
            assertThat(count("SELECT COUNT(*) FROM " + CDC + ".change_log")).isZero();
        }
        assertReplayEqualsTable(delivered);
    }

    @Test
    void snapshotWithConcurrentWritesHasNoGapAndNoDuplicateAtTheSeam() throws Exception {
        try (Connection c = ob.connect(DB); PreparedStatement ps = c.prepareStatement("INSERT INTO acct VALUES (?, ?, ?)")) {
            for (int i = 1; i <= 2000; i++) {
                ps.setInt(1, i);
                ps.setString(2, "n" + i);
                ps.setLong(3, i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Map<String, String> cfg = config();
        cfg.put(OceanBaseSourceConfig.SNAPSHOT_CHUNK_SIZE, "50");
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int offset = w;
                writers.add(pool.submit(() -> randomWrites(stop, 5000 + offset * 100_000)));
            }
            TaskHarness.OffsetStore store = new TaskHarness.OffsetStore();
            try (TaskHarness h = new TaskHarness(store, cfg)) {
                h.pollUntil(rs -> ops(rs).stream().filter("r"::equals).count() >= 1, Duration.ofSeconds(60));
                // Keep writing while the snapshot pages through the table, then stop and catch up.
                h.pollUntil(rs -> rs.stream().anyMatch(r -> r.value() instanceof Struct v && v.schema().field("source") != null
                        && "last".equals(v.getStruct("source").getString("snapshot"))), Duration.ofSeconds(20));
                stop.set(true);
                int written = 0;
                for (Future<Integer> f : writers) {
                    written += f.get();
                }
                assertThat(written).as("writes happened during the snapshot").isGreaterThan(0);
                List<SourceRecord> all = h.pollUntil(rs -> caughtUp(rs), Duration.ofSeconds(120));
                assertThat(all.stream().filter(r -> r.value() instanceof Struct v && v.schema().field("op") != null
                        && !"r".equals(v.getString("op"))).count()).as("changes streamed after the snapshot").isPositive();
                assertReplayEqualsTable(all);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentLongTransactionsNeverAppearBehindAPositionAlreadyPassed() throws Exception {
        ob.execute("INSERT INTO " + DB + ".acct VALUES (0, 'zero', 0)");
        TaskHarness.OffsetStore store = new TaskHarness.OffsetStore();
        Map<String, String> cfg = config();
        cfg.put(OceanBaseSourceConfig.MAX_BATCH_SIZE, "7");
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (TaskHarness h = new TaskHarness(store, cfg)) {
            h.pollUntil(rs -> ops(rs).size() >= 1, Duration.ofSeconds(60));
            List<Future<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int base = (w + 1) * 1_000_000;
                writers.add(pool.submit(() -> longTransactions(stop, base)));
            }
            // Poll (the task checks that every change-log row it reads is after the last position it passed, and fails otherwise).
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            h.pollUntil(rs -> System.nanoTime() > until, Duration.ofSeconds(40));
            stop.set(true);
            int txs = 0;
            for (Future<Integer> f : writers) {
                txs += f.get();
            }
            assertThat(txs).isGreaterThan(20);
            List<SourceRecord> all = h.pollUntil(ChangelogStreamingIT::caughtUp, Duration.ofSeconds(60));
            assertReplayEqualsTable(all);
            assertTransactionsContiguousAndCounted(all);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    @Test
    void snapshotResumesAfterTheLastCommittedChunkRowAfterAStopWithWritesInBetween() throws Exception {
        try (Connection c = ob.connect(DB); PreparedStatement ps = c.prepareStatement("INSERT INTO acct VALUES (?, ?, ?)")) {
            for (int i = 1; i <= 300; i++) {
                ps.setInt(1, i);
                ps.setString(2, "n" + i);
                ps.setLong(3, i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Map<String, String> cfg = config();
        cfg.put(OceanBaseSourceConfig.SNAPSHOT_CHUNK_SIZE, "20");
        TaskHarness.OffsetStore store = new TaskHarness.OffsetStore();
        List<SourceRecord> delivered = new ArrayList<>();
        try (TaskHarness h = new TaskHarness(store, cfg)) {
            delivered.addAll(h.pollUntil(rs -> rs.size() >= 100, Duration.ofSeconds(60)));
            h.commit();
            assertThat(store.offsetsForTest().toString()).contains("snapshot_key");
            // Stopped mid-snapshot (as a killed worker would be after its last offset commit).
        }
        ob.execute("UPDATE " + DB + ".acct SET balance = -1 WHERE id IN (5, 250)", "DELETE FROM " + DB + ".acct WHERE id IN (6, 260)",
                "INSERT INTO " + DB + ".acct VALUES (1000, 'late', 1)");
        try (TaskHarness h = new TaskHarness(store, cfg)) {
            List<SourceRecord> more = h.pollUntil(ChangelogStreamingIT::caughtUp, Duration.ofSeconds(60));
            assertThat(more.get(0).value()).extracting(v -> ((Struct) v).getStruct("after").getInt32("id"))
                    .as("resumes after the last committed row").isEqualTo(101);
            delivered.addAll(more);
        }
        assertReplayEqualsTable(delivered);
    }

    @Test
    void heartbeatsAndMetrics() throws Exception {
        ob.execute("INSERT INTO " + DB + ".acct VALUES (1, 'one', 10)");
        Map<String, String> cfg = config();
        cfg.put(OceanBaseSourceConfig.HEARTBEAT_INTERVAL, "200");
        try (TaskHarness h = new TaskHarness(new TaskHarness.OffsetStore(), cfg)) {
            List<SourceRecord> all = h.pollUntil(rs -> rs.stream().anyMatch(r -> r.topic().equals("__debezium-heartbeat.srcstream")),
                    Duration.ofSeconds(30));
            SourceRecord hb = all.stream().filter(r -> r.topic().equals("__debezium-heartbeat.srcstream")).findFirst().orElseThrow();
            assertThat(((Struct) hb.key()).getString("serverName")).isEqualTo("srcstream");
            assertThat(hb.sourceOffset()).containsKey("scn");
            javax.management.ObjectName name = new javax.management.ObjectName("io.obkc.source:type=source-task,server=\"srcstream\"");
            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            assertThat(server.getAttribute(name, "SnapshotRowsCaptured")).isEqualTo(1L);
            assertThat(server.getAttribute(name, "SnapshotRunning")).isEqualTo(false);
            assertThat((Long) server.getAttribute(name, "MilliSecondsBehindSource")).isBetween(0L, 60_000L);
        }
    }

    /** Writer: transactions of 2-5 statements with pauses inside, so they overlap the polls and each other. */
    private static int longTransactions(AtomicBoolean stop, int base) throws Exception {
        int n = 0;
        try (Connection c = ob.connect(DB); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            while (!stop.get()) {
                int statements = 2 + ThreadLocalRandom.current().nextInt(4);
                for (int i = 0; i < statements; i++) {
                    int id = base + n * 10 + i;
                    s.execute("INSERT INTO acct VALUES (" + id + ", 'w', " + i + ")");
                    if (i > 0) {
                        s.execute("UPDATE acct SET balance = balance + 1 WHERE id = " + (id - 1));
                    }
                    Thread.sleep(ThreadLocalRandom.current().nextInt(30));
                }
                c.commit();
                n++;
            }
        }
        return n;
    }

    private static int randomWrites(AtomicBoolean stop, int newIds) throws Exception {
        int n = 0;
        try (Connection c = ob.connect(DB); Statement s = c.createStatement()) {
            while (!stop.get()) {
                int id = 1 + ThreadLocalRandom.current().nextInt(2000);
                switch (n % 3) {
                    case 0 -> s.execute("UPDATE acct SET balance = balance + 1 WHERE id = " + id);
                    case 1 -> s.execute("DELETE FROM acct WHERE id = " + id);
                    default -> s.execute("INSERT INTO acct VALUES (" + (newIds + n) + ", 'new', 1)");
                }
                n++;
            }
        }
        return n;
    }

    /** Every change-log row has been passed: the newest commit version in the change log is at or before the last offset. */
    private static boolean caughtUp(List<SourceRecord> rs) {
        try {
            long maxLog = count("SELECT COALESCE(MAX(ORA_ROWSCN), 0) FROM " + CDC + ".change_log");
            long passed = rs.stream().map(r -> r.sourceOffset().get("scn")).filter(o -> o instanceof Long).mapToLong(o -> (Long) o)
                    .max().orElse(0);
            // ... and the last transaction has its END (tx metadata is on in these tests).
            Map<String, ?> last = rs.isEmpty() ? Map.of() : rs.get(rs.size() - 1).sourceOffset();
            return passed >= maxLog && (last.get("tx_id") == null || Boolean.TRUE.equals(last.get("tx_done")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertTransactionsContiguousAndCounted(List<SourceRecord> all) {
        String open = null;
        long seen = 0;
        for (SourceRecord r : all) {
            Struct v = (Struct) r.value();
            if (r.topic().equals("srcstream.transaction")) {
                if ("BEGIN".equals(v.getString("status"))) {
                    assertThat(open).as("BEGIN while another transaction is open").isNull();
                    open = v.getString("id");
                    seen = 0;
                } else {
                    assertThat(v.getString("id")).isEqualTo(open);
                    assertThat(v.getInt64("event_count")).as("END count of " + open).isEqualTo(seen);
                    open = null;
                }
            } else if (v != null && !"r".equals(v.getString("op"))) {
                assertThat(v.getStruct("transaction").getString("id")).as("event inside its transaction").isEqualTo(open);
                seen++;
                assertThat(v.getStruct("transaction").getInt64("total_order")).isEqualTo(seen);
            }
        }
        assertThat(open).as("every transaction ended").isNull();
    }

    private static void assertReplayEqualsTable(List<SourceRecord> all) throws Exception {
        Replay replay = new Replay().apply(all);
        assertThat(replay.errors()).isEmpty();
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        try (Connection c = ob.connect(DB); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name, balance FROM acct")) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", rs.getInt(1));
                row.put("name", rs.getString(2));
                row.put("balance", rs.getLong(3));
                expected.put("Struct{id=" + rs.getInt(1) + "}", row);
            }
        }
        assertThat(replay.table(TOPIC)).isEqualTo(expected);
    }

    private static long count(String sql) throws Exception {
        try (Connection c = ob.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> ops(List<SourceRecord> rs) {
        return rs.stream().filter(r -> r.topic().equals(TOPIC) && r.value() != null).map(r -> ((Struct) r.value()).getString("op")).toList();
    }

    private static long endCount(List<SourceRecord> rs) {
        return rs.stream().filter(r -> r.topic().equals("srcstream.transaction") && "END".equals(((Struct) r.value()).getString("status")))
                .count();
    }

    private static Struct value(List<SourceRecord> rs, String op, int nth) {
        return rs.stream().filter(r -> r.topic().equals(TOPIC) && r.value() != null).map(r -> (Struct) r.value())
                .filter(v -> op.equals(v.getString("op"))).skip(nth).findFirst().orElseThrow();
    }
}
