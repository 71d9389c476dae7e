package io.obkc.acceptance.pipeline;

import java.util.HashMap;
import java.util.Map;

import io.obkc.testing.DatabaseEndpoint;

/**
 * Connector settings of the acceptance pipeline, written out in full as a user would, following
 * docs/oceanbase-sink-connector.md and docs/ddl-sync.md. JSON converters are set per connector with
 * {@code replace.null.with.default=false}, so a NULL stays NULL whatever the worker's defaults are.
 */
final class ConnectorConfigs {
    private ConnectorConfigs() {
    }

    static Map<String, String> mariadbSource(DatabaseEndpoint mariadb, String bootstrap, String topicPrefix, String database) {
        Map<String, String> c = jsonConverters();
        c.putAll(io.obkc.testing.DebeziumSources.mariadb(mariadb, bootstrap, topicPrefix, database));
        return c;
    }

    static Map<String, String> postgresSource(DatabaseEndpoint postgres, String topicPrefix, String schema, String slot) {
        Map<String, String> c = jsonConverters();
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
        c.put("slot.name", slot);
        c.put("slot.drop.on.stop", "true");
        c.put("publication.name", slot);
        c.put("publication.autocreate.mode", "filtered");
        c.put("datatype.propagate.source.type", ".+");
        return c;
    }

    static Map<String, String> oceanbaseSink(DatabaseEndpoint oceanbase, String topicsRegex, String targetDatabase, String dlq) {
        Map<String, String> c = jsonConverters();
        c.put("connector.class", "io.obkc.sink.OceanBaseSinkConnector");
        c.put("tasks.max", "1");
        c.put("topics.regex", topicsRegex);
        c.put("connection.url", "jdbc:mysql://" + oceanbase.host() + ":" + oceanbase.port() + "/");
        c.put("connection.user", oceanbase.user());
        c.put("connection.password", oceanbase.password());
        c.put("retry.backoff.ms", "200");
        c.put("database.name.format", targetDatabase);
        // Schema migration created every table: a table the sink would have to create is a failure, not a fallback.
        c.put("auto.create", "false");
        c.put("auto.evolve", "true");
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", dlq);
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        return c;
    }

    private static Map<String, String> jsonConverters() {
        Map<String, String> c = new HashMap<>();
        c.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("key.converter.replace.null.with.default", "false");
        c.put("value.converter.replace.null.with.default", "false");
        return c;
    }
}
