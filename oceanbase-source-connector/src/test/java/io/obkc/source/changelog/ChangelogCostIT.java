package io.obkc.source.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.obkc.source.schema.TableCatalog;
import io.obkc.source.schema.TableDef;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * Measures (small, not a benchmark) what the change-log mode costs the source, for docs/oceanbase-source-connector.md:
 * the extra write per changed row and the poll query over a change log of some size. Prints the numbers.
 */
class ChangelogCostIT {
    private static final String DB = "obkc_src_cost_it";
    private static final String CDC = "obkc_src_cost_it_cdc";
    private static DatabaseEndpoint ob;

    @BeforeAll
    static void setUp() throws Exception {
        ob = TestBed.oceanbase();
        ob.execute("DROP DATABASE IF EXISTS " + CDC);
        ob.recreateDatabase(DB);
        ob.execute("CREATE TABLE " + DB + ".plain (id INT PRIMARY KEY, v VARCHAR(100), n BIGINT)",
                "CREATE TABLE " + DB + ".trig (id INT PRIMARY KEY, v VARCHAR(100), n BIGINT)");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (ob != null) {
            ob.execute("DROP DATABASE IF EXISTS " + DB, "DROP DATABASE IF EXISTS " + CDC);
        }
    }

    @Test
    void triggerWriteCostAndPollCost() throws Exception {
        ChangelogSchema schema = new ChangelogSchema(CDC, "change_log");
        ChangelogInstaller installer = new ChangelogInstaller(schema);
        try (Connection c = ob.connect(DB); Statement s = c.createStatement()) {
            installer.installTable(c);
            TableDef trig = TableCatalog.load(c, DB, "trig");
            installer.installTriggers(c, trig);
            int rows = 2000;
            long plain = time(s, "plain", rows);
            long triggered = time(s, "trig", rows);
            System.err.printf("[cost] %d single-row autocommit INSERTs: %d ms without triggers, %d ms with (%.2fx)%n", rows, plain, triggered,
                    (double) triggered / plain);
            s.execute("UPDATE trig SET n = n + 1");
            for (int size : new int[] {4000, 20000, 100000}) {
                while (count(s, CDC + ".change_log") < size) {
                    s.execute("INSERT INTO " + CDC + ".change_log (db, tbl, op, conn_id, structure, before_img, after_img) "
                            + "SELECT db, tbl, op, conn_id, structure, before_img, after_img FROM " + CDC + ".change_log LIMIT "
                            + (size - count(s, CDC + ".change_log")));
                }
                long max;
                try (ResultSet rs = s.executeQuery("SELECT MAX(ORA_ROWSCN) FROM " + CDC + ".change_log")) {
                    rs.next();
                    max = rs.getLong(1);
                }
                String poll = "SELECT seq, ORA_ROWSCN, conn_id, db, tbl, op, structure, before_img, after_img FROM " + CDC + ".change_log"
                        + " WHERE ORA_ROWSCN > " + max + " OR (ORA_ROWSCN = " + max + " AND (conn_id > 9 OR (conn_id = 9 AND seq > 9)))"
                        + " ORDER BY ORA_ROWSCN, conn_id, seq LIMIT 2048";
                s.executeQuery(poll).close();
                long t0 = System.nanoTime();
                for (int i = 0; i < 5; i++) {
                    s.executeQuery(poll).close();
                }
                System.err.printf("[cost] empty poll over a change log of %d rows: %.1f ms%n", count(s, CDC + ".change_log"),
                        (System.nanoTime() - t0) / 5e6);
            }
            assertThat(triggered).isPositive();
        }
    }

    private static long time(Statement s, String table, int rows) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < rows; i++) {
            s.execute("INSERT INTO " + table + " VALUES (" + i + ", 'value " + i + "', " + i + ")");
        }
        return (System.nanoTime() - t0) / 1_000_000L;
    }

    private static long count(Statement s, String table) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
