package io.obkc.rocketmq;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.common.BundleVersion;

/**
 * Writes records to RocketMQ. {@link #put} returns only when the broker has acknowledged every message made from
 * the records it was given, so the offsets the worker commits afterwards ({@link #preCommit}) never cover a record
 * that is not in RocketMQ: at least once. A send that still fails after the retries fails the task; no record is
 * skipped. Within a put, each record's queue is chosen by its key ({@link KeyHashQueueSelector}) and each queue's
 * messages are sent in record order.
 */
public class RocketMqSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(RocketMqSinkTask.class);

    private RocketMqSinkConfig config;
    private DefaultMQProducer producer;
    private ValueSerializer serializer;
    private TopicTemplate topics;
    private TopicRoutes routes;
    private QueueSender sender;
    private ErrantRecordReporter errantRecords;
    private final KeyHashQueueSelector selector = new KeyHashQueueSelector();
    private long skippedEmpty;
    private long sentToDeadLetterQueue;

    @Override
    public String version() {
        return BundleVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new RocketMqSinkConfig(props);
        serializer = new ValueSerializer(config.valueConverterClass(), config.valueConverterSettings());
        topics = new TopicTemplate(config.topic());
        RetryPolicy retry = new RetryPolicy(config.sendRetries(), config.retryBackoffMs());
        producer = RocketMqProducers.start(config, "sink-task");
        routes = new TopicRoutes(producer, config.namesrvAddr(), retry);
        sender = new QueueSender(producer, config.namesrvAddr(), retry, config.batchMaxBytes(), config.sendTimeoutMs());
        errantRecords = errantRecordReporter();
        if (topics.isFixed()) {
            // A missing topic or an unreachable name server fails the task now, not at the first record.
            routes.queues(topics.fixedName());
        }
        LOG.info("RocketMQ sink task started: name server {}, topic {}, producer group {}, value converter {}",
                config.namesrvAddr(), config.topic(), config.producerGroup(), serializer.converterName());
    }

    private ErrantRecordReporter errantRecordReporter() {
        if (context == null) {
            return null;
        }
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than Kafka 2.6
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<MessageQueue, List<Message>> byQueue = new LinkedHashMap<>();
        for (SinkRecord record : records) {
            ChangeRecordFacts facts = ChangeRecordFacts.of(record);
            byte[] body;
            try {
                body = serializer.body(record);
            } catch (DataException e) {
                reportOrFail(record, facts, e);
                continue;
            }
            if (body == null) {
                // A tombstone, or a record the converter writes nothing for: there is no message to send.
                skippedEmpty++;
                continue;
            }
            String topic = topics.resolve(record.topic(), facts);
            if (topic.isEmpty() || topic.length() > TopicTemplate.MAX_LENGTH) {
                throw new ConnectException("Record from Kafka topic " + record.topic() + " maps to RocketMQ topic '" + topic
                        + "', which RocketMQ does not accept (1 to " + TopicTemplate.MAX_LENGTH + " characters); check "
                        + RocketMqSinkConfig.TOPIC);
            }
            Message message = new Message(topic, facts.table(), body);
            if (!facts.keyValues().isEmpty()) {
                message.setKeys(facts.keyValues());
            }
            String keyText = facts.keyValues().isEmpty() ? null : String.join("\u0000", facts.keyValues());
            int partition = record.kafkaPartition() == null ? 0 : record.kafkaPartition();
            MessageQueue queue = selector.select(routes.queues(topic), message, new KeyHashQueueSelector.QueueKey(keyText, partition));
            byQueue.computeIfAbsent(queue, q -> new ArrayList<>()).add(message);
        }
        for (Map.Entry<MessageQueue, List<Message>> e : byQueue.entrySet()) {
            sender.send(e.getKey(), e.getValue());
        }
    }

    /** A record the converter rejects goes to the dead letter queue when one is set, else fails the task; named either way. */
    private void reportOrFail(SinkRecord record, ChangeRecordFacts facts, DataException e) {
        ConnectException named = new ConnectException("Could not convert the record at " + record.topic() + "/"
                + record.kafkaPartition() + "@" + record.kafkaOffset() + " (table '" + facts.table() + "', key "
                + facts.keyValues() + ") with " + serializer.converterName() + ": " + e.getMessage(), e);
        if (errantRecords == null) {
            throw named;
        }
        errantRecords.report(record, named);
        sentToDeadLetterQueue++;
    }

    /** Nothing is in flight between puts: {@link #put} waits for every acknowledgement before it returns. */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return currentOffsets;
    }

    @Override
    public void stop() {
        if (skippedEmpty > 0 || sentToDeadLetterQueue > 0) {
            LOG.info("RocketMQ sink task stopping; {} record(s) had no message body (tombstones) and were not sent, {} went to "
                    + "the dead letter queue", skippedEmpty, sentToDeadLetterQueue);
        }
        if (producer != null) {
            producer.shutdown();
        }
        if (serializer != null) {
            serializer.close();
        }
    }
}
