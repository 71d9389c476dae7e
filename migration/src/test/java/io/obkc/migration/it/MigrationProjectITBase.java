package io.obkc.migration.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.obkc.migration.cli.MigrateCommand;
import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * A whole project through the CLI against the test bed: precheck → start → status caught up → verify (online, while
 * an application writes) → switchover → stop → release, then the target compared row by row with plain JDBC (not
 * with our verifier). Subclasses give the source (MariaDB, PostgreSQL) and its dialect.
 */
abstract class MigrationProjectITBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
        }
    }

    private final ItSource sourceSide;
    private final String sourceSchema;
    private final String targetDatabase;
    private final String projectName;

    MigrationProjectITBase(ItSource sourceSide, String sourceSchema, String targetDatabase, String projectName) {
        this.sourceSide = sourceSide;
        this.sourceSchema = sourceSchema;
        this.targetDatabase = targetDatabase;
        this.projectName = projectName;
    }

    DatabaseEndpoint source() {
        return sourceSide.endpoint();
    }

    /** Source database (MySQL) or schema (PostgreSQL) of the test's tables. */
    String sourceSchema() {
        return sourceSchema;
    }

    String targetDatabase() {
        return targetDatabase;
    }

    String projectName() {
        return projectName;
    }

    /** After switchover: changes made on OceanBase arrive on the old source; no forward connector runs meanwhile. */
    private void reverse(String p, DatabaseEndpoint ob) throws Exception {
        Run reverse = cli("reverse", "-p", p);
        assertThat(reverse.exit()).as("reverse: %s", reverse).isZero();
        assertThat(reverse.out()).contains("one direction at a time");
        String t = targetDatabase();
        ob.execute("INSERT INTO `" + t + "`.customers VALUES (777777, 'written on OceanBase', NULL)",
                "UPDATE `" + t + "`.customers SET name = 'updated on OceanBase' WHERE id = 2",
                "INSERT INTO `" + t + "`.orders VALUES (777777, 777777, 7.77)");
        String s = sourceSchema();
        org.awaitility.Awaitility.await("OceanBase changes on the old source").atMost(java.time.Duration.ofSeconds(120))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> rows(source(), s + ".orders").stream().anyMatch(r -> r.startsWith("777777 | "))
                        && rows(source(), s + ".customers").stream().anyMatch(r -> r.startsWith("2 | updated on OceanBase")));
        for (String table : List.of("customers", "orders", "events")) {
            assertThat(rows(source(), s + "." + table)).as("old source %s after reverse", table).isEqualTo(rows(ob, t + "." + table));
        }
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MigrateCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        Run r = new Run(code, out.toString(), err.toString());
        System.err.println("[obkc-migrate " + String.join(" ", args) + "] " + r);
        return r;
    }

    void runWholeProject(Path dir) throws Exception {
        DatabaseEndpoint ob = TestBed.oceanbase();
        String s = sourceSchema();
        sourceSide.recreate(sourceSchema(), projectName());
        ob.execute("DROP DATABASE IF EXISTS `" + targetDatabase() + "`", "DROP DATABASE IF EXISTS `obkc_mig_" + projectName() + "`");
        try (Connection c = source().connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + s + ".customers (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, note TEXT)");
            st.execute("CREATE TABLE " + s + ".orders (id INT PRIMARY KEY, customer_id INT NOT NULL, amount DECIMAL(10,2), "
                    + "FOREIGN KEY (customer_id) REFERENCES " + s + ".customers (id))");
            st.execute("CREATE TABLE " + s + ".events (a INT, b VARCHAR(20))");
            if (sourceSide.postgres()) {
                // The keyless table's updates and deletes carry the whole old row only with REPLICA IDENTITY FULL.
                st.execute("ALTER TABLE " + s + ".events REPLICA IDENTITY FULL");
            }
            for (int i = 1; i <= 200; i++) {
                st.execute("INSERT INTO " + s + ".customers VALUES (" + i + ", 'c" + i + "', " + (i % 3 == 0 ? "NULL" : "'note " + i + "'") + ")");
            }
            for (int i = 1; i <= 400; i++) {
                st.execute("INSERT INTO " + s + ".orders VALUES (" + i + ", " + (i % 200 + 1) + ", " + i + ".25)");
            }
            for (int i = 1; i <= 30; i++) {
                st.execute("INSERT INTO " + s + ".events VALUES (" + (i % 7) + ", " + (i % 5 == 0 ? "NULL" : "'e" + i + "'") + ")");
            }
        }

        ConnectTestBed connect = SharedConnect.get();
        {
            Path project = dir.resolve(projectName() + ".yaml");
            Files.writeString(dir.resolve("source.pw"), source().password() + "\n");
            Files.writeString(project, String.join("\n",
                    "name: " + projectName(),
                    "source:",
                    "  type: " + sourceSide.type(),
                    "  url: " + source().jdbcUrl(),
                    "  user: " + source().user(),
                    "  password-file: source.pw",
                    "target:",
                    "  url: " + ob.jdbcUrl(""),
                    "  user: " + ob.user(),
                    "  password: " + ob.password(),
                    "objects:",
                    "  include: ['" + s + ".*=" + targetDatabase() + ".*']",
                    "steps: [schema, full, incremental, verify, switchover]",
                    "options:",
                    "  lag-threshold-ms: 5000",
                    "  heartbeat-interval-ms: 500",
                    "  verify-recheck-s: 20",
                    "  catch-up-timeout-s: 120",
                    sourceSide.options(projectName()),
                    "connect:",
                    "  url: " + connect.cluster().endpointForResource(""),
                    "  kafka-bootstrap: " + connect.bootstrapServers(),
                    ""));
            String p = project.toString();

            Run precheck = cli("precheck", "-p", p);
            assertThat(precheck.exit()).as("precheck: %s", precheck).isZero();
            assertThat(precheck.out()).contains("keyless tables").contains(s + ".events");

            Run start = cli("start", "-p", p);
            assertThat(start.exit()).as("start: %s", start).isZero();
            // Idempotent: a second start changes nothing and succeeds.
            assertThat(cli("start", "-p", p).exit()).isZero();

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            AtomicInteger writes = new AtomicInteger();
            Thread writer = new Thread(() -> write(writing, writes, writerFailure), "app-writer");
            writer.start();
            try {
                Run status = cli("status", "-p", p, "--json", "--wait-caught-up", "120");
                assertThat(status.exit()).as("status: %s", status).isZero();
                JsonNode st = JSON.readTree(status.out());
                assertThat(st.get("caught_up").asBoolean()).isTrue();
                assertThat(st.get("lag_ms").asLong()).isLessThanOrEqualTo(5000);
                assertThat(st.get("dlq_records").asLong()).isZero();
                assertThat(st.get("tables")).hasSize(3);
                assertThat(cli("status", "-p", p).out()).contains("CAUGHT UP").contains(s + ".customers -> " + targetDatabase() + ".customers");
            } finally {
                writing.set(false);
                writer.join();
            }
            assertThat(writerFailure.get()).isNull();
            assertThat(writes.get()).isPositive();
            // The application's last write is on the target (checked with plain JDBC) before the online verification.
            int lastCustomer = 10_000 + writes.get();
            org.awaitility.Awaitility.await("customer " + lastCustomer + " on the target").atMost(java.time.Duration.ofSeconds(90))
                    .pollInterval(java.time.Duration.ofMillis(250))
                    .until(() -> rows(ob, targetDatabase() + ".customers").stream().anyMatch(r -> r.startsWith(lastCustomer + " | ")));
            // Online: the connectors keep running. Not under the writer: with changes every 50 ms the verifier's
            // per-chunk counts race the replication ("row counts differ but no differing row was identified").
            Run verify = cli("verify", "-p", p, "--json");
            assertThat(verify.exit()).as("online verify: %s", verify).isZero();
            assertThat(JSON.readTree(verify.out()).get("consistent").asBoolean()).isTrue();
            // The last application changes, on the keyless table too, after the writer stopped.
            try (Connection c = source().connect(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO " + s + ".events VALUES (99, 'last')");
                st.execute("DELETE FROM " + s + ".events WHERE b = 'e1'");
                st.execute("UPDATE " + s + ".customers SET note = NULL WHERE id = 1");
            }

            // A row only the target has: the final verification must stop the switchover, with the forward sync left running.
            ob.execute("INSERT INTO `" + targetDatabase() + "`.customers VALUES (999999, 'only on the target', NULL)");
            Run refused = cli("switchover", "-p", p);
            assertThat(refused.exit()).as("switchover over a difference: %s", refused).isEqualTo(1);
            assertThat(refused.out()).contains("verification found differences");
            assertThat(connect.status(projectName() + "-sink").connector().state()).isEqualTo("RUNNING");
            ob.execute("DELETE FROM `" + targetDatabase() + "`.customers WHERE id = 999999");

            // Resumed: the catch-up proof recorded as done is not repeated.
            Run switchover = cli("switchover", "-p", p);
            assertThat(switchover.exit()).as("switchover: %s", switchover).isZero();
            assertThat(switchover.out()).doesNotContain("[switchover 1/4]").contains("[switchover 2/4]").contains("Still to do by hand");
            assertThat(refused.out()).contains("catch-up proof");
            assertThat(cli("switchover", "-p", p).exit()).as("a second switchover finds everything done").isZero();

            for (String table : List.of("customers", "orders", "events")) {
                assertThat(rows(ob, targetDatabase() + "." + table)).as("target %s row by row", table)
                        .isEqualTo(rows(source(), s + "." + table));
            }
            try (Connection c = ob.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SHOW CREATE TABLE `" + targetDatabase() + "`.`orders`")) {
                rs.next();
                assertThat(rs.getString(2)).as("deferred foreign key restored at switchover").containsIgnoringCase("FOREIGN KEY");
            }
            assertThat(columns(ob, targetDatabase(), "events")).as("hidden key column dropped at switchover").containsExactly("a", "b");

            assertThat(connect.status(projectName() + "-source").connector().state()).isEqualTo("STOPPED");
            if (sourceSide.reverseSupported()) {
                reverse(p, ob);
            }
            Run stop = cli("stop", "-p", p);
            assertThat(stop.exit()).as("stop: %s", stop).isZero();
            assertThat(connect.status(projectName() + "-sink").connector().state()).isEqualTo("STOPPED");

            Run release = cli("release", "-p", p, "--yes");
            assertThat(release.exit()).as("release: %s", release).isZero();
            assertThat(cli("release", "-p", p, "--yes").exit()).as("release is idempotent").isZero();
        }
    }

    private void write(AtomicBoolean writing, AtomicInteger writes, AtomicReference<Throwable> failure) {
        String s = sourceSchema();
        try (Connection c = source().connect();
                PreparedStatement insertCustomer = c.prepareStatement("INSERT INTO " + s + ".customers VALUES (?, ?, ?)");
                PreparedStatement updateCustomer = c.prepareStatement("UPDATE " + s + ".customers SET name = ? WHERE id = ?");
                PreparedStatement insertOrder = c.prepareStatement("INSERT INTO " + s + ".orders VALUES (?, ?, ?)");
                PreparedStatement deleteOrder = c.prepareStatement("DELETE FROM " + s + ".orders WHERE id = ?")) {
            int i = 0;
            while (writing.get()) {
                i++;
                insertCustomer.setInt(1, 10_000 + i);
                insertCustomer.setString(2, "new " + i);
                insertCustomer.setString(3, i % 2 == 0 ? null : "written while migrating");
                insertCustomer.executeUpdate();
                updateCustomer.setString(1, "renamed " + i);
                updateCustomer.setInt(2, i % 200 + 1);
                updateCustomer.executeUpdate();
                insertOrder.setInt(1, 10_000 + i);
                insertOrder.setInt(2, 10_000 + i);
                insertOrder.setBigDecimal(3, new java.math.BigDecimal(i + ".10"));
                insertOrder.executeUpdate();
                deleteOrder.setInt(1, i);
                deleteOrder.executeUpdate();
                writes.incrementAndGet();
                Thread.sleep(50); // the application's pace, not a synchronisation
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    /** All rows as text, sorted, by plain JDBC: the independent oracle. */
    static List<String> rows(DatabaseEndpoint db, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    b.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        out.sort(null);
        return out;
    }

    static List<String> columns(DatabaseEndpoint db, String database, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
