package io.obkc.migration.connect;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.obkc.migration.project.JdbcUrl;
import io.obkc.migration.project.LoadedProject;
import io.obkc.migration.project.Project;

/**
 * The connector configurations a project creates, with the settings the acceptance corpus proved
 * (acceptance/…/ConnectorConfigs): JSON converters with replace.null.with.default=false (a NULL stays NULL) — the
 * bundle's SchemaCachingJsonConverter, which writes and reads Kafka JsonConverter's wire format byte for byte but parses
 * each inline schema once (bench/cdc: +24 % sustained CDC throughput; bench/sink: 2.3x the sink's JSON throughput),
 * datatype.propagate.source.type so the sink sees exact source types, topic regexes that leave out the schema history,
 * heartbeat and DLQ topics, auto.create=false because the schema migration created every table.
 */
public final class ConnectorPlan {
    /** Large LOB rows: Debezium's producer may send records up to 64 MiB (the broker's limit must allow it too). */
    static final String MAX_REQUEST_SIZE = "67108864";
    /** Source producer batching, as examples/mariadb-source.json ships it: 256 KiB batches, up to 5 ms to fill one. */
    static final String PRODUCER_BATCH_SIZE = "262144";
    static final String PRODUCER_LINGER_MS = "5";

    private final LoadedProject p;

    public ConnectorPlan(LoadedProject project) {
        this.p = project;
    }

    /**
     * The Debezium source. {@code captured} are the source databases (MySQL family) or schemas (PostgreSQL) holding
     * selected tables; the marker database is added. The exact table selection and the renames are the sink's
     * ObjectRouter's job, so tables created later by DDL are selected by the same rules.
     */
    public Map<String, String> source(Collection<String> captured) {
        Project pr = p.project();
        JdbcUrl url = JdbcUrl.parse(pr.source.url);
        Map<String, String> c = jsonConverters();
        c.put("tasks.max", "1");
        c.put("database.hostname", url.host());
        c.put("database.port", String.valueOf(url.port()));
        c.put("database.user", pr.source.user);
        c.put("database.password", p.sourcePassword());
        c.put("topic.prefix", p.topicPrefix());
        c.put("datatype.propagate.source.type", ".+");
        boolean full = pr.steps.contains(Project.Step.FULL);
        boolean incremental = pr.steps.contains(Project.Step.INCREMENTAL);
        // full-load: bulk: no snapshot; the position at start is where the sink's replay begins (obkc-bulk-load copies the rows).
        c.put("snapshot.mode", p.bulkFullLoad() ? "no_data" : full && !incremental ? "initial_only" : full ? "initial" : "no_data");
        c.put("heartbeat.interval.ms", String.valueOf(pr.options.heartbeatIntervalMs));
        c.put("heartbeat.action.query", heartbeatQuery());
        c.put("producer.override.max.request.size", MAX_REQUEST_SIZE);
        // Connect's source producer has one request in flight per broker (for ordering), so the records a request
        // carries bound the rate: Kafka's 16 KB default batch holds two or three Debezium JSON events. bench/cdc at
        // 10k rows/s: the source wrote 1,722 records/s with the default, 7,407 with these (docs/operations.md).
        c.put("producer.override.batch.size", PRODUCER_BATCH_SIZE);
        c.put("producer.override.linger.ms", PRODUCER_LINGER_MS);
        c.put("topic.creation.default.partitions", String.valueOf(pr.options.partitions));
        c.put("topic.creation.default.replication.factor", "-1");
        String list = captured.stream().map(Pattern::quote).collect(Collectors.joining(","));
        if (p.postgres()) {
            c.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
            c.put("database.dbname", url.database());
            c.put("schema.include.list", list);
            c.put("plugin.name", "pgoutput");
            c.put("slot.name", p.pgSlot());
            c.put("publication.name", p.pgSlot());
            c.put("publication.autocreate.mode", "filtered");
        } else {
            c.put("connector.class", pr.source.type == Project.SourceType.MARIADB ? "io.debezium.connector.mariadb.MariaDbConnector"
                    : "io.debezium.connector.mysql.MySqlConnector");
            c.put("database.server.id", String.valueOf(p.serverId()));
            c.put("database.include.list", list);
            c.put("include.schema.changes", String.valueOf(pr.options.ddlSync));
            c.put("schema.history.internal.kafka.bootstrap.servers", pr.connect.kafkaBootstrap);
            c.put("schema.history.internal.kafka.topic", p.schemaHistoryTopic());
            c.put("schema.history.internal.store.only.captured.databases.ddl", "true");
            c.put("schema.history.internal.store.only.captured.tables.ddl", "true");
            c.put("bigint.unsigned.handling.mode", "precise");
        }
        c.putAll(pr.options.sourceConfig);
        return c;
    }

    /** The OceanBase sink, routing by the project's rules (ObjectRouter) after its row filters (RowFilter). */
    public Map<String, String> sink() {
        Project pr = p.project();
        Map<String, String> c = jsonConverters();
        c.put("connector.class", "io.obkc.sink.OceanBaseSinkConnector");
        c.put("tasks.max", String.valueOf(pr.options.tasks));
        c.put("topics.regex", p.sinkTopicsRegex());
        c.put("connection.url", pr.target.url);
        c.put("connection.user", pr.options.forwardSinkUser != null ? pr.options.forwardSinkUser : pr.target.user);
        c.put("connection.password", p.targetPassword());
        // Harmless one-way; with reverse incremental the reverse source leaves this session's changes out (no echo).
        c.put("session.origin.marker", p.forwardOriginMarker());
        c.put("database.name.format", p.postgres() ? "${source.schema}" : "${source.db}");
        c.put("table.name.format", "${source.table}");
        c.put("auto.create", "false");
        c.put("auto.evolve", "true");
        c.put("ddl.sync.enabled", String.valueOf(pr.options.ddlSync));
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", p.dlqTopic());
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        c.put("consumer.override.max.partition.fetch.bytes", MAX_REQUEST_SIZE);
        // topics.regex sees topics created after the sink started only at a metadata refresh (5 min by default).
        c.put("consumer.override.metadata.max.age.ms", "5000");
        StringBuilder transforms = new StringBuilder();
        List<Project.RowFilter> filters = pr.options.rowFilters;
        if (!filters.isEmpty()) {
            transforms.append("filter,");
            c.put("transforms.filter.type", "io.obkc.smt.RowFilter");
            c.put("transforms.filter.tables", "");
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < filters.size(); i++) {
                names.append(i == 0 ? "" : ",").append("r").append(i);
                c.put("transforms.filter.rules.r" + i + ".tables", filters.get(i).tables);
                c.put("transforms.filter.rules.r" + i + ".condition", filters.get(i).condition);
            }
            c.put("transforms.filter.rules", names.toString());
        }
        transforms.append("route");
        c.put("transforms.route.type", "io.obkc.smt.ObjectRouter");
        c.put("transforms.route.include", p.includeRules() + "," + p.markerDatabase() + "." + LoadedProject.MARKER_TABLE);
        c.put("transforms.route.exclude", p.excludeRules());
        // Records of tables the rules do not select (the source captures whole databases) are dropped here.
        c.put("transforms.route.unmatched", "drop");
        c.put("transforms", transforms.toString());
        c.putAll(pr.options.sinkConfig);
        return c;
    }

    /**
     * Reverse incremental (tested with MariaDB, one direction at a time and both at once): OceanBase changes, captured
     * SQL-only (capture.mode=changelog) from the moment of the switchover (snapshot.mode=no_data), applied to the old
     * MySQL-family source by our sink. The change log lives in the project's marker database (release drops it); changes
     * the forward sink applied carry its origin marker and are left out. Loop-freedom: docs/migration-guide.md.
     */
    public Map<String, String> reverseSource(List<String> targetTables) {
        Project pr = p.project();
        JdbcUrl url = JdbcUrl.parse(pr.target.url);
        Map<String, String> c = jsonConverters();
        c.put("connector.class", "io.obkc.source.OceanBaseSourceConnector");
        c.put("tasks.max", "1");
        c.put("database.hostname", url.host());
        c.put("database.port", String.valueOf(url.port()));
        c.put("database.user", pr.target.user);
        c.put("database.password", p.targetPassword());
        c.put("topic.prefix", p.reverseTopicPrefix());
        c.put("capture.mode", "changelog");
        c.put("snapshot.mode", "no_data");
        c.put("changelog.database", p.markerDatabase());
        c.put("changelog.table", LoadedProject.REVERSE_CHANGE_LOG);
        c.put("changelog.exclude.origins", p.forwardOriginMarker());
        // OMS matching rules (backtick-quoted names), as the OceanBase source reads them.
        c.put("table.include.list", String.join(",", targetTables));
        c.put("datatype.propagate.source.type", ".+");
        return c;
    }

    /** {@code inverse}: one rule per table, target name = old source name (the forward renames undone). */
    public Map<String, String> reverseSink(List<String> inverse) {
        Project pr = p.project();
        Map<String, String> c = jsonConverters();
        c.put("connector.class", "io.obkc.sink.OceanBaseSinkConnector");
        c.put("tasks.max", "1");
        c.put("topics.regex", Pattern.quote(p.reverseTopicPrefix()) + "\\.[^.]+\\.[^.]+");
        c.put("connection.url", pr.source.url);
        c.put("connection.user", pr.source.user);
        c.put("connection.password", p.sourcePassword());
        if (p.bothDirections()) {
            // The forward Debezium source reads this server's binlog: the reverse writes must not be in it (no echo).
            c.put("session.binlog.enabled", "false");
        }
        c.put("database.name.format", "${source.db}");
        c.put("table.name.format", "${source.table}");
        c.put("auto.create", "false");
        c.put("auto.evolve", "false");
        c.put("ddl.sync.enabled", "false");
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", p.reverseDlqTopic());
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        c.put("transforms", "route");
        c.put("transforms.route.type", "io.obkc.smt.ObjectRouter");
        c.put("transforms.route.include", String.join(",", inverse));
        return c;
    }

    /** Debezium runs this on the source at each heartbeat: the marker row's ts is the source clock, in ms. */
    String heartbeatQuery() {
        String table = markerTableOnSource();
        return p.postgres()
                ? "INSERT INTO " + table + " (id, ts) VALUES ('heartbeat', (extract(epoch from clock_timestamp())*1000)::bigint) "
                        + "ON CONFLICT (id) DO UPDATE SET ts = EXCLUDED.ts"
                : "INSERT INTO " + table + " (id, ts) VALUES ('heartbeat', ROUND(UNIX_TIMESTAMP(NOW(3))*1000)) "
                        + "ON DUPLICATE KEY UPDATE ts = VALUES(ts)";
    }

    public String markerTableOnSource() {
        return p.postgres() ? "\"" + p.markerDatabase() + "\".\"" + LoadedProject.MARKER_TABLE + "\""
                : "`" + p.markerDatabase() + "`.`" + LoadedProject.MARKER_TABLE + "`";
    }

    /** Kafka JsonConverter's wire format; the class ships in the OBKC bundle (obkc-converters). */
    public static final String JSON_CONVERTER = "io.obkc.converters.json.SchemaCachingJsonConverter";

    private static Map<String, String> jsonConverters() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("key.converter", JSON_CONVERTER);
        c.put("value.converter", JSON_CONVERTER);
        c.put("key.converter.replace.null.with.default", "false");
        c.put("value.converter.replace.null.with.default", "false");
        return c;
    }
}
