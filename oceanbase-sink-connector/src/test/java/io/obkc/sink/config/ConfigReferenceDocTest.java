package io.obkc.sink.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

import io.obkc.sink.OceanBaseSinkConnectorConfig;

/**
 * The configuration table in docs/oceanbase-sink-connector.md is generated from the ConfigDef. This
 * test fails when they drift, and writes the expected table to target/ so it can be pasted in.
 */
class ConfigReferenceDocTest {
    static final String BEGIN = "<!-- BEGIN GENERATED CONFIG TABLE -->";
    static final String END = "<!-- END GENERATED CONFIG TABLE -->";

    static String table(ConfigDef def) {
        StringBuilder sb = new StringBuilder("| Key | Type | Default | Valid values | Importance | Description |\n|---|---|---|---|---|---|\n");
        List<ConfigDef.ConfigKey> keys = def.configKeys().values().stream().toList();
        String group = null;
        for (ConfigDef.ConfigKey k : keys) {
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
                    .append(k.importance.name().toLowerCase()).append(" | ").append(k.documentation.replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        return sb.toString();
    }

    @Test
    void docsListEveryKeyAsDefined() throws Exception {
        String expected = table(OceanBaseSinkConnectorConfig.CONFIG_DEF);
        Path out = Path.of("target", "generated-config-table.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, expected);
        String doc = Files.readString(Path.of("..", "docs", "oceanbase-sink-connector.md"));
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        assertThat(b).as("docs/oceanbase-sink-connector.md has the generated-table markers").isGreaterThanOrEqualTo(0);
        assertThat(doc.substring(b + BEGIN.length(), e).trim()).as("config table in docs (regenerate from " + out.toAbsolutePath() + ")")
                .isEqualTo(expected.trim());
    }
}
