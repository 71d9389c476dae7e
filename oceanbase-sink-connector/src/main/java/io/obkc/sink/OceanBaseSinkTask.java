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
        ConnectionFactory connections = new ConnectionFactory(config);
        writer = new ChangeWriter(connections,
                new TableManager(config.getBoolean(OceanBaseSinkConnectorConfig.AUTO_CREATE), config.getBoolean(OceanBaseSinkConnectorConfig.AUTO_EVOLVE)),
                new WritePlanner(config.insertMode() == OceanBaseSinkConnectorConfig.InsertMode.UPSERT,
                        config.getBoolean(OceanBaseSinkConnectorConfig.DELETE_ENABLED),
                        config.getBoolean(OceanBaseSinkConnectorConfig.TRUNCATE_ENABLED), config.noPrimaryKeyPolicy()),
                config.getInt(OceanBaseSinkConnectorConfig.ROWS_PER_STATEMENT),
                config.getInt(OceanBaseSinkConnectorConfig.MAX_RETRIES),
                config.getLong(OceanBaseSinkConnectorConfig.RETRY_BACKOFF_MS), reporter, metrics);
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

    @Override
    public void put(Collection<SinkRecord> records) {
        List<ChangeEvent> batch = new ArrayList<>(Math.min(records.size(), batchSize));
        Map<TopicPartition, OffsetAndMetadata> batchOffsets = new HashMap<>();
        List<java.util.concurrent.Future<Void>> reported = new ArrayList<>();
        for (SinkRecord record : records) {
            try {
                ChangeEventExtractor.Result r = extractor.extract(record);
                if (r.event() != null) {
                    batch.add(r.event());
                } else {
                    metrics.recordNotRowData();
                    LOG.debug("Skipping {} record at {}-{}@{}", r.skipReason(), record.topic(), record.kafkaPartition(), record.kafkaOffset());
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
        if (metrics != null) {
            LOG.info("OceanBase sink task stopped: {}", metrics.summary());
        }
    }
}
