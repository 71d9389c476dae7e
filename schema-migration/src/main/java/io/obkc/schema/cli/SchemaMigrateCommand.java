package io.obkc.schema.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.obkc.common.cli.CliVersion;
import io.obkc.common.cli.PasswordOptions;
import io.obkc.common.rules.ObjectMatcher;
import io.obkc.common.rules.ObjectName;
import io.obkc.common.sql.JdbcUrls;
import io.obkc.schema.apply.SchemaApplier;
import io.obkc.schema.apply.StateFile;
import io.obkc.schema.convert.DeferredObject;
import io.obkc.schema.check.KeyCollisionCheck;
import io.obkc.schema.convert.ConversionOptions;
import io.obkc.schema.convert.ConversionResult;
import io.obkc.schema.convert.MysqlTypeMapper;
import io.obkc.schema.convert.PostgresTypeMapper;
import io.obkc.schema.convert.SchemaConverter;
import io.obkc.schema.convert.TargetCapabilities;
import io.obkc.schema.convert.TargetNaming;
import io.obkc.schema.model.SourceSchema;
import io.obkc.schema.read.MysqlSchemaReader;
import io.obkc.schema.read.PostgresSchemaReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code obkc-schema-migrate}: OMS-style schema migration of MySQL/MariaDB or PostgreSQL into OceanBase MySQL mode. */
@Command(name = "obkc-schema-migrate", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        sortOptions = false, description = {
                "Reads the source schema, converts it to OceanBase MySQL-mode DDL and creates it on the target (idempotently),",
                "or prints the DDL per object with --dry-run. Foreign keys, CHECK constraints and (with --index-creation=after)",
                "secondary indexes are recorded in <state-dir>/deferred-objects.json instead; --apply-deferred creates them.",
                "Exit codes: 0 all objects converted/applied, 1 some object failed, 2 bad input or unreachable database."})
public final class SchemaMigrateCommand implements Callable<Integer> {
    static final int CONNECT_TIMEOUT_SECONDS = 10;
    // Not required by the parser: --apply-deferred works on the target and the state file alone.
    @Option(names = "--source-url", description = "JDBC URL of the source: jdbc:mysql://host:port/ (MySQL, MariaDB) "
            + "or jdbc:postgresql://host:port/database. Required unless --apply-deferred.")
    String sourceUrl;
    @Option(names = "--source-user", description = "Source user.")
    String sourceUser;
    @Option(names = "--source-password", arity = "0..1", interactive = true, description = "Source password (no value: prompt).")
    String sourcePassword;
    @Option(names = "--source-password-env", description = "Environment variable holding the source password.")
    String sourcePasswordEnv;
    @Option(names = "--source-password-file", paramLabel = "FILE", description = "Read the source password from the first line of FILE.")
    Path sourcePasswordFile;

    @Option(names = "--target-url", description = "JDBC URL of the OceanBase MySQL-mode tenant (jdbc:mysql://host:port/). "
            + "Required unless --dry-run; with --dry-run it is used to probe collations when given.")
    String targetUrl;
    @Option(names = "--target-user", description = "Target user (e.g. user@tenant).")
    String targetUser;
    @Option(names = "--target-password", arity = "0..1", interactive = true, description = "Target password (no value: prompt).")
    String targetPassword;
    @Option(names = "--target-password-env", description = "Environment variable holding the target password.")
    String targetPasswordEnv;
    @Option(names = "--target-password-file", paramLabel = "FILE", description = "Read the target password from the first line of FILE.")
    Path targetPasswordFile;

    @Option(names = "--include", description = "OMS match rule selecting objects, e.g. 'shop.*' or 'shop.orders=shop2.orders2'. Repeatable.")
    List<String> include = new ArrayList<>();
    @Option(names = "--include-file", description = "File with include rules, one per line.")
    Path includeFile;
    @Option(names = "--exclude", description = "OMS rule excluding objects. Repeatable.")
    List<String> exclude = new ArrayList<>();
    @Option(names = "--exclude-file", description = "File with exclude rules, one per line.")
    Path excludeFile;

    @Option(names = "--pg-database-template", defaultValue = TargetNaming.DEFAULT_PG_TEMPLATE,
            description = "PostgreSQL: target database for a schema no rule renamed; {schema} and {database} are replaced. Default: ${DEFAULT-VALUE}")
    String pgDatabaseTemplate;
    @Option(names = "--index-creation", defaultValue = "before", description = "When plain secondary indexes are created: before "
            + "(with the table) or after (after the full load; recorded as deferred). Default: ${DEFAULT-VALUE}")
    String indexCreation;
    @Option(names = "--hidden-key-column", defaultValue = ConversionOptions.DEFAULT_HIDDEN_KEY_COLUMN,
            description = "Column added to tables without a primary key or non-null unique key. Default: ${DEFAULT-VALUE}")
    String hiddenKeyColumn;
    @Option(names = "--collation-map", description = "Override the collation mapping: source=target, e.g. utf8mb4_0900_ai_ci=utf8mb4_bin. Repeatable.")
    Map<String, String> collationMap = new LinkedHashMap<>();
    @Option(names = "--key-collation", description = "Collation of the string columns of primary and unique keys on the target, e.g. "
            + "utf8mb4_bin to keep keys that differ only in case apart (PostgreSQL, MySQL _bin/_cs collations). Default: the mapped collation.")
    String keyCollation;

    @Option(names = "--state-dir", defaultValue = "obkc-state", description = "Directory of deferred-objects.json and schema-report.json. Default: ${DEFAULT-VALUE}")
    Path stateDir;
    @Option(names = "--report-json", description = "JSON report file. Default: <state-dir>/schema-report.json")
    Path reportJson;
    @Option(names = "--dry-run", description = "Print the DDL per object; execute nothing, write no state file.")
    boolean dryRun;
    @Option(names = "--json", description = "Print the JSON report on standard output instead of the text report.")
    boolean json;
    @Option(names = "--apply-deferred", description = "Instead of migrating: create the deferred objects of one phase from the "
            + "state file on the target: after-full-load (indexes) or switchover (foreign keys, CHECK constraints).")
    String applyDeferred;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SchemaMigrateCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (applyDeferred != null) {
                return applyDeferred(out, err);
            }
            return migrate(out, err);
        } catch (BadInput e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("error: " + e);
            return 2;
        }
    }

    private int migrate(PrintWriter out, PrintWriter err) throws IOException {
        if (sourceUrl == null) {
            throw new BadInput("--source-url is required (unless --apply-deferred)");
        }
        boolean postgres = sourceUrl.startsWith("jdbc:postgresql:");
        if (!postgres && !sourceUrl.startsWith("jdbc:mysql:")) {
            throw new BadInput("--source-url must start with jdbc:mysql: or jdbc:postgresql:, got " + redact(sourceUrl));
        }
        if (targetUrl == null && !dryRun) {
            throw new BadInput("--target-url is required unless --dry-run");
        }
        ConversionOptions.IndexCreation when;
        try {
            when = ConversionOptions.IndexCreation.valueOf(indexCreation.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInput("--index-creation must be before or after, got " + indexCreation);
        }
        String includeRules = rules(include, includeFile);
        if (includeRules.isBlank()) {
            throw new BadInput("at least one --include rule is required (e.g. --include 'mydb.*')");
        }
        ObjectMatcher matcher;
        try {
            matcher = ObjectMatcher.parse(includeRules, rules(exclude, excludeFile));
        } catch (IllegalArgumentException e) {
            throw new BadInput("invalid rule: " + e.getMessage());
        }
        ConversionOptions options = new ConversionOptions(when, hiddenKeyColumn, collationMap, keyCollation);
        SourceSchema schema;
        String pgDatabase = "";
        try (Connection src = connect("source", sourceUrl, sourceUser, password("source", sourcePassword, sourcePasswordEnv, sourcePasswordFile))) {
            pgDatabase = postgres ? src.getCatalog() : "";
            schema = postgres ? new PostgresSchemaReader().read(src, matcher::matches) : new MysqlSchemaReader().read(src, matcher::matches);
        } catch (SQLException e) {
            throw new BadInput("reading the source schema failed: " + e.getMessage());
        }
        List<String> unmatched = unmatchedIncludeRules(matcher, schema);
        if (!unmatched.isEmpty()) {
            throw new BadInput("include rule" + (unmatched.size() > 1 ? "s " : " ") + String.join(", ", unmatched)
                    + " match" + (unmatched.size() > 1 ? "" : "es") + " no source table, view or other object (after --exclude): "
                    + "check the database/schema and table names (rule names are <database>.<table> for MySQL, <schema>.<table> "
                    + "for PostgreSQL)");
        }
        Connection target = targetUrl == null ? null : connect("target", targetUrl, targetUser, password("target", targetPassword, targetPasswordEnv, targetPasswordFile));
        try {
            TargetCapabilities caps = target == null ? TargetCapabilities.assumed(collationMap) : TargetCapabilities.probe(target, collationMap);
            ConversionResult result = new SchemaConverter(postgres ? new PostgresTypeMapper() : new MysqlTypeMapper(), caps, options)
                    .convert(schema, postgres ? TargetNaming.postgres(matcher, pgDatabaseTemplate, pgDatabase) : TargetNaming.mysql(matcher));
            try (Connection src = connect("source", sourceUrl, sourceUser, password("source", sourcePassword, sourcePasswordEnv, sourcePasswordFile))) {
                KeyCollisionCheck.run(src, schema.engine, result);
            }
            if (!dryRun) {
                new SchemaApplier(target).apply(result);
                Path state = StateFile.write(stateDir, StateFile.of(result));
                err.println("state file: " + state);
            }
            if (json) {
                out.println(ReportWriter.jsonText(result, dryRun));
            } else {
                ReportWriter.text(result, dryRun, out);
            }
            Path json = reportJson != null ? reportJson : stateDir.resolve("schema-report.json");
            ReportWriter.json(result, dryRun, json);
            err.println("report: " + json + " " + ReportWriter.summary(result));
            return result.anyFailed() ? 1 : 0;
        } catch (SQLException e) {
            throw new BadInput("target " + redact(targetUrl) + ": " + e.getMessage());
        } finally {
            if (target != null) {
                try {
                    target.close();
                } catch (SQLException ignored) {
                    // closing only
                }
            }
        }
    }

    private int applyDeferred(PrintWriter out, PrintWriter err) throws IOException {
        if (targetUrl == null) {
            throw new BadInput("--apply-deferred needs --target-url");
        }
        Path file = stateDir.resolve(StateFile.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new BadInput("no state file " + file + " (run the migration first)");
        }
        StateFile.State state = StateFile.read(file);
        try (Connection target = connect("target", targetUrl, targetUser, password("target", targetPassword, targetPasswordEnv, targetPasswordFile))) {
            SchemaApplier applier = new SchemaApplier(target);
            List<String> lines = new ArrayList<>(applier.applyDeferred(state.deferredObjects(), applyDeferred));
            if (DeferredObject.SWITCHOVER.equals(applyDeferred)) {
                lines.addAll(applier.dropMigrationHelpers(state.hiddenKeys(), state.rowKeys()));
            }
            lines.forEach(out::println);
            out.flush();
            return lines.stream().anyMatch(l -> l.contains(": FAILED")) ? 1 : 0;
        } catch (SQLException e) {
            throw new BadInput("target " + redact(targetUrl) + ": " + e.getMessage());
        }
    }

    private static Connection connect(String role, String url, String user, String password) {
        // An unreachable host fails within seconds with the message below, instead of after the system's TCP timeout.
        DriverManager.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new BadInput("cannot connect to the " + role + " database at " + redact(url) + (user == null ? "" : " as " + user)
                    + ": " + e.getMessage());
        }
    }

    /** Password from (in order) the environment variable, the file, the plain option; never printed. */
    private static String password(String role, String value, String env, Path file) {
        return PasswordOptions.resolve(role, value, env, file, BadInput::new);
    }

    private static String rules(List<String> inline, Path file) throws IOException {
        List<String> all = new ArrayList<>(inline);
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new BadInput("rule file " + file + " does not exist");
            }
            all.addAll(Files.readAllLines(file));
        }
        return String.join("\n", all);
    }

    /** Include rules (quoted) that select no object of the source schema: a typo would otherwise migrate nothing, silently. */
    static List<String> unmatchedIncludeRules(ObjectMatcher matcher, SourceSchema schema) {
        List<ObjectName> names = new ArrayList<>();
        schema.tables.forEach(t -> names.add(new ObjectName(t.database, t.name)));
        schema.views.forEach(v -> names.add(new ObjectName(v.database(), v.name())));
        schema.others.forEach(o -> names.add(new ObjectName(o.database(), o.name())));
        names.addAll(schema.foldedPartitions);
        List<String> out = new ArrayList<>();
        for (var rule : matcher.includeRules()) {
            if (names.stream().noneMatch(n -> rule.matches(n) && !matcher.isExcluded(n))) {
                out.add("'" + rule.text() + "'");
            }
        }
        return out;
    }

    /** Hides password=... in JDBC URLs, so that no message ever prints a password. */
    static String redact(String url) {
        return JdbcUrls.redact(url);
    }

    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }
}
