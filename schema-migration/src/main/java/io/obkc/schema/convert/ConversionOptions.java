package io.obkc.schema.convert;

import java.util.Map;

/**
 * Options of the conversion.
 *
 * @param indexCreation when plain secondary (non-unique) indexes are created
 * @param hiddenKeyColumn name of the column added to tables without a primary key or non-null unique key
 * @param collationOverrides source collation -> target collation, applied before the automatic mapping
 * @param keyCollation target collation of the string columns of primary and unique keys (e.g. utf8mb4_bin, to keep
 *        keys that differ only in case apart as the source does); null: the mapped collation
 */
public record ConversionOptions(IndexCreation indexCreation, String hiddenKeyColumn, Map<String, String> collationOverrides,
        String keyCollation) {
    public static final String DEFAULT_HIDDEN_KEY_COLUMN = "__obkc_pk";

    public enum IndexCreation {
        /** With the table, before the full load (OMS "Migrate with Schema"). */
        BEFORE,
        /** After the full load (OMS "Post-Full-Migration"): faster loads; recorded in the state file. */
        AFTER
    }

    public ConversionOptions {
        collationOverrides = Map.copyOf(collationOverrides);
    }

    public static ConversionOptions defaults() {
        return new ConversionOptions(IndexCreation.BEFORE, DEFAULT_HIDDEN_KEY_COLUMN, Map.of(), null);
    }

    public ConversionOptions(IndexCreation indexCreation, String hiddenKeyColumn, Map<String, String> collationOverrides) {
        this(indexCreation, hiddenKeyColumn, collationOverrides, null);
    }

    public ConversionOptions withKeyCollation(String collation) {
        return new ConversionOptions(indexCreation, hiddenKeyColumn, collationOverrides, collation);
    }
}
