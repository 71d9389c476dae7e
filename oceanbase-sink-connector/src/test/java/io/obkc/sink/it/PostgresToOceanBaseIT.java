package io.obkc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.SqlAssertions;
import io.obkc.testing.TestBed;

/**
 * PostgreSQL end to end: Debezium's PostgreSQL connector (pgoutput) on the test bed's PostgreSQL,
 * Kafka, and the OceanBase sink into seekdb. PostgreSQL emits no DDL events, so the sink follows
 * schema changes from the records themselves (auto.evolve): a new column is added and a widened
 * VARCHAR/NUMERIC is widened on the target before the rows that need it are written.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresToOceanBaseIT {
    private static final String SRC = "evolve_src";
    private static final String TGT = "pg_evolve_tgt";
    private static final String SOURCE = "pg-evolve-source";
    private static final String SINK = "pg-evolve-sink";
    private static final String DLQ = "pgit-dlq";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Replication slots are server-wide; a random suffix keeps concurrent or crashed runs apart. */
    private static final String SLOT = "obkc_it_" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);

    private static DatabaseEndpoint postgres;
    private static DatabaseEndpoint oceanbase;
    private static ConnectTestBed connect;

    @BeforeAll
    static void startPipeline() throws Exception {
        postgres = TestBed.postgres();
        oceanbase = TestBed.oceanbase();
        postgres.recreateDatabase(SRC);
        oceanbase.execute("DROP DATABASE IF EXISTS `" + TGT + "`");
        postgres.execute("CREATE TABLE " + SRC + ".items (id INT PRIMARY KEY, name VARCHAR(10) NOT NULL, price NUMERIC(6,2), "
                + "created TIMESTAMPTZ NOT NULL, active BOOLEAN)",
                "INSERT INTO " + SRC + ".items VALUES (1, 'one', 1.50, '2024-03-01 10:00:00.123456+02', true), "
                        + "(2, 'two', NULL, '2024-03-02 00:00:00+00', NULL)",
                // A body stored out of line (TOAST, no compression); the table keeps the default REPLICA IDENTITY.
                "CREATE TABLE " + SRC + ".doc (id INT PRIMARY KEY, title VARCHAR(20), body TEXT)",
                "ALTER TABLE " + SRC + ".doc ALTER COLUMN body SET STORAGE EXTERNAL",
                "INSERT INTO " + SRC + ".doc SELECT 2, 'first', string_agg(md5(i::text), '') FROM generate_series(1, 200) i",
                "CREATE TABLE " + SRC + ".edge (id INT PRIMARY KEY, ts TIMESTAMP, tstz TIMESTAMPTZ, d DATE, n NUMERIC, n2 NUMERIC(10,2), "
                        + "arr2 INT[][], arr1 INT[], iv INTERVAL, big NUMERIC)",
                "INSERT INTO " + SRC + ".edge (id, ts) VALUES (1, 'infinity'), (2, '-infinity')",
                "INSERT INTO " + SRC + ".edge (id, tstz) VALUES (3, 'infinity')",
                "INSERT INTO " + SRC + ".edge (id, n) VALUES (4, 'NaN')",
                "INSERT INTO " + SRC + ".edge (id, n2) VALUES (5, 'NaN')",
                "INSERT INTO " + SRC + ".edge (id, arr2) VALUES (6, '{{1,2},{3,4}}')",
                "INSERT INTO " + SRC + ".edge (id, iv) VALUES (7, '1 year 2 mons 3 days 04:05:06.78')",
                "INSERT INTO " + SRC + ".edge (id, big) VALUES (8, 1e70 + 0.5)",
                "INSERT INTO " + SRC + ".edge (id, d) VALUES (9, 'infinity')",
                "INSERT INTO " + SRC + ".edge (id, arr1, n) VALUES (10, '{1,NULL,3}', 'Infinity')");
        connect = ConnectTestBed.start("pgit");
        connect.putConnector(SOURCE, sourceConfig());
        connect.awaitRunning(SOURCE, TIMEOUT);
        connect.putConnector(SINK, sinkConfig());
        connect.awaitRunning(SINK, TIMEOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (connect != null) {
            connect.close();
        }
        if (postgres != null) {
            // slot.drop.on.stop drops the slot when the task stops cleanly; this covers a task that failed.
            postgres.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + SLOT + "' AND NOT active",
                    "DROP PUBLICATION IF EXISTS " + SLOT);
        }
    }

    static Map<String, String> sourceConfig() {
        return PipelineConfigs.postgres(postgres, "pgit", SRC, SLOT);
    }

    static Map<String, String> sinkConfig() {
        Map<String, String> c = PipelineConfigs.oceanbaseSink(oceanbase, "pgit\\." + SRC + "\\..*");
        c.put("database.name.format", TGT);
        c.put("auto.create", "true");
        c.put("auto.evolve", "true");
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", DLQ);
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        return c;
    }

    @Test
    @Order(1)
    void snapshotCreatesTheTableWithSourceSizes() throws Exception {
        awaitRows("SELECT id, name, price, DATE_FORMAT(created, '%Y-%m-%d %H:%i:%s.%f'), active + 0 FROM items ORDER BY id", List.of(
                r("1", "one", "1.50", "2024-03-01 08:00:00.123456", "1"),
                r("2", "two", null, "2024-03-02 00:00:00.000000", null)));
        assertThat(showCreate()).contains("`name` varchar(10) NOT NULL", "`price` decimal(6,2)", "PRIMARY KEY (`id`)");
    }

    @Test
    @Order(2)
    void addedColumnIsAddedOnTheTarget() throws Exception {
        postgres.execute("ALTER TABLE " + SRC + ".items ADD COLUMN qty INTEGER",
                "INSERT INTO " + SRC + ".items (id, name, created, qty) VALUES (3, 'three', '2024-03-03 00:00:00+00', 33)",
                "UPDATE " + SRC + ".items SET qty = 11 WHERE id = 1");
        awaitRows("SELECT id, qty FROM items ORDER BY id", List.of(r("1", "11"), r("2", null), r("3", "33")));
        assertThat(showCreate()).contains("`qty` int");
    }

    @Test
    @Order(3)
    void widenedColumnsAreWidenedBeforeTheRowsThatNeedThem() throws Exception {
        postgres.execute("ALTER TABLE " + SRC + ".items ALTER COLUMN name TYPE VARCHAR(40)",
                "ALTER TABLE " + SRC + ".items ALTER COLUMN price TYPE NUMERIC(12,3)",
                "INSERT INTO " + SRC + ".items (id, name, price, created) VALUES (4, 'a name much longer than ten', 123456789.125, "
                        + "'2024-03-04 00:00:00+00')");
        awaitRows("SELECT id, name, price FROM items WHERE id = 4", List.of(r("4", "a name much longer than ten", "123456789.125")));
        assertThat(showCreate()).contains("`name` varchar(40) NOT NULL", "`price` decimal(12,3)");
        // Rows written before the widening keep their values.
        awaitRows("SELECT id, name, price FROM items WHERE id <= 2 ORDER BY id",
                List.of(r("1", "one", "1.500"), r("2", "two", null)));
    }

    @Test
    @Order(4)
    void deletesAndUpdatesFollow() throws Exception {
        postgres.execute("DELETE FROM " + SRC + ".items WHERE id = 2", "UPDATE " + SRC + ".items SET name = 'uno', active = false WHERE id = 1");
        awaitRows("SELECT id, name, active + 0 FROM items ORDER BY id",
                List.of(r("1", "uno", "0"), r("3", "three", null), r("4", "a name much longer than ten", null)));
        connect.assertNoFailedTasks(SINK);
        connect.assertNoFailedTasks(SOURCE);
    }

    /**
     * Issue 9 item 12: an UPDATE that leaves a TOASTed column alone reaches the sink with Debezium's
     * __debezium_unavailable_value in that column. The target must keep the real 6,400-character value.
     */
    @Test
    @Order(5)
    void anUnchangedToastedColumnKeepsItsValueOnTheTarget() throws Exception {
        String body;
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT body FROM " + SRC + ".doc WHERE id = 2")) {
            rs.next();
            body = rs.getString(1);
        }
        assertThat(body).hasSize(6400);
        awaitRows("SELECT id, title, body FROM doc", List.of(r("2", "first", body)));
        postgres.execute("UPDATE " + SRC + ".doc SET title = 'changed' WHERE id = 2");
        awaitRows("SELECT id, title FROM doc", List.of(r("2", "changed")));
        assertThat(SqlAssertions.rows(oceanbase, TGT, "SELECT body FROM doc")).containsExactly(List.of(body));
        connect.assertNoFailedTasks(SINK);
    }

    /**
     * The PostgreSQL edge values of issue 9 items 7 and 8, end to end: what arrives for each (docs/type-mapping.md,
     * "Edge values"), and a dead letter record naming the table, the record and the column for each value OceanBase
     * cannot hold. The oracle is the literal values inserted in startPipeline, not our converter.
     */
    @Test
    @Order(6)
    void edgeValuesArriveOrAreRefusedNamingTheColumn() throws Exception {
        awaitRows("SELECT id, n, n2, CAST(arr2 AS CHAR), CAST(arr1 AS CHAR), iv FROM edge ORDER BY id", List.of(
                // numeric NaN and Infinity: Debezium sends NULL (decimal.handling.mode=precise).
                r("4", null, null, null, null, null),
                r("5", null, null, null, null, null),
                // int[][]: Debezium sends [null, null].
                r("6", null, null, "[null, null]", null, null),
                // interval, with interval.handling.mode=string: ISO 8601.
                r("7", null, null, null, null, "P1Y2M3DT4H5M6.78S"),
                r("10", null, null, null, "[1, null, 3]", null)));
        List<String> reasons = new java.util.ArrayList<>();
        for (var rec : connect.consume(DLQ, 5, TIMEOUT)) {
            var h = rec.headers().lastHeader("__connect.errors.exception.message");
            reasons.add(h == null ? "(no message header)" : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(reasons).hasSize(5);
        assertThat(reasons).allSatisfy(m -> assertThat(m).contains("topic pgit." + SRC + ".edge", "table " + TGT + ".edge"));
        assertThat(reasons.get(0)).contains("offset 0", "column ts", "'infinity'");
        assertThat(reasons.get(1)).contains("offset 1", "column ts", "'-infinity'");
        assertThat(reasons.get(2)).contains("offset 2", "column tstz", "'infinity'");
        assertThat(reasons.get(3)).contains("offset 7", "column big", "71 integer");
        assertThat(reasons.get(4)).contains("offset 8", "column d", "DATE range");
        assertThat(showCreateOf("edge")).contains("`ts` datetime(6)", "`tstz` datetime(6)", "`iv` varchar(64)", "`arr2` json");
    }

    private static String showCreateOf(String t) throws Exception {
        try (Connection c = oceanbase.connect(TGT); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + t)) {
            rs.next();
            return rs.getString(2);
        }
    }

    /** A result row; null stands for SQL NULL. */
    private static List<String> r(String... values) {
        return java.util.Arrays.asList(values);
    }

    /** Waits until the query on the target returns exactly these rows (errors, e.g. a table not created yet, count as not yet). */
    private static void awaitRows(String sql, List<List<String>> expected) {
        SqlAssertions.awaitTrue(sql + " on seekdb gives " + expected, TIMEOUT, () -> SqlAssertions.rows(oceanbase, TGT, sql).equals(expected));
    }

    private static String showCreate() throws Exception {
        try (Connection c = oceanbase.connect(TGT); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE TABLE items")) {
            rs.next();
            return rs.getString(2);
        }
    }
}
