package io.obkc.migration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** A new user's first question, {@code obkc-migrate <subcommand> --help}, must show that subcommand's options. */
class MigrateCommandHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"precheck", "start", "status", "verify", "switchover", "reverse", "stop", "release"})
    void subcommandHelpPrintsItsOptionsWithoutAProjectFile(String subcommand) {
        CommandLine cl = MigrateCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int exit = cl.execute(subcommand, "--help");

        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: obkc-migrate " + subcommand).contains("--project=FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "release"})
    void subcommandHelpNamesTheSubcommandsOwnOptions(String subcommand) {
        CommandLine cl = MigrateCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));

        assertThat(cl.execute(subcommand, "-h")).isZero();
        assertThat(out.toString()).contains(subcommand.equals("status") ? "--wait-caught-up" : "--yes");
    }
}
