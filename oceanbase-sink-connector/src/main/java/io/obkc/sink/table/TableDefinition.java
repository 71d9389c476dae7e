package io.obkc.sink.table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the sink knows of a target table: its columns (by lower-cased name), primary key and other unique keys. */
public final class TableDefinition {
    /** A target column: name as the database spells it, its data type (lower case) and nullability. */
    public record Column(String name, String dataType, String columnType, boolean nullable) {
    }

    private final TableId id;
    private final Map<String, Column> columns;
    private final List<String> primaryKey;
    private final List<List<String>> uniqueKeys;

    public TableDefinition(TableId id, List<Column> columns, List<String> primaryKey) {
        this(id, columns, primaryKey, List.of());
    }

    /** @param uniqueKeys the columns of each UNIQUE index other than the primary key */
    public TableDefinition(TableId id, List<Column> columns, List<String> primaryKey, List<List<String>> uniqueKeys) {
        this.id = id;
        this.uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
        this.columns = new LinkedHashMap<>();
        for (Column c : columns) {
            this.columns.put(c.name().toLowerCase(Locale.ROOT), c);
        }
        this.primaryKey = List.copyOf(primaryKey);
    }

    public TableId id() {
        return id;
    }

    /** MySQL-mode column names are case-insensitive, so lookups are too. */
    public Column column(String name) {
        return columns.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean hasColumn(String name) {
        return column(name) != null;
    }

    public java.util.Collection<Column> columns() {
        return columns.values();
    }

    public List<String> primaryKey() {
        return primaryKey;
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    /** The columns of each UNIQUE index other than the primary key, in index order. */
    public List<List<String>> uniqueKeys() {
        return uniqueKeys;
    }
}
