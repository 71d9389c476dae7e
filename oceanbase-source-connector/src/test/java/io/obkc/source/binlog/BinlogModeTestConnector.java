package io.obkc.source.binlog;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Test-only stand-in for OceanBaseSourceConnector with capture.mode=binlog (built elsewhere): one task, the
 * connector's settings passed through, so the ITs run the real task in a real Connect worker.
 */
public class BinlogModeTestConnector extends SourceConnector {
    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return OceanBaseBinlogSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return OceanBaseBinlogConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return "test";
    }
}
