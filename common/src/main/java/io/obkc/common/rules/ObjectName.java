package io.obkc.common.rules;

import java.util.Objects;

/**
 * A database object name as the matching rules see it: a database (MySQL database, PostgreSQL
 * schema, OceanBase database) and a table or view.
 *
 * <p>{@code database} may be {@code null} or empty for single-level names, for example a bare
 * table name; both are treated the same way by {@link ObjectMatcher}. {@code table} must not be
 * null but may be any string, including one with dots or wildcard characters: names are never
 * parsed, only rules are.
 */
public record ObjectName(String database, String table) {

    public ObjectName {
        Objects.requireNonNull(table, "table");
    }

    /** True when this is a two-level name (the database is neither null nor empty). */
    public boolean hasDatabase() {
        return database != null && !database.isEmpty();
    }

    /** The database, with null turned into the empty string; what the database pattern is matched against. */
    public String databaseOrEmpty() {
        return database == null ? "" : database;
    }

    /** {@code db.table}, or just {@code table} when there is no database. Not quoted: for display only. */
    @Override
    public String toString() {
        return hasDatabase() ? database + '.' + table : table;
    }
}
