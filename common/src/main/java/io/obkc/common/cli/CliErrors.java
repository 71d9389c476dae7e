package io.obkc.common.cli;

import java.io.PrintWriter;

import picocli.CommandLine;

/**
 * How the verifier and the bulk load report errors: one {@code error: ...} line on standard error and the tool's
 * error exit code. The tool's own bad-input exception (and IllegalArgumentException) is shown by its message alone,
 * anything else with its class name; an unusable option also says how to list the options.
 */
public final class CliErrors {
    private CliErrors() {
    }

    /** Installs both handlers on {@code cl} and returns it. */
    public static CommandLine install(CommandLine cl, Class<? extends RuntimeException> badInput, int errorExitCode) {
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + (badInput.isInstance(ex) || ex instanceof IllegalArgumentException ? ex.getMessage()
                    : ex.getClass().getSimpleName() + ": " + ex.getMessage()));
            return errorExitCode;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("Run with --help for the list of options.");
            return errorExitCode;
        });
        return cl;
    }
}
