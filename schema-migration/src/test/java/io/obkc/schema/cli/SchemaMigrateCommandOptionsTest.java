package io.obkc.schema.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** Option requirements that need no database. */
class SchemaMigrateCommandOptionsTest {
    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new SchemaMigrateCommand());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void applyDeferredDoesNotAskForTheUnusedSourceUrl() {
        StringWriter err = new StringWriter();
        int code = run(err, "--apply-deferred", "switchover", "--target-url", "jdbc:mysql://127.0.0.1:1/", "--state-dir", dir.toString());
        // No state file in the empty directory: the command gets that far instead of refusing a missing --source-url.
        assertThat(err.toString()).doesNotContain("--source-url").contains("no state file");
        assertThat(code).isEqualTo(2);
    }

    @Test
    void migrationStillNeedsTheSourceUrl() {
        StringWriter err = new StringWriter();
        int code = run(err, "--target-url", "jdbc:mysql://127.0.0.1:1/", "--include", "db.*");
        assertThat(err.toString()).contains("--source-url is required");
        assertThat(code).isEqualTo(2);
    }
}
