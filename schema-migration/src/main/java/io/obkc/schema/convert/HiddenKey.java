package io.obkc.schema.convert;

/** A column and unique index added to a table without a usable key, to be dropped at switchover with {@code dropDdl}. */
public record HiddenKey(String database, String table, String column, String index, String dropDdl) {
}
