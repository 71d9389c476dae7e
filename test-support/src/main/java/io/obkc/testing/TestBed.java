package io.obkc.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Entry point of integration tests to the real servers: MariaDB (MySQL family), PostgreSQL and
 * seekdb (OceanBase). Settings come from {@link TestBedSettings}; when none are given and a Docker
 * engine is present, Testcontainers supplies MySQL 8, PostgreSQL and OceanBase CE instead.
 *
 * <p>When a server is unavailable: on CI ({@code CI=true}) the test fails, since CI starts the test bed
 * itself; elsewhere the test is aborted with the reason printed on standard error.
 */
public final class TestBed {
    private static final Map<DatabaseEndpoint.Kind, DatabaseEndpoint> CACHE = new ConcurrentHashMap<>();

    private TestBed() {
    }

    /** The MySQL-family source (MariaDB from Debian's packages on the test bed). */
    public static DatabaseEndpoint mysql() {
        return endpoint(DatabaseEndpoint.Kind.MYSQL);
    }

    public static DatabaseEndpoint postgres() {
        return endpoint(DatabaseEndpoint.Kind.POSTGRESQL);
    }

    /** The OceanBase target: seekdb, the single-node OceanBase engine, on the test bed. */
    public static DatabaseEndpoint oceanbase() {
        return endpoint(DatabaseEndpoint.Kind.OCEANBASE);
    }

    private static DatabaseEndpoint endpoint(DatabaseEndpoint.Kind kind) {
        return CACHE.computeIfAbsent(kind, TestBed::resolve);
    }

    private static DatabaseEndpoint resolve(DatabaseEndpoint.Kind kind) {
        String prefix = switch (kind) {
            case MYSQL -> "OBKC_MYSQL_";
            case POSTGRESQL -> "OBKC_PG_";
            case OCEANBASE -> "OBKC_OB_";
        };
        var host = TestBedSettings.get(prefix + "HOST");
        if (host.isPresent()) {
            DatabaseEndpoint e = new DatabaseEndpoint(kind, "?", host.get(),
                    Integer.parseInt(TestBedSettings.get(prefix + "PORT").orElseThrow(
                            () -> new IllegalStateException(prefix + "PORT is not set"))),
                    TestBedSettings.get(prefix + "USER").orElse("root"),
                    TestBedSettings.get(prefix + "PASSWORD").orElse(""),
                    TestBedSettings.get(prefix + "DATABASE").orElse(kind == DatabaseEndpoint.Kind.POSTGRESQL ? "postgres" : ""));
            DatabaseEndpoint labelled = new DatabaseEndpoint(kind, describeServer(e), e.host(), e.port(), e.user(),
                    e.password(), e.defaultDatabase());
            System.err.println("[test-bed] " + kind + " = " + labelled);
            return labelled;
        }
        if (DockerFallback.dockerAvailable()) {
            DatabaseEndpoint e = DockerFallback.start(kind);
            System.err.println("[test-bed] " + kind + " = " + e + " (Testcontainers)");
            return e;
        }
        String reason = "No " + kind + " server: set " + prefix + "HOST/PORT/USER/PASSWORD, run `scripts/test-env.sh up`, "
                + "or provide a Docker engine for Testcontainers";
        System.err.println("[test-bed] " + reason);
        if (TestBedSettings.runningInCi()) {
            Assertions.fail(reason);
        }
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    /** Asks the server what it is, so the label is a fact and not a configuration claim. */
    private static String describeServer(DatabaseEndpoint e) {
        String query = e.kind() == DatabaseEndpoint.Kind.POSTGRESQL ? "SELECT version()" : "SELECT CONCAT(@@version, ' / ', @@version_comment)";
        try (Connection c = e.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            String v = rs.getString(1);
            if (e.kind() == DatabaseEndpoint.Kind.OCEANBASE && !v.contains("OceanBase")) {
                // A MySQL-protocol server that is not OceanBase is a stand-in: say so loudly.
                return "STAND-IN for OceanBase (not OceanBase!): " + v;
            }
            return v.length() > 120 ? v.substring(0, 120) : v;
        } catch (Exception ex) {
            String reason = e.kind() + " server at " + e.host() + ":" + e.port() + " is not reachable: " + ex.getMessage()
                    + ". Start it with `scripts/test-env.sh up`.";
            System.err.println("[test-bed] " + reason);
            if (TestBedSettings.runningInCi()) {
                Assertions.fail(reason, ex);
            }
            Assumptions.abort(reason);
            throw new AssertionError("unreachable");
        }
    }
}
