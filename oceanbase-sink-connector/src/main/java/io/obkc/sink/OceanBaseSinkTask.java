package io.obkc.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.common.BundleVersion;
import io.obkc.sink.ddl.DdlApplier;
import io.obkc.sink.ddl.DdlClass;
import io.obkc.sink.ddl.DdlConverter;
import io.obkc.sink.ddl.DdlOrdering;
import io.obkc.sink.ddl.DdlPolicy;
import io.obkc.sink.ddl.SchemaChange;
import io.obkc.sink.event.ChangeEvent;
import io.obkc.sink.event.ChangeEventExtractor;
import io.obkc.sink.routing.TableRouter;
import io.obkc.sink.table.TableManager;
import io.obkc.sink.write.ChangeWriter;
import io.obkc.sink.write.ConnectionFactory;
import io.obkc.sink.write.SinkMetrics;
import io.obkc.sink.write.WritePlanner;

/**
 * Applies change events to OceanBase. Every batch the worker delivers is written and committed
 * before {@link #put} returns (in transactions of at most batch.size records), so
 * {@link #preCommit} only ever reports offsets of committed data.
 */
public class OceanBaseSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(OceanBaseSinkTask.class);

    private OceanBaseSinkConnectorConfig config;
    private ChangeEventExtractor extractor;
    private ChangeWriter writer;
    /** Null when ddl.sync.enabled=false. */
    private DdlApplier ddlApplier;
    private ErrantRecordReporter reporter;
    private SinkMetrics metrics;
    private int batchSize;
    /** Next offset to commit per partition: everything before it is in the database (or dead-lettered, or not row data). */
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();

    @Override
    public String version() {
        return BundleVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new OceanBaseSinkConnectorConfig(props);
        batchSize = config.getInt(OceanBaseSinkConnectorConfig.BATCH_SIZE);
        boolean tolerateAll = "all".equalsIgnoreCase(props.getOrDefault("errors.tolerance", "none").trim());
        reporter = tolerateAll && context != null ? errantRecordReporter() : null;
        TableRouter router = new TableRouter(config.getString(OceanBaseSinkConnectorConfig.DATABASE_NAME_FORMAT),
                config.getString(OceanBaseSinkConnectorConfig.TABLE_NAME_FORMAT));
        extractor = new ChangeEventExtractor(router, config.primaryKeyMode(), config.primaryKeyFields());
        metrics = new SinkMetrics(props.getOrDefault("name", "oceanbase-sink") + "-task");
        ConnectionFactory connections = new ConnectionFactory(config);
        TableManager tables = new TableManager(config.getBoolean(OceanBaseSinkConnectorConfig.AUTO_CREATE),
                config.getBoolean(OceanBaseSinkConnectorConfig.AUTO_EVOLVE));
        writer = new ChangeWriter(connections, tables,
                new WritePlanner(config.insertMode() == OceanBaseSinkConnectorConfig.InsertMode.UPSERT,
                        config.getBoolean(OceanBaseSinkConnectorConfig.DELETE_ENABLED),
                        config.getBoolean(OceanBaseSinkConnectorConfig.TRUNCATE_ENABLED), config.noPrimaryKeyPolicy()),
                config.getInt(OceanBaseSinkConnectorConfig.ROWS_PER_STATEMENT),
                config.getInt(OceanBaseSinkConnectorConfig.MAX_RETRIES),
                config.getLong(OceanBaseSinkConnectorConfig.RETRY_BACKOFF_MS), reporter, metrics);
        if (config.getBoolean(OceanBaseSinkConnectorConfig.DDL_SYNC_ENABLED)) {
            Map<DdlClass, DdlPolicy> policies = new java.util.EnumMap<>(DdlClass.class);
            for (DdlClass c : DdlClass.values()) {
                policies.put(c, DdlPolicy.valueOf(config.getString(c.policyKey()).trim().toUpperCase(java.util.Locale.ROOT)));
            }
            // The DDL names a source table; its row changes come from <prefix>.<db>.<table>, so ${topic} formats route alike.
            DdlConverter ddlConverter = new DdlConverter((change, name) -> router.route(change.record().topic() + "." + name.database() + "." + name.table(),
                    name.database(), name.table()));
            ddlApplier = new DdlApplier(connections, ddlConverter, tables, policies,
                    "fail".equalsIgnoreCase(config.getString(OceanBaseSinkConnectorConfig.DDL_UNSUPPORTED_POLICY).trim()),
                    DdlApplier.parseAuditTable(config.getString(OceanBaseSinkConnectorConfig.DDL_AUDIT_TABLE)),
                    props.getOrDefault("name", "oceanbase-sink"), config.getInt(OceanBaseSinkConnectorConfig.MAX_RETRIES),
                    config.getLong(OceanBaseSinkConnectorConfig.RETRY_BACKOFF_MS));
        }
        LOG.info("OceanBase sink task started: target {}, dead letter queue {}", connections.safeUrl(), reporter != null ? "on" : "off");
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            // Workers older than Kafka 2.6 have no reporter; errors then fail the task.
            return null;
        }
    }

    /** One record of a put(): a row change, a schema change to apply, or nothing to write. */
    private record Item(SinkRecord record, ChangeEvent event, SchemaChange ddl) {
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        List<Item> items = new ArrayList<>(records.size());
        Map<TopicPartition, OffsetAndMetadata> batchOffsets = new HashMap<>();
        List<java.util.concurrent.Future<Void>> reported = new ArrayList<>();
        boolean anyDdl = false;
        for (SinkRecord record : records) {
            try {
                if (ddlApplier != null && SchemaChange.isSchemaChange(record)) {
                    SchemaChange sc = SchemaChange.from(record);
                    items.add(new Item(record, null, sc));
                    anyDdl = true;
                } else {
                    ChangeEventExtractor.Result r = extractor.extract(record);
                    if (r.event() != null) {
                        items.add(new Item(record, r.event(), null));
                    } else {
                        metrics.recordNotRowData();
                        LOG.debug("Skipping {} record at {}-{}@{}", r.skipReason(), record.topic(), record.kafkaPartition(), record.kafkaOffset());
                    }
                }
            } catch (DataException e) {
                String message = "Cannot read the record of topic " + record.topic() + " partition " + record.kafkaPartition() + " offset "
                        + record.kafkaOffset() + ": " + e.getMessage();
                if (reporter == null) {
                    throw new ConnectException(message, e);
                }
                LOG.warn("{}; sending it to the dead letter queue", message);
                reported.add(reporter.report(record, new DataException(message, e)));
            }
            batchOffsets.put(new TopicPartition(record.originalTopic(), record.originalKafkaPartition()),
                    new OffsetAndMetadata(record.originalKafkaOffset() + 1));
        }
        if (anyDdl) {
            items = DdlOrdering.order(items, i -> new TopicPartition(i.record().topic(), i.record().kafkaPartition()), OceanBaseSinkTask::position);
        }
        List<ChangeEvent> batch = new ArrayList<>(Math.min(items.size(), batchSize));
        for (Item item : items) {
            if (item.ddl() != null) {
                // Earlier row changes are committed first; the DDL commits implicitly and must not split a data transaction.
                writer.write(batch);
                batch = new ArrayList<>();
                ddlApplier.apply(item.ddl());
                continue;
            }
            batch.add(item.event());
            if (batch.size() >= batchSize) {
                writer.write(batch);
                batch = new ArrayList<>();
            }
        }
        writer.write(batch);
        for (java.util.concurrent.Future<Void> f : reported) {
            try {
                f.get();
            } catch (Exception e) {
                throw new ConnectException("Could not send a record to the dead letter queue", e);
            }
        }
        committed.putAll(batchOffsets);
    }

    /** Binlog position of a row change or schema change (MySQL family), or null. */
    private static SchemaChange.SourcePosition position(Item item) {
        if (item.ddl() != null) {
            return item.ddl().position();
        }
        if (!(item.record().value() instanceof org.apache.kafka.connect.data.Struct v) || v.schema().field("source") == null
                || v.schema().field("source").schema().type() != org.apache.kafka.connect.data.Schema.Type.STRUCT) {
            return null;
        }
        return SchemaChange.position(v.getStruct("source"));
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // Only what put() committed; a partition this task no longer owns is left out.
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : currentOffsets.keySet()) {
            OffsetAndMetadata o = committed.get(tp);
            if (o != null) {
                out.put(tp, o);
            }
        }
        return out;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        partitions.forEach(committed::remove);
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
        if (ddlApplier != null) {
            ddlApplier.close();
        }
        if (metrics != null) {
            LOG.info("OceanBase sink task stopped: {}", metrics.summary());
        }
    }
}
