package io.obkc.verifier.core;

import io.obkc.verifier.model.ColumnInfo;

/** The same column on both sides. */
public record ColumnPair(ColumnInfo source, ColumnInfo target) {
    public String name() {
        return source.name();
    }
}
