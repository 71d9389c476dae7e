package io.obkc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.obkc.source.binlog.OceanBaseBinlogSourceTask;

/** The connector runs the task of the chosen capture mode and validates that mode's own settings. */
class CaptureModeWiringTest {
    private static Map<String, String> binlog() {
        Map<String, String> p = new HashMap<>();
        p.put("capture.mode", "binlog");
        p.put("database.hostname", "odp.example");
        p.put("database.user", "cdc@tenant1#cluster");
        p.put("database.password", "s3cret");
        p.put("database.server.id", "5400");
        p.put("topic.prefix", "ob");
        p.put("schema.history.internal.kafka.bootstrap.servers", "localhost:9092");
        p.put("schema.history.internal.kafka.topic", "ob-history");
        return p;
    }

    @Test
    void binlogModeRunsTheBinlogTaskAndChangelogItsOwn() {
        OceanBaseSourceConnector c = new OceanBaseSourceConnector();
        c.start(binlog());
        assertThat(c.taskClass()).isEqualTo(OceanBaseBinlogSourceTask.class);
        assertThat(c.taskConfigs(4)).hasSize(1);
        Map<String, String> changelog = new HashMap<>(binlog());
        changelog.put("capture.mode", "changelog");
        changelog.put("table.include.list", "db.t");
        c.start(changelog);
        assertThat(c.taskClass()).isEqualTo(OceanBaseSourceTask.class);
    }

    @Test
    void binlogModeSettingsAreValidatedAgainstItsConfigDef() {
        Map<String, String> p = binlog();
        p.remove("database.server.id");
        List<ConfigValue> values = new OceanBaseSourceConnector().validate(p).configValues();
        ConfigValue serverId = values.stream().filter(v -> v.name().equals("database.server.id")).findFirst().orElseThrow();
        assertThat(serverId.errorMessages()).isNotEmpty();
        assertThat(values.stream().flatMap(v -> v.errorMessages().stream())).noneMatch(m -> m.contains("s3cret"));
    }
}
