package io.obkc.migration.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * full-load: bulk through obkc-migrate: the source connector records its binlog position (snapshot.mode=no_data),
 * obkc-bulk-load copies the rows in parallel key ranges, then the sink replays the changes since the position. An
 * application inserts, updates and deletes on the source during the whole start (so also during the copy, on ranges
 * already copied and not yet copied); afterwards source and target must be equal row by row (plain JDBC) and obkc-verify
 * must find them consistent. A change made during the copy to an already copied range reaches the target only through
 * the replay from the recorded position: a gap there fails the comparison.
 */
class MariaDbBulkLoadIT {
    private static final String S = "mig_it_bulk";
    private static final String T = "mig_it_bulk_ob";
    private static final String NAME = "mig_it_bulk";
    private static final int ROWS = 30_000;

    @TempDir
    Path dir;

    @Test
    void bulkFullLoadHandsOverToCdcWithoutAGap() throws Exception {
        DatabaseEndpoint src = TestBed.mysql();
        DatabaseEndpoint ob = TestBed.oceanbase();
        src.recreateDatabase(S);
        src.execute("DROP DATABASE IF EXISTS `obkc_mig_" + NAME + "`");
        ob.execute("DROP DATABASE IF EXISTS `" + T + "`", "DROP DATABASE IF EXISTS `obkc_mig_" + NAME + "`");
        src.execute("CREATE TABLE " + S + ".items (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, amount DECIMAL(12,2), "
                + "at DATETIME(6), note TEXT)", "CREATE TABLE " + S + ".nokey (a INT)");
        try (Connection c = src.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + S + ".items VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                ps.setInt(1, i);
                ps.setString(2, "item " + i + " ä");
                ps.setBigDecimal(3, new BigDecimal(i + ".25"));
                ps.setString(4, "2024-01-01 00:00:00." + String.format("%06d", i));
                ps.setString(5, i % 4 == 0 ? null : "note " + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        ConnectTestBed connect = SharedConnect.get();
        Path project = dir.resolve(NAME + ".yaml");
        Files.writeString(project, String.join("\n",
                "name: " + NAME,
                "source:",
                "  type: mariadb",
                "  url: " + src.jdbcUrl(),
                "  user: " + src.user(),
                "  password: " + src.password(),
                "target:",
                "  url: " + ob.jdbcUrl(""),
                "  user: " + ob.user(),
                "  password: " + ob.password(),
                "objects:",
                "  include: ['" + S + ".*=" + T + ".*']",
                "steps: [schema, full, incremental, verify, switchover]",
                "options:",
                "  full-load: bulk",
                "  bulk-load-threads: 2",
                "  bulk-load-chunk-rows: 1000",
                "  server-id: 7719",
                "  lag-threshold-ms: 5000",
                "  heartbeat-interval-ms: 500",
                "  verify-recheck-s: 20",
                "connect:",
                "  url: " + connect.cluster().endpointForResource(""),
                "  kafka-bootstrap: " + connect.bootstrapServers(),
                ""));
        String p = project.toString();

        MigrationProjectITBase.Run blocked = MigrationProjectITBase.cli("precheck", "-p", p);
        assertThat(blocked.exit()).as("precheck with a keyless table: %s", blocked).isEqualTo(1);
        assertThat(blocked.out()).contains("bulk load").contains(S + ".nokey").contains("no primary key");
        src.execute("DROP TABLE " + S + ".nokey");
        MigrationProjectITBase.Run precheck = MigrationProjectITBase.cli("precheck", "-p", p);
        assertThat(precheck.exit()).as("precheck: %s", precheck).isZero();
        assertThat(precheck.out()).contains("1 table(s) can be copied exactly");

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger writes = new AtomicInteger();
        Thread writer = new Thread(() -> write(src, writing, writes, failure), "app-writer");
        writer.start();
        MigrationProjectITBase.Run start;
        int writesBeforeStart;
        int writesDuringStart;
        try {
            // The writer runs before, during and after start: before the position, during the copy and after it.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> writes.get() >= 20 || failure.get() != null);
            writesBeforeStart = writes.get();
            start = MigrationProjectITBase.cli("start", "-p", p);
            writesDuringStart = writes.get() - writesBeforeStart;
            int after = writes.get();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> writes.get() >= after + 20 || failure.get() != null);
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(start.exit()).as("start: %s", start).isZero();
        assertThat(start.out()).contains("runs without a snapshot").contains("[bulk-load] copying")
                .contains("items -> " + T + ".items").contains("creating the sink");
        assertThat(writesDuringStart).as("application writes while start ran (position, copy, sink)").isGreaterThan(10);
        assertThat(new io.obkc.migration.connect.ConnectRestClient(connect.cluster().endpointForResource("")).config(NAME + "-source"))
                .hasValueSatisfying(c -> assertThat(c).containsEntry("snapshot.mode", "no_data"));
        String state = Files.readString(dir.resolve(NAME + ".obkc").resolve("state.json"));
        assertThat(state).contains("\"bulk-load.position\"").contains("\"bulk-load\"").contains("\"connectors\"");

        // Resumed: the finished copy is not repeated.
        MigrationProjectITBase.Run again = MigrationProjectITBase.cli("start", "-p", p);
        assertThat(again.exit()).as("second start: %s", again).isZero();
        assertThat(again.out()).doesNotContain("[bulk-load] copying");

        MigrationProjectITBase.Run status = MigrationProjectITBase.cli("status", "-p", p, "--json", "--wait-caught-up", "120");
        assertThat(status.exit()).as("status: %s", status).isZero();
        com.fasterxml.jackson.databind.JsonNode st = new ObjectMapper().readTree(status.out());
        assertThat(st.get("dlq_records").asLong()).isZero();
        assertThat(st.get("steps").toString()).contains("{\"step\":\"full\",\"state\":\"done\"")
                .contains("{\"step\":\"incremental\",\"state\":\"running\"");
        List<String> expected = MigrationProjectITBase.rows(src, S + ".items");
        assertThat(expected.size()).isNotEqualTo(ROWS); // inserts and deletes happened
        try {
            Awaitility.await("target equal to the source row by row").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> MigrationProjectITBase.rows(ob, T + ".items").equals(expected));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the assertion below names the differing rows
        }
        assertThat(MigrationProjectITBase.rows(ob, T + ".items")).isEqualTo(expected);

        MigrationProjectITBase.Run verify = MigrationProjectITBase.cli("verify", "-p", p, "--json");
        assertThat(verify.exit()).as("verify: %s", verify).isZero();
        assertThat(new ObjectMapper().readTree(verify.out()).get("consistent").asBoolean()).isTrue();

        assertThat(MigrationProjectITBase.cli("stop", "-p", p).exit()).isZero();
        assertThat(MigrationProjectITBase.cli("release", "-p", p, "--yes").exit()).isZero();
    }

    /** Updates and deletes of random existing rows (copied ranges and ranges not yet copied alike), and inserts. */
    private static void write(DatabaseEndpoint src, AtomicBoolean writing, AtomicInteger writes, AtomicReference<Throwable> failure) {
        Random random = new Random(42);
        try (Connection c = src.connect(); Statement st = c.createStatement();
                PreparedStatement update = c.prepareStatement("UPDATE " + S + ".items SET name = ?, amount = amount + 1, "
                        + "at = NOW(6), note = ? WHERE id = ?");
                PreparedStatement delete = c.prepareStatement("DELETE FROM " + S + ".items WHERE id = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + S + ".items VALUES (?, ?, ?, NOW(6), NULL)")) {
            int i = 0;
            while (writing.get()) {
                i++;
                update.setString(1, "updated " + i);
                update.setString(2, i % 3 == 0 ? null : "changed while migrating");
                update.setInt(3, random.nextInt(ROWS));
                update.executeUpdate();
                delete.setInt(1, random.nextInt(ROWS));
                delete.executeUpdate();
                insert.setInt(1, 1_000_000 + i);
                insert.setString(2, "inserted " + i);
                insert.setBigDecimal(3, new BigDecimal(i + ".50"));
                insert.executeUpdate();
                writes.incrementAndGet();
                Thread.sleep(5); // the application's pace, not a synchronisation
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }
}
