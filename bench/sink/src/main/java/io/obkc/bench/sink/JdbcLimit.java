package io.obkc.bench.sink;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.obkc.testing.DatabaseEndpoint;

/**
 * The target's own limit for the benchmark's rows: a plain JDBC client, no Kafka, no Connect, writing the rows the
 * Kafka records carry ({@link BenchRows}, the same values) into a fresh table with the statement shape OBKC uses
 * (multi-row {@code INSERT ... ON DUPLICATE KEY UPDATE col=VALUES(col)}), with the driver properties and session
 * settings of OBKC's sink connections ({@code io.obkc.sink.write.ConnectionFactory}), one thread per partition as
 * the sinks run one task per partition.
 *
 * <p>Thread {@code i} of {@code P} writes the ids with {@code id % P == i}, in ascending order: interleaved key ranges,
 * as a keyed Kafka partitioner spreads them, rather than one contiguous range per thread. The rows are generated before
 * the clock starts, so the number is the database's and the driver's, not the generator's.
 */
final class JdbcLimit {
    /** One way of writing: rows per INSERT statement and rows per transaction. */
    record Shape(int rowsPerStatement, int rowsPerTransaction) {
        @Override
        public String toString() {
            return rowsPerStatement + " rows/statement, " + rowsPerTransaction + " rows/transaction";
        }
    }

    private static final String COLUMNS = "id, customer_id, quantity, status, name, amount, created_at, note";
    private static final int COLUMN_COUNT = 8;

    /** The table as OBKC's auto.create makes it from the records' schemas (see the report's DDL section). */
    static final String DDL = "CREATE TABLE `" + BenchRows.TABLE + "` (`id` bigint NOT NULL, `customer_id` int NOT NULL, `quantity` int NOT NULL, "
            + "`status` smallint NOT NULL, `name` varchar(64) NOT NULL, `amount` decimal(12,2) DEFAULT NULL, `created_at` datetime(6) NOT NULL, "
            + "`note` text DEFAULT NULL, PRIMARY KEY (`id`)) DEFAULT CHARSET = utf8mb4";

    /** The values of one row, computed once before timing. */
    private record Row(long id, int customerId, int quantity, short status, String name, BigDecimal amount, String createdAt, String note) {
        static Row of(long id) {
            return new Row(id, BenchRows.customerId(id), BenchRows.quantity(id), BenchRows.status(id), BenchRows.name(id), BenchRows.amount(id),
                    BenchRows.createdAtText(id), BenchRows.note(id));
        }
    }

    private final DatabaseEndpoint ob;
    private final List<List<Row>> rowsPerThread;

    /** Generates the rows of 1..rows for {@code threads} writer threads (thread i: ids with id % threads == i). */
    JdbcLimit(DatabaseEndpoint ob, long rows, int threads) {
        this.ob = ob;
        this.rowsPerThread = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            rowsPerThread.add(new ArrayList<>((int) (rows / threads + 1)));
        }
        for (long id = 1; id <= rows; id++) {
            rowsPerThread.get((int) (id % threads)).add(Row.of(id));
        }
    }

    /** Writes every row into {@code db} (which must exist and be empty: the table is created here); returns the seconds it took. */
    double write(String db, Shape shape) throws Exception {
        try (Connection c = open(db); Statement s = c.createStatement()) {
            s.execute(DDL);
            c.commit();
        }
        ExecutorService pool = Executors.newFixedThreadPool(rowsPerThread.size(), r -> {
            Thread t = new Thread(r, "jdbc-limit-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            // Connections are opened before the clock starts: the sinks' task start-up is in their time, but a
            // connection handshake is not what this measures.
            List<Connection> connections = new ArrayList<>();
            for (int i = 0; i < rowsPerThread.size(); i++) {
                connections.add(open(db));
            }
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < rowsPerThread.size(); i++) {
                List<Row> rows = rowsPerThread.get(i);
                Connection c = connections.get(i);
                done.add(pool.submit(() -> {
                    writeAll(c, rows, shape);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (Connection c : connections) {
                c.close();
            }
            return seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeAll(Connection c, List<Row> rows, Shape shape) throws SQLException {
        String full = insert(shape.rowsPerStatement());
        try (PreparedStatement ps = c.prepareStatement(full)) {
            int inTransaction = 0;
            for (int from = 0; from < rows.size(); from += shape.rowsPerStatement()) {
                int to = Math.min(rows.size(), from + shape.rowsPerStatement());
                if (to - from == shape.rowsPerStatement()) {
                    bindAndRun(ps, rows, from, to);
                } else {
                    try (PreparedStatement tail = c.prepareStatement(insert(to - from))) {
                        bindAndRun(tail, rows, from, to);
                    }
                }
                inTransaction += to - from;
                if (inTransaction >= shape.rowsPerTransaction()) {
                    c.commit();
                    inTransaction = 0;
                }
            }
            c.commit();
        }
    }

    /** Typed setters, as OBKC's binders use; DATETIME(6) as UTC text, as OBKC binds it. */
    private static void bindAndRun(PreparedStatement ps, List<Row> rows, int from, int to) throws SQLException {
        int i = 1;
        for (int r = from; r < to; r++) {
            Row row = rows.get(r);
            ps.setLong(i++, row.id());
            ps.setInt(i++, row.customerId());
            ps.setInt(i++, row.quantity());
            ps.setShort(i++, row.status());
            ps.setString(i++, row.name());
            if (row.amount() == null) {
                ps.setNull(i++, Types.DECIMAL);
            } else {
                ps.setBigDecimal(i++, row.amount());
            }
            ps.setString(i++, row.createdAt());
            if (row.note() == null) {
                ps.setNull(i++, Types.VARCHAR);
            } else {
                ps.setString(i++, row.note());
            }
        }
        ps.executeUpdate();
    }

    private static String insert(int rows) {
        StringBuilder b = new StringBuilder("INSERT INTO `").append(BenchRows.TABLE).append("` (").append(COLUMNS).append(") VALUES ");
        String one = "(" + "?,".repeat(COLUMN_COUNT - 1) + "?)";
        for (int r = 0; r < rows; r++) {
            b.append(r == 0 ? "" : ",").append(one);
        }
        b.append(" ON DUPLICATE KEY UPDATE customer_id=VALUES(customer_id),quantity=VALUES(quantity),status=VALUES(status),name=VALUES(name),"
                + "amount=VALUES(amount),created_at=VALUES(created_at),note=VALUES(note)");
        return b.toString();
    }

    /**
     * A connection as OBKC's sink opens one for rows: the same driver properties (ConnectionFactory) and session
     * settings, auto-commit off.
     */
    private Connection open(String db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", ob.user());
        p.setProperty("password", ob.password());
        p.setProperty("connectionTimeZone", "UTC");
        p.setProperty("characterEncoding", "UTF-8");
        p.setProperty("useSSL", "false");
        p.setProperty("allowPublicKeyRetrieval", "true");
        p.setProperty("rewriteBatchedStatements", "false");
        p.setProperty("cachePrepStmts", "true");
        p.setProperty("connectTimeout", "30000");
        p.setProperty("socketTimeout", "300000");
        Connection c = DriverManager.getConnection("jdbc:mysql://" + ob.host() + ":" + ob.port() + "/" + db, p);
        try (Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            s.execute("SET NAMES utf8mb4");
            s.execute("SET foreign_key_checks = 0");
            s.execute("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, IF(@@SESSION.sql_mode = '', '', ','), 'NO_AUTO_VALUE_ON_ZERO')");
            if (ob.label().contains("OceanBase")) {
                s.execute("SET SESSION ob_trx_idle_timeout = 120000000, ob_trx_timeout = 3600000000");
            }
        }
        c.setAutoCommit(false);
        return c;
    }
}
