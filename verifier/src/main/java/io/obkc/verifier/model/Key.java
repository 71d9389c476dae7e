package io.obkc.verifier.model;

import java.util.List;

/** A row key as canonical texts, one per key column, in key order. */
public record Key(List<String> values) {
    public Key {
        values = List.copyOf(values);
    }

    @Override
    public String toString() {
        return values.size() == 1 ? values.get(0) : values.toString();
    }
}
