package io.obkc.rocketmq;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.ResponseCode;

/**
 * Sends one queue's messages, in order, in batches, each batch synchronously: a batch is acknowledged by the broker
 * ({@link SendStatus#SEND_OK}) before the next is sent, and a failed batch is retried to the same queue before
 * anything after it. So a key's changes reach its queue in order; a retry after a lost acknowledgement may
 * repeat a batch (at least once), but never reorders.
 */
final class QueueSender {
    /** Room for a message's topic, tag, keys and properties in the batch encoding, beyond its body. */
    private static final int PER_MESSAGE_OVERHEAD = 256;

    private final DefaultMQProducer producer;
    private final String namesrv;
    private final RetryPolicy retry;
    private final int batchMaxBytes;
    private final long sendTimeoutMs;

    QueueSender(DefaultMQProducer producer, String namesrv, RetryPolicy retry, int batchMaxBytes, long sendTimeoutMs) {
        this.producer = producer;
        this.namesrv = namesrv;
        this.retry = retry;
        this.batchMaxBytes = batchMaxBytes;
        this.sendTimeoutMs = sendTimeoutMs;
    }

    /** Returns when every message is acknowledged; throws (the task then fails) when a batch failed after the retries. */
    void send(MessageQueue queue, List<Message> messages) {
        List<Message> batch = new ArrayList<>();
        int bytes = 0;
        for (Message m : messages) {
            int size = m.getBody().length + PER_MESSAGE_OVERHEAD + (m.getKeys() == null ? 0 : m.getKeys().length());
            if (!batch.isEmpty() && bytes + size > batchMaxBytes) {
                sendBatch(queue, batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(m);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            sendBatch(queue, batch);
        }
    }

    private void sendBatch(MessageQueue queue, List<Message> batch) {
        retry.run("send " + batch.size() + " message(s) to " + describe(queue), () -> {
            SendResult result;
            try {
                result = batch.size() == 1
                        ? producer.send(batch.get(0), queue, sendTimeoutMs)
                        : producer.send(batch, queue, sendTimeoutMs);
            } catch (MQClientException e) {
                if (e.getResponseCode() == ResponseCode.MESSAGE_ILLEGAL) {
                    throw new RetryPolicy.NonRetriable(e.getErrorMessage(), e);
                }
                throw e;
            }
            if (result.getSendStatus() != SendStatus.SEND_OK) {
                throw new IllegalStateException("broker answered " + result.getSendStatus() + " for message " + result.getMsgId());
            }
            return result;
        }, failure -> new ConnectException("Could not deliver " + batch.size() + " message(s) to " + describe(queue)
                + " (name server " + namesrv + ") after " + (retry.retries() + 1) + " tries; offsets of these records are not "
                + "committed, so they are sent again when the task restarts. Last error: " + RouteProblem.rootMessage(failure)
                + keysOf(batch), failure));
    }

    private static String describe(MessageQueue q) {
        return "RocketMQ topic '" + q.getTopic() + "' queue " + q.getQueueId() + " on broker " + q.getBrokerName();
    }

    private static String keysOf(List<Message> batch) {
        Message first = batch.get(0);
        return " (first message: table '" + first.getTags() + "', keys " + first.getKeys() + ")";
    }
}
