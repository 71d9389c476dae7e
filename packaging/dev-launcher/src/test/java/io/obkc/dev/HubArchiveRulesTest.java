package io.obkc.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Hub component archive against the rules of Confluent's component archive format that can be checked offline:
 * the archive's name, its single root directory, the layout, the manifest's fields and their forms, the declared
 * component types against the plugins the jars declare, and the licences: every third-party jar in lib/ has its
 * licence and NOTICE files in doc/ (byte for byte those inside the jar) and declared in manifest.json.
 */
class HubArchiveRulesTest {
    private static final Path THIRD_PARTY = Paths.get(System.getProperty("obkc.third.party.licenses", "../src/third-party-licenses.json"));
    private static final Set<String> COMPONENT_TYPES = Set.of("source", "sink", "transform", "converter");
    private static final Map<String, String> SERVICES = Map.of(
            "org.apache.kafka.connect.source.SourceConnector", "source",
            "org.apache.kafka.connect.sink.SinkConnector", "sink",
            "org.apache.kafka.connect.transforms.Transformation", "transform",
            "org.apache.kafka.connect.storage.Converter", "converter");

    private static Path zip;
    private static String root;
    private static JsonNode manifest;
    private static Map<String, byte[]> files;

    @BeforeAll
    static void readArchive() throws IOException {
        zip = PluginBundleTest.hubZip();
        files = new HashMap<>();
        Set<String> roots = new HashSet<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                roots.add(e.getName().substring(0, e.getName().indexOf('/') + 1));
                if (!e.isDirectory()) {
                    try (InputStream in = z.getInputStream(e)) {
                        files.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        }
        assertThat(roots).as("one root directory").hasSize(1);
        root = roots.iterator().next();
        assertThat(files).containsKey(root + "manifest.json");
        manifest = new ObjectMapper().readTree(files.get(root + "manifest.json"));
    }

    private static List<String> under(String dir) {
        return files.keySet().stream().filter(f -> f.startsWith(root + dir)).map(f -> f.substring(root.length())).sorted().toList();
    }

    @Test
    void archiveAndRootAreNamedOwnerNameVersion() {
        String owner = manifest.get("owner").get("username").asText();
        String name = manifest.get("name").asText();
        String version = manifest.get("version").asText();
        assertThat(owner).matches("[a-z0-9][a-z0-9-]*");
        assertThat(name).as("component name: lower case letters, digits and dashes").matches("[a-z0-9][a-z0-9-]*");
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+([-.][0-9A-Za-z.-]+)?");
        assertThat(zip.getFileName().toString()).isEqualTo(owner + "-" + name + "-" + version + ".zip");
        assertThat(root).isEqualTo(owner + "-" + name + "-" + version + "/");
    }

    @Test
    void layoutHasOnlyTheKnownTopLevelEntries() {
        Set<String> top = new TreeSet<>();
        files.keySet().forEach(f -> {
            String rest = f.substring(root.length());
            top.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/') + 1) : rest);
        });
        assertThat(top).containsExactlyInAnyOrder("manifest.json", "lib/", "doc/", "etc/");
        assertThat(under("lib/")).isNotEmpty().allMatch(f -> f.matches("lib/[^/]+\\.jar"), "lib/ holds jars only, flat");
        assertThat(under("lib/")).noneMatch(f -> PluginBundleTest.providedByWorker(f.substring(4)));
        assertThat(under("doc/")).contains("doc/LICENSE", "doc/README.md");
        assertThat(under("etc/")).isNotEmpty();
    }

    @Test
    void manifestHasTheRequiredFieldsInTheirForms() {
        for (String f : List.of("name", "version", "title", "description", "owner", "support", "tags", "features",
                "documentation_url", "source_url", "license", "component_types", "release_date")) {
            assertThat(manifest.hasNonNull(f)).as("manifest.json has %s", f).isTrue();
        }
        assertThat(manifest.get("owner").get("type").asText()).isIn("organization", "user");
        assertThat(manifest.get("owner").get("name").asText()).isNotBlank();
        assertThat(manifest.get("release_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        for (String url : List.of("documentation_url", "source_url")) {
            assertThat(manifest.get(url).asText()).as(url).startsWith("https://");
        }
        assertThat(manifest.get("license").size()).isPositive();
        manifest.get("license").forEach(l -> {
            assertThat(l.get("name").asText()).isNotBlank();
            assertThat(l.get("url").asText()).as(l.get("name").asText()).matches("https?://\\S+");
        });
        assertThat(manifest.get("tags").isArray()).isTrue();
        assertThat(manifest.get("features").get("supported_encodings").isArray()).isTrue();
        assertThat(manifest.toString()).doesNotContain("${").doesNotContain("{{");
    }

    @Test
    void componentTypesAndDescriptionMatchThePluginsInLib() throws Exception {
        Path dir = Files.createTempDirectory("hub-lib");
        List<URL> jars = new ArrayList<>();
        for (String f : under("lib/")) {
            Path p = dir.resolve(f.substring(4));
            Files.write(p, files.get(root + f));
            jars.add(p.toUri().toURL());
        }
        Set<String> declared = new LinkedHashSet<>();
        List<String> pluginNames = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            for (Map.Entry<String, String> s : SERVICES.entrySet()) {
                for (URL u : Collections.list(loader.getResources("META-INF/services/" + s.getKey()))) {
                    try (InputStream in = u.openStream()) {
                        for (String line : new String(in.readAllBytes()).split("\n")) {
                            String c = line.replaceFirst("#.*", "").trim();
                            if (!c.isEmpty()) {
                                declared.add(s.getValue());
                                pluginNames.add(c.substring(c.lastIndexOf('.') + 1));
                            }
                        }
                    }
                }
            }
            List<String> types = new ArrayList<>();
            manifest.get("component_types").forEach(t -> types.add(t.asText()));
            assertThat(types).allMatch(COMPONENT_TYPES::contains).containsExactlyInAnyOrderElementsOf(declared);

            String description = manifest.get("description").asText();
            assertThat(description).contains(pluginNames);
            Class<?> formats = Class.forName("io.obkc.converters.OmsFormat", true, loader);
            Object[] all = formats.getEnumConstants();
            assertThat(all).hasSize(9);
            for (Object f : all) {
                assertThat(description).contains((String) formats.getMethod("displayName").invoke(f));
            }
            assertThat(description).contains("nine OMS message formats");
        }
    }

    @Test
    void everyThirdPartyJarHasItsLicenceFilesInDocAndInTheManifest() throws Exception {
        JsonNode thirdParty = new ObjectMapper().readTree(THIRD_PARTY.toFile());
        Set<String> manifestLicences = new HashSet<>();
        manifest.get("license").forEach(l -> manifestLicences.add(l.get("name").asText()));
        Set<String> docContents = new HashSet<>();
        for (String f : under("doc/")) {
            docContents.add(new String(files.get(root + f)));
        }
        for (JsonNode t : thirdParty) {
            assertThat(manifestLicences).as("declared: %s", t.get("component").asText())
                    .contains(t.get("license").asText() + " (" + t.get("component").asText() + ")");
            t.get("files").forEach(f -> assertThat(files).as("licence file in the archive").containsKey(root + f.asText()));
        }
        Path dir = Files.createTempDirectory("hub-licences");
        for (String f : under("lib/")) {
            String jar = f.substring(4);
            if (jar.startsWith("obkc-") || jar.startsWith("oceanbase-sink-connector-")) {
                continue; // ours: doc/LICENSE
            }
            List<JsonNode> covering = new ArrayList<>();
            thirdParty.forEach(t -> t.get("jars").forEach(prefix -> {
                if (jar.startsWith(prefix.asText())) {
                    covering.add(t);
                }
            }));
            assertThat(covering).as("%s has an entry in %s", jar, THIRD_PARTY).hasSize(1);
            Path p = dir.resolve(jar);
            Files.write(p, files.get(root + f));
            try (JarFile j = new JarFile(p.toFile())) {
                for (JarEntry e : Collections.list(j.entries())) {
                    String n = e.getName();
                    String base = n.substring(n.lastIndexOf('/') + 1);
                    boolean legal = (n.startsWith("META-INF/") && !n.substring(9).contains("/") || !n.contains("/"))
                            && base.matches("(?i).*(LICENSE|NOTICE|COPYING)(\\.txt|\\.md)?");
                    if (legal) {
                        String text = new String(j.getInputStream(e).readAllBytes());
                        assertThat(docContents).as("%s!%s is in doc/ unchanged", jar, n).contains(text);
                    }
                }
            }
        }
    }
}
