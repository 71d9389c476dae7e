package io.obkc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
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
 * The core path end to end on real servers: MariaDB (binlog ROW/FULL) → Debezium's MariaDB connector
 * → Kafka (KRaft broker in this JVM) → OceanBaseSinkConnector in a real Connect worker → seekdb.
 * Every assertion compares target rows with source rows in SQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbToOceanBaseIT {
    private static final String DB = "e2e_src";
    private static final String SOURCE = "e2e-mariadb-source";
    private static final String SINK = "e2e-oceanbase-sink";
    private static final String DLQ = "e2e-dlq";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** Every common MySQL column type; compared through the same SQL expressions on both sides. */
    static final String ALL_TYPES_DDL = """
            CREATE TABLE all_types (
              id INT NOT NULL PRIMARY KEY,
              c_tinyint TINYINT, c_tinyint_u TINYINT UNSIGNED, c_smallint SMALLINT, c_smallint_u SMALLINT UNSIGNED,
              c_mediumint MEDIUMINT, c_mediumint_u MEDIUMINT UNSIGNED, c_int INT, c_int_u INT UNSIGNED,
              c_bigint BIGINT, c_bigint_u BIGINT UNSIGNED,
              c_decimal DECIMAL(20,6), c_decimal0 DECIMAL(10,0), c_float FLOAT, c_double DOUBLE, c_bool BOOLEAN,
              c_date DATE, c_time TIME, c_time3 TIME(3), c_time6 TIME(6), c_datetime DATETIME, c_datetime3 DATETIME(3),
              c_datetime6 DATETIME(6), c_timestamp TIMESTAMP(6) NULL DEFAULT NULL, c_year YEAR,
              c_char CHAR(10), c_varchar VARCHAR(255), c_tinytext TINYTEXT, c_text TEXT, c_mediumtext MEDIUMTEXT, c_longtext LONGTEXT,
              c_binary BINARY(4), c_varbinary VARBINARY(16), c_blob BLOB, c_longblob LONGBLOB,
              c_enum ENUM('red','green','blue'), c_set SET('a','b','c'), c_bit1 BIT(1), c_bit BIT(12), c_json JSON
            ) DEFAULT CHARSET = utf8mb4""";

    /**
     * Issue 9 item 1: Debezium sends TIMESTAMP, DATETIME and TIME without fsp with no length; they must not become
     * TIMESTAMP(6)/DATETIME(3)/TIME(6), and an existing target column must not be "widened".
     */
    private static final String STAMPED_DDL = "CREATE TABLE stamped (id INT NOT NULL PRIMARY KEY, "
            + "ts TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, dt DATETIME, t TIME, note VARCHAR(20), "
            + "lbl ENUM('a','e,f'))";
    /** What the schema migration (MysqlTypeMapping, docs/type-mapping.md) creates for STAMPED_DDL: the same types. */
    private static final String STAMPED_TARGET_DDL = "CREATE TABLE stamped (id INT NOT NULL PRIMARY KEY, "
            + "ts timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, dt datetime NULL, t time NULL, note varchar(20) NULL, "
            + "lbl enum('a','e,f') NULL)";
    private static final String STAMPED_SELECT = "SELECT id, DATE_FORMAT(ts, '%Y-%m-%d %H:%i:%s.%f'), DATE_FORMAT(dt, '%Y-%m-%d %H:%i:%s.%f'), "
            + "CAST(t AS CHAR), note, lbl FROM stamped ORDER BY id";

    static final String ALL_TYPES_SELECT = "SELECT id, c_tinyint, c_tinyint_u, c_smallint, c_smallint_u, c_mediumint, c_mediumint_u, "
            + "c_int, c_int_u, c_bigint, c_bigint_u, c_decimal, c_decimal0, c_float, c_double, c_bool, c_date, c_time, c_time3, c_time6, "
            + "c_datetime, c_datetime3, c_datetime6, c_timestamp, c_year, c_char, c_varchar, c_tinytext, c_text, c_mediumtext, c_longtext, "
            + "HEX(c_binary), HEX(c_varbinary), HEX(c_blob), HEX(c_longblob), c_enum, c_set, c_bit1+0, c_bit+0, c_json "
            + "FROM all_types ORDER BY id";

    private static DatabaseEndpoint mariadb;
    private static DatabaseEndpoint oceanbase;
    private static ConnectTestBed connect;

    @BeforeAll
    static void startPipeline() throws Exception {
        mariadb = TestBed.mysql();
        oceanbase = TestBed.oceanbase();
        mariadb.recreateDatabase(DB);
        oceanbase.execute("DROP DATABASE IF EXISTS `" + DB + "`");
        mariadb.execute("USE " + DB, ALL_TYPES_DDL,
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(64) NOT NULL, amount DECIMAL(12,2), note VARCHAR(200), "
                        + "updated_at DATETIME(6))",
                "CREATE TABLE composite_key (a INT NOT NULL, b VARCHAR(20) NOT NULL, v INT, PRIMARY KEY (a, b))",
                "CREATE TABLE no_key (a INT, b VARCHAR(20))",
                "CREATE TABLE narrow (id INT PRIMARY KEY, v VARCHAR(100))",
                STAMPED_DDL,
                "INSERT INTO stamped (id, ts, dt, t, note, lbl) VALUES (1, '2024-05-06 07:08:09', '2024-05-06 07:08:09', '-12:34:56', 'one', 'e,f'), "
                        + "(2, '2030-01-01 00:00:00', '9999-12-31 23:59:59', '838:59:59', 'two', 'a')",
                "INSERT INTO stamped (id, note) VALUES (3, 'defaults')");
        // Snapshot rows: present before the connector starts.
        try (Connection c = mariadb.connect(DB); Statement s = c.createStatement()) {
            insertAllTypesRow(s, 1);
            s.execute("INSERT INTO all_types (id) VALUES (2)"); // all NULLs
            insertAllTypesExtremes(s, 3);
            for (int i = 1; i <= 200; i++) {
                s.execute("INSERT INTO orders VALUES (" + i + ", 'customer-" + i + "', " + i + ".25, NULL, '2024-05-06 07:08:09.123456')");
            }
            s.execute("INSERT INTO composite_key VALUES (1, 'x', 10), (1, 'y', 20), (2, 'x', 30)");
            s.execute("INSERT INTO no_key VALUES (1, 'a'), (1, 'a'), (2, 'b')");
            // Zero dates (allowed without NO_ZERO_DATE): Debezium sends NULL for a nullable column and the epoch for a
            // NOT NULL one (docs/type-mapping.md, "Edge values").
            s.execute("SET SESSION sql_mode = ''");
            s.execute("CREATE TABLE zero_dates (id INT PRIMARY KEY, zd DATETIME NULL, zn DATETIME NOT NULL, dd DATE NULL)");
            s.execute("INSERT INTO zero_dates VALUES (1, '0000-00-00 00:00:00', '0000-00-00 00:00:00', '0000-00-00')");
        }
        // The poison target: same table, but a column too narrow for one value the source will send.
        oceanbase.execute("CREATE DATABASE `" + DB + "`",
                "CREATE TABLE `" + DB + "`.narrow (id INT PRIMARY KEY, v VARCHAR(5))");

        connect = ConnectTestBed.start("e2e");
        connect.putConnector(SOURCE, sourceConfig());
        connect.awaitRunning(SOURCE, TIMEOUT);
        connect.putConnector(SINK, sinkConfig());
        connect.awaitRunning(SINK, TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.close();
        }
    }

    static Map<String, String> sourceConfig() {
        Map<String, String> c = PipelineConfigs.mariadb(mariadb, connect.bootstrapServers(), "e2e", DB);
        c.put("bigint.unsigned.handling.mode", "precise");
        return c;
    }

    static Map<String, String> sinkConfig() {
        Map<String, String> c = PipelineConfigs.oceanbaseSink(oceanbase, "e2e\\.e2e_src\\..*");
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", DLQ);
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        // The poison test relies on a target column narrower than the source; widening would (rightly) make it fit.
        c.put("auto.evolve.widen", "false");
        return c;
    }

    static void insertAllTypesRow(Statement s, int id) throws SQLException {
        s.execute("INSERT INTO all_types VALUES (" + id + ", -12, 250, -32000, 65000, -8000000, 16000000, -2000000000, 4000000000, "
                + "-9000000000000000000, 18000000000000000000, 12345678901234.123456, 9999999999, 1.5, 2.718281828459045, TRUE, "
                + "'2024-02-29', '12:34:56', '23:59:59.123', '-838:59:59.000000', '2024-02-29 12:34:56', '2024-02-29 12:34:56.789', "
                + "'2024-02-29 12:34:56.123456', '2024-02-29 12:34:56.654321', 2024, 'char  ', 'héllo wörld 😀 中文', 'tiny', 'text 😀', "
                + "'medium', REPEAT('long', 1000), X'01020304', X'DEADBEEF00', X'00FF00FF', REPEAT(X'AB', 5000), 'green', 'a,c', b'1', b'101010101010', "
                + "'{\"k\": [1, 2, {\"n\": null}], \"s\": \"v\"}')");
    }

    static void insertAllTypesExtremes(Statement s, int id) throws SQLException {
        s.execute("INSERT INTO all_types VALUES (" + id + ", 127, 0, 32767, 0, 8388607, 0, 2147483647, 0, "
                + "9223372036854775807, 0, -0.000001, -9999999999, -3.25, -1.0E-300, FALSE, "
                + "'1000-01-01', '00:00:00', '00:00:00.001', '838:59:59.000000', '9999-12-31 23:59:59', '1000-01-01 00:00:00.001', "
                + "'1970-01-01 00:00:00.000001', '2038-01-19 03:14:07.999999', 1901, '', '', '', '', '', '', "
                + "X'00000000', X'', X'', X'', 'red', '', b'0', b'0', '[]')");
    }

    @Test
    @Order(1)
    void snapshotCopiesEveryTypeExactly() throws Exception {
        awaitSameRows("all_types", ALL_TYPES_SELECT);
        awaitSameRows("orders", "SELECT * FROM orders ORDER BY id");
        awaitSameRows("composite_key", "SELECT * FROM composite_key ORDER BY a, b");
        awaitSameRows("no_key", "SELECT * FROM no_key ORDER BY a, b");
        // The auto-created table keeps the source's types and lengths.
        String ddl = SqlAssertions.rows(oceanbase, DB, "SHOW CREATE TABLE all_types").get(0).get(1);
        assertThat(ddl).contains("`c_varchar` varchar(255)", "`c_int_u` int(10) unsigned", "`c_bigint_u` bigint(20) unsigned",
                "`c_decimal` decimal(20,6)", "`c_datetime6` datetime(6)", "`c_enum` enum('red','green','blue')", "`c_bit` bit(12)",
                "PRIMARY KEY (`id`)");
    }

    @Test
    @Order(2)
    void streamingInsertsUpdatesDeletesTransactionsAndNulls() throws Exception {
        try (Connection c = mariadb.connect(DB); Statement s = c.createStatement()) {
            insertAllTypesRow(s, 10);
            s.execute("UPDATE all_types SET c_varchar = NULL, c_json = NULL, c_datetime6 = '2001-01-01 00:00:00.000001', c_bit = b'1' WHERE id = 1");
            s.execute("UPDATE all_types SET c_varchar = 'now set' WHERE id = 2");
            s.execute("DELETE FROM all_types WHERE id = 3");
            // One multi-statement transaction, including a delete then re-insert of the same key.
            c.setAutoCommit(false);
            s.execute("INSERT INTO orders VALUES (1000, 'tx', 1.00, 'first', NULL)");
            s.execute("UPDATE orders SET amount = amount + 1, note = 'updated in tx' WHERE id <= 50");
            s.execute("DELETE FROM orders WHERE id BETWEEN 51 AND 60");
            s.execute("DELETE FROM orders WHERE id = 100");
            s.execute("INSERT INTO orders VALUES (100, 'reinserted', 99.99, 'same key again', NULL)");
            s.execute("UPDATE composite_key SET v = v + 1 WHERE a = 1");
            s.execute("DELETE FROM composite_key WHERE a = 2");
            s.execute("UPDATE no_key SET b = 'z' WHERE a = 2");
            s.execute("DELETE FROM no_key WHERE a = 1 LIMIT 1");
            c.commit();
            c.setAutoCommit(true);
        }
        awaitSameRows("all_types", ALL_TYPES_SELECT);
        awaitSameRows("orders", "SELECT * FROM orders ORDER BY id");
        awaitSameRows("composite_key", "SELECT * FROM composite_key ORDER BY a, b");
        awaitSameRows("no_key", "SELECT * FROM no_key ORDER BY a, b");
        assertThat(SqlAssertions.rows(oceanbase, DB, "SELECT customer, note FROM orders WHERE id = 100"))
                .containsExactly(List.of("reinserted", "same key again"));
    }

    @Test
    @Order(3)
    void poisonRecordGoesToDeadLetterQueueAndLaterRecordsStillArrive() throws Exception {
        mariadb.execute("INSERT INTO " + DB + ".narrow VALUES (1, 'ok')",
                "INSERT INTO " + DB + ".narrow VALUES (2, 'this value is far too long for the target')",
                "INSERT INTO " + DB + ".narrow VALUES (3, 'ok2')");
        SqlAssertions.awaitTrue("rows 1 and 3 in target", TIMEOUT,
                () -> SqlAssertions.rows(oceanbase, DB, "SELECT id, v FROM narrow ORDER BY id").equals(List.of(List.of("1", "ok"), List.of("3", "ok2"))));
        List<ConsumerRecord<byte[], byte[]>> dlq = connect.consume(DLQ, 1, TIMEOUT);
        List<String> reasons = dlq.stream().map(r -> r.headers().lastHeader("__connect.errors.exception.message"))
                .map(h -> h == null ? "(no message header)" : new String(h.value(), StandardCharsets.UTF_8)).toList();
        assertThat(reasons).as("dead letter queue error messages").hasSize(1);
        ConsumerRecord<byte[], byte[]> bad = dlq.get(0);
        assertThat(new String(bad.value(), StandardCharsets.UTF_8)).contains("this value is far too long");
        Header message = bad.headers().lastHeader("__connect.errors.exception.message");
        assertThat(message).isNotNull();
        assertThat(new String(message.value(), StandardCharsets.UTF_8)).contains("narrow").contains("1406");
        connect.assertNoFailedTasks(SINK);
        // The task's counters are exposed by the worker over JMX as plugin metrics.
        assertThat(sinkMetric("records-dead-lettered-total")).isEqualTo(1L);
        assertThat(sinkMetric("records-written-total")).isGreaterThan(200L);
    }

    private static long sinkMetric(String name) throws Exception {
        return sinkMetric(SINK, name);
    }

    private static long sinkMetric(String connector, String name) throws Exception {
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        java.util.Set<javax.management.ObjectName> names = server.queryNames(
                new javax.management.ObjectName("kafka.connect:type=plugins,connector=" + connector + ",*"), null);
        assertThat(names).as("plugin metric MBeans of " + connector).isNotEmpty();
        for (javax.management.ObjectName n : names) {
            try {
                return ((Number) server.getAttribute(n, name)).longValue();
            } catch (javax.management.AttributeNotFoundException notHere) {
                // Another plugin's MBean (converter, transform); keep looking.
            }
        }
        throw new AssertionError("No MBean of " + connector + " has attribute " + name + ": " + names);
    }

    @Test
    @Order(4)
    void flatRecordsAfterExtractNewRecordStateAreAppliedToo() throws Exception {
        // A second sink reading the same topic through Debezium's ExtractNewRecordState: flat rows, deletes as tombstones.
        oceanbase.execute("DROP DATABASE IF EXISTS e2e_flat");
        Map<String, String> flat = sinkConfig();
        flat.put("topics", "e2e.e2e_src.orders");
        flat.remove("topics.regex");
        flat.put("database.name.format", "e2e_flat");
        flat.put("transforms", "unwrap");
        flat.put("transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState");
        flat.put("transforms.unwrap.delete.tombstone.handling.mode", "tombstone");
        connect.putConnector("e2e-flat-sink", flat);
        connect.awaitRunning("e2e-flat-sink", TIMEOUT);
        mariadb.execute("DELETE FROM " + DB + ".orders WHERE id BETWEEN 61 AND 70",
                "UPDATE " + DB + ".orders SET note = 'flat' WHERE id BETWEEN 71 AND 80");
        String select = "SELECT * FROM orders ORDER BY id";
        SqlAssertions.awaitTrue("flat copy equals source", TIMEOUT, () -> {
            connect.assertNoFailedTasks("e2e-flat-sink");
            return SqlAssertions.rows(mariadb, DB, select).equals(SqlAssertions.rows(oceanbase, "e2e_flat", select));
        });
        connect.deleteConnector("e2e-flat-sink");
    }

    @Test
    @Order(5)
    void workerRestartMidStreamLosesNothing() throws Exception {
        Thread writer = new Thread(() -> {
            try (Connection c = mariadb.connect(DB); Statement s = c.createStatement()) {
                for (int i = 0; i < 1500; i++) {
                    s.execute("INSERT INTO orders VALUES (" + (10_000 + i) + ", 'restart-" + i + "', " + i + ", 'during restart', NULL)");
                    if (i % 3 == 0) {
                        s.execute("UPDATE orders SET amount = amount + 1 WHERE id = " + (10_000 + i));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "restart-writer");
        writer.start();
        // Restart once the stream is flowing, while the writer is still going.
        SqlAssertions.awaitTrue("stream flowing", TIMEOUT, () -> SqlAssertions.count(oceanbase, DB, "orders WHERE id >= 10000") > 0);
        connect.restartWorker();
        writer.join(TIMEOUT.toMillis());
        assertThat(writer.isAlive()).isFalse();
        connect.awaitRunning(SOURCE, TIMEOUT);
        connect.awaitRunning(SINK, TIMEOUT);
        awaitSameRows("orders", "SELECT * FROM orders ORDER BY id");
        assertThat(SqlAssertions.count(oceanbase, DB, "orders WHERE id >= 10000")).isEqualTo(1500);
    }

    @Test
    @Order(6)
    void timestampWithoutFractionalSecondsStaysAsItIs() throws Exception {
        // Auto-created by the main sink: the source's types, no guessed fractional seconds.
        awaitSameRows("stamped", STAMPED_SELECT);
        assertThat(columnTypes(DB, "stamped")).containsExactly("int(11)", "timestamp", "datetime", "time", "varchar(20)", "enum('a','e,f')");
        // A target created first by the schema migration, then the snapshot through a sink with widening on (the default):
        // every row arrives, nothing is dead-lettered, and the column definitions are not touched.
        oceanbase.execute("DROP DATABASE IF EXISTS e2e_stamped", "CREATE DATABASE e2e_stamped", "USE e2e_stamped", STAMPED_TARGET_DDL);
        String before = SqlAssertions.rows(oceanbase, "e2e_stamped", "SHOW CREATE TABLE stamped").get(0).get(1);
        Map<String, String> c = sinkConfig();
        c.remove("topics.regex");
        c.put("topics", "e2e.e2e_src.stamped");
        c.put("database.name.format", "e2e_stamped");
        c.remove("auto.evolve.widen");
        c.put("errors.deadletterqueue.topic.name", "e2e-stamped-dlq");
        connect.putConnector("e2e-stamped-sink", c);
        connect.awaitRunning("e2e-stamped-sink", TIMEOUT);
        SqlAssertions.awaitTrue("stamped copy equals source", TIMEOUT, () -> {
            connect.assertNoFailedTasks("e2e-stamped-sink");
            return SqlAssertions.rows(mariadb, DB, STAMPED_SELECT).equals(SqlAssertions.rows(oceanbase, "e2e_stamped", STAMPED_SELECT));
        });
        assertThat(sinkMetric("e2e-stamped-sink", "records-dead-lettered-total")).isZero();
        assertThat(SqlAssertions.rows(oceanbase, "e2e_stamped", "SHOW CREATE TABLE stamped").get(0).get(1)).isEqualTo(before);
        connect.deleteConnector("e2e-stamped-sink");
    }

    /**
     * Issue 9 item 6: the sink here has no DDL sync (the schema change topic is not subscribed), so the new column comes
     * with the rows (auto.evolve). The rows that existed before get the source's default, as on the source.
     */
    @Test
    @Order(7)
    void addedNotNullColumnWithDefaultFillsExistingRows() throws Exception {
        mariadb.execute("ALTER TABLE " + DB + ".orders ADD COLUMN qty INT NOT NULL DEFAULT 5",
                "UPDATE " + DB + ".orders SET qty = 6, note = 'after add' WHERE id = 1");
        awaitSameRows("orders", "SELECT * FROM orders ORDER BY id");
        assertThat(SqlAssertions.count(oceanbase, DB, "orders WHERE qty = 5")).isEqualTo(SqlAssertions.count(mariadb, DB, "orders") - 1);
    }

    @Test
    @Order(8)
    void zeroDatesArriveAsDebeziumSendsThem() throws Exception {
        SqlAssertions.awaitTrue("zero_dates row", TIMEOUT, () -> SqlAssertions.count(oceanbase, DB, "zero_dates") == 1);
        assertThat(SqlAssertions.rows(oceanbase, DB, "SELECT zd, DATE_FORMAT(zn, '%Y-%m-%d %H:%i:%s'), dd FROM zero_dates"))
                .containsExactly(java.util.Arrays.asList(null, "1970-01-01 00:00:00", null));
    }

    private static List<String> columnTypes(String db, String table) throws SQLException {
        return SqlAssertions.rows(oceanbase, db, "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION").stream().map(r -> r.get(0)).toList();
    }

    private static void awaitSameRows(String table, String select) {
        try {
            SqlAssertions.awaitTrue(table + " equal in MariaDB and seekdb", TIMEOUT, () -> {
                connect.assertNoFailedTasks(SOURCE);
                connect.assertNoFailedTasks(SINK);
                return SqlAssertions.rows(mariadb, DB, select).equals(SqlAssertions.rows(oceanbase, DB, select));
            });
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            connect.assertNoFailedTasks(SOURCE);
            connect.assertNoFailedTasks(SINK);
        }
        try {
            // Make a failure readable: show the rows, not just "condition not met".
            assertThat(SqlAssertions.rows(oceanbase, DB, select)).isEqualTo(SqlAssertions.rows(mariadb, DB, select));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
