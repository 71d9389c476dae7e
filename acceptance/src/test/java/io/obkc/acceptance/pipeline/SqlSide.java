package io.obkc.acceptance.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

import io.obkc.testing.DatabaseEndpoint;

/**
 * One side of the comparison: a server and the database on it (a MariaDB or OceanBase database, or a PostgreSQL
 * schema inside the endpoint's database). It only knows how to name things in that engine's SQL.
 */
public record SqlSide(DatabaseEndpoint endpoint, String database) {

    public boolean postgres() {
        return endpoint.kind() == DatabaseEndpoint.Kind.POSTGRESQL;
    }

    public Connection connect() throws SQLException {
        return postgres() ? endpoint.connect() : endpoint.connect(database);
    }

    public String quote(String identifier) {
        return postgres() ? "\"" + identifier.replace("\"", "\"\"") + "\"" : "`" + identifier.replace("`", "``") + "`";
    }

    public String table(String table) {
        return quote(database) + "." + quote(table);
    }

    public String columns(List<String> names) {
        return names.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    public String describe() {
        return (postgres() ? "schema " : "database ") + database + " on " + endpoint;
    }
}
