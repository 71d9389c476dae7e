package io.obkc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.SqlAssertions;
import io.obkc.testing.TestBed;

/**
 * The sink with a MySQL-family target that is not OceanBase: MariaDB 10.11, as in the reverse direction of a
 * migration (OceanBase back to the old MySQL-family source) and OceanBase → MySQL sync. Changes captured from one
 * MariaDB database by Debezium are applied by the sink to another database of the same MariaDB server (MariaDB
 * stands in for MySQL here: no MySQL 8 server can run on this machine). Every type, streaming changes, a key
 * change, secondary-unique-key swaps under the ordering guard and a keyless table, compared row by row in SQL.
 */
class MariaDbTargetIT {
    private static final String SRC = "mdbt_src";
    private static final String DST = "mdbt_dst";
    private static final Duration TIMEOUT = Duration.ofSeconds(150);

    private static DatabaseEndpoint mariadb;
    private static ConnectTestBed connect;

    @BeforeAll
    static void start() throws Exception {
        mariadb = TestBed.mysql();
        System.out.println("[MariaDbTargetIT] source and TARGET: " + mariadb + " (the sink writing to MariaDB, not OceanBase)");
        mariadb.recreateDatabase(SRC);
        mariadb.execute("DROP DATABASE IF EXISTS " + DST);
        // The target of a reverse migration exists, with its secondary keys (auto-create would make only the primary key).
        mariadb.execute("CREATE DATABASE " + DST, "CREATE TABLE " + DST + ".users (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL, "
                + "name VARCHAR(50), UNIQUE KEY uk_email (email))");
        mariadb.execute("USE " + SRC, MariaDbToOceanBaseIT.ALL_TYPES_DDL,
                "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL, name VARCHAR(50), UNIQUE KEY uk_email (email))",
                "CREATE TABLE no_key (a INT, b VARCHAR(20))");
        try (Connection c = mariadb.connect(SRC); Statement s = c.createStatement()) {
            MariaDbToOceanBaseIT.insertAllTypesRow(s, 1);
            s.execute("INSERT INTO all_types (id) VALUES (2)");
            MariaDbToOceanBaseIT.insertAllTypesExtremes(s, 3);
            s.execute("INSERT INTO users VALUES (1, 'a@x', 'ann'), (2, 'b@x', 'bob'), (0, 'zero@x', 'key zero')");
            s.execute("INSERT INTO no_key VALUES (1, 'a'), (1, 'a'), (2, 'b')");
        }
        connect = ConnectTestBed.start("mdbt");
        connect.putConnector("mdbt-source", PipelineConfigs.mariadb(mariadb, connect.bootstrapServers(), "mdbt", SRC));
        connect.awaitRunning("mdbt-source", TIMEOUT);
        Map<String, String> sink = PipelineConfigs.oceanbaseSink(mariadb, "mdbt\\." + SRC + "\\..*");
        sink.put("database.name.format", DST);
        sink.put("offsets.storage.table", DST + "_state.kafka_offsets");
        connect.putConnector("mdbt-sink", sink);
        connect.awaitRunning("mdbt-sink", TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.close();
        }
    }

    private static void awaitSame(String select) {
        SqlAssertions.awaitTrue("target equals source: " + select, TIMEOUT, () -> {
            List<List<String>> src = SqlAssertions.rows(mariadb, SRC, select);
            try {
                return SqlAssertions.rows(mariadb, DST, select).equals(src);
            } catch (java.sql.SQLException notYet) {
                return false;
            }
        });
    }

    @Test
    void everyTypeAndEveryKindOfChangeArrivesExactly() throws Exception {
        awaitSame(MariaDbToOceanBaseIT.ALL_TYPES_SELECT);
        awaitSame("SELECT id, email, name FROM users ORDER BY id");
        awaitSame("SELECT a, b FROM no_key ORDER BY a, b");
        try (Connection c = mariadb.connect(SRC); Statement s = c.createStatement()) {
            MariaDbToOceanBaseIT.insertAllTypesRow(s, 10);
            s.execute("UPDATE all_types SET c_varchar = NULL, c_json = NULL, c_bit = b'1' WHERE id = 1");
            s.execute("DELETE FROM all_types WHERE id = 3");
            // A key change, and e-mail swaps through a temporary value: the ordering guard's case.
            s.execute("UPDATE users SET id = 20 WHERE id = 2");
            c.setAutoCommit(false);
            s.execute("UPDATE users SET email = 'tmp@x' WHERE id = 1");
            s.execute("UPDATE users SET email = 'a@x' WHERE id = 20");
            s.execute("UPDATE users SET email = 'b@x' WHERE id = 1");
            c.commit();
            c.setAutoCommit(true);
            s.execute("UPDATE users SET name = 'still zero' WHERE id = 0");
            s.execute("UPDATE no_key SET b = 'z' WHERE a = 2");
            s.execute("DELETE FROM no_key WHERE a = 1 LIMIT 1");
        }
        awaitSame(MariaDbToOceanBaseIT.ALL_TYPES_SELECT);
        awaitSame("SELECT id, email, name FROM users ORDER BY id");
        awaitSame("SELECT a, b FROM no_key ORDER BY a, b");
        connect.assertNoFailedTasks("mdbt-sink");
        String ddl = SqlAssertions.rows(mariadb, DST, "SHOW CREATE TABLE all_types").get(0).get(1);
        assertThat(ddl).contains("`c_varchar` varchar(255)", "`c_decimal` decimal(20,6)", "`c_datetime6` datetime(6)", "PRIMARY KEY (`id`)");
        assertThat(SqlAssertions.rows(mariadb, DST, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + DST
                + "' AND TABLE_NAME = 'users' AND COLUMN_NAME = '__obkc_src_pos'")).as("the ordering guard's column on the table with a UNIQUE key")
                .containsExactly(List.of("1"));
    }
}
