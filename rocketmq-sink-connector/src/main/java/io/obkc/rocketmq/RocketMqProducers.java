package io.obkc.rocketmq;

import java.util.UUID;

import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.kafka.connect.errors.ConnectException;

/** Builds the producers of the connector (tasks, and the short-lived one {@code validate()} uses). */
final class RocketMqProducers {
    private RocketMqProducers() {
    }

    /**
     * A started producer. Each gets its own instance name: the RocketMQ client shares one client instance per name in
     * a JVM and refuses a second producer of the same group in it, which several tasks of one worker would be.
     */
    static DefaultMQProducer start(RocketMqSinkConfig config, String purpose) {
        DefaultMQProducer producer = config.accessKey() == null
                ? new DefaultMQProducer(config.producerGroup())
                : new DefaultMQProducer(config.producerGroup(), new AclClientRPCHook(
                        new SessionCredentials(config.accessKey(), config.secretKey() == null ? null : config.secretKey().value())));
        producer.setNamesrvAddr(config.namesrvAddr());
        producer.setInstanceName("obkc-" + purpose + "-" + UUID.randomUUID());
        producer.setSendMsgTimeout(config.sendTimeoutMs());
        // The connector retries itself, to the same queue, so that a retry cannot overtake later changes of the key.
        producer.setRetryTimesWhenSendFailed(0);
        producer.setMaxMessageSize(Math.max(producer.getMaxMessageSize(), config.batchMaxBytes()));
        try {
            producer.start();
        } catch (MQClientException e) {
            throw new ConnectException("Could not start a RocketMQ producer for name server " + config.namesrvAddr() + ": " + e.getMessage(), e);
        }
        return producer;
    }
}
