package io.obkc.rocketmq;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.utils.Utils;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Chooses a queue by hashing the record's key (its primary key values), so all changes of one row go to one queue,
 * in order. The argument is the {@link QueueKey} of the record. A record without a key goes to the queue of its
 * Kafka partition, which keeps the order that partition had.
 */
final class KeyHashQueueSelector implements MessageQueueSelector {

    /** What the queue is chosen from: the key values' text (null when the record has none) and the Kafka partition. */
    record QueueKey(String keyText, int kafkaPartition) {
    }

    @Override
    public MessageQueue select(List<MessageQueue> queues, Message message, Object arg) {
        return queues.get(index((QueueKey) arg, queues.size()));
    }

    static int index(QueueKey key, int queueCount) {
        if (key.keyText() == null) {
            return Math.floorMod(key.kafkaPartition(), queueCount);
        }
        // Kafka's own partitioner hash: stable across JVMs and versions, unlike String.hashCode's contract.
        return Utils.toPositive(Utils.murmur2(key.keyText().getBytes(StandardCharsets.UTF_8))) % queueCount;
    }
}
