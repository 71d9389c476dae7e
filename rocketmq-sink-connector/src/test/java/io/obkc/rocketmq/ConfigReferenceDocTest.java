package io.obkc.rocketmq;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.obkc.testing.ConfigReferenceTable;

/** docs/rocketmq-sink-connector.md's configuration table is the ConfigDef's; regenerate it from target/ when this fails. */
class ConfigReferenceDocTest {
    @Test
    void docTableMatchesConfigDef() throws Exception {
        ConfigReferenceTable.assertDocMatches(RocketMqSinkConfig.CONFIG_DEF, Path.of("..", "docs", "rocketmq-sink-connector.md"), "");
    }
}
