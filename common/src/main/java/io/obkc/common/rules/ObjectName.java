package io.obkc.common.rules;

/** TEMP stub of the shared rule engine (replaced by the rules branch): a database-qualified object name. */
public record ObjectName(String database, String table) {
    @Override
    public String toString() {
        return database + "." + table;
    }
}
