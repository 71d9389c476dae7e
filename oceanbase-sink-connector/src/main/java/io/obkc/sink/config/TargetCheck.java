package io.obkc.sink.config;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.sink.OceanBaseSinkConnectorConfig;

/**
 * The connected part of the sink's validate(): is the URL's driver present, does the host answer, do the credentials
 * work, is the server an OceanBase MySQL-mode tenant (or a MySQL-compatible stand-in), and does the user hold the
 * privileges the configured features need. Each problem is reported once, on the setting at fault, within a few
 * seconds: the same mistakes otherwise surface only when a task runs, or after minutes of retries.
 */
public final class TargetCheck {
    private static final Logger LOG = LoggerFactory.getLogger(TargetCheck.class);
    /** Upper bound for each network step of the check (TCP connect, then the login); connection.timeout.ms may lower it. */
    public static final int MAX_STEP_TIMEOUT_MS = 5_000;
    private static final Pattern OCEANBASE_VERSION = Pattern.compile("OceanBase(?:_CE)?\\s+(\\d+)\\.(\\d+)");
    private static final Pattern GRANT = Pattern.compile("(?is)^GRANT\\s+(.+?)\\s+ON\\s+(.+?)\\s+TO\\s+.*$");

    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    private TargetCheck() {
    }

    /**
     * @param props the connector settings, already valid field by field (the caller skips this otherwise)
     * @return problems keyed by the setting they concern; empty when the target is usable
     */
    public static Map<String, List<String>> run(Map<String, String> props) {
        TargetCheck check = new TargetCheck();
        check.check(props);
        return check.problems;
    }

    private void add(String field, String message) {
        problems.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }

    private void check(Map<String, String> props) {
        String url = props.getOrDefault(OceanBaseSinkConnectorConfig.CONNECTION_URL, "").trim();
        String user = props.getOrDefault(OceanBaseSinkConnectorConfig.CONNECTION_USER, "root");
        String password = props.getOrDefault(OceanBaseSinkConnectorConfig.CONNECTION_PASSWORD, "");
        if (url.contains("${") || user.contains("${") || password.contains("${")) {
            // An unresolved ConfigProvider reference: the worker resolves it when the task starts, not here.
            LOG.info("Not connecting during validation: a connection setting holds an unresolved ${...} reference");
            return;
        }
        int timeoutMs = stepTimeoutMs(props);
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            add(OceanBaseSinkConnectorConfig.CONNECTION_URL, "No JDBC driver for this URL's scheme is installed with the plugin. "
                    + "The bundle ships MySQL Connector/J (jdbc:mysql://) and OceanBase Connector/J (jdbc:oceanbase://); "
                    + "reinstall the plugin's lib/ directory complete.");
            return;
        }
        if (!reachable(url, timeoutMs)) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", String.valueOf(timeoutMs));
        p.setProperty("socketTimeout", String.valueOf(timeoutMs));
        p.setProperty("useSSL", "false");
        p.setProperty("allowPublicKeyRetrieval", "true");
        try (Connection c = DriverManager.getConnection(url, p)) {
            checkServer(c);
            checkPrivileges(c, user, props);
        } catch (SQLException e) {
            loginFailed(e, user, timeoutMs);
        }
    }

    private static int stepTimeoutMs(Map<String, String> props) {
        int configured;
        try {
            configured = Integer.parseInt(props.getOrDefault(OceanBaseSinkConnectorConfig.CONNECTION_TIMEOUT_MS, "30000").trim());
        } catch (NumberFormatException e) {
            configured = MAX_STEP_TIMEOUT_MS;
        }
        return configured <= 0 ? MAX_STEP_TIMEOUT_MS : Math.min(configured, MAX_STEP_TIMEOUT_MS);
    }

    /** A plain TCP connect to each host, so "unknown host", "nothing listens" and "no answer" get their own message fast. */
    private boolean reachable(String url, int timeoutMs) {
        List<JdbcUrls.HostPort> hosts = JdbcUrls.hosts(url);
        if (hosts.isEmpty()) {
            return true; // a form we do not parse: the login below reports what the driver finds
        }
        List<String> failures = new ArrayList<>();
        for (JdbcUrls.HostPort hp : hosts) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hp.host(), hp.port()), timeoutMs);
                return true; // one reachable host is enough: the others are fail-over addresses
            } catch (UnknownHostException e) {
                failures.add("Unknown host '" + hp.host() + "': the name does not resolve; check the host in connection.url.");
            } catch (SocketTimeoutException e) {
                failures.add("No answer from " + hp + " within " + timeoutMs + " ms: the host is down or unreachable, or a firewall drops "
                        + "the packets; check the host and port in connection.url.");
            } catch (ConnectException e) {
                failures.add("Nothing accepts connections on " + hp + " (" + e.getMessage() + "); check the port in connection.url "
                        + "and that the server is running.");
            } catch (IOException | IllegalArgumentException e) {
                failures.add("Cannot reach " + hp + ": " + e.getMessage() + "; check connection.url.");
            }
        }
        failures.forEach(f -> add(OceanBaseSinkConnectorConfig.CONNECTION_URL, f));
        return false;
    }

    private void loginFailed(SQLException e, String user, int timeoutMs) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        if (code == 1045 || state.startsWith("28")) {
            add(OceanBaseSinkConnectorConfig.CONNECTION_PASSWORD, "Access denied for user '" + user + "': check connection.password "
                    + "(and connection.user; OceanBase users are written user@tenant). Server said: " + e.getMessage());
        } else if (code == 1049) {
            add(OceanBaseSinkConnectorConfig.CONNECTION_URL, "The database named in connection.url does not exist; leave the database "
                    + "out of the URL. Server said: " + e.getMessage());
        } else if (hasCause(e, SocketTimeoutException.class) || state.startsWith("08") && e.getMessage() != null
                && e.getMessage().toLowerCase(Locale.ROOT).contains("timed out")) {
            add(OceanBaseSinkConnectorConfig.CONNECTION_URL, "The server at connection.url accepted a TCP connection but did not complete "
                    + "the MySQL handshake within " + timeoutMs + " ms: is this port a MySQL-protocol server (OceanBase, OBProxy)? "
                    + "Driver said: " + e.getMessage());
        } else {
            add(OceanBaseSinkConnectorConfig.CONNECTION_URL, "Cannot log in to the server at connection.url: " + e.getMessage());
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** OceanBase 4.x in MySQL mode, or any other MySQL-protocol server (a stand-in, allowed and logged). */
    private void checkServer(Connection c) throws SQLException {
        String version;
        String comment;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@version, @@version_comment")) {
            rs.next();
            version = rs.getString(1);
            comment = rs.getString(2);
        }
        String both = version + " " + comment;
        if (!both.contains("OceanBase")) {
            LOG.info("Target is not OceanBase ({} / {}); the sink writes MySQL-compatible SQL, but only OceanBase is supported", version, comment);
            return;
        }
        Matcher m = OCEANBASE_VERSION.matcher(comment == null ? "" : comment);
        if (m.find() && Integer.parseInt(m.group(1)) < 4) {
            add(OceanBaseSinkConnectorConfig.CONNECTION_URL, "The target is " + comment + "; the sink needs OceanBase 4.0 or later "
                    + "(MySQL mode).");
        }
        String mode = null;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW VARIABLES LIKE 'ob_compatibility_mode'")) {
            if (rs.next()) {
                mode = rs.getString(2);
            }
        }
        if (mode != null && !mode.equalsIgnoreCase("MYSQL")) {
            add(OceanBaseSinkConnectorConfig.CONNECTION_USER, "The tenant of this user is in " + mode + " mode; the sink writes to "
                    + "OceanBase MySQL-mode tenants only. Log in to a MySQL-mode tenant (user@tenant).");
        }
    }

    /**
     * Compares the privileges the configured features need with those granted to the user anywhere (globally or on
     * some database): it catches a user that cannot write at all, not one granted on the wrong database.
     */
    private void checkPrivileges(Connection c, String user, Map<String, String> props) throws SQLException {
        Set<String> granted = new LinkedHashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                Matcher m = GRANT.matcher(rs.getString(1).trim());
                if (!m.matches()) {
                    return; // a role grant: its privileges are not listed here, so nothing can be concluded
                }
                // Column lists, as in SELECT (a, b), hold commas of their own.
                for (String priv : m.group(1).replaceAll("\\([^)]*\\)", "").split(",")) {
                    granted.add(priv.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " "));
                }
            }
        } catch (SQLException e) {
            LOG.info("Cannot read the grants of '{}' ({}); the privilege check is skipped", user, e.getMessage());
            return;
        }
        if (granted.contains("ALL PRIVILEGES") || granted.contains("ALL")) {
            return;
        }
        need(granted, OceanBaseSinkConnectorConfig.CONNECTION_USER, "writing rows", "SELECT", "INSERT", "UPDATE");
        if (isTrue(props, OceanBaseSinkConnectorConfig.DELETE_ENABLED, true)) {
            need(granted, OceanBaseSinkConnectorConfig.DELETE_ENABLED, "delete.enabled=true", "DELETE");
        }
        if (isTrue(props, OceanBaseSinkConnectorConfig.TRUNCATE_ENABLED, true)) {
            need(granted, OceanBaseSinkConnectorConfig.TRUNCATE_ENABLED, "truncate.enabled=true (TRUNCATE TABLE)", "DROP");
        }
        if (isTrue(props, OceanBaseSinkConnectorConfig.AUTO_CREATE, true)) {
            need(granted, OceanBaseSinkConnectorConfig.AUTO_CREATE, "auto.create=true", "CREATE");
        }
        if (isTrue(props, OceanBaseSinkConnectorConfig.AUTO_EVOLVE, true)) {
            need(granted, OceanBaseSinkConnectorConfig.AUTO_EVOLVE, "auto.evolve=true", "ALTER");
        }
        if (isTrue(props, OceanBaseSinkConnectorConfig.DDL_SYNC_ENABLED, true)) {
            need(granted, OceanBaseSinkConnectorConfig.DDL_SYNC_ENABLED, "ddl.sync.enabled=true", "CREATE", "ALTER", "DROP", "INDEX");
            if (!props.getOrDefault(OceanBaseSinkConnectorConfig.DDL_AUDIT_TABLE, "obkc_meta.ddl_audit").isBlank()) {
                need(granted, OceanBaseSinkConnectorConfig.DDL_AUDIT_TABLE, "the DDL audit table", "CREATE", "INSERT");
            }
        }
        if (!props.getOrDefault(OceanBaseSinkConnectorConfig.OFFSETS_STORAGE_TABLE, "").isBlank()) {
            need(granted, OceanBaseSinkConnectorConfig.OFFSETS_STORAGE_TABLE, "the offsets table", "CREATE", "SELECT", "INSERT", "UPDATE");
        }
    }

    private void need(Set<String> granted, String field, String feature, String... privileges) {
        List<String> missing = new ArrayList<>();
        for (String p : privileges) {
            if (!granted.contains(p)) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            add(field, "User lacks the " + String.join(", ", missing) + " privilege" + (missing.size() > 1 ? "s" : "") + " needed for "
                    + feature + ": GRANT " + String.join(", ", missing) + " ON <database>.* TO the user, or turn the feature off.");
        }
    }

    private static boolean isTrue(Map<String, String> props, String key, boolean dflt) {
        String v = props.get(key);
        return v == null ? dflt : Boolean.parseBoolean(v.trim());
    }
}
