package io.obkc.source.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
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
import io.obkc.source.schema.TableCatalog;
import io.obkc.source.schema.TableDef;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * Origin markers against seekdb: the triggers record the writing session's @obkc_origin, changelog.exclude.origins leaves
 * those changes out (the loop prevention of two-way sync), and a change log of the earlier format (no origin column, triggers
 * that record none) is upgraded in place without losing or doubling a change.
 */
class ChangelogOriginIT {
    private static final String DB = "obkc_src_origin_it";
    private static final String CDC = "obkc_src_origin_it_cdc";
    private static final String TOPIC = "srcorigin." + DB + ".acct";
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

    private static Map<String, String> config(String excluded) {
        Map<String, String> c = SourceTestConfigs.changelog(ob, "srcorigin", DB + ".acct", CDC);
        c.put(OceanBaseSourceConfig.SNAPSHOT_MODE, "no_data");
        c.put(OceanBaseSourceConfig.CHANGELOG_EXCLUDE_ORIGINS, excluded);
        return c;
    }

    @Test
    void triggersRecordTheSessionOriginAndExcludedOriginsAreLeftOut() throws Exception {
        try (TaskHarness h = new TaskHarness(new TaskHarness.OffsetStore(), config("fwd, other-sink"))) {
            h.pollUntil(rs -> true, Duration.ofSeconds(60));
            try (Connection c = ob.connect(DB); Statement s = c.createStatement()) {
                s.execute("INSERT INTO acct VALUES (1, 'app', 10)");
                s.execute("SET @obkc_origin = 'fwd'");
                s.execute("INSERT INTO acct VALUES (2, 'from the forward sink', 20)");
                s.execute("UPDATE acct SET balance = 11 WHERE id = 1");
                c.setAutoCommit(false);
                s.execute("INSERT INTO acct VALUES (3, 'forward, in a transaction', 30)");
                s.execute("DELETE FROM acct WHERE id = 2");
                c.commit();
                c.setAutoCommit(true);
                s.execute("SET @obkc_origin = 'someone-else'");
                s.execute("UPDATE acct SET name = 'other origin' WHERE id = 3");
                s.execute("SET @obkc_origin = NULL");
                s.execute("INSERT INTO acct VALUES (99, 'sentinel', 0)");
            }
            List<SourceRecord> all = h.pollUntil(rs -> ids(rs).contains(99), Duration.ofSeconds(60));
            // Commit order: every change before the sentinel has been read; the marked ones were left out.
            assertThat(ops(all)).containsExactly("c:1", "u:3", "c:99");
            try (Connection c = ob.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT op, origin FROM " + CDC + ".change_log ORDER BY seq")) {
                List<String> logged = new ArrayList<>();
                while (rs.next()) {
                    logged.add(rs.getString(1) + ":" + rs.getString(2));
                }
                assertThat(logged).as("the origin each trigger recorded").containsExactly("c:", "c:fwd", "u:fwd", "c:fwd", "d:fwd",
                        "u:someone-else", "c:");
            }
        }
    }

    @Test
    void aChangeLogOfTheEarlierFormatIsUpgradedAndALegacyTriggerTwinIsNotEmittedTwice() throws Exception {
        TableDef def;
        try (Connection c = ob.connect()) {
            def = TableCatalog.load(c, DB, "acct");
        }
        ChangelogSchema schema = new ChangelogSchema(CDC, "change_log");
        // What the earlier version installed: the table without the origin column, triggers (named without the format
        // tag) that record no origin.
        ob.execute("CREATE DATABASE " + CDC, "CREATE TABLE " + CDC + ".change_log (seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                + "db VARCHAR(128) NOT NULL, tbl VARCHAR(128) NOT NULL, op CHAR(1) NOT NULL, conn_id BIGINT NOT NULL, "
                + "structure VARCHAR(32) NOT NULL, before_img LONGTEXT, after_img LONGTEXT)");
        List<String> legacy = schema.createTriggers(def).stream().map(ChangelogOriginIT::legacy).toList();
        try (Connection c = ob.connect(DB); Statement s = c.createStatement()) {
            for (String sql : legacy) {
                s.execute(sql);
            }
        }
        assertThat(triggerNames()).hasSize(3).noneMatch(n -> n.endsWith("o_i"));

        try (TaskHarness h = new TaskHarness(new TaskHarness.OffsetStore(), config("fwd"))) {
            h.pollUntil(rs -> true, Duration.ofSeconds(60));
            assertThat(triggerNames()).as("the earlier format's triggers replaced").hasSize(3).allMatch(n -> n.matches(".*o_[iud]"));
            ob.execute("INSERT INTO " + DB + ".acct VALUES (1, 'one', 10)");
            // While both formats' triggers exist (as during a replacement), one change is recorded twice: once without origin.
            try (Connection c = ob.connect(DB); Statement s = c.createStatement()) {
                s.execute(legacy.get(1).replace(schema.triggerName(def, "u").replace("o_u", "_u"), "obkc_it_legacy_twin_u"));
                s.execute("UPDATE acct SET balance = 11 WHERE id = 1");
                s.execute("SET @obkc_origin = 'fwd'");
                s.execute("UPDATE acct SET balance = 12 WHERE id = 1");
                s.execute("SET @obkc_origin = NULL");
                s.execute("DROP TRIGGER obkc_it_legacy_twin_u");
                s.execute("INSERT INTO acct VALUES (99, 'sentinel', 0)");
            }
            assertThat(count("SELECT COUNT(*) FROM " + CDC + ".change_log WHERE op = 'u' AND origin IS NULL")).as("legacy rows").isEqualTo(2);
            List<SourceRecord> all = h.pollUntil(rs -> ids(rs).contains(99), Duration.ofSeconds(60));
            // The forward sink's update (balance 12) is left out although its legacy twin recorded no origin: the twin is
            // dropped as a twin, never emitted as an unmarked change.
            assertThat(ops(all)).containsExactly("c:1", "u:1", "c:99");
            Struct u = all.stream().filter(r -> r.topic().equals(TOPIC) && r.value() != null).map(r -> (Struct) r.value())
                    .filter(v -> "u".equals(v.getString("op"))).findFirst().orElseThrow();
            assertThat(u.getStruct("after").getInt64("balance")).isEqualTo(11L);
        }
    }

    /**
     * An upgraded connector restarting on its stored offsets over a change log of the earlier format, with changes the old
     * triggers recorded while it was stopped: those are emitted (origin unknown: never left out), the column is added, the
     * triggers are replaced, and from then on the forward sink's marked changes are left out.
     */
    @Test
    void aRestartOnStoredOffsetsUpgradesTheChangeLogAndLosesNoChangeRecordedByTheOldTriggers() throws Exception {
        TaskHarness.OffsetStore store = new TaskHarness.OffsetStore();
        TableDef def;
        try (Connection c = ob.connect()) {
            def = TableCatalog.load(c, DB, "acct");
        }
        ChangelogSchema schema = new ChangelogSchema(CDC, "change_log");
        try (TaskHarness h = new TaskHarness(store, config("fwd"))) {
            ob.execute("INSERT INTO " + DB + ".acct VALUES (1, 'one', 10)");
            h.pollUntil(rs -> ids(rs).contains(1), Duration.ofSeconds(60));
            h.commit();
        }
        // Back to what the earlier version had installed, as if the connector had run that version until now.
        try (Connection c = ob.connect(DB); Statement s = c.createStatement()) {
            for (String suffix : ChangelogSchema.TRIGGER_SUFFIXES) {
                s.execute(schema.dropTrigger(def, schema.triggerName(def, suffix)));
            }
            for (String sql : schema.createTriggers(def)) {
                s.execute(legacy(sql));
            }
            s.execute("ALTER TABLE " + CDC + ".change_log DROP COLUMN origin");
            s.execute("INSERT INTO acct VALUES (2, 'while stopped', 20)");
            s.execute("SET @obkc_origin = 'fwd'");
            s.execute("UPDATE acct SET balance = 11 WHERE id = 1");
        }
        try (TaskHarness h = new TaskHarness(store, config("fwd"))) {
            assertThat(triggerNames()).as("replaced at restart").hasSize(3).allMatch(n -> n.matches(".*o_[iud]"));
            try (Connection c = ob.connect(DB); Statement s = c.createStatement()) {
                s.execute("SET @obkc_origin = 'fwd'");
                s.execute("UPDATE acct SET balance = 12 WHERE id = 2");
                s.execute("SET @obkc_origin = NULL");
                s.execute("INSERT INTO acct VALUES (99, 'sentinel', 0)");
            }
            List<SourceRecord> all = h.pollUntil(rs -> ids(rs).contains(99), Duration.ofSeconds(60));
            // Both changes the old triggers recorded are there, the marked one too (its origin was not recorded); the
            // marked change after the upgrade is not.
            assertThat(ops(all)).containsExactly("c:2", "u:1", "c:99");
        }
    }

    /** The same trigger as the earlier version wrote it: no origin column, no format tag in the name. */
    private static String legacy(String current) {
        String s = current.replace(", origin) VALUES", ") VALUES")
                .replace(", IFNULL(CAST(@obkc_origin AS CHAR(128)), ''))", ")");
        return s.replaceAll("o_([iud])` AFTER", "_$1` AFTER");
    }

    private static List<String> triggerNames() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ob.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + DB + "'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = ob.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Struct> values(List<SourceRecord> rs) {
        return rs.stream().filter(r -> r.topic().equals(TOPIC) && r.value() != null).map(r -> (Struct) r.value()).toList();
    }

    private static List<String> ops(List<SourceRecord> rs) {
        return values(rs).stream().map(v -> v.getString("op") + ":" + (v.getStruct("after") != null ? v.getStruct("after")
                : v.getStruct("before")).getInt32("id")).toList();
    }

    private static List<Integer> ids(List<SourceRecord> rs) {
        return values(rs).stream().map(v -> (v.getStruct("after") != null ? v.getStruct("after") : v.getStruct("before")).getInt32("id"))
                .toList();
    }
}
