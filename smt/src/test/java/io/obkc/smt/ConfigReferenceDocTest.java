package io.obkc.smt;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.obkc.testing.ConfigReferenceTable;

/** Each transform's key table in docs/smt.md is generated from its ConfigDef; this fails on drift (issue 14). */
class ConfigReferenceDocTest {
    private static final Path DOC = Path.of("..", "docs", "smt.md");

    @Test
    void dmlFilter() throws Exception {
        ConfigReferenceTable.assertDocMatches(DmlFilter.CONFIG_DEF, DOC, "DmlFilter");
    }

    @Test
    void objectRouter() throws Exception {
        ConfigReferenceTable.assertDocMatches(ObjectRouter.CONFIG_DEF, DOC, "ObjectRouter");
    }

    @Test
    void rowFilter() throws Exception {
        ConfigReferenceTable.assertDocMatches(RowFilter.CONFIG_DEF, DOC, "RowFilter");
    }

    @Test
    void columnFilter() throws Exception {
        ConfigReferenceTable.assertDocMatches(ColumnFilter.CONFIG_DEF, DOC, "ColumnFilter");
    }

    @Test
    void typeMapping() throws Exception {
        ConfigReferenceTable.assertDocMatches(TypeMapping.CONFIG_DEF, DOC, "TypeMapping");
    }

    @Test
    void omsPartitioner() throws Exception {
        ConfigReferenceTable.assertDocMatches(OmsPartitioner.CONFIG_DEF, DOC, "OmsPartitioner");
    }
}
