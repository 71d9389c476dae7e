package io.obkc.schema.convert;

import java.util.List;

/** A view's SELECT in target SQL, and what the report should tell about it. */
public record TranslatedView(String select, List<String> warnings) {
    public TranslatedView {
        warnings = List.copyOf(warnings);
    }
}
