package io.obkc.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/run-dev.sh's help, and the dev cluster's logging of a clean first run (issue 14). */
class RunDevScriptTest {
    private static final Path SCRIPT = Paths.get("..", "..", "scripts", "run-dev.sh").toAbsolutePath().normalize();
    private static final Path LOG_CONFIG = Paths.get("src", "main", "resources", "log4j2.xml").toAbsolutePath();

    @Test
    void helpIsPrintedAtOnceWithoutBuildingAndListsEveryLauncherOption() throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), "--rest-port", "1", "--help").redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("finished without a build (a build takes a minute)").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("Usage: scripts/run-dev.sh").doesNotContain("[run-dev] building");
        Matcher m = Pattern.compile("(--[a-z-]+)").matcher(DevConnectCluster.USAGE);
        while (m.find()) {
            assertThat(out).as("run-dev.sh --help lists the launcher's %s", m.group(1)).contains(m.group(1));
        }
        assertThat((System.nanoTime() - start) / 1_000_000_000L).isLessThan(20);
    }

    @Test
    void theDeadLetterTopicCreationLineIsNotLoggedAsAnErrorButRealErrorsAre(@TempDir Path logs) throws Exception {
        String previous = System.getProperty("obkc.dev.log.dir");
        System.setProperty("obkc.dev.log.dir", logs.toString());
        LoggerContext ctx = new LoggerContext("dev-log-config-test");
        try {
            ctx.setConfigLocation(LOG_CONFIG.toUri());
            ctx.start();
            Logger reporter = ctx.getLogger("org.apache.kafka.connect.runtime.errors.DeadLetterQueueReporter");
            // Kafka's own wording (DeadLetterQueueReporter.createAndSetup, ERROR level).
            reporter.error("Topic {} doesn't exist. Will attempt to create topic.", "demo.dlq");
            reporter.error("Could not produce message to dead letter queue. topic={}", "demo.dlq");
        } finally {
            ctx.stop();
            if (previous == null) {
                System.clearProperty("obkc.dev.log.dir");
            } else {
                System.setProperty("obkc.dev.log.dir", previous);
            }
        }
        String log = Files.readString(logs.resolve("dev-cluster.log"));
        assertThat(log).contains("Could not produce message to dead letter queue").doesNotContain("doesn't exist");
        assertThat(new File(logs.toFile(), "dev-cluster.log")).exists();
    }

    @Test
    void theReadmesNameTheDebeziumConnectorsTheDevPluginPathHas() throws Exception {
        java.util.List<String> products = new java.util.ArrayList<>();
        try (var dirs = Files.list(PluginBundleTest.PLUGIN_PATH)) {
            dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith("debezium-connector-")).sorted()
                    .forEach(n -> products.add(switch (n.substring("debezium-connector-".length())) {
                        case "mariadb" -> "MariaDB";
                        case "mysql" -> "MySQL";
                        case "postgres" -> "PostgreSQL";
                        default -> n;
                    }));
        }
        assertThat(products).containsExactly("MariaDB", "MySQL", "PostgreSQL");
        String phrase = "Debezium's MariaDB, MySQL and PostgreSQL";
        assertThat(Files.readString(Paths.get("..", "..", "README.md")).replaceAll("\\s+", " ")).contains(phrase);
        assertThat(Files.readString(Paths.get("..", "..", "examples", "README.md")).replaceAll("\\s+", " ")).contains(phrase + " plugins are all on the")
                .doesNotContain("not in the dev cluster");
        assertThat(Files.readString(SCRIPT).replaceAll("\\s+", " ")).contains(phrase);
    }
}
