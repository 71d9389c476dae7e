package io.obkc.schema;

import java.io.IOException;
import java.util.List;

/** Public door to the package-private corpus helpers for tests in other packages. */
public final class CorpusAccess {
    private CorpusAccess() {
    }

    public static List<String> statements(String resource) throws IOException {
        return Corpus.statements(resource);
    }

    /** Copies rows with plain JDBC (an oracle independent of the code under test): SELECT on src, INSERT on dst. */
    public static void copy(java.sql.Connection src, String srcQuery, java.sql.Connection dst, String dstDb, String dstTable,
            List<String> columns) throws java.sql.SQLException {
        Corpus.copy(src, srcQuery, dst, dstDb, dstTable, columns);
    }
}
