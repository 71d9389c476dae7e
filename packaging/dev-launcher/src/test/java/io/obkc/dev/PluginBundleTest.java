package io.obkc.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.kafka.tools.ConnectPluginPath;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks what `package` built in obkc-packaging: the Confluent Hub zip, the exploded plugin.path
 * directory, and that Kafka's own ConnectPluginPath tool finds every OBKC plugin through its
 * META-INF/services manifest (what plugin.discovery=service_load needs).
 */
class PluginBundleTest {
    static final Path PLUGIN_PATH = Paths.get(System.getProperty("obkc.plugin.path", "../target/plugin")).toAbsolutePath().normalize();
    static final Path BUNDLE_DIR = PLUGIN_PATH.resolve("obkc-oceanbase-connect");

    @Test
    void pluginClassesAreNotOnThisClassPath() {
        // Otherwise the worker could load them from the class path and the tests would prove nothing.
        for (String c : List.of("io.obkc.sink.OceanBaseSinkConnector", "io.obkc.converters.CanalConverter", "io.obkc.common.BundleVersion",
                "io.debezium.connector.mariadb.MariaDbConnector")) {
            assertThatThrownBy(() -> Class.forName(c)).as(c).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void connectPluginPathFindsEveryObkcPluginWithAManifest() {
        List<String[]> rows = listPlugins(BUNDLE_DIR);
        List<String> names = rows.stream().map(r -> r[0]).collect(Collectors.toList());
        assertThat(names).contains("io.obkc.sink.OceanBaseSinkConnector", "io.obkc.converters.OmsDefaultConverter",
                "io.obkc.converters.CanalConverter", "io.obkc.converters.DebeziumConverter", "io.obkc.converters.MaxwellConverter");
        for (String[] r : rows) {
            // pluginName firstAlias secondAlias pluginVersion pluginType isLoadable hasManifest pluginLocation
            assertThat(r[0]).as("only OBKC classes in the OBKC plugin").startsWith("io.obkc.");
            assertThat(r[5]).as("%s loadable", r[0]).isEqualTo("true");
            assertThat(r[6]).as("%s has a META-INF/services manifest", r[0]).isEqualTo("true");
            assertThat(r[3]).as("%s version", r[0]).isNotBlank().isNotEqualTo("unknown").isNotEqualTo("undefined");
        }
        assertThat(rows.stream().filter(r -> r[0].equals("io.obkc.sink.OceanBaseSinkConnector")).findFirst().orElseThrow()[4]).isEqualTo("sink");
    }

    @Test
    void debeziumPluginsAreLaidOutWithManifestsAndWithoutKafkaJars() throws IOException {
        for (String[] p : new String[][] {{"debezium-connector-mariadb", "io.debezium.connector.mariadb.MariaDbConnector"},
            {"debezium-connector-mysql", "io.debezium.connector.mysql.MySqlConnector"},
            {"debezium-connector-postgres", "io.debezium.connector.postgresql.PostgresConnector"}}) {
            Path dir = PLUGIN_PATH.resolve(p[0]);
            List<String[]> rows = listPlugins(dir);
            String[] connector = rows.stream().filter(r -> r[0].equals(p[1])).findFirst().orElseThrow(() -> new AssertionError(p[1] + " not in " + dir));
            assertThat(connector[5]).isEqualTo("true");
            assertThat(connector[6]).isEqualTo("true");
            assertThat(jarNames(dir)).noneMatch(PluginBundleTest::providedByWorker);
        }
    }

    @Test
    void hubZipHasTheComponentArchiveLayout() throws IOException {
        Path zip = hubZip();
        String version = zip.getFileName().toString().replaceFirst("^obkc-oceanbase-connect-", "").replaceFirst("\\.zip$", "");
        String root = "obkc-oceanbase-connect-" + version + "/";
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> entries = Collections.list(z.entries()).stream().map(ZipEntry::getName).collect(Collectors.toList());
            assertThat(entries).allMatch(e -> e.startsWith(root), "every entry under " + root);
            assertThat(entries).contains(root + "manifest.json", root + "doc/LICENSE", root + "doc/README.md", root + "doc/version.txt",
                    root + "etc/mariadb-source.json", root + "etc/oceanbase-sink.json",
                    root + "lib/oceanbase-sink-connector-" + version + ".jar", root + "lib/obkc-converters-" + version + ".jar",
                    root + "lib/obkc-smt-" + version + ".jar", root + "lib/obkc-common-" + version + ".jar");
            assertThat(entries.stream().filter(e -> e.startsWith(root + "lib/") && e.endsWith(".jar")))
                    .as("runtime dependencies shipped").anyMatch(e -> e.contains("mysql-connector-j-")).anyMatch(e -> e.contains("jackson-databind-"))
                    .noneMatch(e -> providedByWorker(e.substring(e.lastIndexOf('/') + 1)));

            JsonNode m = new ObjectMapper().readTree(z.getInputStream(z.getEntry(root + "manifest.json")));
            for (String f : List.of("name", "version", "title", "description", "owner", "support", "tags", "features",
                    "documentation_url", "source_url", "license", "component_types", "release_date")) {
                assertThat(m.has(f)).as("manifest.json has %s", f).isTrue();
            }
            assertThat(m.get("name").asText()).isEqualTo("oceanbase-connect");
            assertThat(m.get("owner").get("username").asText()).isEqualTo("obkc");
            assertThat(m.get("version").asText()).isEqualTo(version);
            assertThat(m.get("owner").get("username").asText()).isNotBlank();
            assertThat(m.get("owner").get("type").asText()).isIn("organization", "user");
            assertThat(m.get("owner").get("name").asText()).isNotBlank();
            assertThat(m.get("features").get("kafka_connect_api").asBoolean()).isTrue();
            assertThat(m.get("features").get("single_message_transforms").asBoolean()).isTrue();
            assertThat(m.get("features").get("supported_encodings").isArray()).isTrue();
            assertThat(m.get("features").get("delivery_guarantee").get(0).asText()).isEqualTo("at_least_once");
            assertThat(m.get("license").get(0).get("name").asText()).isEqualTo("Apache License 2.0");
            assertThat(m.get("license").get(0).get("url").asText()).startsWith("https://www.apache.org/licenses/LICENSE-2.0");
            List<String> types = new ArrayList<>();
            m.get("component_types").forEach(t -> types.add(t.asText()));
            assertThat(types).containsExactly("sink", "transform", "converter");
            assertThat(m.get("release_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");

            String license = new String(z.getInputStream(z.getEntry(root + "doc/LICENSE")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(license).contains("Apache License").contains("Version 2.0, January 2004");
            String versionTxt = new String(z.getInputStream(z.getEntry(root + "doc/version.txt")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(versionTxt).contains(version).doesNotContain("${");

            // The exploded plugin directory has exactly the zip's files.
            Set<String> zipFiles = entries.stream().filter(e -> !e.endsWith("/")).map(e -> e.substring(root.length()))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> dirFiles;
            try (Stream<Path> s = Files.walk(BUNDLE_DIR)) {
                dirFiles = s.filter(Files::isRegularFile).map(p -> BUNDLE_DIR.relativize(p).toString().replace('\\', '/'))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            assertThat(dirFiles).isEqualTo(zipFiles);
        }
    }

    static Path hubZip() throws IOException {
        try (Stream<Path> s = Files.list(PLUGIN_PATH.resolveSibling("components"))) {
            List<Path> zips = s.filter(p -> p.getFileName().toString().matches("obkc-oceanbase-connect-.+\\.zip")).collect(Collectors.toList());
            assertThat(zips).hasSize(1);
            return zips.get(0);
        }
    }

    static boolean providedByWorker(String jar) {
        return jar.startsWith("kafka-clients-") || jar.startsWith("connect-api-") || jar.startsWith("connect-runtime-")
                || jar.startsWith("connect-json-") || jar.startsWith("connect-transforms-") || jar.startsWith("slf4j-")
                || jar.startsWith("kafka_") || jar.startsWith("zstd-jni-") || jar.startsWith("lz4-java-") || jar.startsWith("snappy-java-");
    }

    static List<String> jarNames(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).collect(Collectors.toList());
        }
    }

    /** Runs `connect-plugin-path.sh list --plugin-location DIR` in process; returns its table rows. */
    static List<String[]> listPlugins(Path location) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ConnectPluginPath.mainNoExit(new String[] {"list", "--plugin-location", location.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(rc).as("ConnectPluginPath exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] cells = line.split("\t");
            if (cells.length == 8 && !cells[0].equals("pluginName")) {
                rows.add(cells);
            }
        }
        assertThat(rows).as("plugins in %s:%n%s", location, text).isNotEmpty();
        System.out.println("[plugin-path] " + location + ": " + rows.size() + " plugins, "
                + Arrays.stream(text.split("\n")).filter(l -> l.startsWith("Total") || l.startsWith("Loadable") || l.startsWith("Compatible"))
                        .map(String::trim).collect(Collectors.joining("; ")));
        return rows;
    }
}
