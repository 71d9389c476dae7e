package io.obkc.sink.table;

import io.obkc.common.sql.Identifiers;

/** A target table: database and table name, as they will be quoted into SQL. */
public record TableId(String database, String table) {
    public TableId {
        if (table == null || table.isEmpty()) {
            throw new IllegalArgumentException("table name must not be empty");
        }
    }

    public String quoted() {
        return Identifiers.quoteMysql(database, table);
    }

    @Override
    public String toString() {
        return database == null || database.isEmpty() ? table : database + "." + table;
    }
}
