package io.obkc.verifier.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.obkc.common.rules.ObjectName;

/**
 * A table's columns and the key used to chunk it.
 *
 * @param keyColumns names of the primary key, or else of a unique key whose columns are all NOT NULL; empty when
 *                   there is none (the table is then compared as a multiset of full rows)
 * @param keyKind    "PRIMARY KEY", "UNIQUE KEY <name>" or "none"
 */
public record TableInfo(ObjectName name, List<ColumnInfo> columns, List<String> keyColumns, String keyKind,
        long estimatedRows) {

    public Optional<ColumnInfo> column(String columnName) {
        String n = columnName.toLowerCase(Locale.ROOT);
        return columns.stream().filter(c -> c.name().toLowerCase(Locale.ROOT).equals(n)).findFirst();
    }

    public boolean hasKey() {
        return !keyColumns.isEmpty();
    }
}
