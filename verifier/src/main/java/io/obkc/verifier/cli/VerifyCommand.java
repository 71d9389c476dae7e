package io.obkc.verifier.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.obkc.common.cli.CliErrors;
import io.obkc.common.cli.CliVersion;
import io.obkc.common.cli.PasswordOptions;
import io.obkc.common.rules.ObjectMatcher;
import io.obkc.verifier.core.Endpoint;
import io.obkc.verifier.core.Progress;
import io.obkc.verifier.core.TableMapping;
import io.obkc.verifier.core.Verifier;
import io.obkc.verifier.core.VerifyException;
import io.obkc.verifier.core.VerifyOptions;
import io.obkc.verifier.core.VerifyReport;
import io.obkc.verifier.report.CorrectionSql;
import io.obkc.verifier.report.Reports;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code obkc-verify}: compares tables between two databases and reports, persists and optionally corrects the
 * differences. Exit code 0 = consistent, 1 = differences found, 2 = error.
 */
@Command(name = "obkc-verify", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Compares tables between MySQL/MariaDB, PostgreSQL and OceanBase (any pair): per key-ordered chunk "
                + "a row count and an order-independent checksum are computed inside each database; only differing chunks "
                + "are split further and compared row by row.", "",
                "Exit codes: 0 = consistent, 1 = differences (rows or schema), 2 = error (bad option, unreachable "
                + "database, ...)."},
        footer = {"", "Example:", "  java -jar obkc-verifier-cli.jar --source-url jdbc:mariadb://127.0.0.1:3306/ --source-user app "
                + "--source-password-env SRC_PW --target-url jdbc:oceanbase://127.0.0.1:2881/ --target-user app "
                + "--target-password-file ~/.ob_pw --include 'shop.*' --report-dir ./verify", "",
                "See docs/verifier.md for the algorithm, normalization rules and report formats."})
public final class VerifyCommand implements Callable<Integer> {
    public static final int CONSISTENT = 0;
    public static final int DIFFERENT = 1;
    public static final int ERROR = 2;

    // ---- connections --------------------------------------------------------------------------------------------
    @Option(names = "--source-url", paramLabel = "URL",
            description = "JDBC URL of the source: jdbc:mysql://host:port/[db] (the server says whether it is MySQL, MariaDB or "
                    + "OceanBase), jdbc:mariadb://, jdbc:oceanbase://host:port/[db] or jdbc:postgresql://host:port/database. "
                    + "Host, port and database are used; the verifier sets its own driver parameters.")
    String sourceUrl;
    @Option(names = "--source-user", required = true, description = "Source user.")
    String sourceUser;
    @Option(names = "--source-password", paramLabel = "PASSWORD",
            description = "Source password (visible in the process list; prefer --source-password-env or --source-password-file).")
    String sourcePassword;
    @Option(names = "--source-password-env", paramLabel = "VAR", description = "Read the source password from environment variable VAR.")
    String sourcePasswordEnv;
    @Option(names = "--source-password-file", paramLabel = "FILE",
            description = "Read the source password from the first line of FILE.")
    Path sourcePasswordFile;

    @Option(names = "--target-url", paramLabel = "URL", description = "JDBC URL of the target, as --source-url.")
    String targetUrl;
    @Option(names = "--target-user", required = true, description = "Target user.")
    String targetUser;
    @Option(names = "--target-password", paramLabel = "PASSWORD", description = "Target password (see --source-password).")
    String targetPassword;
    @Option(names = "--target-password-env", paramLabel = "VAR", description = "Read the target password from environment variable VAR.")
    String targetPasswordEnv;
    @Option(names = "--target-password-file", paramLabel = "FILE", description = "Read the target password from the first line of FILE.")
    Path targetPasswordFile;

    // Deprecated spellings (before --source-url/--target-url): still accepted, hidden from --help, warned about.
    @Option(names = "--source-type", hidden = true) String sourceType;
    @Option(names = "--source-host", hidden = true) String sourceHost;
    @Option(names = "--source-port", hidden = true) Integer sourcePort;
    @Option(names = "--source-database", hidden = true) String sourceDatabase;
    @Option(names = "--target-type", hidden = true) String targetType;
    @Option(names = "--target-host", hidden = true) String targetHost;
    @Option(names = "--target-port", hidden = true) Integer targetPort;
    @Option(names = "--target-database", hidden = true) String targetDatabase;

    // ---- selection ----------------------------------------------------------------------------------------------
    @Option(names = "--include", paramLabel = "RULES",
            description = "OMS matching rules selecting source tables, e.g. 'shop.*,crm.customer' and renames 'db.t=db2.t2' "
                    + "(PostgreSQL: schema.table). Required unless --only-inconsistent is given.")
    String tables;
    /** Deprecated spelling of --include. */
    @Option(names = "--tables", hidden = true)
    String tablesDeprecated;
    @Option(names = "--exclude", paramLabel = "RULES", description = "OMS matching rules of tables to leave out.")
    String exclude;
    @Option(names = "--only-inconsistent", paramLabel = "KEYS_FILE",
            description = "Re-verify only the rows listed in KEYS_FILE (the inconsistent-keys.json of a previous run).")
    Path onlyInconsistent;

    // ---- performance and load ----------------------------------------------------------------------------------
    @Option(names = "--threads", defaultValue = "2",
            description = "Connections (and concurrent queries) per database (default: ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--table-parallelism", defaultValue = "2", description = "Tables verified at the same time (default: ${DEFAULT-VALUE}).")
    int tableParallelism;
    @Option(names = "--chunk-time-ms", defaultValue = "500",
            description = "Target duration of one chunk checksum query; the chunk size adapts to it (default: ${DEFAULT-VALUE}).")
    long chunkTimeMs;
    @Option(names = "--initial-chunk-rows", defaultValue = "10000", description = "Rows in the first chunk (default: ${DEFAULT-VALUE}).")
    long initialChunkRows;
    @Option(names = "--min-chunk-rows", defaultValue = "500", description = "Smallest chunk (default: ${DEFAULT-VALUE}).")
    long minChunkRows;
    @Option(names = "--max-chunk-rows", defaultValue = "2000000", description = "Largest chunk (default: ${DEFAULT-VALUE}).")
    long maxChunkRows;
    @Option(names = "--row-fetch-threshold", defaultValue = "1000",
            description = "A differing range with at most this many rows is fetched and compared row by row; larger ones "
                    + "are bisected first (default: ${DEFAULT-VALUE}).")
    long rowFetchThreshold;
    @Option(names = "--row-hash", defaultValue = "auto",
            description = "Row hash of the chunk checksums: auto (CRC32 when both databases are MySQL-family, else MD5), "
                    + "crc32, or md5 (60 bits, works with PostgreSQL, about twice the database CPU) (default: ${DEFAULT-VALUE}).")
    String rowHash;
    @Option(names = "--max-queries-per-second", defaultValue = "0",
            description = "Load guard: at most this many queries per second per database; 0 = unlimited (default).")
    double maxQps;
    @Option(names = "--pause-between-chunks-ms", defaultValue = "0",
            description = "Load guard: pause after scheduling each chunk of a table (default: ${DEFAULT-VALUE}).")
    long pauseMs;
    @Option(names = "--string-key-order", defaultValue = "binary", paramLabel = "binary|native",
            description = "How string keys are ordered and bounded: binary = bytewise UTF-8 on both sides (safe across "
                    + "collations; cannot use a case-insensitive index), native = each server's collation (fast; only when "
                    + "both sides use the same collation) (default: ${DEFAULT-VALUE}).")
    String stringKeyOrder;
    @Option(names = "--max-differences", defaultValue = "100000",
            description = "Differing rows kept per table for reports and corrections; all are counted (default: ${DEFAULT-VALUE}).")
    int maxDifferences;
    @Option(names = "--max-keyless-rows", defaultValue = "2000000",
            description = "Tables without primary/unique key are compared as multisets in memory up to this size (default: ${DEFAULT-VALUE}).")
    long maxKeylessRows;

    // ---- online verification ---------------------------------------------------------------------------------------
    @Option(names = "--recheck-seconds", defaultValue = "0",
            description = "Online mode: re-check differing rows for up to this many seconds, so rows still in flight "
                    + "through replication are not reported; 0 = off (default).")
    long recheckSeconds;
    @Option(names = "--recheck-interval-ms", defaultValue = "1000", description = "Pause between re-check rounds (default: ${DEFAULT-VALUE}).")
    long recheckIntervalMs;
    @Option(names = "--updated-column", paramLabel = "COLUMN",
            description = "Online mode: name of an update-timestamp column; with --skip-recent-seconds, differing rows "
                    + "changed recently (on either side) are skipped and counted as such.")
    String updatedColumn;
    @Option(names = "--skip-recent-seconds", defaultValue = "0",
            description = "Skip differing rows whose --updated-column is within this many seconds of the source's clock (UTC).")
    long skipRecentSeconds;

    // ---- output, corrections, resume -----------------------------------------------------------------------------
    @Option(names = "--report-dir", defaultValue = "obkc-verify-report",
            description = "Directory for summary.txt, summary.json, inconsistent-keys.json, corrections.sql and "
                    + "checkpoint.json (default: ${DEFAULT-VALUE}).")
    Path reportDir;
    @Option(names = "--json", description = "Print the JSON summary on standard output instead of the text table.")
    boolean json;
    @Option(names = "--delete-extra-rows",
            description = "Also generate DELETEs for rows that exist only in the target (off by default: they may be legitimate).")
    boolean deleteExtra;
    @Option(names = "--apply-corrections",
            description = "Run the correction SQL on the target, then verify the tables that had differences again in full (the exit code reflects that verification).")
    boolean applyCorrections;
    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Checkpoint file (default: <report-dir>/checkpoint.json); progress is saved there as chunks finish.")
    Path checkpointFile;
    @Option(names = "--resume", description = "Continue an interrupted run from the checkpoint file.")
    boolean resume;
    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|bar|log|none",
            description = "Progress display on standard error: auto = bar on a terminal, log lines otherwise (default: ${DEFAULT-VALUE}).")
    String progressMode;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit code (used by tests; never calls System.exit). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new VerifyCommand());
        cl.setOverwrittenOptionsAllowed(true); // the last occurrence wins, handy in scripts
        CliErrors.install(cl, VerifyException.class, ERROR);
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (tablesDeprecated != null) {
            if (tables != null) {
                throw new VerifyException("Give --include only (--tables is its deprecated spelling)");
            }
            err.println("warning: --tables is deprecated; use --include");
            tables = tablesDeprecated;
        }
        if (tables == null && onlyInconsistent == null) {
            throw new VerifyException("Give --include RULES (which tables to verify) or --only-inconsistent KEYS_FILE");
        }
        if (!stringKeyOrder.equals("binary") && !stringKeyOrder.equals("native")) {
            throw new VerifyException("--string-key-order must be binary or native, not '" + stringKeyOrder + "'");
        }
        Endpoint source = EndpointOptions.resolve("source", sourceUrl, new EndpointOptions.Legacy(sourceType, sourceHost, sourcePort,
                sourceDatabase), sourceUser, password("source", sourcePassword, sourcePasswordEnv, sourcePasswordFile), err);
        Endpoint target = EndpointOptions.resolve("target", targetUrl, new EndpointOptions.Legacy(targetType, targetHost, targetPort,
                targetDatabase), targetUser, password("target", targetPassword, targetPasswordEnv, targetPasswordFile), err);
        VerifyOptions o = options();
        Progress progress = progress();
        VerifyReport report;
        Verifier verifier = new Verifier(source, target, o, progress);
        try (Verifier v = verifier) {
            v.checkConnections();
            if (onlyInconsistent != null) {
                report = v.verifyKeys(Reports.readKeys(onlyInconsistent));
            } else {
                List<TableMapping> selected = v.select(ObjectMatcher.parse(tables, exclude));
                if (selected.isEmpty()) {
                    throw new VerifyException("No source table matches --include '" + tables + "'"
                            + (exclude == null ? "" : " and --exclude '" + exclude + "'") + " on the " + source);
                }
                report = v.verify(selected);
            }
        }
        // Server-side byte counters are read as the connections close.
        report = new VerifyReport(report.tables(), report.elapsedMillis(), report.sourceQueries(), report.targetQueries(),
                report.sourceResultBytes(), report.targetResultBytes(), verifier.sourcePool().serverBytes(),
                verifier.targetPool().serverBytes());
        Reports.write(reportDir, report, target.dialect(), deleteExtra);
        out.print(json ? Reports.json(report) + System.lineSeparator() : Reports.text(report));
        err.println("report written to " + reportDir.toAbsolutePath());
        if (applyCorrections && !report.consistent()) {
            report = applyAndRecheck(report, source, target, o, out, err);
        }
        out.flush();
        if (report.anyError()) {
            return ERROR;
        }
        return report.consistent() ? CONSISTENT : DIFFERENT;
    }

    private VerifyReport applyAndRecheck(VerifyReport report, Endpoint source, Endpoint target, VerifyOptions o,
            PrintWriter out, PrintWriter err) {
        List<String> sql = Reports.corrections(report, target.dialect(), deleteExtra).stream()
                .filter(s -> !s.startsWith("--")).toList();
        CorrectionSql.Applied applied;
        try (Connection c = target.open()) {
            applied = CorrectionSql.apply(c, target.dialect(), sql);
        } catch (java.sql.SQLException e) {
            throw new VerifyException("Applying corrections on the " + target + " failed: " + e.getMessage(), e);
        }
        out.printf("applied %d correction statement(s) on the target, %d failed%n", applied.succeeded(),
                applied.failures().size());
        for (String f : applied.failures()) {
            err.println("  failed: " + f);
        }
        // The corrected tables are verified again in full: a re-check of only the corrected keys would report the
        // rows under those keys as the table's counts (it once printed "CONSISTENT  SRC ROWS 1  TGT ROWS 0"), and
        // would miss differences beyond --max-differences.
        List<TableMapping> corrected = new ArrayList<>();
        for (VerifyReport.Outcome oc : report.tables()) {
            if (oc.plan() != null && !oc.result().differencesSnapshot().isEmpty()) {
                corrected.add(new TableMapping(oc.plan().source().name(), oc.plan().target().name()));
            }
        }
        VerifyOptions again = options();
        again.checkpointFile = null;
        again.resume = false;
        List<VerifyReport.Outcome> rechecked = new ArrayList<>();
        long ms = 0;
        long sq = 0;
        long tq = 0;
        long sb = 0;
        long tb = 0;
        if (!corrected.isEmpty()) {
            try (Verifier v = new Verifier(source, target, again, Progress.NONE)) {
                VerifyReport part = v.verify(corrected);
                rechecked.addAll(part.tables());
                ms += part.elapsedMillis();
                sq += part.sourceQueries();
                tq += part.targetQueries();
                sb += part.sourceResultBytes();
                tb += part.targetResultBytes();
            }
        }
        // Tables that were consistent or failed keep their first result.
        List<VerifyReport.Outcome> merged = new ArrayList<>();
        for (VerifyReport.Outcome oc : report.tables()) {
            VerifyReport.Outcome replaced = rechecked.stream()
                    .filter(r -> r.result().source.equals(oc.result().source)).findFirst().orElse(oc);
            merged.add(replaced);
        }
        VerifyReport result = new VerifyReport(merged, report.elapsedMillis() + ms, report.sourceQueries() + sq,
                report.targetQueries() + tq, report.sourceResultBytes() + sb, report.targetResultBytes() + tb, -1, -1);
        out.println("after corrections: " + (result.consistent() ? "CONSISTENT" : "still INCONSISTENT"));
        out.print(Reports.text(result));
        return result;
    }

    private VerifyOptions options() {
        VerifyOptions o = new VerifyOptions();
        o.connectionsPerSide = positive("--threads", threads);
        o.tableParallelism = positive("--table-parallelism", tableParallelism);
        o.chunkTargetMillis = positive("--chunk-time-ms", chunkTimeMs);
        o.initialChunkRows = positive("--initial-chunk-rows", initialChunkRows);
        o.minChunkRows = positive("--min-chunk-rows", minChunkRows);
        o.maxChunkRows = positive("--max-chunk-rows", maxChunkRows);
        o.rowFetchThreshold = positive("--row-fetch-threshold", rowFetchThreshold);
        o.rowHash = rowHash;
        o.maxQueriesPerSecond = maxQps;
        o.pauseBetweenChunksMillis = pauseMs;
        o.binaryStringKeys = stringKeyOrder.equals("binary");
        o.recheckSeconds = recheckSeconds;
        o.recheckIntervalMillis = recheckIntervalMs;
        o.updatedColumn = updatedColumn;
        o.skipRecentSeconds = skipRecentSeconds;
        if (skipRecentSeconds > 0 && updatedColumn == null) {
            throw new VerifyException("--skip-recent-seconds needs --updated-column COLUMN");
        }
        o.maxDifferences = (int) positive("--max-differences", maxDifferences);
        o.maxKeylessRows = maxKeylessRows;
        o.checkpointFile = onlyInconsistent != null ? null
                : checkpointFile != null ? checkpointFile : reportDir.resolve("checkpoint.json");
        o.resume = resume;
        if (resume && (o.checkpointFile == null || !Files.isRegularFile(o.checkpointFile))) {
            throw new VerifyException("--resume: no checkpoint file at " + o.checkpointFile);
        }
        return o;
    }

    private static long positive(String name, long v) {
        if (v <= 0) {
            throw new VerifyException(name + " must be a positive number, not " + v);
        }
        return v;
    }

    private static int positive(String name, int v) {
        return (int) positive(name, (long) v);
    }

    private Progress progress() {
        String mode = progressMode;
        if (mode.equals("auto")) {
            mode = System.console() != null ? "bar" : "log";
        }
        return switch (mode) {
            case "bar" -> new ConsoleProgress(System.err, true);
            case "log" -> new ConsoleProgress(System.err, false);
            case "none" -> Progress.NONE;
            default -> throw new VerifyException("--progress must be auto, bar, log or none");
        };
    }

    /** Password from (in order) the environment variable, the file, the plain option; never printed. */
    static String password(String role, String plain, String env, Path file) {
        String resolved = PasswordOptions.resolve(role, plain, env, file, VerifyException::new);
        return resolved == null ? "" : resolved;
    }
}
