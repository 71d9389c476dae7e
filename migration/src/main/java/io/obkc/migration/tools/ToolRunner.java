package io.obkc.migration.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;

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

    private static Object instantiate(String className) {
        try {
            Class<?> c = Class.forName(className, true, ToolRunner.class.getClassLoader());
            Constructor<?> ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ClassNotFoundException e) {
            throw new ProjectException(className + " is not on the class path: run obkc-migrate from its -cli jar (which contains "
                    + "the schema migration and the verifier), or add obkc-schema-migration and obkc-verifier to the class path");
        } catch (ReflectiveOperationException e) {
            throw new ProjectException("cannot create " + className + ": " + e, e);
        }
    }
}
