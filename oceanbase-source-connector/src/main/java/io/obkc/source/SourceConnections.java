package io.obkc.source;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens the connector's JDBC connections: UTC session, a query timeout fit for snapshot reads. */
public final class SourceConnections {
    private SourceConnections() {
    }

    public static Connection open(OceanBaseSourceConfig config) throws SQLException {
        Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password().value());
        try (Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            // OceanBase's timeouts are in microseconds.
            s.execute("SET ob_query_timeout = " + config.queryTimeoutMs() * 1000L);
            s.execute("SET ob_trx_timeout = " + Math.max(config.queryTimeoutMs(), 100_000_000L) * 1000L);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** A short description of where the connector connects, without credentials. */
    public static String describe(OceanBaseSourceConfig config) {
        return config.user() + "@" + config.hostname() + ":" + config.port();
    }
}
