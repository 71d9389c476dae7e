package io.obkc.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CliErrorsTest {
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }

    @Command(name = "tool", versionProvider = CliVersion.class, mixinStandardHelpOptions = true)
    static final class Tool implements Callable<Integer> {
        @Option(names = "--fail")
        String fail;

        @Override
        public Integer call() {
            if ("bad".equals(fail)) {
                throw new BadInput("Give --include RULES");
            }
            if ("bug".equals(fail)) {
                throw new IllegalStateException("broken");
            }
            return 0;
        }
    }

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliErrors.install(new CommandLine(new Tool()), BadInput.class, 2).setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void badInputIsItsMessageAlone() {
        assertThat(run("--fail", "bad")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: Give --include RULES" + System.lineSeparator());
    }

    @Test
    void anythingElseNamesItsClass() {
        assertThat(run("--fail", "bug")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: IllegalStateException: broken");
    }

    @Test
    void anUnknownOptionSaysHowToListTheOptions() {
        assertThat(run("--nope")).isEqualTo(2);
        assertThat(err.toString()).contains("error: Unknown option: '--nope'").contains("Run with --help for the list of options.");
    }

    @Test
    void theVersionIsTheBundles() {
        assertThat(new CliVersion().getVersion()).containsExactly(io.obkc.common.BundleVersion.versionText());
    }
}
