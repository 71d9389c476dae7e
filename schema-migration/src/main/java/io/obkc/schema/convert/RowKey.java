package io.obkc.schema.convert;

import java.util.List;

/** The key that identifies a target row during migration: {@code PRIMARY}, a non-null {@code UNIQUE} key, or {@code HIDDEN}. */
public record RowKey(String database, String table, String kind, String index, List<String> columns) {
}
