package io.obkc.common.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The password a command-line tool was given for one side ({@code source}, {@code target}): from the environment
 * variable named by {@code --<role>-password-env}, else the first line of {@code --<role>-password-file}, else the
 * plain {@code --<role>-password}. One home for the rule the schema migration, the verifier and the bulk load all
 * follow; the password itself never appears in a message.
 */
public final class PasswordOptions {
    private PasswordOptions() {
    }

    /**
     * @param plain the plain option's value, returned as it is (null too) when neither of the others is given
     * @param badInput makes the tool's own bad-input exception from a message (its exit code stays the tool's)
     */
    public static String resolve(String role, String plain, String env, Path file, Function<String, ? extends RuntimeException> badInput) {
        if (env != null) {
            String v = System.getenv(env);
            if (v == null) {
                throw badInput.apply("--" + role + "-password-env: environment variable " + env + " is not set");
            }
            return v;
        }
        if (file != null) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                return lines.isEmpty() ? "" : lines.get(0);
            } catch (IOException e) {
                throw badInput.apply("--" + role + "-password-file: cannot read " + file + " (" + e.getMessage() + ")");
            }
        }
        return plain;
    }
}
