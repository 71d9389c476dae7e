package io.obkc.acceptance.corpus;

import java.util.List;

/**
 * A public sample database as the acceptance suite loads it: where it comes from ({@code origin}: registry package,
 * version, file, licence of the data), its tables in load order and its foreign keys.
 */
public record CorpusDatabase(String name, String origin, List<CorpusTable> tables, List<ForeignKey> foreignKeys) {

    public CorpusTable table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(this.name + " has no table " + name));
    }

    public long rowCount() {
        return tables.stream().mapToLong(t -> t.rows().size()).sum();
    }

    /** Whether some foreign key points at this table (its rows may then not be deleted freely on the source). */
    public boolean isReferenced(String table) {
        return foreignKeys.stream().anyMatch(f -> f.referencedTable().equals(table));
    }

    public boolean isForeignKeyColumn(String table, String column) {
        return foreignKeys.stream().anyMatch(f -> f.table().equals(table) && f.columns().contains(column));
    }

    public String summary() {
        StringBuilder b = new StringBuilder(name + " (" + origin + "): " + rowCount() + " rows in " + tables.size() + " tables:");
        for (CorpusTable t : tables) {
            b.append(' ').append(t.name()).append('=').append(t.rows().size());
        }
        return b.toString();
    }
}
