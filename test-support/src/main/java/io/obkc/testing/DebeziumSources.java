package io.obkc.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Debezium source settings the integration tests share: one place for what the shared test servers need. */
public final class DebeziumSources {
    private DebeziumSources() {
    }

    /**
     * Debezium's MariaDB connector capturing one database, with its schema history on the test broker, schema changes
     * on, and the propagated source column types the OBKC sink sizes columns from. Callers change what their test is about.
     */
    public static Map<String, String> mariadb(DatabaseEndpoint mariadb, String bootstrapServers, String topicPrefix, String database) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
        c.put("tasks.max", "1");
        c.put("database.hostname", mariadb.host());
        c.put("database.port", String.valueOf(mariadb.port()));
        c.put("database.user", mariadb.user());
        c.put("database.password", mariadb.password());
        // Server ids must be unique among the server's replicas; concurrent or earlier runs must not collide.
        c.put("database.server.id", String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 1_000_000)));
        c.put("topic.prefix", topicPrefix);
        c.put("database.include.list", database);
        c.put("include.schema.changes", "true");
        c.put("schema.history.internal.kafka.bootstrap.servers", bootstrapServers);
        c.put("schema.history.internal.kafka.topic", topicPrefix + "-schema-history");
        // Only the captured database's DDL: other databases on the server are none of this pipeline's business.
        c.put("schema.history.internal.store.only.captured.databases.ddl", "true");
        c.put("schema.history.internal.store.only.captured.tables.ddl", "true");
        // The test servers are shared with other suites whose DDL (e.g. MariaDB CHECK/generated columns) Debezium's parser rejects.
        c.put("schema.history.internal.skip.unparseable.ddl", "true");
        // Lengths, precisions and signedness ride along as schema parameters; the sink sizes and widens columns from them.
        c.put("datatype.propagate.source.type", ".+");
        c.put("snapshot.mode", "initial");
        return c;
    }
}
