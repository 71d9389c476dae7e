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
}
