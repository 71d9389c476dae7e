package io.obkc.acceptance.corpus;

/** A column of a corpus table: its name as the sample database spells it, its type, and whether it admits NULL. */
public record CorpusColumn(String name, ColumnType type, boolean nullable) {
}
