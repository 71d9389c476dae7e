package io.obkc.common.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordOptionsTest {
    @TempDir
    Path dir;

    @Test
    void environmentVariableComesFirstThenTheFileThenThePlainOption() throws Exception {
        Path file = dir.resolve("pw.txt");
        Files.writeString(file, "from-file\nsecond line\n");
        assertThat(PasswordOptions.resolve("source", "plain", "PATH", file, IllegalArgumentException::new)).isEqualTo(System.getenv("PATH"));
        assertThat(PasswordOptions.resolve("source", "plain", null, file, IllegalArgumentException::new)).isEqualTo("from-file");
        assertThat(PasswordOptions.resolve("source", "plain", null, null, IllegalArgumentException::new)).isEqualTo("plain");
        assertThat(PasswordOptions.resolve("source", null, null, null, IllegalArgumentException::new)).isNull();
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "");
        assertThat(PasswordOptions.resolve("source", "plain", null, empty, IllegalArgumentException::new)).isEmpty();
    }

    @Test
    void missingVariableOrFileIsTheToolsBadInputAndNamesTheOption() {
        assertThatThrownBy(() -> PasswordOptions.resolve("target", "secret", "OBKC_NO_SUCH_VARIABLE_42", null, IllegalStateException::new))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("--target-password-env: environment variable OBKC_NO_SUCH_VARIABLE_42 is not set")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> PasswordOptions.resolve("target", "secret", null, dir.resolve("missing.txt"), IllegalStateException::new))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("--target-password-file: cannot read ").hasMessageNotContaining("secret");
    }
}
