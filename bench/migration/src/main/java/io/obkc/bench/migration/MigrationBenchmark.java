package io.obkc.bench.migration;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import io.obkc.migration.cli.MigrateCommand;
import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.SeekdbProcess;
import io.obkc.testing.TestBed;

/**
 * Full migration end to end, the way a user runs it: {@code obkc-migrate start} on a project against a Connect worker,
 * timed from the call until every row is on seekdb, next to the target's own limit (a plain JDBC client writing the same
 * rows as multi-row INSERTs). Parts: limit, bulk-mariadb, bulk-pg, debezium (the snapshot path, on fewer rows).
 * Every run ends with a row-by-row checksum of source and target (CRC32 of each row's canonical text, streamed).
 */
public final class MigrationBenchmark {
    static final String DDL_COLUMNS = "(id BIGINT PRIMARY KEY, customer_id INT NOT NULL, quantity INT NOT NULL, status SMALLINT NOT NULL, "
            + "name VARCHAR(64) NOT NULL, amount DECIMAL(12,2) NULL, created_at DATETIME(6) NOT NULL, note TEXT NULL)";
    static final String PG_DDL_COLUMNS = "(id bigint PRIMARY KEY, customer_id int NOT NULL, quantity int NOT NULL, status smallint NOT NULL, "
            + "name varchar(64) NOT NULL, amount numeric(12,2), created_at timestamp(6) NOT NULL, note text)";

    final Map<String, String> args = new LinkedHashMap<>();
    final List<String> report = new ArrayList<>();
    final List<String> details = new ArrayList<>();
    double limitRowsPerSecond = -1;
    ConnectTestBed connect;

    public static void main(String[] a) throws Exception {
        MigrationBenchmark b = new MigrationBenchmark();
        for (int i = 0; i < a.length; i += 2) {
            b.args.put(a[i].replaceFirst("^--", ""), a[i + 1]);
        }
        int exit = b.run();
        System.exit(exit);
    }

    String arg(String k, String d) {
        return args.getOrDefault(k, d);
    }

    int run() throws Exception {
        long rows = Long.parseLong(arg("rows", "1000000"));
        long dbzRows = Long.parseLong(arg("debezium-rows", "200000"));
        List<String> parts = List.of(arg("parts", "limit,bulk-mariadb,bulk-pg,debezium").split(","));
        int threads = Integer.parseInt(arg("threads", "4"));
        int chunk = Integer.parseInt(arg("chunk-rows", "20000"));
        boolean ok = true;
        DatabaseEndpoint maria = TestBed.mysql();
        DatabaseEndpoint ob = TestBed.oceanbase();
        header(maria, ob, rows, dbzRows, parts, threads, chunk);
        try {
            for (String part : parts) {
                // seekdb's background work after the previous part (freezes, compactions) would be timed as this part's.
                String before = loadavg() + " (" + SeekdbProcess.awaitIdle(Duration.ofSeconds(60), m -> System.err.println("[bench] " + m)) + ")";
                String result;
                switch (part) {
                    case "limit" -> result = limit(ob, rows, arg("limit-threads", "4"), arg("limit-batch", "500"));
                    case "bulk-mariadb" -> result = migrate(maria, ob, "bulk", rows, threads, chunk);
                    case "bulk-pg" -> result = migrate(TestBed.postgres(), ob, "bulk", rows, threads, chunk);
                    case "debezium" -> result = migrate(maria, ob, "debezium", dbzRows, threads, chunk);
                    default -> throw new IllegalArgumentException("unknown part " + part);
                }
                ok &= !result.contains("WRONG");
                report.add(result + " " + before + " → " + loadavg() + " |");
                System.err.println("[bench] " + report.get(report.size() - 1));
            }
        } finally {
            if (connect != null) {
                connect.close();
            }
        }
        write();
        return ok ? 0 : 1;
    }

    void header(DatabaseEndpoint maria, DatabaseEndpoint ob, long rows, long dbzRows, List<String> parts, int threads, int chunk) {
        details.add("Run " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " on "
                + Runtime.getRuntime().availableProcessors() + " cores (shared test machine); sources " + maria + ", "
                + TestBed.postgres() + "; target " + ob + ".");
        details.add("Command: `" + arg("command", "(not given)") + "`");
        details.add("Rows: " + String.format(Locale.ROOT, "%,d", rows) + " (limit, bulk), " + String.format(Locale.ROOT, "%,d", dbzRows)
                + " (debezium); table `orders " + DDL_COLUMNS + "`, every column a function of the id (about 150 bytes a row, "
                + "NULLs in amount and note, non-ASCII text).");
        details.add("obkc-migrate: project steps [schema, full, incremental], a Connect worker in the same JVM (ConnectTestBed: "
                + "KRaft broker, distributed worker); full-load: bulk with bulk-load-threads " + threads + ", bulk-load-chunk-rows "
                + chunk + ". Timed from the start of `obkc-migrate start` until every row is on seekdb: precheck, schema migration, "
                + "the source connector's start and the wait for its committed position, and the copy are inside. full-load: bulk: "
                + "the moment the copy finished (obkc-migrate prints it, since start began; every INSERT is committed), checked by "
                + "COUNT(*) after start returned; the time start returned, after also creating the sink and waiting for it to run, "
                + "is in the details. full-load: debezium: the first `SELECT COUNT(*)` on seekdb (every 500 ms) showing every row.");
    }

    // ---- (a) the target's own limit -------------------------------------------------------------------------------------

    String limit(DatabaseEndpoint ob, long rows, String threadList, String batchList) throws Exception {
        double best = 0;
        String bestConfig = "";
        StringBuilder tries = new StringBuilder();
        for (String bs : batchList.split(";")) {
          int batch = Integer.parseInt(bs.trim());
          for (String t : threadList.split(";")) {
            int threads = Integer.parseInt(t.trim());
            ob.execute("DROP DATABASE IF EXISTS migbench_limit", "CREATE DATABASE migbench_limit",
                    "CREATE TABLE migbench_limit.orders " + DDL_COLUMNS);
            SeekdbProcess.awaitIdle(Duration.ofSeconds(60), m -> System.err.println("[bench] limit " + batch + "x" + threads + ": " + m));
            AtomicLong next = new AtomicLong(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long t0 = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                Thread th = new Thread(() -> {
                    try (Connection c = DriverManager.getConnection(ob.jdbcUrl("migbench_limit"), ob.user(), ob.password())) {
                        StringBuilder sql = new StringBuilder("INSERT INTO orders VALUES ");
                        for (int i = 0; i < batch; i++) {
                            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?)");
                        }
                        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                            while (true) {
                                long from = next.getAndAdd(batch);
                                if (from > rows) {
                                    return;
                                }
                                long to = Math.min(rows, from + batch - 1);
                                if (to - from + 1 < batch) {
                                    StringBuilder last = new StringBuilder("INSERT INTO orders VALUES ");
                                    for (long i = from; i <= to; i++) {
                                        last.append(i == from ? "" : ",").append("(?,?,?,?,?,?,?,?)");
                                    }
                                    try (PreparedStatement lp = c.prepareStatement(last.toString())) {
                                        bind(lp, from, to);
                                        lp.executeUpdate();
                                    }
                                    return;
                                }
                                bind(ps, from, to);
                                ps.executeUpdate();
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "limit-" + w);
                th.start();
                workers.add(th);
            }
            for (Thread th : workers) {
                th.join();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (failure.get() != null) {
                throw new IllegalStateException("limit run failed", failure.get());
            }
            long n = count(ob, "migbench_limit.orders");
            double rps = n / s;
            tries.append(String.format(Locale.ROOT, "%d thread(s) x %d rows per INSERT: %,.0f rows/s (%.1f s%s); ", threads, batch, rps, s,
                    n == rows ? "" : ", WRONG count " + n));
            if (n == rows && rps > best) {
                best = rps;
                bestConfig = threads + " thread(s) x " + batch + " rows per INSERT";
            }
          }
        }
        ob.execute("DROP DATABASE IF EXISTS migbench_limit");
        limitRowsPerSecond = best;
        details.add("(a) target limit: plain JDBC (Connector/J, client-side prepared multi-row INSERT, autocommit) of the same rows "
                + "generated in the client into an empty seekdb table (recreated for each try); " + tries
                + "the best counts as the limit.");
        return String.format(Locale.ROOT, "| (a) target limit: plain JDBC multi-row INSERT into seekdb (best: %s) | %,d | %.1f | %,.0f | 100 %% | count %s |",
                bestConfig, rows, rows / best, best, best > 0 ? "OK" : "WRONG");
    }

    static void bind(PreparedStatement ps, long from, long to) throws SQLException {
        int p = 1;
        for (long id = from; id <= to; id++) {
            ps.setLong(p++, id);
            ps.setInt(p++, (int) (id % 10007));
            ps.setInt(p++, (int) (id % 100));
            ps.setInt(p++, (int) (id % 5));
            ps.setString(p++, "customer name " + id);
            if (id % 7 == 0) {
                ps.setNull(p++, java.sql.Types.DECIMAL);
            } else {
                ps.setBigDecimal(p++, new BigDecimal((id % 100000) + ".25"));
            }
            ps.setString(p++, createdAt(id));
            if (id % 3 == 0) {
                ps.setNull(p++, java.sql.Types.VARCHAR);
            } else {
                ps.setString(p++, note(id));
            }
        }
    }

    static String createdAt(long id) {
        return LocalDateTime.of(2024, 1, 1, 0, 0).plusNanos(id * 1_001_000L)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS"));
    }

    static String note(long id) {
        return "x".repeat(80) + " äöü 中文 " + id;
    }

    // ---- source data ----------------------------------------------------------------------------------------------------

    /** Creates (or keeps, when it already holds exactly {@code rows}) the source table. Not timed. */
    void prepareSource(DatabaseEndpoint src, String schema, long rows) throws SQLException {
        boolean pg = src.kind() == DatabaseEndpoint.Kind.POSTGRESQL;
        try {
            if (count(src, pg ? "\"" + schema + "\".orders" : schema + ".orders") == rows) {
                details.add("Source " + schema + ".orders already held " + rows + " rows: reused.");
                return;
            }
        } catch (SQLException absent) {
            // created below
        }
        long t0 = System.nanoTime();
        src.recreateDatabase(schema);
        if (pg) {
            src.execute("CREATE TABLE \"" + schema + "\".orders " + PG_DDL_COLUMNS,
                    "INSERT INTO \"" + schema + "\".orders SELECT g, g % 10007, g % 100, g % 5, 'customer name ' || g, "
                            + "CASE WHEN g % 7 = 0 THEN NULL ELSE (g % 100000) + 0.25 END, "
                            + "timestamp '2024-01-01' + g * interval '1001 microseconds', "
                            + "CASE WHEN g % 3 = 0 THEN NULL ELSE repeat('x', 80) || ' äöü 中文 ' || g END FROM generate_series(1, " + rows + ") g",
                    "ANALYZE \"" + schema + "\".orders");
        } else {
            src.execute("CREATE TABLE " + schema + ".orders " + DDL_COLUMNS,
                    "INSERT INTO " + schema + ".orders SELECT seq, seq % 10007, seq % 100, seq % 5, CONCAT('customer name ', seq), "
                            + "IF(seq % 7 = 0, NULL, (seq % 100000) + 0.25), TIMESTAMP('2024-01-01') + INTERVAL (seq * 1001) MICROSECOND, "
                            + "IF(seq % 3 = 0, NULL, CONCAT(REPEAT('x', 80), ' äöü 中文 ', seq)) FROM mysql.seq_1_to_" + rows,
                    "ANALYZE TABLE " + schema + ".orders");
        }
        details.add(String.format(Locale.ROOT, "Source %s.orders loaded with %,d rows in %.0f s (not timed).", schema, rows,
                (System.nanoTime() - t0) / 1e9));
    }

    // ---- (b)-(d) obkc-migrate --------------------------------------------------------------------------------------------

    String migrate(DatabaseEndpoint src, DatabaseEndpoint ob, String mode, long rows, int threads, int chunk) throws Exception {
        boolean pg = src.kind() == DatabaseEndpoint.Kind.POSTGRESQL;
        String schema = pg ? "migbench_pg" : mode.equals("bulk") ? "migbench_src" : "migbench_src_dbz";
        String target = "migbench_dst";
        String name = "migbench_" + (pg ? "pg" : "maria") + "_" + mode + "_" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        prepareSource(src, schema, rows);
        ob.execute("DROP DATABASE IF EXISTS " + target, "DROP DATABASE IF EXISTS obkc_mig_" + name);
        if (!pg) {
            src.execute("DROP DATABASE IF EXISTS obkc_mig_" + name);
        }
        if (connect == null) {
            connect = ConnectTestBed.start("migration-bench");
        }
        Path dir = Files.createTempDirectory("migbench");
        Path project = dir.resolve(name + ".yaml");
        Files.writeString(project, String.join("\n",
                "name: " + name,
                "source:",
                "  type: " + (pg ? "postgresql" : "mariadb"),
                "  url: " + src.jdbcUrl(),
                "  user: " + src.user(),
                "  password: " + src.password(),
                "target:",
                "  url: " + ob.jdbcUrl(""),
                "  user: " + ob.user(),
                "  password: " + ob.password(),
                "objects:",
                "  include: ['" + schema + ".*=" + target + ".*']",
                "steps: [schema, full, incremental]",
                "options:",
                "  full-load: " + mode,
                "  bulk-load-threads: " + threads,
                "  bulk-load-chunk-rows: " + chunk,
                pg ? "  heartbeat-interval-ms: 2000" : "  server-id: " + (7000 + ThreadLocalRandom.current().nextInt(900)),
                "connect:",
                "  url: " + connect.cluster().endpointForResource(""),
                "  kafka-bootstrap: " + connect.bootstrapServers(),
                ""));
        String p = project.toString();
        long t0 = System.nanoTime();
        String[] start = cli("start", "-p", p);
        double startReturned = (System.nanoTime() - t0) / 1e9;
        if (!start[0].equals("0")) {
            throw new IllegalStateException("start failed: " + start[1]);
        }
        long deadline = System.nanoTime() + 3_600_000_000_000L;
        long n = 0;
        while (System.nanoTime() < deadline) {
            n = count(ob, target + ".orders");
            if (n >= rows) {
                break;
            }
            Thread.sleep(500); // poll interval of a wait with a deadline
        }
        double s = (System.nanoTime() - t0) / 1e9;
        String copy = "";
        // full-load: bulk: every row is on seekdb (each multi-row INSERT commits) when the copy finished; start then
        // creates the sink and waits for it to run. obkc-migrate prints when the copy finished, in seconds since start began.
        double rowsOnSeekdb = s;
        Matcher done = Pattern.compile("\\[bulk-load\\] copy done in [\\d.]+ s, at ([\\d.]+) s").matcher(start[1]);
        if (done.find()) {
            rowsOnSeekdb = Double.parseDouble(done.group(1));
        }
        Matcher m = Pattern.compile("\\[bulk-load\\] ([\\d,]+) rows in ([\\d.]+) s \\(([\\d,]+) rows/s\\)").matcher(start[1]);
        if (m.find()) {
            double copyRps = Double.parseDouble(m.group(3).replace(",", ""));
            copy = "copy alone (obkc-bulk-load's own figure): " + m.group(1) + " rows in " + m.group(2) + " s (" + m.group(3) + " rows/s"
                    + (limitRowsPerSecond > 0 ? String.format(Locale.ROOT, ", %.0f %% of the limit", 100 * copyRps / limitRowsPerSecond) : "")
                    + "); ";
        }
        List<String> phases = new ArrayList<>();
        Matcher ph = Pattern.compile("(\\[[a-z-]+\\] [^\\n]*? at [\\d.]+ s)").matcher(start[1]);
        while (ph.find()) {
            phases.add(ph.group(1));
        }
        String check = checksum(src, schema, ob, target, rows);
        cli("stop", "-p", p);
        cli("release", "-p", p, "--yes");
        ob.execute("DROP DATABASE IF EXISTS " + target);
        double rps = rows / rowsOnSeekdb;
        String returned = mode.equals("bulk") ? String.format(Locale.ROOT, "start returned (sink running) after %.1f s (%,.0f rows/s, %s of "
                + "the limit)", startReturned, rows / startReturned,
                limitRowsPerSecond > 0 ? String.format(Locale.ROOT, "%.0f %%", 100 * rows / startReturned / limitRowsPerSecond) : "-")
                : String.format(Locale.ROOT, "start returned after %.1f s (the snapshot then streams through Kafka)", startReturned);
        details.add(String.format(Locale.ROOT, "(%s) %s %s: all rows on seekdb after %.1f s; %s; COUNT(*) on seekdb complete at %.1f s; "
                + "phases: %s; %s%s", label(pg, mode), pg ? "PostgreSQL" : "MariaDB", "full-load: " + mode, rowsOnSeekdb, returned,
                s, phases, copy, check));
        return String.format(Locale.ROOT, "| (%s) obkc-migrate start, full-load: %s, %s → seekdb | %,d | %.1f | %,.0f | %s | %s |",
                label(pg, mode), mode, pg ? "PostgreSQL" : "MariaDB", rows, rowsOnSeekdb, rps,
                limitRowsPerSecond > 0 ? String.format(Locale.ROOT, "%.0f %%", 100 * rps / limitRowsPerSecond) : "(no limit run)",
                check.startsWith("OK") ? check.substring(0, check.indexOf(':')) : check);
    }

    static String label(boolean pg, String mode) {
        return mode.equals("debezium") ? "d" : pg ? "c" : "b";
    }

    static String[] cli(String... a) {
        StringWriter out = new StringWriter();
        int code = MigrateCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true)).execute(a);
        System.err.println("[obkc-migrate " + a[0] + "] exit " + code + "\n" + out);
        return new String[] {String.valueOf(code), out.toString()};
    }

    static long count(DatabaseEndpoint db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row of both sides, in id order, as canonical text; CRC32 per row, summed; and the count. */
    String checksum(DatabaseEndpoint src, String schema, DatabaseEndpoint ob, String target, long rows) throws SQLException {
        boolean pg = src.kind() == DatabaseEndpoint.Kind.POSTGRESQL;
        String srcSql = pg ? "SELECT id, customer_id, quantity, status, name, amount::text, "
                + "to_char(created_at, 'YYYY-MM-DD HH24:MI:SS.US'), note FROM \"" + schema + "\".orders ORDER BY id"
                : "SELECT id, customer_id, quantity, status, name, CAST(amount AS CHAR), DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f'), "
                        + "note FROM " + schema + ".orders ORDER BY id";
        String tgtSql = "SELECT id, customer_id, quantity, status, name, CAST(amount AS CHAR), DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f'), "
                + "note FROM " + target + ".orders ORDER BY id";
        long[] a = crc(src, srcSql);
        long[] b = crc(ob, tgtSql);
        boolean equal = a[0] == b[0] && a[1] == b[1] && a[0] == rows;
        return (equal ? "OK" : "WRONG") + String.format(Locale.ROOT, ": %,d rows, sum of CRC32(row text) %d on the source, %,d rows, %d on seekdb",
                a[0], a[1], b[0], b[1]);
    }

    static long[] crc(DatabaseEndpoint db, String sql) throws SQLException {
        long n = 0;
        long sum = 0;
        try (Connection c = db.connect()) {
            c.setAutoCommit(db.kind() != DatabaseEndpoint.Kind.POSTGRESQL);
            try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                st.setFetchSize(db.kind() == DatabaseEndpoint.Kind.POSTGRESQL ? 10_000 : Integer.MIN_VALUE);
                try (ResultSet rs = st.executeQuery(sql)) {
                    CRC32 crc = new CRC32();
                    StringBuilder b = new StringBuilder();
                    while (rs.next()) {
                        b.setLength(0);
                        for (int i = 1; i <= 8; i++) {
                            b.append(i == 1 ? "" : "|").append(rs.getString(i));
                        }
                        crc.reset();
                        crc.update(b.toString().getBytes(StandardCharsets.UTF_8));
                        sum += crc.getValue();
                        n++;
                    }
                }
            }
        }
        return new long[] {n, sum};
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    void write() throws Exception {
        StringBuilder md = new StringBuilder("# Full migration end to end: obkc-migrate start to all rows on seekdb\n\n");
        for (String d : details.subList(0, Math.min(4, details.size()))) {
            md.append("- ").append(d).append('\n');
        }
        md.append("\n| run | rows | s (start → all rows on seekdb) | rows/s | % of the target's limit | correctness | load avg before → after |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        report.forEach(r -> md.append(r).append('\n'));
        md.append("\n## Details\n\n");
        for (String d : details.subList(Math.min(4, details.size()), details.size())) {
            md.append("- ").append(d).append('\n');
        }
        System.out.println(md);
        String latest = arg("latest", null);
        if (latest != null) {
            Files.writeString(Path.of(latest), md.toString());
        }
    }
}
