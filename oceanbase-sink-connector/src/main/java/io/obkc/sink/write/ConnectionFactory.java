package io.obkc.sink.write;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.common.sql.JdbcUrls;
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
    private final String originMarker;
    private final boolean binlogEnabled;
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
        this.originMarker = config.sessionOriginMarker();
        this.binlogEnabled = config.sessionBinlogEnabled();
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
        return JdbcUrls.redact(url);
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
                try {
                    initSession(c);
                } catch (SQLException | RuntimeException e) {
                    c.close();
                    throw e;
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

    /** The session settings the write path relies on, and the loop-prevention marks of two-way sync. */
    private void initSession(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            s.execute("SET NAMES utf8mb4");
            // Foreign keys are deferred to switchover; a stream applied table by table may reach a child first.
            s.execute("SET foreign_key_checks = 0");
            keepZeroKeys(s);
            boundOrphanedTransactions(s);
            if (!binlogEnabled) {
                disableBinlog(s);
            }
        }
        if (!originMarker.isEmpty()) {
            // Read by the change-log triggers of an OceanBase source on these tables (docs/migration-guide.md).
            try (java.sql.PreparedStatement ps = c.prepareStatement("SET @obkc_origin = ?")) {
                ps.setString(1, originMarker);
                ps.execute();
            }
        }
    }

    /**
     * session.binlog.enabled=false: the session's writes are not binlogged, so a binlog reader of the other direction never
     * sees them. A refusal is not retried: it is a missing privilege, named in the error.
     */
    static void disableBinlog(Statement s) throws SQLException {
        try {
            s.execute("SET SESSION sql_log_bin = 0");
        } catch (SQLException e) {
            throw new org.apache.kafka.connect.errors.ConnectException("session.binlog.enabled=false: the server refused SET SESSION "
                    + "sql_log_bin = 0 (" + e.getMessage() + "). Grant the sink's user BINLOG ADMIN (MariaDB 10.5.2+) or SUPER, or "
                    + "SYSTEM_VARIABLES_ADMIN (MySQL 8), or set session.binlog.enabled=true", e);
        }
    }

    /** How long an OceanBase transaction of the sink may sit between statements before the server rolls it back. */
    static final long TRX_IDLE_TIMEOUT_US = 120_000_000L;
    /** Longest an OceanBase transaction of the sink may live (a whole batch or source transaction). */
    static final long TRX_TIMEOUT_US = 3_600_000_000L;

    /**
     * On OceanBase, bounds how long a transaction of this session can outlive it. OceanBase's defaults are a day
     * (ob_trx_timeout and ob_trx_idle_timeout 86,400 s): when a sink session ended mid-transaction (a killed worker, a
     * killed session, a restart of the server), its transaction went on holding its row locks, and every later write of
     * those rows, also by the next owner of the partition, waited on them (the fault harness saw a task retrying on 1205
     * lock wait timeouts for minutes). The sink never leaves a transaction idle, so 120 s idle is ample. Other
     * MySQL-family servers have no such variables and are left alone.
     */
    static void boundOrphanedTransactions(Statement s) throws SQLException {
        String version;
        try (java.sql.ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            version = rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
        }
        if (version.contains("OceanBase")) {
            s.execute("SET SESSION ob_trx_idle_timeout = " + TRX_IDLE_TIMEOUT_US + ", ob_trx_timeout = " + TRX_TIMEOUT_US);
        }
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
