package io.obkc.verifier.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.obkc.verifier.core.Endpoint;
import io.obkc.verifier.core.VerifyException;
import io.obkc.verifier.dialect.VerifierDialect;

/**
 * Turns {@code --source-url}/{@code --target-url} (or the deprecated {@code --*-type/--*-host/--*-port/--*-database})
 * into an {@link Endpoint}. A {@code jdbc:mysql://} URL may point at MySQL, MariaDB or OceanBase, whose checksum SQL
 * differs, so the server is asked which it is: that also makes an unreachable database an early, clear error.
 */
final class EndpointOptions {
    private static final Pattern URL = Pattern.compile("(?i)jdbc:(mysql|mariadb|oceanbase|postgresql)://(\\[[^\\]]+\\]|[^:/?]+)(?::(\\d+))?(?:/([^?;]*))?.*");
    private static final int DETECT_TIMEOUT_MS = 10_000;

    record Legacy(String type, String host, Integer port, String database) {
        boolean any() {
            return type != null || host != null || port != null || database != null;
        }
    }

    private EndpointOptions() {
    }

    static Endpoint resolve(String role, String url, Legacy legacy, String user, String password, PrintWriter err) {
        if (url != null) {
            if (legacy.any()) {
                throw new VerifyException("Give --" + role + "-url only, not also the deprecated --" + role + "-type/-host/-port/-database");
            }
            Matcher m = URL.matcher(url.trim());
            if (!m.matches()) {
                throw new VerifyException("--" + role + "-url must look like jdbc:mysql://host:port/[database], jdbc:mariadb://..., "
                        + "jdbc:oceanbase://... or jdbc:postgresql://host:port/database, not '" + redact(url) + "'");
            }
            String scheme = m.group(1).toLowerCase(Locale.ROOT);
            String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
            int port = m.group(3) != null ? Integer.parseInt(m.group(3))
                    : scheme.equals("postgresql") ? 5432 : scheme.equals("oceanbase") ? 2881 : 3306;
            String database = m.group(4) == null || m.group(4).isEmpty() ? null : m.group(4);
            if (scheme.equals("postgresql") && database == null) {
                throw new VerifyException("--" + role + "-url: a PostgreSQL URL names the database: jdbc:postgresql://host:port/database");
            }
            String type = scheme.equals("mysql") ? detect(role, host, port, user, password) : scheme;
            return new Endpoint(role, VerifierDialect.forName(type), host, port, user, password, database);
        }
        if (!legacy.any()) {
            throw new VerifyException("Give --" + role + "-url, for example jdbc:mysql://127.0.0.1:3306/");
        }
        err.println("warning: --" + role + "-type/--" + role + "-host/--" + role + "-port/--" + role + "-database are deprecated; use --"
                + role + "-url jdbc:<mysql|mariadb|oceanbase|postgresql>://host:port/[database]");
        if (legacy.type() == null || legacy.port() == null) {
            throw new VerifyException("Give --" + role + "-url (or the deprecated --" + role + "-type and --" + role + "-port)");
        }
        return new Endpoint(role, VerifierDialect.forName(legacy.type()), legacy.host() == null ? "127.0.0.1" : legacy.host(),
                legacy.port(), user, password, legacy.database());
    }

    /** mysql, mariadb or oceanbase, from what the server reports about itself. */
    static String detect(String role, String host, int port, String user, String password) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password == null ? "" : password);
        p.setProperty("connectTimeout", String.valueOf(DETECT_TIMEOUT_MS));
        p.setProperty("socketTimeout", String.valueOf(DETECT_TIMEOUT_MS));
        p.setProperty("useSSL", "false");
        p.setProperty("allowPublicKeyRetrieval", "true");
        String url = "jdbc:mysql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT CONCAT(@@version, ' ', @@version_comment)")) {
            rs.next();
            String v = rs.getString(1);
            return v.contains("OceanBase") ? "oceanbase" : v.contains("MariaDB") ? "mariadb" : "mysql";
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (password != null && !password.isEmpty()) {
                m = m.replace(password, "***");
            }
            throw new VerifyException("Cannot connect to the " + role + " database at " + host + ":" + port + " as user '" + user + "': "
                    + m.lines().findFirst().orElse("") + ". Please check that the server is running and reachable, and --" + role + "-url, --"
                    + role + "-user and the password.", e);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }
}
