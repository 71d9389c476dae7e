package io.obkc.sink.config;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.obkc.sink.OceanBaseSinkConnectorConfig;
import io.obkc.testing.ConfigReferenceTable;

/** The configuration table in docs/oceanbase-sink-connector.md is generated from the ConfigDef; this fails on drift. */
class ConfigReferenceDocTest {
    @Test
    void docsListEveryKeyAsDefined() throws Exception {
        ConfigReferenceTable.assertDocMatches(OceanBaseSinkConnectorConfig.CONFIG_DEF, Path.of("..", "docs", "oceanbase-sink-connector.md"), "");
    }
}
