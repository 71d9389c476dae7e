package io.obkc.rocketmq.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.awaitility.Awaitility;

/**
 * The tests' own RocketMQ client, independent of the connector's code: creates topics on the broker and reads every
 * message of a topic back, queue by queue from offset 0, as a consumer would.
 */
final class RocketMqTestClient implements AutoCloseable {
    /** One message as read back. */
    record Read(int queueId, long queueOffset, String tags, String keys, String body) {
    }

    private final RocketMqCluster cluster;
    private final DefaultMQProducer admin;
    private final DefaultMQPullConsumer reader;

    RocketMqTestClient(RocketMqCluster cluster) throws Exception {
        this.cluster = cluster;
        admin = new DefaultMQProducer("obkc-it-admin");
        admin.setNamesrvAddr(cluster.namesrvAddr());
        admin.setInstanceName("obkc-it-admin-" + UUID.randomUUID());
        admin.start();
        reader = new DefaultMQPullConsumer("obkc-it-reader");
        reader.setNamesrvAddr(cluster.namesrvAddr());
        reader.setInstanceName("obkc-it-reader-" + UUID.randomUUID());
        reader.start();
    }

    /** Creates the topic on the broker and waits until the name server has its route. */
    void createTopic(String topic, int queues) {
        TopicConfig tc = new TopicConfig(topic, queues, queues, PermName.PERM_READ | PermName.PERM_WRITE);
        Awaitility.await("topic " + topic + " created on " + cluster.brokerAddr()).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    admin.getDefaultMQProducerImpl().getMqClientFactory().getMQClientAPIImpl()
                            .createTopic(cluster.brokerAddr(), "TBW102", tc, 5000);
                    return true;
                });
        awaitRoute(topic, queues);
    }

    void awaitRoute(String topic, int queues) {
        Awaitility.await("route of topic " + topic + " on name server " + cluster.namesrvAddr()).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> admin.fetchPublishMessageQueues(topic).size() == queues);
    }

    /** Every message of the topic, ordered by queue and offset within the queue. */
    List<Read> readAll(String topic) throws Exception {
        List<MessageQueue> queues = new ArrayList<>(reader.fetchSubscribeMessageQueues(topic));
        queues.sort(Comparator.comparingInt(MessageQueue::getQueueId));
        List<Read> out = new ArrayList<>();
        for (MessageQueue mq : queues) {
            long offset = reader.minOffset(mq);
            long max = reader.maxOffset(mq);
            while (offset < max) {
                PullResult r = reader.pull(mq, "*", offset, 64, 5000);
                if (r.getMsgFoundList() != null) {
                    for (MessageExt m : r.getMsgFoundList()) {
                        out.add(new Read(mq.getQueueId(), m.getQueueOffset(), m.getTags(), m.getKeys(),
                                new String(m.getBody(), StandardCharsets.UTF_8)));
                    }
                }
                if (r.getNextBeginOffset() <= offset) {
                    throw new IllegalStateException("Pull from " + mq + " at " + offset + " did not advance: " + r);
                }
                offset = r.getNextBeginOffset();
            }
        }
        return out;
    }

    @Override
    public void close() {
        reader.shutdown();
        admin.shutdown();
    }
}
