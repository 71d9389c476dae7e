package io.obkc.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.oceanbase.OceanBaseCEContainer;

/** Testcontainers servers, used only when no settings are given and a Docker engine is present. */
final class DockerFallback {
    private DockerFallback() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    static DatabaseEndpoint start(DatabaseEndpoint.Kind kind) {
        JdbcDatabaseContainer<?> c = switch (kind) {
            case MYSQL -> new MySQLContainer<>("mysql:8.0").withUsername("root").withPassword("obkc")
                    .withCommand("--binlog-format=ROW", "--binlog-row-image=FULL", "--gtid-mode=ON", "--enforce-gtid-consistency=ON");
            case POSTGRESQL -> new PostgreSQLContainer<>("postgres:16").withCommand("postgres", "-c", "wal_level=logical");
            case OCEANBASE -> new OceanBaseCEContainer("oceanbase/oceanbase-ce:4.2.1.8-108000022024072217");
        };
        c.start();
        String db = kind == DatabaseEndpoint.Kind.POSTGRESQL ? c.getDatabaseName() : "";
        int port = c.getFirstMappedPort();
        return new DatabaseEndpoint(kind, c.getDockerImageName(), c.getHost(), port, c.getUsername(), c.getPassword(), db);
    }
}
