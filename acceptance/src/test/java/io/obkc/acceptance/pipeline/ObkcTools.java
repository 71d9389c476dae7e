package io.obkc.acceptance.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.obkc.bulkload.cli.BulkLoadCommand;
import io.obkc.schema.cli.SchemaMigrateCommand;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.verifier.cli.VerifyCommand;
import picocli.CommandLine;

/**
 * The bundle's command-line tools run in this JVM with the arguments a user would give them, each from one source
 * database (a PostgreSQL schema) to one OceanBase database. Every tool's output goes to the test log; the exit code is
 * returned for the caller to assert.
 */
final class ObkcTools {
    private final String run;

    /** {@code run} names the pipeline run: it prefixes the log lines and names the tools' state and report folders. */
    ObkcTools(String run) {
        this.run = run;
    }

    /** obkc-schema-migrate: creates the target tables of {@code source}'s tables in {@code target}'s database. */
    int migrateSchema(SqlSide source, SqlSide target) {
        return execute(new CommandLine(new SchemaMigrateCommand()).setCaseInsensitiveEnumValuesAllowed(true), "obkc-schema-migrate",
                source, target, "jdbc:mysql://", "--state-dir", Path.of("target", "schema-state", target.database()).toString());
    }

    /** obkc-bulk-load: copies every row of {@code source}'s tables into the tables obkc-schema-migrate created. */
    int bulkLoad(SqlSide source, SqlSide target) {
        // Small chunks, so the corpora's tables of a few thousand rows are each read as several primary key ranges by
        // several threads, as a large table would be.
        return execute(new CommandLine(new BulkLoadCommand()), "obkc-bulk-load", source, target, "jdbc:mariadb://",
                "--threads", "3", "--chunk-rows", "1000", "--batch-rows", "200");
    }

    /** Runs a tool that takes --source-url/user/password, --target-url/user/password and --include, plus {@code extra}. */
    private int execute(CommandLine tool, String toolName, SqlSide source, SqlSide target, String mysqlSourceScheme, String... extra) {
        DatabaseEndpoint s = source.endpoint();
        DatabaseEndpoint t = target.endpoint();
        String url = source.postgres() ? s.jdbcUrl() : mysqlSourceScheme + s.host() + ":" + s.port() + "/";
        List<String> args = new ArrayList<>(List.of("--source-url", url, "--source-user", s.user(), "--source-password=" + s.password(),
                "--target-url", "jdbc:mysql://" + t.host() + ":" + t.port() + "/", "--target-user", t.user(),
                "--target-password=" + t.password(), "--include", rule(source, target)));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = tool.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        log(toolName + " exit code " + code + "\n" + out + err);
        return code;
    }

    /** obkc-verify, offline (nothing changes either side while it runs): 0 means consistent. */
    int verify(SqlSide source, SqlSide target) {
        DatabaseEndpoint s = source.endpoint();
        DatabaseEndpoint t = target.endpoint();
        boolean pg = source.postgres();
        List<String> args = new ArrayList<>(List.of("--source-type", pg ? "postgresql" : "mariadb", "--source-host", s.host(),
                "--source-port", String.valueOf(s.port()), "--source-user", s.user(), "--source-password", s.password(),
                "--target-type", "oceanbase", "--target-host", t.host(), "--target-port", String.valueOf(t.port()),
                "--target-user", t.user(), "--target-password", t.password(),
                "--tables", rule(source, target),
                "--report-dir", Path.of("target", "verify-report", target.database()).toString()));
        if (pg) {
            args.addAll(List.of("--source-database", s.defaultDatabase()));
        }
        // The verifier prints its report on standard output; keep a copy for the log while it still goes to the console.
        PrintStream original = System.out;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(new TeeStream(original, copy), true, StandardCharsets.UTF_8));
            code = VerifyCommand.run(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        log("obkc-verify output:\n" + copy.toString(StandardCharsets.UTF_8));
        return code;
    }

    private static String rule(SqlSide source, SqlSide target) {
        return source.database() + ".*=" + target.database() + ".*";
    }

    private void log(String message) {
        System.err.println("[acceptance " + run + "] " + message);
    }

    /** Writes to two streams (console and a copy). */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
