package io.obkc.acceptance.corpus;

import java.util.ArrayList;
import java.util.List;

/** One table of a sample database with its rows (values as described in {@link ColumnType}). */
public record CorpusTable(String name, List<CorpusColumn> columns, List<String> primaryKey, List<Object[]> rows) {

    public CorpusColumn column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("table " + this.name + " has no column " + name));
    }

    public boolean isKey(CorpusColumn c) {
        return primaryKey.contains(c.name());
    }

    /** The same table with one more column (after the streaming script's ADD COLUMN); rows are not carried. */
    public CorpusTable withColumn(CorpusColumn added) {
        List<CorpusColumn> cols = new ArrayList<>(columns);
        cols.add(added);
        return new CorpusTable(name, List.copyOf(cols), primaryKey, List.of());
    }
}
