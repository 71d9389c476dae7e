package io.obkc.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real database server of the test bed. {@link #kind()} says what it is and {@link #label()}
 * says exactly which product serves it, so test output never passes a stand-in off as the real thing.
 */
public record DatabaseEndpoint(Kind kind, String label, String host, int port, String user, String password,
        String defaultDatabase) {

    public enum Kind {
        MYSQL, POSTGRESQL, OCEANBASE
    }

    /** JDBC URL for the given database (empty or null: none selected, MySQL protocol only). */
    public String jdbcUrl(String database) {
        String db = database == null ? "" : database;
        return switch (kind) {
            case POSTGRESQL -> "jdbc:postgresql://" + host + ":" + port + "/" + (db.isEmpty() ? defaultDatabase : db);
            // useSSL=false: loopback servers without certificates. rewriteBatchedStatements for fast loads.
            case MYSQL, OCEANBASE -> "jdbc:mysql://" + host + ":" + port + "/" + db
                    + "?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true"
                    + "&useUnicode=true&characterEncoding=UTF-8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
        };
    }

    public String jdbcUrl() {
        return jdbcUrl(kind == Kind.POSTGRESQL ? defaultDatabase : "");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /** Runs statements in order on a fresh connection (no database selected for MySQL protocols). */
    public void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** Drops and re-creates a database (MySQL protocols) or schema (PostgreSQL) so a test starts clean. */
    public void recreateDatabase(String name) throws SQLException {
        if (kind == Kind.POSTGRESQL) {
            execute("DROP SCHEMA IF EXISTS \"" + name + "\" CASCADE", "CREATE SCHEMA \"" + name + "\"");
        } else {
            execute("DROP DATABASE IF EXISTS `" + name + "`", "CREATE DATABASE `" + name + "`");
        }
    }

    @Override
    public String toString() {
        // Never includes the password.
        return label + " at " + host + ":" + port + " as " + user;
    }
}
