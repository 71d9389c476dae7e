package io.obkc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.config.ConfigDef;

/**
 * The configuration tables in docs/ are generated from each plugin's ConfigDef. A module's drift test calls
 * {@link #assertDocMatches}: it writes the expected table under target/ (to paste in) and fails when the doc's table,
 * between the markers, differs. One generator for every plugin keeps the tables alike.
 */
public final class ConfigReferenceTable {
    public static final String BEGIN = "<!-- BEGIN GENERATED CONFIG TABLE -->";
    public static final String END = "<!-- END GENERATED CONFIG TABLE -->";

    private ConfigReferenceTable() {
    }

    public static String markdown(ConfigDef def) {
        StringBuilder sb = new StringBuilder("| Key | Type | Default | Valid values | Importance | Description |\n|---|---|---|---|---|---|\n");
        String group = null;
        for (ConfigDef.ConfigKey k : def.configKeys().values()) {
            if (k.group != null && !k.group.equals(group)) {
                group = k.group;
                sb.append("| **").append(group).append("** | | | | | |\n");
            }
            Object dflt = k.hasDefault() ? k.defaultValue : "(required)";
            String d = dflt == null ? "null" : ConfigDef.convertToString(dflt, k.type);
            if (d != null && d.isEmpty()) {
                d = "\"\"";
            }
            sb.append("| `").append(k.name).append("` | ").append(k.type.name().toLowerCase()).append(" | `").append(d).append("` | ")
                    .append(k.validator == null ? "" : k.validator.toString().replace("|", "\\|")).append(" | ")
                    .append(k.importance.name().toLowerCase()).append(" | ")
                    .append(k.documentation == null ? "" : k.documentation.replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        return sb.toString();
    }

    /**
     * @param doc    the markdown file, relative to the module (for example {@code ../docs/x.md})
     * @param marker a name that tells several tables in one doc apart ("" for a doc with one table); the markers are
     *               then {@code <!-- BEGIN GENERATED CONFIG TABLE name -->} and {@code <!-- END GENERATED CONFIG TABLE name -->}
     */
    public static void assertDocMatches(ConfigDef def, Path doc, String marker) throws IOException {
        String expected = markdown(def);
        String suffix = marker.isEmpty() ? "" : "-" + marker;
        Path out = Path.of("target", "generated-config-table" + suffix + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, expected);
        String begin = marker.isEmpty() ? BEGIN : BEGIN.replace(" -->", " " + marker + " -->");
        String end = marker.isEmpty() ? END : END.replace(" -->", " " + marker + " -->");
        String text = Files.readString(doc);
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        assertThat(b).as(doc + " has the marker " + begin).isGreaterThanOrEqualTo(0);
        assertThat(e).as(doc + " has the marker " + end).isGreaterThan(b);
        assertThat(text.substring(b + begin.length(), e).trim()).as("config table in " + doc + " (regenerate from " + out.toAbsolutePath() + ")")
                .isEqualTo(expected.trim());
    }
}
