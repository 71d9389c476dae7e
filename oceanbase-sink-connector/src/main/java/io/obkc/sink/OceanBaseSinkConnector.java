package io.obkc.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import io.obkc.common.BundleVersion;
import io.obkc.sink.config.ConverterNullCheck;
import io.obkc.sink.config.TargetCheck;

/**
 * Kafka Connect sink that applies change events (Debezium envelopes or flat records) to OceanBase
 * MySQL mode: batched multi-row upserts and deletes, one transaction per batch, automatic table
 * creation, retries and a dead letter queue. Reference: docs/oceanbase-sink-connector.md.
 */
public class OceanBaseSinkConnector extends SinkConnector {
    /** validate() connects only when these are valid on their own. */
    private static final java.util.Set<String> CONNECTION_FIELDS = java.util.Set.of(OceanBaseSinkConnectorConfig.CONNECTION_URL,
            OceanBaseSinkConnectorConfig.CONNECTION_USER, OceanBaseSinkConnectorConfig.CONNECTION_PASSWORD,
            OceanBaseSinkConnectorConfig.CONNECTION_TIMEOUT_MS);
    private Map<String, String> props;

    @Override
    public String version() {
        return BundleVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        new OceanBaseSinkConnectorConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return OceanBaseSinkTask.class;
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
        return OceanBaseSinkConnectorConfig.CONFIG_DEF;
    }

    /**
     * Adds cross-field checks to the per-field validation, attached to the field they concern, and, when the connection
     * settings are valid, connects to the target ({@link TargetCheck}): driver, reachability, credentials, server and
     * privileges, each problem on the setting at fault.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, List<String>> problems = new HashMap<>(OceanBaseSinkConnectorConfig.crossFieldProblems(connectorConfigs));
        if (config.configValues().stream().filter(v -> CONNECTION_FIELDS.contains(v.name())).allMatch(v -> v.errorMessages().isEmpty())) {
            TargetCheck.run(connectorConfigs).forEach((field, messages) ->
                    problems.computeIfAbsent(field, k -> new ArrayList<>()).addAll(messages));
        }
        for (ConfigValue v : config.configValues()) {
            List<String> messages = problems.get(v.name());
            if (messages != null) {
                messages.forEach(v::addErrorMessage);
            }
        }
        // Converter settings are not fields of this connector's ConfigDef; report them under their own names.
        ConverterNullCheck.problems(connectorConfigs).forEach((name, message) ->
                config.configValues().add(new ConfigValue(name, connectorConfigs.get(name), List.of(), List.of(message))));
        return config;
    }
}
