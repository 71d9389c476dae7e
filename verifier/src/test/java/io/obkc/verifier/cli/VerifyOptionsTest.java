package io.obkc.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.obkc.common.BundleVersion;

/** The option vocabulary shared with obkc-schema-migrate and the version text; no database needed. */
class VerifyOptionsTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = VerifyCommand.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void versionTextIsTheBundlesOne() {
        Run r = run("-V");
        assertThat(r.exit()).isZero();
        assertThat(r.out().trim()).isEqualTo(BundleVersion.versionText()).startsWith("OBKC ");
    }

    @Test
    void helpListsTheSharedVocabularyAndHidesTheOldOne() {
        Run r = run("--help");
        assertThat(r.out()).contains("--source-url", "--target-url", "--include", "--exclude", "--source-password-file",
                "--target-password-file", "--json").doesNotContain("--source-type", "--source-port", "--tables");
    }

    @Test
    void anUnreachableSourceFailsEarlyNamingIt() {
        Run r = run("--source-url", "jdbc:mysql://127.0.0.1:1/", "--source-user", "u", "--source-password", "hunter2",
                "--target-url", "jdbc:oceanbase://127.0.0.1:1/", "--target-user", "u", "--include", "a.*");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Cannot connect to the source database at 127.0.0.1:1").contains("--source-url")
                .doesNotContain("hunter2");
    }

    @Test
    void aPostgresUrlMustNameTheDatabase() {
        Run r = run("--source-url", "jdbc:postgresql://127.0.0.1:1/", "--source-user", "u",
                "--target-url", "jdbc:oceanbase://127.0.0.1:1/", "--target-user", "u", "--include", "a.*");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("a PostgreSQL URL names the database");
    }
}
