package io.obkc.migration.project;

import java.net.URI;

import io.obkc.common.sql.JdbcUrls;

/** Host, port and database of a jdbc:mysql:// or jdbc:postgresql:// URL (the verifier and Debezium want them apart). */
public record JdbcUrl(String host, int port, String database) {
    public static JdbcUrl parse(String url) {
        URI u = URI.create(url.substring("jdbc:".length()));
        String path = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
        int defaultPort = url.startsWith("jdbc:postgresql:") ? 5432 : 3306;
        if (u.getHost() == null) {
            throw new ProjectException("cannot read host and port from " + redact(url) + " (expected jdbc:<driver>://host:port/...)");
        }
        return new JdbcUrl(u.getHost(), u.getPort() < 0 ? defaultPort : u.getPort(), path.isEmpty() ? null : path);
    }

    /** Hides password=... in JDBC URLs, so that no message ever prints a password (JdbcUrls.redact, the bundle's one rule). */
    public static String redact(String url) {
        return JdbcUrls.redact(url);
    }
}
