package io.obkc.verifier.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import io.obkc.common.sql.JdbcUrls;
import io.obkc.verifier.core.Endpoint;
import io.obkc.verifier.core.VerifyException;
import io.obkc.verifier.dialect.VerifierDialect;

/**
 * Turns {@code --source-url}/{@code --target-url} (or the deprecated {@code --*-type/--*-host/--*-port/--*-database})
 * into an {@link Endpoint}. A {@code jdbc:mysql://} URL may point at MySQL, MariaDB or OceanBase, whose checksum SQL
 * differs, so the server is asked which it is: that also makes an unreachable database an early, clear error.
 */
final class EndpointOptions {
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
            JdbcUrls.Parts u = JdbcUrls.parse(role, url, VerifyException::new);
            String type = u.scheme().equals("mysql") ? detect(role, u.host(), u.port(), user, password) : u.scheme();
            return new Endpoint(role, VerifierDialect.forName(type), u.host(), u.port(), user, password, u.database());
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
}
