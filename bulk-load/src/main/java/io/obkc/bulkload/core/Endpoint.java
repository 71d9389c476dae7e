package io.obkc.bulkload.core;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

import io.obkc.common.sql.JdbcUrls;

/**
 * One database: the host, port and database of the user's JDBC URL, with the bulk load's own driver settings (the
 * verifier reads URLs with the same JdbcUrls). The password is never part of {@link #toString()} or of a message.
 */
public record Endpoint(String role, SourceKind kind, String host, int port, String database, String user, String password) {
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    /** Parses {@code jdbc:mysql|mariadb|oceanbase://host:port/[db]} or {@code jdbc:postgresql://host:port/db}. */
    public static Endpoint parse(String role, String url, String user, String password) {
        if (url == null) {
            throw new BulkLoadException("Give --" + role + "-url, for example jdbc:mysql://127.0.0.1:3306/");
        }
        JdbcUrls.Parts u = JdbcUrls.parse(role, url, BulkLoadException::new);
        if (user == null) {
            throw new BulkLoadException("Give --" + role + "-user");
        }
        return new Endpoint(role, u.postgres() ? SourceKind.POSTGRESQL : SourceKind.MYSQL, u.host(), u.port(), u.database(), user,
                password == null ? "" : password);
    }

    public String jdbcUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        if (kind == SourceKind.POSTGRESQL) {
            return "jdbc:postgresql://" + h + ":" + port + "/" + database;
        }
        // Client-side prepared statements (the multi-row INSERT is sent as one text statement), no SSL on loopback
        // test beds, UTF-8 (utf8mb4) both ways; the session's time zone is set by initSession.
        return "jdbc:mysql://" + h + ":" + port + "/?useSSL=false&allowPublicKeyRetrieval=true&characterEncoding=UTF-8"
                + "&useServerPrepStmts=false&useLocalSessionState=true&elideSetAutoCommits=true&maintainTimeStats=false"
                + "&tcpKeepAlive=true";
    }

    /** A connection with the session settings the exact transfer relies on (UTC, strict SQL mode on the target). */
    public Connection open() {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        // PostgreSQL counts seconds, Connector/J milliseconds.
        p.setProperty("connectTimeout", String.valueOf(kind == SourceKind.POSTGRESQL ? CONNECT_TIMEOUT_MS / 1000 : CONNECT_TIMEOUT_MS));
        Connection c;
        try {
            c = DriverManager.getConnection(jdbcUrl(), p);
        } catch (SQLException e) {
            throw new BulkLoadException("Cannot connect to the " + role + " database at " + host + ":" + port + " as user '" + user
                    + "': " + safe(e) + ". Please check that the server is running and reachable, and --" + role + "-url, --"
                    + role + "-user and the password.", e);
        }
        try {
            initSession(c);
            return c;
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing
            }
            throw new BulkLoadException("Preparing the " + role + " session at " + host + ":" + port + ": " + safe(e), e);
        }
    }

    private void initSession(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (kind == SourceKind.POSTGRESQL) {
                // Shortest text that reads back to the same float; ISO dates; timestamptz shown in UTC.
                s.execute("SET extra_float_digits = 1");
                s.execute("SET DateStyle = 'ISO, YMD'");
                s.execute("SET TimeZone = 'UTC'");
                s.execute("SET IntervalStyle = 'postgres'");
                return;
            }
            s.execute("SET time_zone = '+00:00'");
            if (role.equals("source")) {
                // A streaming read waits while the target is written: the server must not give up on it.
                s.execute("SET SESSION net_write_timeout = 3600");
                return;
            }
            String mode;
            try (ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
                rs.next();
                mode = rs.getString(1) == null ? "" : rs.getString(1);
            }
            // Strict: a value the target cannot hold is an error, never a silent truncation or a warning.
            if (!mode.toUpperCase(Locale.ROOT).contains("STRICT_ALL_TABLES")) {
                s.execute("SET SESSION sql_mode = '" + (mode.isEmpty() ? "" : mode + ",") + "STRICT_ALL_TABLES'");
            }
            try {
                // OceanBase's default statement timeout is 10 s; large rows may need longer.
                s.execute("SET SESSION ob_query_timeout = 3600000000, ob_trx_timeout = 3600000000");
            } catch (SQLException notOceanBase) {
                // MySQL/MariaDB as target (tests, or a MySQL-mode look-alike): not needed.
            }
        }
    }

    private String safe(SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (!password.isEmpty()) {
            m = m.replace(password, "***");
        }
        return m.lines().findFirst().orElse("");
    }

    @Override
    public String toString() {
        return role + " " + kind.name().toLowerCase(Locale.ROOT) + " at " + host + ":" + port + " as " + user;
    }
}
