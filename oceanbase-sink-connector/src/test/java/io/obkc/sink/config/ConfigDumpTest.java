package io.obkc.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import io.obkc.sink.OceanBaseSinkConnector;
import io.obkc.sink.OceanBaseSinkConnectorConfig;
import io.obkc.testing.LogCapture;

/** Kafka's config dump (AbstractConfig, INFO) and validate() never print the sink's password, wherever it was given. */
class ConfigDumpTest {
    private static final String SECRET = "S3cr3t-dump-4711";

    @Test
    void theDumpHidesThePasswordField() {
        Map<String, String> p = new HashMap<>();
        p.put("connection.url", "jdbc:mysql://127.0.0.1:1/");
        p.put("connection.password", SECRET);
        try (LogCapture logs = LogCapture.start("org.apache.kafka", "io.obkc")) {
            new OceanBaseSinkConnectorConfig(p);
            assertThat(logs.text()).contains("connection.url = jdbc:mysql://127.0.0.1:1/").contains("connection.password = [hidden]")
                    .doesNotContain(SECRET);
        }
    }

    @Test
    void aPasswordInTheUrlNeverReachesTheDump() {
        Map<String, String> p = new HashMap<>();
        p.put("connection.url", "jdbc:mysql://127.0.0.1:1/?user=u&password=" + SECRET);
        try (LogCapture logs = LogCapture.start("org.apache.kafka", "io.obkc")) {
            assertThatThrownBy(() -> new OceanBaseSinkConnectorConfig(p)).isInstanceOf(ConfigException.class)
                    .hasMessageNotContaining(SECRET);
            new OceanBaseSinkConnector().validate(p).configValues().forEach(v ->
                    assertThat(String.join(" ", v.errorMessages())).doesNotContain(SECRET));
            assertThat(logs.text()).doesNotContain(SECRET);
        }
    }
}
