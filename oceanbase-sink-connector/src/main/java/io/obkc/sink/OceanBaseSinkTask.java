package io.obkc.sink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
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
import io.obkc.sink.event.ChangeEventExtractor;
import io.obkc.sink.event.SourceBlock;
import io.obkc.sink.ordering.OrderingGuard;
import io.obkc.sink.routing.TableRouter;
import io.obkc.sink.table.TableManager;
import io.obkc.sink.write.ChangeWriter;
import io.obkc.sink.write.ConnectionFactory;
import io.obkc.sink.write.DeadLetterBudget;
import io.obkc.sink.write.DeadLetterQueue;
import io.obkc.sink.write.SinkMetrics;
import io.obkc.sink.write.TargetOffsets;
import io.obkc.sink.write.UnavailableValues;
import io.obkc.sink.write.WritePlanner;

/**
 * Applies change events to OceanBase. Thin orchestration: a {@link RecordClassifier} reads each record, a
 * {@link WriteHold} keeps schema changes and row changes of a table in source order, a {@link BatchBuilder} cuts
 * the records into {@link TaskStep}s, and a {@link WritePipeline} writes them, on the task's writer thread while
 * the worker fetches the next batch (pipeline.writes=true) or before {@link #put} returns. Either way
 * {@link #preCommit} only ever reports offsets of committed data.
 */
public class OceanBaseSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(OceanBaseSinkTask.class);

    private ChangeWriter writer;
    private WritePipeline pipeline;
    /** Null when ddl.sync.enabled=false. */
    private DdlApplier ddlApplier;
    private SinkMetrics metrics;
    private DeadLetterBudget deadLetterBudget;
    private RecordClassifier classifier;
    private WriteHold hold;
    /** Reads the Debezium source blocks of the records on the task thread (the writer thread's metrics have their own). */
    private final SourceBlock sourceBlock = new SourceBlock();
    private BatchBuilder batches;
    /** Null unless transaction.aligned.enabled=true. */
    private TransactionHold transactions;
    /** The job last handed to the pipeline: the one a {@link RetriableException} from it belongs to. */
    private WriteJob inFlight;
    /** A job that failed on a transient error: it is retried, on later puts, before anything else is written. */
    private WriteJob pending;
    private int pendingRetries;
    private int maxRetries;
    private long retryBackoffMs;
    /** Next offset to commit per partition: everything before it is in the database (or dead-lettered, or not row data). */
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();

    @Override
    public String version() {
        return BundleVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        OceanBaseSinkConnectorConfig config = new OceanBaseSinkConnectorConfig(props);
        int batchSize = config.getInt(OceanBaseSinkConnectorConfig.BATCH_SIZE);
        maxRetries = config.getInt(OceanBaseSinkConnectorConfig.MAX_RETRIES);
        retryBackoffMs = config.getLong(OceanBaseSinkConnectorConfig.RETRY_BACKOFF_MS);
        boolean tolerateAll = "all".equalsIgnoreCase(props.getOrDefault("errors.tolerance", "none").trim());
        ErrantRecordReporter reporter = tolerateAll && context != null ? errantRecordReporter() : null;
        TableRouter router = new TableRouter(config.getString(OceanBaseSinkConnectorConfig.DATABASE_NAME_FORMAT),
                config.getString(OceanBaseSinkConnectorConfig.TABLE_NAME_FORMAT));
        ChangeEventExtractor extractor = new ChangeEventExtractor(router, config.primaryKeyMode(), config.primaryKeyFields());
        metrics = new SinkMetrics(props.getOrDefault("name", "oceanbase-sink") + "-task");
        registerMetrics();
        deadLetterBudget = new DeadLetterBudget(config.getLong(OceanBaseSinkConnectorConfig.DLQ_MAX_RECORDS),
                config.getDouble(OceanBaseSinkConnectorConfig.DLQ_MAX_RATIO), config.getInt(OceanBaseSinkConnectorConfig.DLQ_RATIO_WINDOW));
        DeadLetterQueue deadLetters = new DeadLetterQueue(reporter, deadLetterBudget, metrics);
        pipeline = new WritePipeline(config.getBoolean(OceanBaseSinkConnectorConfig.PIPELINE_WRITES), reporter,
                props.getOrDefault("name", "oceanbase-sink") + "-writer");
        ConnectionFactory connections = new ConnectionFactory(config);
        connections.onOpen(metrics::recordConnectionOpened);
        TableManager tables = new TableManager(config.getBoolean(OceanBaseSinkConnectorConfig.AUTO_CREATE),
                config.getBoolean(OceanBaseSinkConnectorConfig.AUTO_EVOLVE), config.getBoolean(OceanBaseSinkConnectorConfig.AUTO_EVOLVE_WIDEN));
        String offsetsTable = config.getString(OceanBaseSinkConnectorConfig.OFFSETS_STORAGE_TABLE).trim();
        writer = new ChangeWriter(connections, tables,
                new WritePlanner(config.insertMode() == OceanBaseSinkConnectorConfig.InsertMode.UPSERT,
                        config.getBoolean(OceanBaseSinkConnectorConfig.DELETE_ENABLED),
                        config.getBoolean(OceanBaseSinkConnectorConfig.TRUNCATE_ENABLED), config.noPrimaryKeyPolicy(),
                        UnavailableValues.of(config.getString(OceanBaseSinkConnectorConfig.UNAVAILABLE_VALUE_PLACEHOLDER))),
                config.getInt(OceanBaseSinkConnectorConfig.ROWS_PER_STATEMENT),
                config.getInt(OceanBaseSinkConnectorConfig.MAX_RETRIES),
                config.getLong(OceanBaseSinkConnectorConfig.RETRY_BACKOFF_MS), deadLetters.withReporter(pipeline.reporterForJobs()), metrics,
                config.getBoolean(OceanBaseSinkConnectorConfig.ORDERING_GUARD_ENABLED) ? new OrderingGuard() : null,
                offsetsTable.isEmpty() ? null : new TargetOffsets(offsetsTable, props.getOrDefault("name", "oceanbase-sink")));
        DdlConverter ddlConverter = null;
        long ddlWaitMs = 0;
        if (config.getBoolean(OceanBaseSinkConnectorConfig.DDL_SYNC_ENABLED)) {
            Map<DdlClass, DdlPolicy> policies = new EnumMap<>(DdlClass.class);
            for (DdlClass c : DdlClass.values()) {
                policies.put(c, DdlPolicy.valueOf(config.getString(c.policyKey()).trim().toUpperCase(Locale.ROOT)));
            }
            // The DDL names a source table; its row changes come from <prefix>.<db>.<table>, so ${topic} formats route alike.
            ddlWaitMs = config.getLong(OceanBaseSinkConnectorConfig.DDL_ORDERING_WAIT_MS);
            // DDL is applied only to tables whose row topics this connector subscribes to (docs/ddl-sync.md, "Captured tables").
            String topics = props.get("topics");
            ddlConverter = new DdlConverter((change, name) -> router.route(change.record().topic() + "." + name.database() + "." + name.table(),
                    name.database(), name.table()), io.obkc.sink.ddl.CapturedTables.fromSubscription(
                            topics == null || topics.isBlank() ? List.of() : Arrays.stream(topics.split(",")).map(String::trim).toList(),
                            props.get("topics.regex")));
            ddlApplier = new DdlApplier(connections, ddlConverter, tables, policies,
                    "fail".equalsIgnoreCase(config.getString(OceanBaseSinkConnectorConfig.DDL_UNSUPPORTED_POLICY).trim()),
                    DdlApplier.parseAuditTable(config.getString(OceanBaseSinkConnectorConfig.DDL_AUDIT_TABLE)),
                    props.getOrDefault("name", "oceanbase-sink"), config.getInt(OceanBaseSinkConnectorConfig.MAX_RETRIES),
                    config.getLong(OceanBaseSinkConnectorConfig.RETRY_BACKOFF_MS));
        }
        classifier = new RecordClassifier(extractor, ddlApplier != null, deadLetters, metrics);
        hold = new WriteHold(ddlConverter, ddlWaitMs, 10 * batchSize, sourceBlock);
        if (config.getBoolean(OceanBaseSinkConnectorConfig.TRANSACTION_ALIGNED_ENABLED)) {
            transactions = new TransactionHold(config.getLong(OceanBaseSinkConnectorConfig.TRANSACTION_ALIGNED_WAIT_MS),
                    config.getInt(OceanBaseSinkConnectorConfig.TRANSACTION_ALIGNED_MAX_HELD),
                    TransactionHold.CollectionFilter.subscribed(subscription(props)), metrics);
            batches = new BatchBuilder(batchSize, TransactionHold::transactionOf);
            writer.replayByTransaction(true);
        } else {
            batches = new BatchBuilder(batchSize);
        }
        LOG.info("OceanBase sink task started: target {}, dead letter queue {}", connections.safeUrl(), reporter != null ? "on" : "off");
    }

    /** Whether a topic is among this connector's topics (its topics list or topics.regex). */
    private static java.util.function.Predicate<String> subscription(Map<String, String> props) {
        String topics = props.get("topics");
        if (topics != null && !topics.isBlank()) {
            java.util.Set<String> set = new java.util.HashSet<>();
            Arrays.stream(topics.split(",")).map(String::trim).forEach(set::add);
            return set::contains;
        }
        String regex = props.get("topics.regex");
        if (regex != null && !regex.isBlank()) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex.trim());
            return t -> p.matcher(t).matches();
        }
        return t -> true;
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

    @Override
    public void put(Collection<SinkRecord> records) {
        // The previous batch first: its failure fails the task here, and its offsets become committable.
        awaitInFlight();
        if (pending != null) {
            // Throws RetriableException while it still fails: the worker then redelivers these records, untouched, later.
            retryPending();
        }
        boolean anyDdl = !hold.isEmpty();
        List<TaskRecord> items = hold.release();
        List<Future<Void>> reported = new ArrayList<>();
        // Before classifying: a record that cannot be read counts among the records seen when it is dead-lettered.
        deadLetterBudget.recordsSeen(records.size());
        metrics.recordReceived(records.size());
        List<TaskRecord> fresh = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            classifier.classifyAll(record, reported, fresh);
        }
        if (transactions != null) {
            // Records of source transactions not complete yet stay behind (with everything after them in their partitions).
            fresh = transactions.admit(fresh);
        }
        for (TaskRecord r : fresh) {
            anyDdl |= r.ddl() != null;
            items.add(r);
        }
        if (anyDdl) {
            items = DdlOrdering.order(items, TaskRecord::partition, r -> r.position(sourceBlock));
        }
        hold.notePositions(items);
        BatchBuilder.Plan plan = batches.build(items, hold);
        for (Future<Void> f : reported) {
            try {
                f.get();
            } catch (Exception e) {
                throw new ConnectException("Could not send a record to the dead letter queue", e);
            }
        }
        submit(new WriteJob(plan.steps(), plan.offsets(), this::write));
    }

    private void submit(WriteJob job) {
        inFlight = job;
        try {
            committed.putAll(pipeline.submit(job, job.offsets()));
        } catch (RetriableException e) {
            // Written inline (pipeline.writes=false): the job owns these records now; the next put() retries it.
            deferRetry(job, e);
        }
    }

    /** Waits for the job in flight and takes its offsets; a transient failure makes it the pending job. Other failures are thrown. */
    private void awaitInFlight() {
        try {
            committed.putAll(pipeline.await());
        } catch (RetriableException e) {
            deferRetry(inFlight, e);
        }
    }

    private void deferRetry(WriteJob job, RetriableException e) {
        LOG.warn("Write failed on a transient error; retrying it on the next poll: {}", e.getMessage());
        pending = job;
    }

    /**
     * Runs the pending job again, and waits for it. While it fails on a transient error, this throws a
     * {@link RetriableException} with a backoff set in the context: the worker pauses the partitions, keeps polling
     * (so the consumer stays in its group), and redelivers the current records after the backoff. After max.retries
     * such retries the task fails.
     */
    private void retryPending() {
        pendingRetries++;
        metrics.recordRetry();
        try {
            inFlight = pending;
            committed.putAll(pipeline.submit(pending, pending.offsets()));
            committed.putAll(pipeline.await());
            LOG.info("Write succeeded on retry {}", pendingRetries);
            pending = null;
            pendingRetries = 0;
        } catch (RetriableException e) {
            if (pendingRetries >= maxRetries) {
                throw new ConnectException("Writing failed after " + pendingRetries + " retries over several polls (max.retries=" + maxRetries
                        + "): " + e.getMessage() + ". The target is unreachable or keeps failing; offsets of the unwritten records were not "
                        + "committed, so they are written after the task is restarted.", e);
            }
            long backoff = Math.min(30_000L, retryBackoffMs << Math.min(20, pendingRetries - 1));
            if (context != null) {
                context.timeout(backoff);
            }
            throw new RetriableException("Write still failing (retry " + pendingRetries + "/" + maxRetries + ", next in " + backoff + " ms): "
                    + e.getMessage(), e);
        }
    }

    /** Runs on the writer thread (or inline): one step of a put(). */
    private void write(TaskStep step) {
        if (step instanceof TaskStep.ApplySchemaChange ddl) {
            ddlApplier.apply(ddl.change());
        } else if (step instanceof TaskStep.Rows rows) {
            writer.write(rows.events());
        }
    }

    /**
     * Waits for the batch in flight and takes its offsets. A failed batch's offsets stay uncommitted, and its
     * error is not thrown here: the next put() fails the task with it.
     */
    private void collectCommitted() {
        try {
            awaitInFlight();
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
    public void open(Collection<TopicPartition> partitions) {
        // Another task may have written these partitions since this task last had them: read their stored offsets again.
        writer.partitionsAssigned(partitions);
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        // The worker calls preCommit before closing; wait here too, so nothing is in flight either way.
        collectCommitted();
        partitions.forEach(committed::remove);
        // Held records of the closed partitions go (the next owner reads them again); those of partitions kept stay held.
        hold.dropPartitions(partitions);
        if (transactions != null) {
            transactions.dropPartitions(partitions);
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
