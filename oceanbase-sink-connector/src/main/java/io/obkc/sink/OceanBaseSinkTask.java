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
 * Applies change events to OceanBase. Each batch the worker delivers is written in transactions of at
 * most batch.size records, by a {@link WritePipeline}: on the task's writer thread while the worker
 * fetches the next batch (pipeline.writes=true), or before {@link #put} returns. Either way
 * {@link #preCommit} only ever reports offsets of committed data.
 */
public class OceanBaseSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(OceanBaseSinkTask.class);

    private OceanBaseSinkConnectorConfig config;
    private ChangeEventExtractor extractor;
    private ChangeWriter writer;
    private WritePipeline pipeline;
    /** Null when ddl.sync.enabled=false. */
    private DdlApplier ddlApplier;
    private DdlConverter ddlConverter;
    private long ddlWaitMs;
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
        registerMetrics();
        pipeline = new WritePipeline(config.getBoolean(OceanBaseSinkConnectorConfig.PIPELINE_WRITES), reporter,
                props.getOrDefault("name", "oceanbase-sink") + "-writer");
        ConnectionFactory connections = new ConnectionFactory(config);
        TableManager tables = new TableManager(config.getBoolean(OceanBaseSinkConnectorConfig.AUTO_CREATE),
                config.getBoolean(OceanBaseSinkConnectorConfig.AUTO_EVOLVE), config.getBoolean(OceanBaseSinkConnectorConfig.AUTO_EVOLVE_WIDEN));
        writer = new ChangeWriter(connections, tables,
                new WritePlanner(config.insertMode() == OceanBaseSinkConnectorConfig.InsertMode.UPSERT,
                        config.getBoolean(OceanBaseSinkConnectorConfig.DELETE_ENABLED),
                        config.getBoolean(OceanBaseSinkConnectorConfig.TRUNCATE_ENABLED), config.noPrimaryKeyPolicy()),
                config.getInt(OceanBaseSinkConnectorConfig.ROWS_PER_STATEMENT),
                config.getInt(OceanBaseSinkConnectorConfig.MAX_RETRIES),
                config.getLong(OceanBaseSinkConnectorConfig.RETRY_BACKOFF_MS), pipeline.reporterForJobs(), metrics,
                config.getBoolean(OceanBaseSinkConnectorConfig.ORDERING_GUARD_ENABLED) ? new io.obkc.sink.ordering.OrderingGuard() : null);
        if (config.getBoolean(OceanBaseSinkConnectorConfig.DDL_SYNC_ENABLED)) {
            Map<DdlClass, DdlPolicy> policies = new java.util.EnumMap<>(DdlClass.class);
            for (DdlClass c : DdlClass.values()) {
                policies.put(c, DdlPolicy.valueOf(config.getString(c.policyKey()).trim().toUpperCase(java.util.Locale.ROOT)));
            }
            // The DDL names a source table; its row changes come from <prefix>.<db>.<table>, so ${topic} formats route alike.
            ddlWaitMs = config.getLong(OceanBaseSinkConnectorConfig.DDL_ORDERING_WAIT_MS);
            ddlConverter = new DdlConverter((change, name) -> router.route(change.record().topic() + "." + name.database() + "." + name.table(),
                    name.database(), name.table()));
            ddlApplier = new DdlApplier(connections, ddlConverter, tables, policies,
                    "fail".equalsIgnoreCase(config.getString(OceanBaseSinkConnectorConfig.DDL_UNSUPPORTED_POLICY).trim()),
                    DdlApplier.parseAuditTable(config.getString(OceanBaseSinkConnectorConfig.DDL_AUDIT_TABLE)),
                    props.getOrDefault("name", "oceanbase-sink"), config.getInt(OceanBaseSinkConnectorConfig.MAX_RETRIES),
                    config.getLong(OceanBaseSinkConnectorConfig.RETRY_BACKOFF_MS));
        }
        LOG.info("OceanBase sink task started: target {}, dead letter queue {}", connections.safeUrl(), reporter != null ? "on" : "off");
    }

    private void registerMetrics() {
        if (context == null) {
            return;
        }
        try {
            metrics.register(context.pluginMetrics());
        } catch (NoSuchMethodError | UnsupportedOperationException e) {
            // Workers before Kafka 4.1 have no plugin metrics; the progress log lines remain.
            LOG.debug("Plugin metrics not available on this worker: {}", e.toString());
        }
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            // Workers older than Kafka 2.6 have no reporter; errors then fail the task.
            return null;
        }
    }

    /** One record of a put(): a row change, a schema change to apply, or (both null) a record with nothing to write. */
    private record Item(SinkRecord record, ChangeEvent event, SchemaChange ddl) {
        TopicPartition partition() {
            return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
        }
    }

    /**
     * Records fetched but not yet written, held because a schema change at their head waits for earlier
     * row changes of its table (see docs/ddl-sync.md, "Ordering"); in binlog order.
     */
    private final List<Item> held = new ArrayList<>();
    private long heldSince;
    /** Highest binlog position of a row change seen per target table: proves its earlier rows have arrived. */
    private final Map<io.obkc.sink.table.TableId, SchemaChange.SourcePosition> lastRowPosition = new HashMap<>();

    @Override
    public void put(Collection<SinkRecord> records) {
        // The previous batch first: its failure fails the task here, and its offsets become committable.
        committed.putAll(pipeline.await());
        List<Item> items = new ArrayList<>(held.size() + records.size());
        items.addAll(held);
        List<java.util.concurrent.Future<Void>> reported = new ArrayList<>();
        boolean anyDdl = !held.isEmpty();
        for (SinkRecord record : records) {
            try {
                if (ddlApplier != null && SchemaChange.isSchemaChange(record)) {
                    items.add(new Item(record, null, SchemaChange.from(record)));
                    anyDdl = true;
                } else {
                    ChangeEventExtractor.Result r = extractor.extract(record);
                    if (r.event() != null) {
                        items.add(new Item(record, r.event(), null));
                    } else {
                        metrics.recordNotRowData();
                        LOG.debug("Skipping {} record at {}-{}@{}", r.skipReason(), record.topic(), record.kafkaPartition(), record.kafkaOffset());
                        items.add(new Item(record, null, null));
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
                items.add(new Item(record, null, null));
            }
        }
        if (anyDdl) {
            items = DdlOrdering.order(items, Item::partition, OceanBaseSinkTask::position);
        }
        for (Item item : items) {
            SchemaChange.SourcePosition p = item.event() != null ? position(item) : null;
            if (p != null) {
                lastRowPosition.merge(item.event().table(), p, (x, y) -> x.compareTo(y) >= 0 ? x : y);
            }
        }
        held.clear();
        Map<TopicPartition, OffsetAndMetadata> batchOffsets = new HashMap<>();
        // What to write, in order: row-change batches (List<ChangeEvent>) and schema changes (SchemaChange).
        List<Object> steps = new ArrayList<>();
        List<ChangeEvent> batch = new ArrayList<>(Math.min(items.size(), batchSize));
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.ddl() != null) {
                if (mustWait(item.ddl(), items.size() - i)) {
                    held.addAll(items.subList(i, items.size()));
                    break;
                }
                // Earlier row changes are committed first; the DDL commits implicitly and must not split a data transaction.
                steps.add(batch);
                batch = new ArrayList<>();
                steps.add(item.ddl());
                heldSince = 0;
                // Row shapes seen before a schema change say nothing about the rows after it.
                rowShapes.clear();
            } else if (item.event() != null) {
                if (mustWaitForSchemaChange(item, items.size() - i)) {
                    held.addAll(items.subList(i, items.size()));
                    break;
                }
                batch.add(item.event());
                if (batch.size() >= batchSize) {
                    steps.add(batch);
                    batch = new ArrayList<>();
                }
            }
            batchOffsets.put(item.partition(), new OffsetAndMetadata(item.record().originalKafkaOffset() + 1));
        }
        steps.add(batch);
        for (java.util.concurrent.Future<Void> f : reported) {
            try {
                f.get();
            } catch (Exception e) {
                throw new ConnectException("Could not send a record to the dead letter queue", e);
            }
        }
        committed.putAll(pipeline.submit(() -> write(steps), batchOffsets));
    }

    /** Runs on the writer thread (or inline): the steps of one put(), in order. */
    @SuppressWarnings("unchecked")
    private void write(List<Object> steps) {
        for (Object step : steps) {
            if (step instanceof SchemaChange ddl) {
                ddlApplier.apply(ddl);
            } else {
                writer.write((List<ChangeEvent>) step);
            }
        }
    }

    /**
     * True when a schema change should wait for row changes of its table that the source logged before
     * it but that have not arrived yet: no row of the table logged after the DDL has been seen, and
     * neither ddl.ordering.wait.ms has passed nor too many records are held.
     */
    private boolean mustWait(SchemaChange ddl, int wouldHold) {
        if (ddl.snapshot() || ddl.position() == null || ddlWaitMs <= 0) {
            return false;
        }
        io.obkc.sink.table.TableId table;
        try {
            table = ddlConverter.tableToWaitFor(ddl, io.obkc.sink.ddl.DdlParser.parse(ddl.ddl()));
        } catch (DataException e) {
            return false;
        }
        if (table == null) {
            return false;
        }
        SchemaChange.SourcePosition seen = lastRowPosition.get(table);
        if (seen != null && seen.compareTo(ddl.position()) > 0) {
            return false;
        }
        if (holdExpired(wouldHold)) {
            return false;
        }
        LOG.debug("Holding schema change for {} until its earlier row changes arrive: {}", table, ddl.describe());
        return true;
    }

    /** The columns a table's row changes last carried: a new set means the source changed the table. */
    private record RowShape(org.apache.kafka.connect.data.Schema schema, java.util.Set<String> columns) {
        static RowShape of(org.apache.kafka.connect.data.Schema schema) {
            java.util.Set<String> names = new java.util.HashSet<>();
            schema.fields().forEach(f -> names.add(f.name()));
            return new RowShape(schema, names);
        }
    }

    /** Per target table, the shape of its last row change since the last schema change. */
    private final Map<io.obkc.sink.table.TableId, RowShape> rowShapes = new HashMap<>();

    /**
     * True when a row change carries other columns than the table's earlier rows, and no schema change has
     * arrived since: the ALTER that made them is on the schema change topic and may not have been fetched yet.
     * Applying the row first would let auto.evolve add a renamed column, and the ALTER would then fail (or, for a
     * CHANGE COLUMN, leave the data split over two columns). So the row, and the records after it, wait for the
     * schema change, at most ddl.ordering.wait.ms. Only for sources with binlog positions, with DDL sync on.
     */
    private boolean mustWaitForSchemaChange(Item item, int wouldHold) {
        org.apache.kafka.connect.data.Schema schema = item.event().rowSchema();
        if (ddlApplier == null || ddlWaitMs <= 0 || schema == null) {
            return false;
        }
        io.obkc.sink.table.TableId table = item.event().table();
        RowShape known = rowShapes.get(table);
        // The common case, a row of the schema instance seen before, costs one map lookup and no source parsing.
        if (known != null && known.schema() == schema) {
            return false;
        }
        RowShape shape = RowShape.of(schema);
        if (known == null || known.columns().equals(shape.columns()) || position(item) == null) {
            rowShapes.put(table, shape);
            return false;
        }
        if (holdExpired(wouldHold)) {
            LOG.info("Row changes of {} now carry columns {} (before: {}) and no schema change for it arrived within {} ms; writing them "
                    + "(auto.evolve adds missing columns)", table, shape.columns(), known.columns(), ddlWaitMs);
            heldSince = 0;
            rowShapes.put(table, shape);
            return false;
        }
        LOG.debug("Holding row changes of {} with new columns {} until the schema change that made them arrives", table, shape.columns());
        return true;
    }

    /**
     * True when the records held since {@link #heldSince} (which this starts, if nothing is held yet) have waited
     * ddl.ordering.wait.ms, or when holding {@code wouldHold} records would exceed 10 x batch.size.
     */
    private boolean holdExpired(int wouldHold) {
        long now = System.currentTimeMillis();
        if (heldSince == 0) {
            heldSince = now;
        }
        return now - heldSince >= ddlWaitMs || wouldHold > 10L * batchSize;
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

    /**
     * Waits for the batch in flight and takes its offsets. A failed batch's offsets stay uncommitted, and its
     * error is not thrown here: the next put() fails the task with it.
     */
    private void collectCommitted() {
        try {
            committed.putAll(pipeline.await());
        } catch (ConnectException e) {
            LOG.debug("Write failed; only offsets committed before it are reported: {}", e.getMessage());
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        collectCommitted();
        // Only what has been committed to the database; a partition this task no longer owns is left out.
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
        // The worker calls preCommit before closing; wait here too, so nothing is in flight either way.
        collectCommitted();
        partitions.forEach(committed::remove);
        if (!held.isEmpty()) {
            // Held records were fetched but not written: rewind the partitions this task keeps so they come again.
            Map<TopicPartition, Long> rewind = new HashMap<>();
            for (Item i : held) {
                if (!partitions.contains(i.partition())) {
                    rewind.putIfAbsent(i.partition(), i.record().originalKafkaOffset());
                }
            }
            held.clear();
            heldSince = 0;
            if (!rewind.isEmpty() && context != null) {
                context.offset(rewind);
            }
        }
    }

    @Override
    public void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
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
