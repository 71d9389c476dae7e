package io.obkc.migration.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * full-load: bulk through obkc-migrate: the source connector records its position (snapshot.mode=no_data),
 * obkc-bulk-load copies the rows in parallel key ranges, then the sink replays the changes since the position. An
 * application inserts, updates and deletes on the source during the whole start (so also during the copy, on ranges
 * already copied and not yet copied); afterwards source and target must be equal row by row (plain JDBC) and obkc-verify
 * must find them consistent. A change made during the copy to an already copied range reaches the target only through
 * the replay from the recorded position: a gap there fails the comparison.
 */
abstract class BulkLoadITBase {
    static final int ROWS = 30_000;

    private final ItSource sourceSide;
    private final String schema;
    private final String target;
    private final String name;

    BulkLoadITBase(ItSource sourceSide, String schema, String target, String name) {
        this.sourceSide = sourceSide;
        this.schema = schema;
        this.target = target;
        this.name = name;
    }

    private DatabaseEndpoint source() {
        return sourceSide.endpoint();
    }

    void bulkFullLoadHandsOverToCdcWithoutAGap(Path dir) throws Exception {
        DatabaseEndpoint src = source();
        DatabaseEndpoint ob = TestBed.oceanbase();
        sourceSide.recreate(schema, name);
        ob.execute("DROP DATABASE IF EXISTS `" + target + "`", "DROP DATABASE IF EXISTS `obkc_mig_" + name + "`");
        src.execute("CREATE TABLE " + schema + ".items (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, amount DECIMAL(12,2), "
                + "at " + sourceSide.timestampType() + ", note TEXT)", "CREATE TABLE " + schema + ".nokey (a INT)");
        try (Connection c = src.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".items VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                ps.setInt(1, i);
                ps.setString(2, "item " + i + " ä");
                ps.setBigDecimal(3, new BigDecimal(i + ".25"));
                ps.setObject(4, LocalDateTime.of(2024, 1, 1, 0, 0, 0, i * 1000));
                ps.setString(5, i % 4 == 0 ? null : "note " + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        ConnectTestBed connect = SharedConnect.get();
        Path project = dir.resolve(name + ".yaml");
        Files.writeString(project, String.join("\n",
                "name: " + name,
                "source:",
                "  type: " + sourceSide.type(),
                "  url: " + src.jdbcUrl(),
                "  user: " + src.user(),
                "  password: " + src.password(),
                "target:",
                "  url: " + ob.jdbcUrl(""),
                "  user: " + ob.user(),
                "  password: " + ob.password(),
                "objects:",
                "  include: ['" + schema + ".*=" + target + ".*']",
                "steps: [schema, full, incremental, verify, switchover]",
                "options:",
                "  full-load: bulk",
                "  bulk-load-threads: 2",
                "  bulk-load-chunk-rows: 1000",
                sourceSide.options(name),
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
        assertThat(blocked.out()).contains("bulk load").contains(schema + ".nokey").contains("no primary key");
        src.execute("DROP TABLE " + schema + ".nokey");
        MigrationProjectITBase.Run precheck = MigrationProjectITBase.cli("precheck", "-p", p);
        assertThat(precheck.exit()).as("precheck: %s", precheck).isZero();
        assertThat(precheck.out()).contains("1 table(s) can be copied exactly");

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger writes = new AtomicInteger();
        Thread writer = new Thread(() -> write(writing, writes, failure), "app-writer");
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
                .contains("items -> " + target + ".items").contains("creating the sink");
        assertThat(writesDuringStart).as("application writes while start ran (position, copy, sink)").isGreaterThan(10);
        assertThat(new io.obkc.migration.connect.ConnectRestClient(connect.cluster().endpointForResource("")).config(name + "-source"))
                .hasValueSatisfying(c -> assertThat(c).containsEntry("snapshot.mode", "no_data"));
        String state = Files.readString(dir.resolve(name + ".obkc").resolve("state.json"));
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
        List<String> expected = items(src, schema + ".items");
        assertThat(expected.size()).isNotEqualTo(ROWS); // inserts and deletes happened
        try {
            Awaitility.await("target equal to the source row by row").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> items(ob, target + ".items").equals(expected));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the assertion below names the differing rows
        }
        assertThat(items(ob, target + ".items")).isEqualTo(expected);

        MigrationProjectITBase.Run verify = MigrationProjectITBase.cli("verify", "-p", p, "--json");
        assertThat(verify.exit()).as("verify: %s", verify).isZero();
        assertThat(new ObjectMapper().readTree(verify.out()).get("consistent").asBoolean()).isTrue();

        assertThat(MigrationProjectITBase.cli("stop", "-p", p).exit()).isZero();
        assertThat(MigrationProjectITBase.cli("release", "-p", p, "--yes").exit()).isZero();
    }

    /**
     * The rows of an items table as text, in id order, the same on every server: the timestamp to the microsecond (each
     * server's own text of a timestamp differs in its trailing zeros), DECIMAL as the server writes it with its scale.
     */
    static List<String> items(DatabaseEndpoint db, String table) throws SQLException {
        String at = db.kind() == DatabaseEndpoint.Kind.POSTGRESQL ? "to_char(at, 'YYYY-MM-DD HH24:MI:SS.US')"
                : "DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f')";
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, name, amount, " + at + ", note FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + " | " + rs.getString(2) + " | " + rs.getString(3) + " | " + rs.getString(4) + " | " + rs.getString(5));
            }
        }
        return out;
    }

    /** Updates and deletes of random existing rows (copied ranges and ranges not yet copied alike), and inserts. */
    private void write(AtomicBoolean writing, AtomicInteger writes, AtomicReference<Throwable> failure) {
        Random random = new Random(42);
        try (Connection c = source().connect(); Statement st = c.createStatement();
                PreparedStatement update = c.prepareStatement("UPDATE " + schema + ".items SET name = ?, amount = amount + 1, "
                        + "at = " + sourceSide.now() + ", note = ? WHERE id = ?");
                PreparedStatement delete = c.prepareStatement("DELETE FROM " + schema + ".items WHERE id = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + schema + ".items VALUES (?, ?, ?, " + sourceSide.now() + ", NULL)")) {
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
