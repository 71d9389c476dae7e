package io.obkc.sink.it;

import java.util.HashMap;
import java.util.Map;

import io.obkc.testing.DatabaseEndpoint;

/** Connector settings the end-to-end tests share (Debezium sources, the OceanBase sink); each test adds what it is about. */
final class PipelineConfigs {
    private PipelineConfigs() {
    }

    /** Debezium's MariaDB connector capturing one database, with its schema history on the test broker. */
    static Map<String, String> mariadb(DatabaseEndpoint mariadb, String bootstrapServers, String topicPrefix, String database) {
        return io.obkc.testing.DebeziumSources.mariadb(mariadb, bootstrapServers, topicPrefix, database);
    }

    /**
     * Debezium's PostgreSQL connector (pgoutput) capturing one schema. The slot and publication carry {@code slotName},
     * so concurrent or crashed runs never share one; the slot is dropped when the task stops.
     */
    static Map<String, String> postgres(DatabaseEndpoint postgres, String topicPrefix, String schema, String slotName) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        c.put("tasks.max", "1");
        c.put("database.hostname", postgres.host());
        c.put("database.port", String.valueOf(postgres.port()));
        c.put("database.user", postgres.user());
        c.put("database.password", postgres.password());
        c.put("database.dbname", postgres.defaultDatabase());
        c.put("topic.prefix", topicPrefix);
        c.put("schema.include.list", schema);
        c.put("plugin.name", "pgoutput");
        c.put("slot.name", slotName);
        c.put("slot.drop.on.stop", "true");
        c.put("publication.name", slotName);
        c.put("publication.autocreate.mode", "filtered");
        // interval as ISO 8601 text, exactly; the default (numeric) counts a month as 30.4375 days (docs/type-mapping.md).
        c.put("interval.handling.mode", "string");
        // Lengths, precisions and scales ride along as schema parameters; the sink sizes and widens columns from them.
        c.put("datatype.propagate.source.type", ".+");
        return c;
    }

    /** The OceanBase sink on the test bed's seekdb, one task, subscribed by regex, with short retry backoff. */
    static Map<String, String> oceanbaseSink(DatabaseEndpoint oceanbase, String topicsRegex) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.obkc.sink.OceanBaseSinkConnector");
        c.put("tasks.max", "1");
        c.put("topics.regex", topicsRegex);
        c.put("connection.url", "jdbc:mysql://" + oceanbase.host() + ":" + oceanbase.port() + "/");
        c.put("connection.user", oceanbase.user());
        c.put("connection.password", oceanbase.password());
        c.put("retry.backoff.ms", "200");
        return c;
    }
}
