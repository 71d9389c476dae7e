package io.obkc.source.binlog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code OceanBaseSourceConnector.validate()} checks for capture.mode=binlog, through the same ODP the task will
 * use: the log-in, the tenant's binlog (SHOW MASTER STATUS answered by obbinlog), ROW/FULL row images, the replication
 * privileges, the OceanBase version, and {@code _show_ddl_in_compat_mode} when it is on. Each problem names the key to
 * fix and what to do. The password is never part of a message.
 */
public final class OceanBaseBinlogPreflight {
    /** A finding for one configuration key. */
    public record Problem(String key, String message) {
    }

    private static final Pattern OB_VERSION = Pattern.compile("OceanBase[^0-9]*?v?(\\d+)\\.(\\d+)\\.(\\d+)(?:\\.(\\d+))?", Pattern.CASE_INSENSITIVE);

    private OceanBaseBinlogPreflight() {
    }

    public static List<Problem> check(OceanBaseBinlogConfig config) {
        List<Problem> problems = new ArrayList<>();
        String host = config.getString(OceanBaseBinlogConfig.HOSTNAME);
        int port = config.getInt(OceanBaseBinlogConfig.PORT);
        String user = config.getString(OceanBaseBinlogConfig.USER);
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", config.getPassword(OceanBaseBinlogConfig.PASSWORD).value());
        p.setProperty("connectTimeout", "10000");
        p.setProperty("socketTimeout", "30000");
        String url = "jdbc:mysql://" + host + ":" + port + "/";
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
            checkVersion(s, problems);
            checkBinlog(s, problems);
            checkGrants(s, user, problems);
            if (config.getBoolean(OceanBaseBinlogConfig.SHOW_DDL_IN_COMPAT_MODE)) {
                try {
                    s.execute(OceanBaseBinlogConfig.COMPAT_MODE_STATEMENT);
                } catch (SQLException e) {
                    problems.add(new Problem(OceanBaseBinlogConfig.SHOW_DDL_IN_COMPAT_MODE, "The server refused '"
                            + OceanBaseBinlogConfig.COMPAT_MODE_STATEMENT + "' (" + e.getMessage() + "). It needs OceanBase 4.1.0 CE BP2 or "
                            + "later; on other servers set " + OceanBaseBinlogConfig.SHOW_DDL_IN_COMPAT_MODE + "=false."));
                }
            }
        } catch (SQLException e) {
            problems.add(new Problem(OceanBaseBinlogConfig.USER, "Cannot log in to " + host + ":" + port + " as '" + user + "': "
                    + e.getMessage() + ". Through ODP the user is user@tenant#cluster; check host, port, user and password."));
        }
        return problems;
    }

    private static void checkVersion(Statement s, List<Problem> problems) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            String problem = versionProblem(rs.getString(1));
            if (problem != null) {
                problems.add(new Problem(OceanBaseBinlogConfig.HOSTNAME, problem));
            }
        }
    }

    /** Null when the version can serve a binlog; servers that are not OceanBase (a MySQL-protocol stand-in) pass. */
    static String versionProblem(String version) {
        Matcher m = OB_VERSION.matcher(version);
        if (!m.find()) {
            return null;
        }
        int major = Integer.parseInt(m.group(1));
        int[] v = {major, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4))};
        int[] min = major >= 4 ? new int[] {4, 1, 0, 1} : new int[] {3, 2, 4, 4};
        return compare(v, min) >= 0 ? null : "OceanBase " + version + " has no Binlog Service support; it needs 3.2.4.4 or later (3.x) "
                + "or 4.1.0.1 or later (4.x).";
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static void checkBinlog(Statement s, List<Problem> problems) {
        try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next() || rs.getString(1) == null || rs.getString(1).isEmpty()) {
                problems.add(new Problem(OceanBaseBinlogConfig.HOSTNAME, "SHOW MASTER STATUS returned no binlog: the tenant has no binlog. "
                        + "Run CREATE BINLOG FOR TENANT on the OceanBase Binlog Service and set binlog_service_ip on ODP."));
                return;
            }
        } catch (SQLException e) {
            problems.add(new Problem(OceanBaseBinlogConfig.HOSTNAME, "SHOW MASTER STATUS failed (" + e.getMessage() + "): connect through an "
                    + "ODP whose binlog_service_ip points at the OceanBase Binlog Service, to a tenant with a binlog (CREATE BINLOG FOR TENANT)."));
            return;
        }
        requireVariable(s, "binlog_format", "ROW", problems);
        requireVariable(s, "binlog_row_image", "FULL", problems);
    }

    private static void requireVariable(Statement s, String name, String expected, List<Problem> problems) {
        try (ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name + "'")) {
            String value = rs.next() ? rs.getString(2) : null;
            if (value == null || !expected.equalsIgnoreCase(value)) {
                problems.add(new Problem(OceanBaseBinlogConfig.HOSTNAME, name + " is " + value + "; change events need " + name + "=" + expected
                        + "."));
            }
        } catch (SQLException e) {
            problems.add(new Problem(OceanBaseBinlogConfig.HOSTNAME, "Cannot read " + name + ": " + e.getMessage()));
        }
    }

    private static void checkGrants(Statement s, String user, List<Problem> problems) {
        StringBuilder grants = new StringBuilder();
        try (ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                grants.append(rs.getString(1).toUpperCase(Locale.ROOT)).append('\n');
            }
        } catch (SQLException e) {
            problems.add(new Problem(OceanBaseBinlogConfig.USER, "SHOW GRANTS failed for '" + user + "': " + e.getMessage()));
            return;
        }
        String g = grants.toString();
        boolean all = g.contains("ALL PRIVILEGES ON *.*");
        for (String privilege : List.of("REPLICATION SLAVE", "REPLICATION CLIENT")) {
            if (!all && !g.contains(privilege)) {
                problems.add(new Problem(OceanBaseBinlogConfig.USER, "'" + user + "' lacks " + privilege + ": GRANT REPLICATION SLAVE, "
                        + "REPLICATION CLIENT ON *.* TO the user."));
            }
        }
    }
}
