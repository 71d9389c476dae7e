package io.obkc.verifier.core;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.obkc.verifier.dialect.VerifierDialect;

/**
 * One database to connect to. The password is never part of {@link #toString()} or of any message.
 *
 * @param role     "source" or "target", used in messages
 * @param database the database to connect to (PostgreSQL; optional for MySQL protocols)
 */
public record Endpoint(String role, VerifierDialect dialect, String host, int port, String user, String password,
        String database) {

    public String jdbcUrl() {
        return dialect.jdbcUrl(host, port, database);
    }

    /** Opens and initializes a connection; failures become a {@link VerifyException} naming host:port and what to check. */
    public Connection open() {
        try {
            Connection c = DriverManager.getConnection(jdbcUrl(), user, password == null ? "" : password);
            dialect.initSession(c);
            return c;
        } catch (SQLException e) {
            throw new VerifyException("Cannot connect to the " + role + " " + dialect.name() + " database at " + host + ":"
                    + port + " as user '" + user + "': " + safeMessage(e) + ". Please " + dialect.connectHint()
                    + " (options --" + role + "-url/--" + role + "-user/--" + role + "-password*).", e);
        }
    }

    private String safeMessage(SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (password != null && !password.isEmpty()) {
            m = m.replace(password, "***");
        }
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    @Override
    public String toString() {
        return role + " " + dialect.name() + " at " + host + ":" + port + " as " + user;
    }
}
