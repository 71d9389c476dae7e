package io.obkc.schema.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obkc.common.BundleVersion;

/** The option vocabulary shared with obkc-verify, the version text, and early, clear connection errors; no database needed. */
class SchemaMigrateOptionsTest {
    @Test
    void versionTextIsTheBundlesOne() {
        SchemaMigrateCommandIT.Run r = SchemaMigrateCommandIT.run("-V");
        assertThat(r.exit()).isZero();
        assertThat(r.out().trim()).isEqualTo(BundleVersion.versionText()).startsWith("OBKC ");
    }

    @Test
    void helpListsTheSharedVocabulary() {
        SchemaMigrateCommandIT.Run r = SchemaMigrateCommandIT.run("--help");
        assertThat(r.out()).contains("--source-url", "--target-url", "--include", "--exclude", "--source-password-file",
                "--target-password-file", "--json");
    }

    @Test
    void anUnreadablePasswordFileIsNamed(@TempDir Path dir) {
        SchemaMigrateCommandIT.Run r = SchemaMigrateCommandIT.run("--source-url", "jdbc:mysql://127.0.0.1:1/", "--source-user", "u",
                "--source-password-file", dir.resolve("missing.pw").toString(), "--include", "a.*", "--dry-run");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--source-password-file: cannot read");
    }

    @Test
    void aServerThatNeverAnswersFailsEarlyAndClearly(@TempDir Path dir) throws IOException {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "s3cret-file-pw\n");
        // Accepts TCP connections and never sends the MySQL greeting.
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(mute.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            SchemaMigrateCommandIT.Run r = SchemaMigrateCommandIT.run("--source-url", "jdbc:mysql://127.0.0.1:" + mute.getLocalPort() + "/",
                    "--source-user", "u", "--source-password-file", pw.toString(), "--include", "a.*", "--dry-run");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("cannot connect to the source database at jdbc:mysql://127.0.0.1:" + mute.getLocalPort())
                    .doesNotContain("s3cret-file-pw");
            assertThat(seconds).as("seconds until the error").isLessThan(SchemaMigrateCommand.CONNECT_TIMEOUT_SECONDS + 10);
        }
    }
}
