package io.obkc.common.rules;

/**
 * TEMPORARY STUB of the shared rule engine (to be replaced by the rules branch).
 * A database (PostgreSQL: schema) and table name.
 */
public record ObjectName(String database, String table) {
    @Override
    public String toString() {
        return database + "." + table;
    }
}
