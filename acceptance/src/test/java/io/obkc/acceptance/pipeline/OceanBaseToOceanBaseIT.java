package io.obkc.acceptance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * seekdb -> OBKC OceanBase source (changelog mode) -> Kafka -> OBKC OceanBase sink -> another seekdb database, and the
 * same stream -> OBKC sink -> MariaDB (the reverse direction of a migration, OceanBase back to a MySQL-family database):
 * snapshot and streamed changes (inserts, updates, deletes, a key change, a multi-statement transaction), compared row by
 * row. The same change events are then written in all nine OMS serializations; the readable ones are read back.
 */
class OceanBaseToOceanBaseIT {
    private static final String SRC = "obkc_acc_ob2ob_src";
    private static final String DST = "obkc_acc_ob2ob_dst";
    private static final String CDC = "obkc_acc_ob2ob_cdc";
    private static final String PREFIX = "accob2ob";
    private static final String TABLE = "(id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(18,4), ratio DOUBLE, "
            + "created DATETIME(6), touched TIMESTAMP(3) NULL DEFAULT NULL, payload BLOB, kind ENUM('a','b'), doc JSON, "
            + "flags BIT(5), dur TIME(3), yr YEAR, small TINYINT UNSIGNED)";
    private static final String MDB = "obkc_acc_ob2mdb";
    private static DatabaseEndpoint ob;
    private static DatabaseEndpoint mariadb;

    @BeforeAll
    static void setUp() throws Exception {
        ob = TestBed.oceanbase();
        ob.execute("DROP DATABASE IF EXISTS " + CDC);
        ob.recreateDatabase(SRC);
        ob.recreateDatabase(DST);
        ob.execute("CREATE TABLE " + SRC + ".items " + TABLE, "CREATE TABLE " + DST + ".items " + TABLE);
        mariadb = TestBed.mysql();
        mariadb.recreateDatabase(MDB);
        mariadb.execute("CREATE TABLE " + MDB + ".items " + TABLE);
        for (int i = 1; i <= 30; i++) {
            ob.execute("INSERT INTO " + SRC + ".items VALUES (" + i + ", 'item " + i + " ü', " + i + ".1234, " + (i / 3.0) + ", "
                    + "'2024-01-0" + (1 + i % 9) + " 10:00:00.123456', '2024-02-01 00:00:0" + (i % 10) + ".5', x'00" + String.format("%02x", i)
                    + "', '" + (i % 2 == 0 ? "a" : "b") + "', '{\"i\": " + i + "}', b'10101', '-12:00:00.5', 2000, " + (200 + i % 50) + ")");
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (ob != null) {
            ob.execute("DROP DATABASE IF EXISTS " + SRC, "DROP DATABASE IF EXISTS " + DST, "DROP DATABASE IF EXISTS " + CDC);
        }
        if (mariadb != null) {
            mariadb.execute("DROP DATABASE IF EXISTS " + MDB);
        }
    }

    @Test
    void snapshotAndChangesArriveRowByRow() throws Exception {
        try (ConnectTestBed bed = ConnectTestBed.start("obkc-acc-ob2ob")) {
            Map<String, String> source = new HashMap<>();
            source.put("connector.class", "io.obkc.source.OceanBaseSourceConnector");
            source.put("tasks.max", "1");
            source.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
            source.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            source.put("database.hostname", ob.host());
            source.put("database.port", String.valueOf(ob.port()));
            source.put("database.user", ob.user());
            source.put("database.password", ob.password());
            source.put("topic.prefix", PREFIX);
            source.put("table.include.list", SRC + ".*");
            source.put("changelog.database", CDC);
            source.put("datatype.propagate.source.type", ".+");
            source.put("provide.transaction.metadata", "true");
            source.put("poll.interval.ms", "100");
            bed.putConnector("ob-source", source);
            bed.putConnector("ob-sink", ConnectorConfigs.oceanbaseSink(ob, PREFIX + "\\." + SRC + "\\..*", DST, PREFIX + "-dlq"));
            bed.awaitRunning("ob-source", Duration.ofSeconds(60));
            bed.awaitRunning("ob-sink", Duration.ofSeconds(60));
            bed.putConnector("ob-to-mariadb", ConnectorConfigs.oceanbaseSink(mariadb, PREFIX + "\\." + SRC + "\\..*", MDB, PREFIX + "-mdb-dlq"));
            bed.awaitRunning("ob-to-mariadb", Duration.ofSeconds(60));
            awaitSame(bed);

            try (Connection c = ob.connect(SRC); Statement s = c.createStatement()) {
                s.execute("UPDATE items SET amount = amount * 2, touched = '2030-05-05 05:05:05.555' WHERE id <= 10");
                s.execute("DELETE FROM items WHERE id IN (11, 12)");
                s.execute("UPDATE items SET id = 131 WHERE id = 13");
                c.setAutoCommit(false);
                s.execute("INSERT INTO items (id, name, payload, doc) VALUES (200, NULL, x'', '[]')");
                s.execute("UPDATE items SET name = 'in tx', flags = b'11111', dur = '838:59:59' WHERE id = 14");
                c.commit();
            }
            awaitSame(bed);
            assertThat(bed.consume(PREFIX + "-dlq", 1, Duration.ofSeconds(2))).as("dead letters").isEmpty();
            assertThat(bed.consume(PREFIX + "-mdb-dlq", 1, Duration.ofSeconds(2))).as("dead letters of the MariaDB sink").isEmpty();
            OmsFormatsCheck.everyFormat(bed.consume(PREFIX + "." + SRC + ".items", 40, Duration.ofSeconds(30)), PREFIX + "." + SRC + ".items");
        }
    }

    private static void awaitSame(ConnectTestBed bed) {
        Awaitility.await("target equals source").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            bed.assertNoFailedTasks("ob-source");
            bed.assertNoFailedTasks("ob-sink");
            bed.assertNoFailedTasks("ob-to-mariadb");
            List<List<String>> src = rows(ob, SRC);
            assertThat(rows(ob, DST)).isEqualTo(src);
            assertThat(rows(mariadb, MDB)).as("MariaDB, the reverse direction's target").isEqualTo(src);
        });
    }

    /** Every row as the server renders each column (HEX for binaries), ordered by key: an oracle independent of the connectors. */
    private static List<List<String>> rows(DatabaseEndpoint server, String db) throws Exception {
        List<List<String>> out = new ArrayList<>();
        // TIMESTAMP as epoch seconds: the two servers render it in their own session time zones.
        try (Connection c = server.connect(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, name, amount, ratio, created, UNIX_TIMESTAMP(touched), HEX(payload), kind, doc, flags + 0, "
                        + "dur, yr, small FROM items ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
