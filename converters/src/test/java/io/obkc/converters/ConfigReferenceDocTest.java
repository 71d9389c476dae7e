package io.obkc.converters;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.obkc.testing.ConfigReferenceTable;

/** docs/converters.md carries the converters' configuration table generated from their ConfigDef. */
class ConfigReferenceDocTest {

    @Test
    void docsMatchTheConfigDef() throws Exception {
        ConfigReferenceTable.assertDocMatches(OmsFormatConverterConfig.configDef(true),
                Path.of("..", "docs", "converters.md"), "converters");
    }
}
