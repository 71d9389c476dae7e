package io.obkc.migration.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;

import java.util.ArrayList;
import java.util.List;

import io.obkc.migration.project.LoadedProject;
import io.obkc.migration.project.Project;
import io.obkc.migration.project.ProjectException;
import picocli.CommandLine;

/**
 * Runs the schema migration and verifier CLIs in this JVM, found by class name: this module never compiles against
 * them (module graph: production modules depend on common only). Both are picocli commands whose {@code main} calls
 * System.exit, so their command object is executed through picocli here instead, which returns the exit code and lets
 * us capture standard output (the verifier's {@code --json} summary) and standard error.
 */
public final class ToolRunner {
    public static final String SCHEMA_MIGRATION = "io.obkc.schema.cli.SchemaMigrateCommand";
    public static final String VERIFIER = "io.obkc.verifier.cli.VerifyCommand";
    public static final String BULK_LOAD = "io.obkc.bulkload.cli.BulkLoadCommand";

    /** Exit code the tools use for bad input or an unreachable database. */
    public static final int ERROR = 2;

    public record Result(int exitCode, String out, String err) {
    }

    private ToolRunner() {
    }

    public static Result run(String className, String... args) {
        Object command = instantiate(className);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        // picocli's default handler returns 1 for an exception, which both tools use for "differences/failed objects".
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            return ERROR;
        });
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * obkc-bulk-load's arguments for a project: its source, target, rules (the marker database left out: the sink
     * replicates the marker table) and tuning. {@code check}: only whether every selected source table can be copied
     * exactly (primary key, column types), without the target (the schema step may not have run yet).
     */
    public static String[] bulkLoadArgs(LoadedProject p, boolean check) {
        Project pr = p.project();
        List<String> a = new ArrayList<>(List.of("--source-url", pr.source.url, "--source-user", pr.source.user,
                "--source-password=" + p.sourcePassword(), "--include", p.includeRules(),
                "--exclude", (p.excludeRules().isEmpty() ? "" : p.excludeRules() + ",") + p.markerDatabase() + ".*"));
        if (check) {
            a.addAll(List.of("--check", "--source-only"));
        } else {
            a.addAll(List.of("--target-url", pr.target.url, "--target-user", pr.target.user, "--target-password=" + p.targetPassword(),
                    "--threads", String.valueOf(pr.options.bulkLoadThreads), "--chunk-rows", String.valueOf(pr.options.bulkLoadChunkRows)));
        }
        return a.toArray(String[]::new);
    }

    private static Object instantiate(String className) {
        try {
            Class<?> c = Class.forName(className, true, ToolRunner.class.getClassLoader());
            Constructor<?> ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ClassNotFoundException e) {
            throw new ProjectException(className + " is not on the class path: run obkc-migrate from its -cli jar (which contains "
                    + "the schema migration, the verifier and the bulk load), or add obkc-schema-migration, obkc-verifier and obkc-bulk-load to "
                    + "the class path");
        } catch (ReflectiveOperationException e) {
            throw new ProjectException("cannot create " + className + ": " + e, e);
        }
    }
}
