package io.obkc.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Completes the Confluent Hub manifest of the bundle from what the bundle is, so it cannot drift: run by obkc-packaging
 * at prepare-package with the plugin jars on its class path, it reads
 * <ul>
 * <li>the plugins, from their {@code META-INF/services} files (what Kafka Connect itself discovers): connectors, SMTs,
 * converters, giving {@code component_types} and the {@code {{connectors}}}, {@code {{transforms}}},
 * {@code {{converters}}} placeholders;</li>
 * <li>the OMS formats, from {@code io.obkc.converters.OmsFormat} (by name, to keep this tool independent of the
 * module): {@code {{formats}}} and {@code {{formatCount}}};</li>
 * <li>the licences: OBKC's own plus one entry per third-party licence in {@code third-party-licenses.json}.</li>
 * </ul>
 * Usage: {@code HubManifest <staged manifest.json (filtered template)> <third-party-licenses.json>}; rewrites the first.
 */
public final class HubManifest {
    static final String FORMAT_ENUM = "io.obkc.converters.OmsFormat";
    /** Service files that make a jar's classes plugins, with the Hub component type they stand for. */
    static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("org.apache.kafka.connect.source.SourceConnector", "source");
        SERVICES.put("org.apache.kafka.connect.sink.SinkConnector", "sink");
        SERVICES.put("org.apache.kafka.connect.transforms.Transformation", "transform");
        SERVICES.put("org.apache.kafka.connect.storage.Converter", "converter");
    }

    private HubManifest() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: HubManifest <manifest.json> <third-party-licenses.json>");
        }
        Path manifest = Path.of(args[0]);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode m = (ObjectNode) json.readTree(manifest.toFile());
        JsonNode thirdParty = json.readTree(Path.of(args[1]).toFile());
        ClassLoader loader = Thread.currentThread().getContextClassLoader();

        Map<String, List<String>> plugins = new LinkedHashMap<>();
        for (Map.Entry<String, String> s : SERVICES.entrySet()) {
            List<String> classes = serviceEntries(loader, s.getKey());
            if (!classes.isEmpty()) {
                plugins.put(s.getValue(), classes);
            }
        }
        ArrayNode types = m.putArray("component_types");
        plugins.keySet().forEach(types::add);

        List<String> formats = formats(loader);
        String description = m.get("description").asText()
                .replace("{{formats}}", String.join(", ", formats))
                .replace("{{formatCount}}", numberWord(formats.size()))
                .replace("{{connectors}}", simpleNames(plugins.getOrDefault("sink", List.of()), plugins.getOrDefault("source", List.of())))
                .replace("{{transforms}}", simpleNames(plugins.getOrDefault("transform", List.of())))
                .replace("{{converters}}", simpleNames(plugins.getOrDefault("converter", List.of())));
        if (description.contains("{{")) {
            throw new IllegalStateException("Unknown placeholder left in the description: " + description);
        }
        m.put("description", description);

        ArrayNode licenses = m.putArray("license");
        ObjectNode own = licenses.addObject();
        own.put("name", "Apache License 2.0");
        own.put("url", "https://www.apache.org/licenses/LICENSE-2.0");
        for (JsonNode t : thirdParty) {
            ObjectNode l = licenses.addObject();
            l.put("name", t.get("license").asText() + " (" + t.get("component").asText() + ")");
            l.put("url", t.get("url").asText());
        }
        Files.writeString(manifest, json.writeValueAsString(m) + "\n", StandardCharsets.UTF_8);
        System.out.println("[hub-manifest] " + manifest + ": " + plugins.keySet() + ", " + formats.size() + " formats, "
                + licenses.size() + " licence entries");
    }

    static List<String> serviceEntries(ClassLoader loader, String service) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        for (URL url : Collections.list(loader.getResources("META-INF/services/" + service))) {
            try (InputStream in = url.openStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String c = line.replaceFirst("#.*", "").trim();
                    if (!c.isEmpty()) {
                        out.add(c);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    static List<String> formats(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> type = Class.forName(FORMAT_ENUM, true, loader);
        List<String> out = new ArrayList<>();
        for (Object f : type.getEnumConstants()) {
            out.add((String) type.getMethod("displayName").invoke(f));
        }
        return out;
    }

    @SafeVarargs
    static String simpleNames(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            for (String c : l) {
                out.add(c.substring(c.lastIndexOf('.') + 1));
            }
        }
        return String.join(", ", out);
    }

    static String numberWord(int n) {
        String[] words = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"};
        return n < words.length ? words[n] : String.valueOf(n);
    }
}
