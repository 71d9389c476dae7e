package io.obkc.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Connection settings of the test bed. Environment variables win; otherwise the file that
 * {@code scripts/test-env.sh up} writes ({@code .test-env/env.sh}, found by walking up from the
 * working directory, or named by {@code OBKC_TESTENV_DIR}) is read, so that {@code mvn verify}
 * works without sourcing anything.
 */
public final class TestBedSettings {
    private static final Pattern EXPORT = Pattern.compile("^export\\s+(OBKC_[A-Z_]+)=['\"]?([^'\"]*)['\"]?\\s*$");
    private static final Map<String, String> FILE_SETTINGS = loadEnvFile();

    private TestBedSettings() {
    }

    public static Optional<String> get(String name) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) {
            v = System.getProperty(name);
        }
        if (v == null || v.isEmpty()) {
            v = FILE_SETTINGS.get(name);
        }
        return Optional.ofNullable(v).filter(s -> !s.isEmpty());
    }

    public static boolean runningInCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static Map<String, String> loadEnvFile() {
        Map<String, String> out = new HashMap<>();
        Path file = locateEnvFile();
        if (file == null) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher m = EXPORT.matcher(line.trim());
                if (m.matches()) {
                    out.put(m.group(1), m.group(2));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read test-bed settings from " + file, e);
        }
        return out;
    }

    private static Path locateEnvFile() {
        String dir = System.getenv("OBKC_TESTENV_DIR");
        if (dir != null && Files.isRegularFile(Path.of(dir, "env.sh"))) {
            return Path.of(dir, "env.sh");
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolve(".test-env").resolve("env.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            p = p.getParent();
        }
        return null;
    }
}
