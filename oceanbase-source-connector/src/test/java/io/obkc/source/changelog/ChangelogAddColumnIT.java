package io.obkc.source.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;

import io.obkc.source.OceanBaseSourceConfig;
import io.obkc.source.Replay;
import io.obkc.source.SourceTestConfigs;
import io.obkc.source.TaskHarness;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/** ADD COLUMN while writes run: a schema-change event, rebuilt triggers, and every row's new column exact. */
class ChangelogAddColumnIT {
    private static final String DB = "obkc_src_addcol_it";
    private static final String CDC = "obkc_src_addcol_it_cdc";
    private static final String TOPIC = "srcaddcol." + DB + ".acct";
    private static DatabaseEndpoint ob;

    @BeforeAll
    static void setUp() throws Exception {
        ob = TestBed.oceanbase();
        ob.execute("DROP DATABASE IF EXISTS " + CDC);
        ob.recreateDatabase(DB);
        ob.execute("CREATE TABLE " + DB + ".acct (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
        for (int i = 1; i <= 200; i++) {
            ob.execute("INSERT INTO " + DB + ".acct VALUES (" + i + ", " + i + ")");
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (ob != null) {
            ob.execute("DROP DATABASE IF EXISTS " + DB, "DROP DATABASE IF EXISTS " + CDC);
        }
    }

    @Test
    void addColumnMidStreamEmitsASchemaChangeAndCarriesExactValues() throws Exception {
        Map<String, String> cfg = SourceTestConfigs.changelog(ob, "srcaddcol", DB + ".acct", CDC);
        cfg.put(OceanBaseSourceConfig.CHANGELOG_STRUCTURE_CHECK, "3000");
        AtomicBoolean altered = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (TaskHarness h = new TaskHarness(new TaskHarness.OffsetStore(), cfg)) {
            h.pollUntil(rs -> rs.size() >= 200, Duration.ofSeconds(60));
            Future<Integer> writer = pool.submit(() -> {
                int n = 0;
                try (Connection c = ob.connect(DB); Statement s = c.createStatement()) {
                    while (!stop.get()) {
                        int id = 1 + ThreadLocalRandom.current().nextInt(200);
                        if (altered.get()) {
                            s.execute("UPDATE acct SET balance = balance + 1, note = CONCAT('w', balance) WHERE id = " + id);
                            s.execute("INSERT INTO acct (id, balance, note) VALUES (" + (1000 + n) + ", 1, 'new" + n + "')");
                        } else {
                            s.execute("UPDATE acct SET balance = balance + 1 WHERE id = " + id);
                        }
                        n++;
                    }
                }
                return n;
            });
            h.pollUntil(rs -> rs.size() >= 230, Duration.ofSeconds(60));
            ob.execute("ALTER TABLE " + DB + ".acct ADD COLUMN note VARCHAR(20) DEFAULT 'dflt'");
            altered.set(true);
            h.pollUntil(rs -> rs.stream().anyMatch(r -> r.topic().equals("srcaddcol")), Duration.ofSeconds(60));
            h.pollUntil(rs -> rs.size() >= 600, Duration.ofSeconds(60));
            stop.set(true);
            assertThat(writer.get()).isPositive();
            List<SourceRecord> all = h.pollUntil(ChangelogAddColumnIT::caughtUp, Duration.ofSeconds(60));

            SourceRecord ddl = all.stream().filter(r -> r.topic().equals("srcaddcol")).findFirst().orElseThrow();
            assertThat(((Struct) ddl.value()).getString("ddl")).contains("ADD COLUMN `note` varchar(20)");
            Replay replay = new Replay().apply(all);
            assertThat(replay.errors()).isEmpty();
            // Rows whose last event came before the ADD COLUMN carry no note: the table has the default there.
            Map<String, Map<String, Object>> actual = new TreeMap<>();
            replay.table(TOPIC).forEach((k, v) -> {
                Map<String, Object> row = new LinkedHashMap<>(v);
                row.putIfAbsent("note", "dflt");
                actual.put(k, row);
            });
            assertThat(actual).isEqualTo(table());
            Object completed = java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new javax.management.ObjectName("io.obkc.source:type=source-task,server=\"srcaddcol\""), "ImagesCompletedFromFlashback");
            System.err.println("[addcol] images completed from flashback reads: " + completed);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    private static boolean caughtUp(List<SourceRecord> rs) {
        try (Connection c = ob.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COALESCE(MAX(ORA_ROWSCN), 0) FROM " + CDC + ".change_log")) {
            r.next();
            long maxLog = r.getLong(1);
            return rs.stream().map(x -> x.sourceOffset().get("scn")).filter(o -> o instanceof Long).mapToLong(o -> (Long) o).max()
                    .orElse(0) >= maxLog;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Map<String, Object>> table() throws Exception {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        try (Connection c = ob.connect(DB); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, balance, note FROM acct")) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", rs.getInt(1));
                row.put("balance", rs.getLong(2));
                row.put("note", rs.getString(3));
                out.put("Struct{id=" + rs.getInt(1) + "}", row);
            }
        }
        return out;
    }
}
