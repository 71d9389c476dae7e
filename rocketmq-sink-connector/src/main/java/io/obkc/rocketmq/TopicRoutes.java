package io.obkc.rocketmq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * The writable queues of each topic, from the name server. Looked up once per topic and kept: a key's queue then
 * stays the same for the life of the task (the order guarantee needs that); a restarted task looks them up again.
 */
final class TopicRoutes {
    private final DefaultMQProducer producer;
    private final String namesrv;
    private final RetryPolicy retry;
    private final Map<String, List<MessageQueue>> queues = new HashMap<>();

    TopicRoutes(DefaultMQProducer producer, String namesrv, RetryPolicy retry) {
        this.producer = producer;
        this.namesrv = namesrv;
        this.retry = retry;
    }

    /** The topic's queues in a stable order; fails with a message naming topic and name server after the retries. */
    List<MessageQueue> queues(String topic) {
        List<MessageQueue> known = queues.get(topic);
        if (known != null) {
            return known;
        }
        List<MessageQueue> fetched = retry.run("look up the route of topic '" + topic + "'", () -> lookUp(topic),
                failure -> new ConnectException(RouteProblem.describe(failure, topic, namesrv), failure));
        queues.put(topic, fetched);
        return fetched;
    }

    private List<MessageQueue> lookUp(String topic) throws MQClientException {
        List<MessageQueue> list = new ArrayList<>(producer.fetchPublishMessageQueues(topic));
        if (list.isEmpty()) {
            throw new MQClientException("topic '" + topic + "' has no writable queue", null);
        }
        // Sorted so that the same route gives the same key-to-queue mapping in every task and after every restart.
        list.sort(Comparator.comparing(MessageQueue::getBrokerName).thenComparingInt(MessageQueue::getQueueId));
        return List.copyOf(list);
    }
}
