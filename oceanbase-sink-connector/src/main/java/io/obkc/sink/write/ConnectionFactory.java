package io.obkc.sink.write;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.sink.OceanBaseSinkConnectorConfig;

/** Opens sink connections with the session settings the write path relies on. */
public final class ConnectionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionFactory.class);

    private final String url;
    private final String user;
    private final String password;
    private final int attempts;
    private final long backoffMs;
    private final int connectTimeoutMs;
    private final int rowSocketTimeoutMs;
    /** Told of every connection opened (the task's metrics count reconnects with it). */
    private volatile Runnable onOpen = () -> { };

    public ConnectionFactory(OceanBaseSinkConnectorConfig config) {
        this.url = config.connectionUrl();
        this.user = config.connectionUser();
        this.password = config.connectionPassword().value();
        this.attempts = config.getInt(OceanBaseSinkConnectorConfig.CONNECTION_ATTEMPTS);
        this.backoffMs = config.getLong(OceanBaseSinkConnectorConfig.RETRY_BACKOFF_MS);
        this.connectTimeoutMs = config.getInt(OceanBaseSinkConnectorConfig.CONNECTION_TIMEOUT_MS);
        this.rowSocketTimeoutMs = config.getInt(OceanBaseSinkConnectorConfig.CONNECTION_SOCKET_TIMEOUT_MS);
    }

    /**
     * A connection for row changes: with a socket timeout, so a statement the server never answers fails as a lost
     * connection (and is retried) instead of holding the task forever.
     */
    public Connection openForRows() throws SQLException {
        return open(rowSocketTimeoutMs);
    }

    /** A connection without a socket timeout, for schema changes that may legitimately run long. */
    public Connection open() throws SQLException {
        return open(0);
    }

    /** Runs {@code listener} after every connection this factory opens. */
    public void onOpen(Runnable listener) {
        this.onOpen = listener;
    }

    /** The URL with any inline password removed, safe for logs. */
    public String safeUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private Connection open(int socketTimeoutMs) throws SQLException {
        SQLException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                Properties p = new Properties();
                p.setProperty("user", user);
                p.setProperty("password", password);
                // Temporal values are bound as UTC text; no driver-side zone conversion on top of it.
                p.setProperty("connectionTimeZone", "UTC");
                p.setProperty("characterEncoding", "UTF-8");
                p.setProperty("useSSL", p.getProperty("useSSL", "false"));
                p.setProperty("allowPublicKeyRetrieval", "true");
                // Our statements are already multi-row, and OceanBase rejects some rewritten batches (oceanbase#1762).
                p.setProperty("rewriteBatchedStatements", "false");
                p.setProperty("cachePrepStmts", "true");
                if (!url.contains("connectTimeout=")) {
                    p.setProperty("connectTimeout", String.valueOf(connectTimeoutMs));
                }
                if (!url.contains("socketTimeout=")) {
                    p.setProperty("socketTimeout", String.valueOf(socketTimeoutMs));
                }
                Connection c = DriverManager.getConnection(url, p);
                try (Statement s = c.createStatement()) {
                    s.execute("SET time_zone = '+00:00'");
                    s.execute("SET NAMES utf8mb4");
                    // Foreign keys are deferred to switchover; a stream applied table by table may reach a child first.
                    s.execute("SET foreign_key_checks = 0");
                    keepZeroKeys(s);
                }
                c.setAutoCommit(false);
                onOpen.run();
                return c;
            } catch (SQLException e) {
                last = e;
                LOG.warn("Connection attempt {}/{} to {} failed: {}", attempt, attempts, safeUrl(), e.getMessage());
                if (attempt < attempts) {
                    sleep(backoffMs * attempt);
                }
            }
        }
        throw new SQLException("Cannot connect to " + safeUrl() + " as " + user + " after " + attempts + " attempts: "
                + (last == null ? "" : last.getMessage()) + ". Check connection.url, connection.user and the password, and that the server is up.",
                last == null ? "08001" : last.getSQLState(), last == null ? 0 : last.getErrorCode(), last);
    }

    /**
     * Adds NO_AUTO_VALUE_ON_ZERO to the session's sql_mode, keeping the server's other modes: without it, a row whose
     * AUTO_INCREMENT key is 0 is inserted under a new generated key, and every later upsert of key 0 adds another row.
     */
    static void keepZeroKeys(Statement s) throws SQLException {
        String mode;
        try (java.sql.ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
            mode = rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
        }
        String wanted = withNoAutoValueOnZero(mode);
        if (!wanted.equals(mode)) {
            s.execute("SET SESSION sql_mode = '" + wanted.replace("'", "''") + "'");
        }
    }

    static String withNoAutoValueOnZero(String mode) {
        for (String m : mode.split(",")) {
            if (m.trim().equalsIgnoreCase("NO_AUTO_VALUE_ON_ZERO")) {
                return mode;
            }
        }
        return mode.isBlank() ? "NO_AUTO_VALUE_ON_ZERO" : mode + ",NO_AUTO_VALUE_ON_ZERO";
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
