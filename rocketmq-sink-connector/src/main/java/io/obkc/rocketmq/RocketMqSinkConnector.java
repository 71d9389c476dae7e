package io.obkc.rocketmq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.rocketmq.client.producer.DefaultMQProducer;

import io.obkc.common.BundleVersion;

/**
 * Kafka Connect sink that writes records to Apache RocketMQ (4.7.1 through 5.x) in any Kafka Connect serialization,
 * the OBKC OMS formats among them: one message per record, the queue chosen by the record's key, tag = table,
 * keys = key values, at least once. Reference: docs/rocketmq-sink-connector.md.
 */
public class RocketMqSinkConnector extends SinkConnector {
    /** Looked up when the topic is a template: any answer from the name server shows it is reachable. */
    static final String PROBE_TOPIC = "obkc-rocketmq-sink-probe";

    private Map<String, String> props;

    @Override
    public String version() {
        return BundleVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        RocketMqSinkConfig config = new RocketMqSinkConfig(props);
        aclProblem(config.accessKey() != null, config.secretKey() != null).ifPresent(p -> {
            throw new ConfigException(p);
        });
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RocketMqSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> out = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            out.add(new HashMap<>(props));
        }
        return out;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return RocketMqSinkConfig.CONFIG_DEF;
    }

    /**
     * Adds to the per-field checks: access and secret key given together, the name server reachable, and a fixed
     * topic existing. Each problem is reported on the field it concerns.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        config.configValues().forEach(v -> byName.put(v.name(), v));
        boolean fieldErrors = config.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
        if (fieldErrors) {
            return config;
        }
        RocketMqSinkConfig parsed = new RocketMqSinkConfig(connectorConfigs);
        Optional<String> acl = aclProblem(parsed.accessKey() != null, parsed.secretKey() != null);
        if (acl.isPresent()) {
            byName.get(parsed.accessKey() == null ? RocketMqSinkConfig.ACCESS_KEY : RocketMqSinkConfig.SECRET_KEY).addErrorMessage(acl.get());
            return config;
        }
        TopicTemplate template = new TopicTemplate(parsed.topic());
        String topic = template.isFixed() ? template.fixedName() : PROBE_TOPIC;
        DefaultMQProducer producer = null;
        try {
            producer = RocketMqProducers.start(parsed, "validate");
            producer.fetchPublishMessageQueues(topic);
        } catch (Exception e) {
            RouteProblem problem = RouteProblem.of(e);
            String message = RouteProblem.describe(e, topic, parsed.namesrvAddr());
            if (problem == RouteProblem.NAME_SERVER_UNREACHABLE) {
                byName.get(RocketMqSinkConfig.NAMESRV_ADDR).addErrorMessage(message);
            } else if (template.isFixed()) {
                byName.get(RocketMqSinkConfig.TOPIC).addErrorMessage(message);
            }
            // A template's topics are only known per record; the probe's "not found" shows the name server answers.
        } finally {
            if (producer != null) {
                producer.shutdown();
            }
        }
        return config;
    }

    static Optional<String> aclProblem(boolean hasAccessKey, boolean hasSecretKey) {
        if (hasAccessKey == hasSecretKey) {
            return Optional.empty();
        }
        return Optional.of("Set both " + RocketMqSinkConfig.ACCESS_KEY + " and " + RocketMqSinkConfig.SECRET_KEY
                + " for an ACL-enabled cluster, or neither");
    }
}
