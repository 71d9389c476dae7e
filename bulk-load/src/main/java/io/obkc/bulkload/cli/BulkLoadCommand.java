package io.obkc.bulkload.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.obkc.bulkload.core.BulkLoadException;
import io.obkc.bulkload.core.BulkLoader;
import io.obkc.bulkload.core.Endpoint;
import io.obkc.bulkload.core.LoadOptions;
import io.obkc.bulkload.core.LoadReport;
import io.obkc.bulkload.core.Planner;
import io.obkc.bulkload.core.SourceKind;
import io.obkc.bulkload.core.TablePlan;
import io.obkc.common.cli.CliErrors;
import io.obkc.common.cli.CliVersion;
import io.obkc.common.cli.PasswordOptions;
import io.obkc.common.rules.ObjectMatcher;
import io.obkc.common.rules.ObjectName;
import io.obkc.common.rules.RuleSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code obkc-bulk-load}: copies the selected tables from MySQL/MariaDB or PostgreSQL into existing OceanBase MySQL-mode
 * tables, in parallel primary key ranges, as multi-row upserts. Exit code 0 = all rows copied, 1 = some rows refused or
 * failed (each named by table, key, column and reason), 2 = bad input, unreachable database, or a table that cannot be
 * copied exactly (nothing is copied then).
 */
@Command(name = "obkc-bulk-load", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Copies tables from MySQL/MariaDB or PostgreSQL into OceanBase (MySQL mode) tables that already exist "
                + "(obkc-schema-migrate created them): N threads read primary key ranges of --chunk-rows rows each as streams "
                + "and write them as multi-row INSERTs; where a row is already there (a repeated run, rows a sink wrote) the batch "
                + "is written as INSERT ... ON DUPLICATE KEY UPDATE instead, so each row ends up once. Values travel exactly; a value the target "
                + "cannot hold exactly is refused and named, never changed. Ranges are read in separate statements, not one "
                + "snapshot: run it after a CDC position was recorded and replay the changes from there (obkc-migrate "
                + "full-load: bulk does this).", "",
                "Exit codes: 0 = all rows copied, 1 = rows refused or failed (listed), 2 = bad input, unreachable database, "
                        + "or a selected table that cannot be copied exactly (nothing copied)."},
        footer = {"", "Example:", "  java -jar obkc-bulk-load-cli.jar --source-url jdbc:mariadb://127.0.0.1:3306/ --source-user app "
                + "--source-password-env SRC_PW --target-url jdbc:oceanbase://127.0.0.1:2881/ --target-user app@tenant "
                + "--target-password-file ~/.ob_pw --include 'shop.*' --threads 4", "",
                "See docs/migration-guide.md (full-load: bulk) for how obkc-migrate hands over to CDC with no gap."})
public final class BulkLoadCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED_ROWS = 1;
    public static final int ERROR = 2;

    @Option(names = "--source-url", paramLabel = "URL", description = "JDBC URL of the source: jdbc:mysql://host:port/ or "
            + "jdbc:mariadb://host:port/ (MySQL, MariaDB) or jdbc:postgresql://host:port/database. Host, port and database "
            + "are used; the tool sets its own driver parameters.")
    String sourceUrl;
    @Option(names = "--source-user", description = "Source user.")
    String sourceUser;
    @Option(names = "--source-password", paramLabel = "PASSWORD",
            description = "Source password (visible in the process list; prefer --source-password-env or --source-password-file).")
    String sourcePassword;
    @Option(names = "--source-password-env", paramLabel = "VAR", description = "Read the source password from environment variable VAR.")
    String sourcePasswordEnv;
    @Option(names = "--source-password-file", paramLabel = "FILE", description = "Read the source password from the first line of FILE.")
    Path sourcePasswordFile;

    @Option(names = "--target-url", paramLabel = "URL", description = "JDBC URL of the OceanBase MySQL-mode tenant: "
            + "jdbc:oceanbase://host:port/ or jdbc:mysql://host:port/.")
    String targetUrl;
    @Option(names = "--target-user", description = "Target user (e.g. user@tenant).")
    String targetUser;
    @Option(names = "--target-password", paramLabel = "PASSWORD", description = "Target password (see --source-password).")
    String targetPassword;
    @Option(names = "--target-password-env", paramLabel = "VAR", description = "Read the target password from environment variable VAR.")
    String targetPasswordEnv;
    @Option(names = "--target-password-file", paramLabel = "FILE", description = "Read the target password from the first line of FILE.")
    Path targetPasswordFile;

    @Option(names = "--include", paramLabel = "RULES", description = "OMS matching rules selecting source tables, e.g. "
            + "'shop.*,crm.customer', with renames 'db.t=db2.t2' (PostgreSQL: schema.table; an unrenamed schema keeps its name "
            + "as the target database, as obkc-schema-migrate's default). Repeatable.")
    List<String> include = new ArrayList<>();
    @Option(names = "--exclude", paramLabel = "RULES", description = "OMS matching rules of tables to leave out. Repeatable.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--threads", defaultValue = "4", description = "Copy threads, each with one source and one target "
            + "connection (default: ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--chunk-rows", defaultValue = "20000", description = "Rows per primary key range (default: ${DEFAULT-VALUE}).")
    int chunkRows;
    @Option(names = "--batch-rows", defaultValue = "500", description = "Rows per multi-row INSERT (default: ${DEFAULT-VALUE}).")
    int batchRows;
    @Option(names = "--max-failed-rows", defaultValue = "100", description = "Stop after this many refused or failed rows "
            + "(default: ${DEFAULT-VALUE}).")
    int maxFailedRows;
    @Option(names = "--check", description = "Only check that every selected table can be copied exactly (primary key, "
            + "column types, target table and columns); copy nothing. Exit 0 or 2.")
    boolean check;
    @Option(names = "--source-only", description = "With --check: check the source tables only (primary key, column types), "
            + "not the target tables (before the schema migration created them); no --target-* options needed.")
    boolean sourceOnly;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit code (never calls System.exit). */
    public static int run(String... args) {
        CommandLine cl = CliErrors.install(new CommandLine(new BulkLoadCommand()), BulkLoadException.class, ERROR);
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (include.isEmpty()) {
            throw new BulkLoadException("Give --include RULES: which tables to copy");
        }
        LoadOptions o = new LoadOptions();
        o.threads = positive("--threads", threads);
        o.chunkRows = positive("--chunk-rows", chunkRows);
        o.batchRows = positive("--batch-rows", batchRows);
        o.maxFailures = positive("--max-failed-rows", maxFailedRows);
        ObjectMatcher matcher;
        try {
            matcher = ObjectMatcher.parse(String.join(",", include), String.join(",", exclude));
        } catch (RuleSyntaxException e) {
            throw new BulkLoadException(e.getMessage(), e);
        }
        Endpoint source = Endpoint.parse("source", sourceUrl, sourceUser, password("source", sourcePassword, sourcePasswordEnv,
                sourcePasswordFile));
        if (sourceOnly && !check) {
            throw new BulkLoadException("--source-only goes with --check");
        }
        Endpoint target = sourceOnly ? null : Endpoint.parse("target", targetUrl, targetUser, password("target", targetPassword,
                targetPasswordEnv, targetPasswordFile));
        if (target != null && target.kind() == SourceKind.POSTGRESQL) {
            throw new BulkLoadException("--target-url: the target is OceanBase in MySQL mode (jdbc:oceanbase:// or jdbc:mysql://)");
        }
        List<TablePlan> plans = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Planner planner = new Planner(source.kind());
        try (Connection src = source.open(); Connection tgt = target == null ? null : target.open()) {
            List<ObjectName[]> selected = planner.select(src, matcher);
            if (selected.isEmpty()) {
                throw new BulkLoadException("No source table matches --include '" + String.join(",", include) + "'"
                        + (exclude.isEmpty() ? "" : " and --exclude '" + String.join(",", exclude) + "'") + " on the " + source);
            }
            for (ObjectName[] s : selected) {
                Planner.Result r = planner.plan(src, tgt, s[0], s[1]);
                if (r.plan() != null) {
                    plans.add(r.plan());
                } else {
                    r.problems().forEach(p -> problems.add(s[0] + " -> " + s[1] + ": " + p));
                }
            }
        } catch (SQLException e) {
            throw new BulkLoadException("Reading the tables' columns and keys: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            err.println("error: " + problems.size() + " problem(s); nothing was copied:");
            problems.forEach(p -> err.println("  " + p));
            err.flush();
            return ERROR;
        }
        if (check) {
            out.printf("bulk load possible: %d table(s) can be copied exactly%s%n", plans.size(),
                    sourceOnly ? " (source checked; the target tables are checked when the copy starts)" : "");
            out.flush();
            return OK;
        }
        LoadReport report = new BulkLoader(source, target, o, out).run(plans);
        for (LoadReport.TableOutcome t : report.tables()) {
            out.printf("[bulk-load] %s -> %s: %,d rows in %,d chunk(s)%n", t.source(), t.target(), t.rows(), t.chunks());
        }
        double seconds = Math.max(1, report.elapsedMillis()) / 1000.0;
        out.printf("[bulk-load] %,d rows in %.1f s (%,.0f rows/s), %d thread(s), %,d rows per chunk, %,d per INSERT%n",
                report.rows(), seconds, report.rows() / seconds, o.threads, o.chunkRows, o.batchRows);
        out.flush();
        if (!report.failures().isEmpty() || report.failedRows() > 0) {
            err.println("error: " + report.failedRows() + " row(s) were not copied:");
            report.failures().forEach(f -> err.println("  " + f));
            if (report.failedRows() > report.failures().size()) {
                err.println("  ... and " + (report.failedRows() - report.failures().size()) + " more");
            }
        }
        if (report.fatal() != null) {
            err.println("error: the bulk load stopped: " + report.fatal());
        }
        err.flush();
        if (report.failedRows() > 0) {
            return FAILED_ROWS;
        }
        return report.fatal() == null ? OK : ERROR;
    }

    private static int positive(String name, int v) {
        if (v <= 0) {
            throw new BulkLoadException(name + " must be a positive number, not " + v);
        }
        return v;
    }

    /** Password from (in order) the environment variable, the file, the plain option; never printed. */
    static String password(String role, String plain, String env, Path file) {
        String resolved = PasswordOptions.resolve(role, plain, env, file, BulkLoadException::new);
        return resolved == null ? "" : resolved;
    }
}
