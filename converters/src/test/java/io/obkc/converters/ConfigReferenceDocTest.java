package io.obkc.converters;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.obkc.testing.ConfigReferenceTable;

/** The generated reference tables in docs/converters.md follow the converters' ConfigDefs; this fails on drift (issue 14). */
class ConfigReferenceDocTest {
    private static final Path DOC = Path.of("..", "docs", "converters.md");

    @Test
    void omsFormatConverter() throws Exception {
        ConfigReferenceTable.assertDocMatches(new OmsFormatConverter().config(), DOC, "OmsFormatConverter");
    }

    @Test
    void schemaCachingJsonConverter() throws Exception {
        // the same ConfigDef as Kafka's JsonConverter, by construction; the table shows users exactly which keys apply
        ConfigReferenceTable.assertDocMatches(new io.obkc.converters.json.SchemaCachingJsonConverter().config(), DOC,
                "SchemaCachingJsonConverter");
    }

    @Test
    void namedConverters() throws Exception {
        // Every named converter (CanalConverter, MaxwellConverter, ...) has the same keys: all but format.
        ConfigReferenceTable.assertDocMatches(new CanalConverter().config(), DOC, "named-converters");
    }
}
