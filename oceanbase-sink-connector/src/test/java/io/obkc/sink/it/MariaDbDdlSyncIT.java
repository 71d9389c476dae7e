package io.obkc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
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
 * DDL synchronization end to end: DDL run on MariaDB mid-stream, between row changes, reaches seekdb
 * through Debezium's schema change topic and the sink, with the target database renamed by
 * database.name.format. A second sink on the same topics checks the fail and skip policies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbDdlSyncIT {
    private static final String SRC = "ddl_src";
    private static final String TGT = "ddl_tgt";
    private static final String TGT_STRICT = "ddl_tgt_strict";
    private static final String META = "ddl_meta";
    private static final String SOURCE = "ddl-mariadb-source";
    private static final String SINK = "ddl-oceanbase-sink";
    private static final String STRICT_SINK = "ddl-oceanbase-sink-strict";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static DatabaseEndpoint mariadb;
    private static DatabaseEndpoint oceanbase;
    private static ConnectTestBed connect;

    @BeforeAll
    static void startPipeline() throws Exception {
        mariadb = TestBed.mysql();
        oceanbase = TestBed.oceanbase();
        mariadb.recreateDatabase(SRC);
        for (String db : List.of(TGT, TGT_STRICT, META)) {
            oceanbase.execute("DROP DATABASE IF EXISTS `" + db + "`");
        }
        mariadb.execute("USE " + SRC,
                "CREATE TABLE t1 (id INT NOT NULL PRIMARY KEY, name VARCHAR(20) NOT NULL, amount DECIMAL(5,2), note VARCHAR(30), KEY idx_note (note))",
                "INSERT INTO t1 VALUES (1, 'one', 1.50, 'n1'), (2, 'two', 2.50, NULL)");
        connect = ConnectTestBed.start("ddlit");
        connect.putConnector(SOURCE, sourceConfig());
        connect.awaitRunning(SOURCE, TIMEOUT);
        connect.putConnector(SINK, sinkConfig(TGT));
        connect.awaitRunning(SINK, TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.close();
        }
    }

    static Map<String, String> sourceConfig() {
        Map<String, String> c = PipelineConfigs.mariadb(mariadb, connect.bootstrapServers(), "ddlit", SRC);
        // Debezium reports TRUNCATE as a truncate event (op=t) on the table topic, not as a schema change; it skips them by default.
        c.put("skipped.operations", "none");
        return c;
    }

    static Map<String, String> sinkConfig(String targetDb) {
        // The schema change topic is the bare prefix; row changes are ddlit.<db>.<table>.
        Map<String, String> c = PipelineConfigs.oceanbaseSink(oceanbase, "ddlit(\\.ddl_src\\..*)?");
        c.put("database.name.format", targetDb);
        c.put("ddl.audit.table", META + ".ddl_audit");
        c.put("ddl.unsupported.policy", "skip_and_record");
        return c;
    }

    @Test
    @Order(1)
    void snapshotCreatesTheTableFromItsDdl() throws Exception {
        awaitSame("t1");
        String ddl = showCreate("t1");
        assertThat(ddl).contains("`name` varchar(20) NOT NULL", "`amount` decimal(5,2)", "PRIMARY KEY (`id`)");
    }

    @Test
    @Order(2)
    void createTableWithIndexThenRows() throws Exception {
        mariadb.execute("USE " + SRC, "CREATE TABLE t2 (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, code CHAR(4) NOT NULL DEFAULT 'xx', "
                + "qty INT UNSIGNED, UNIQUE KEY uk_code (code)) COMMENT 'made mid-stream'",
                "INSERT INTO t2 (code, qty) VALUES ('a', 1), ('b', 2)");
        awaitSame("t2");
        assertThat(showCreate("t2")).contains("`code` char(4) NOT NULL DEFAULT 'xx'", "`qty` int(10) unsigned", "AUTO_INCREMENT",
                "UNIQUE KEY `uk_code` (`code`)");
    }

    @Test
    @Order(3)
    void addModifyChangeAndDropColumnsBetweenRowChanges() throws Exception {
        mariadb.execute("USE " + SRC,
                "ALTER TABLE t1 ADD COLUMN qty INT NOT NULL DEFAULT 7 AFTER name",
                "INSERT INTO t1 (id, name, amount) VALUES (3, 'three', 3.25)",
                "UPDATE t1 SET qty = 70 WHERE id = 1",
                "ALTER TABLE t1 MODIFY name VARCHAR(50) NOT NULL",
                "INSERT INTO t1 (id, name) VALUES (4, 'a name longer than twenty characters')",
                "ALTER TABLE t1 MODIFY amount DECIMAL(10,3)",
                "INSERT INTO t1 (id, name, amount) VALUES (5, 'five', 1234567.125)",
                "ALTER TABLE t1 CHANGE COLUMN qty quantity BIGINT NOT NULL DEFAULT 8",
                "INSERT INTO t1 (id, name, quantity) VALUES (6, 'six', 9000000000)",
                "ALTER TABLE t1 ADD COLUMN tmp INT, ADD COLUMN tmp2 VARCHAR(5) DEFAULT 'z'",
                "UPDATE t1 SET tmp = id * 10",
                "ALTER TABLE t1 DROP COLUMN tmp",
                "INSERT INTO t1 (id, name) VALUES (7, 'seven')");
        awaitSame("t1");
        assertThat(columns("t1")).containsExactly("id", "name", "quantity", "amount", "note", "tmp2");
        assertThat(showCreate("t1")).contains("`name` varchar(50) NOT NULL", "`quantity` bigint(20) NOT NULL DEFAULT '8'", "`amount` decimal(10,3)");
    }

    @Test
    @Order(4)
    void addAndDropIndex() throws Exception {
        // Debezium 3.5's MariaDB connector emits no schema change event for CREATE INDEX / DROP INDEX statements (see docs/ddl-sync.md);
        // the ALTER TABLE forms it does emit.
        mariadb.execute("USE " + SRC, "ALTER TABLE t1 ADD INDEX idx_name_qty (name, quantity)", "ALTER TABLE t2 ADD UNIQUE INDEX ux_t2 (qty, code)",
                "ALTER TABLE t1 DROP INDEX idx_note", "INSERT INTO t1 (id, name) VALUES (8, 'eight')");
        awaitSame("t1");
        SqlAssertions.awaitTrue("indexes follow", TIMEOUT, () -> indexes("t1").equals(List.of("PRIMARY", "idx_name_qty"))
                && indexes("t2").contains("ux_t2"));
    }

    @Test
    @Order(5)
    void statementOceanBaseRejectsIsSkippedAndRecorded() throws Exception {
        // MariaDB turns the index on note into a prefix index; OceanBase cannot index a TEXT column (error 1167).
        mariadb.execute("USE " + SRC, "ALTER TABLE t1 ADD INDEX idx_note2 (note)", "ALTER TABLE t1 MODIFY note TEXT",
                "INSERT INTO t1 (id, name, note) VALUES (9, 'nine', 'still flows')");
        SqlAssertions.awaitTrue("row after the rejected DDL", TIMEOUT,
                () -> SqlAssertions.rows(oceanbase, TGT, "SELECT note FROM t1 WHERE id = 9").equals(List.of(List.of("still flows"))));
        List<List<String>> audit = SqlAssertions.rows(oceanbase, META,
                "SELECT statement_class, target_table, outcome FROM ddl_audit WHERE outcome = 'REJECTED' AND target_table = '" + TGT + ".t1'");
        assertThat(audit).contains(List.of("MODIFY_COLUMN", TGT + ".t1", "REJECTED"));
        assertThat(SqlAssertions.rows(oceanbase, META, "SELECT reason FROM ddl_audit WHERE outcome = 'REJECTED'").toString()).contains("1167");
        connect.assertNoFailedTasks(SINK);
    }

    @Test
    @Order(6)
    void renameTruncateAndDropTable() throws Exception {
        mariadb.execute("USE " + SRC, "RENAME TABLE t2 TO t3", "INSERT INTO t3 (code, qty) VALUES ('c', 3)");
        awaitSame("t3");
        SqlAssertions.awaitTrue("t2 renamed away", TIMEOUT, () -> !tableExists("t2"));
        mariadb.execute("USE " + SRC, "INSERT INTO t3 (code, qty) VALUES ('d', 4)", "TRUNCATE TABLE t3", "INSERT INTO t3 (code, qty) VALUES ('e', 5)");
        SqlAssertions.awaitTrue("t3 truncated, then one row", TIMEOUT,
                () -> SqlAssertions.rows(oceanbase, TGT, "SELECT code, qty FROM t3").equals(List.of(List.of("e", "5"))));
        mariadb.execute("USE " + SRC, "DROP TABLE t3");
        SqlAssertions.awaitTrue("t3 dropped", TIMEOUT, () -> !tableExists("t3"));
        awaitSame("t1");
        connect.assertNoFailedTasks(SINK);
    }

    @Test
    @Order(7)
    void failPolicyStopsTheTaskNamingTheStatementAndSkipPolicyRecords() throws Exception {
        Map<String, String> strict = sinkConfig(TGT_STRICT);
        strict.put("ddl.add.index.policy", "skip");
        strict.put("ddl.drop.column.policy", "fail");
        connect.putConnector(STRICT_SINK, strict);
        // It replays the whole history: the DROP COLUMN tmp of step 3 must stop it.
        SqlAssertions.awaitTrue("strict sink failed", TIMEOUT, () -> {
            ConnectorStateInfo s = connect.status(STRICT_SINK);
            return s.tasks().stream().anyMatch(t -> "FAILED".equals(t.state()));
        });
        String trace = connect.status(STRICT_SINK).tasks().get(0).trace();
        assertThat(trace).contains("DROP COLUMN on table " + TGT_STRICT + ".t1", "ddl.drop.column.policy=fail", "DROP COLUMN tmp");
        // The columns added before the failing statement are there; the skipped index is not, and is recorded.
        assertThat(SqlAssertions.rows(oceanbase, TGT_STRICT, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                + TGT_STRICT + "' AND TABLE_NAME = 't1' AND COLUMN_NAME = 'tmp'")).isEqualTo(List.of(List.of("1")));
        assertThat(SqlAssertions.rows(oceanbase, META, "SELECT COUNT(*) FROM ddl_audit WHERE outcome = 'SKIPPED_BY_POLICY' AND target_table = '"
                + TGT_STRICT + ".t2' AND statement_class = 'ADD_INDEX'")).isEqualTo(List.of(List.of("1")));
        connect.deleteConnector(STRICT_SINK);
    }

    /**
     * Issue 9 item 11: literals reach the target as the source meant them (one backslash stays one, a comment gains no
     * backslash, ENUM labels with quotes and commas stay exact), and a quoted name with a backtick works in ADD COLUMN.
     * Independent oracle: the rows compared in SQL with MariaDB, and the target's information_schema against the values
     * written here.
     */
    @Test
    @Order(8)
    void literalsEnumLabelsAndQuotedNamesArriveExactly() throws Exception {
        mariadb.execute("USE " + SRC, "CREATE TABLE t4 (id INT NOT NULL PRIMARY KEY, "
                + "ts TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)", "INSERT INTO t4 (id) VALUES (1)",
                "ALTER TABLE t4 ADD COLUMN bs VARCHAR(5) NOT NULL DEFAULT '\\\\' COMMENT 'x\\';y', "
                        + "ADD COLUMN e ENUM('c\\'d','a''b','e,f') DEFAULT 'a''b', ADD COLUMN `we``ird` INT",
                "INSERT INTO t4 (id) VALUES (2)",
                "INSERT INTO t4 (id, bs, e, `we``ird`) VALUES (3, 'z', 'e,f', 3), (4, 'y', 'c''d', 4)");
        awaitSame("t4");
        assertThat(SqlAssertions.rows(oceanbase, TGT, "SELECT id, bs, e FROM t4 ORDER BY id")).containsExactly(
                List.of("1", "\\", "a'b"), List.of("2", "\\", "a'b"), List.of("3", "z", "e,f"), List.of("4", "y", "c'd"));
        List<List<String>> defs = SqlAssertions.rows(oceanbase, TGT, "SELECT COLUMN_NAME, COLUMN_TYPE, COLUMN_DEFAULT, COLUMN_COMMENT "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + TGT + "' AND TABLE_NAME = 't4' ORDER BY ORDINAL_POSITION");
        // tableChanges has '1970-01-01 00:00:00' for this default and no ON UPDATE; the statement text has both.
        assertThat(SqlAssertions.rows(oceanbase, TGT, "SELECT COLUMN_TYPE, COLUMN_DEFAULT, LOWER(EXTRA) FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = '" + TGT + "' AND TABLE_NAME = 't4' AND COLUMN_NAME = 'ts'").get(0))
                .containsExactly("timestamp", "CURRENT_TIMESTAMP", "on update current_timestamp");
        assertThat(defs.get(2)).containsExactly("bs", "varchar(5)", "\\", "x';y");
        // OceanBase's COLUMN_TYPE shows the labels without re-escaping their quotes.
        assertThat(defs.get(3)).containsExactly("e", "enum('c'd','a'b','e,f')", "a'b", "");
        // Debezium's MariaDB parser names a column added by ALTER TABLE with its backtick doubled, and its rows carry that
        // name; the target column follows the rows (docs/ddl-sync.md).
        assertThat(defs.get(4).get(0)).isEqualTo("we``ird");
        assertThat(SqlAssertions.rows(oceanbase, TGT, "SELECT `we````ird` FROM t4 ORDER BY id").stream().map(r -> r.get(0)).toList())
                .containsExactly(null, null, "3", "4");
        connect.assertNoFailedTasks(SINK);
    }

    private static String showCreate(String table) throws SQLException {
        return SqlAssertions.rows(oceanbase, TGT, "SHOW CREATE TABLE " + table).get(0).get(1);
    }

    private static List<String> columns(String table) throws SQLException {
        return SqlAssertions.rows(oceanbase, TGT, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + TGT
                + "' AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION").stream().map(r -> r.get(0)).toList();
    }

    private static List<String> indexes(String table) throws SQLException {
        return SqlAssertions.rows(oceanbase, TGT, "SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '" + TGT
                + "' AND TABLE_NAME = '" + table + "' ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME").stream().map(r -> r.get(0)).toList();
    }

    private static boolean tableExists(String table) throws SQLException {
        return !SqlAssertions.rows(oceanbase, TGT, "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + TGT
                + "' AND TABLE_NAME = '" + table + "'").isEmpty();
    }

    /**
     * Same columns (names and order) and same rows on both sides. The sink's own helper columns on the target (the
     * ordering guard's __obkc_src_pos on tables with a secondary unique key) are left out.
     */
    private static void awaitSame(String table) {
        String select = "SELECT * FROM " + table + " ORDER BY 1";
        try {
            SqlAssertions.awaitTrue(table + " equal in MariaDB and seekdb", TIMEOUT, () -> {
                connect.assertNoFailedTasks(SOURCE);
                connect.assertNoFailedTasks(SINK);
                return tableExists(table) && columns(mariadb, SRC, table).equals(columns(oceanbase, TGT, table))
                        && SqlAssertions.rows(mariadb, SRC, select).equals(SqlAssertions.rows(oceanbase, TGT, targetSelect(table)));
            });
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            connect.assertNoFailedTasks(SOURCE);
            connect.assertNoFailedTasks(SINK);
        }
        try {
            assertThat(columns(oceanbase, TGT, table)).isEqualTo(columns(mariadb, SRC, table));
            assertThat(SqlAssertions.rows(oceanbase, TGT, targetSelect(table))).isEqualTo(SqlAssertions.rows(mariadb, SRC, select));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The table's columns in order, without the sink's helper columns. A backtick in a target column name is doubled,
     * the documented mapping for names with backticks (docs/ddl-sync.md: Debezium's rows carry the doubled name).
     */
    private static List<String> columns(io.obkc.testing.DatabaseEndpoint db, String schema, String table) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        for (List<String> r : SqlAssertions.rows(db, schema, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + schema
                + "' AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION")) {
            if (!r.get(0).startsWith("__obkc_")) {
                out.add(db == oceanbase ? r.get(0).replace("``", "`") : r.get(0));
            }
        }
        return out;
    }

    private static List<String> targetColumns(String table) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        for (List<String> r : SqlAssertions.rows(oceanbase, TGT, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + TGT
                + "' AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION")) {
            if (!r.get(0).startsWith("__obkc_")) {
                out.add(r.get(0));
            }
        }
        return out;
    }

    private static String targetSelect(String table) throws SQLException {
        return "SELECT " + String.join(", ", targetColumns(table).stream().map(c -> "`" + c.replace("`", "``") + "`").toList())
                + " FROM " + table + " ORDER BY 1";
    }
}
