package io.obkc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.LogCapture;
import io.obkc.testing.SqlAssertions;
import io.obkc.testing.TestBed;

/**
 * The password from a Kafka ConfigProvider (docs/operations.md, "Secrets"): the worker resolves
 * {@code ${file:...}} for validation and for the task, the sink writes, and nothing the worker or the sink logs,
 * at INFO, holds the password.
 */
class ConfigProviderIT {
    private static final String DB = "cfgprov_it";
    private static final String USER = "cfgprov_it_user";
    private static final String PASSWORD = "Zq-cfgprov-7731";
    private static final String SINK = "cfgprov-sink";

    @Test
    void passwordFromAFileProviderWorksAndIsNeverLogged(@TempDir Path dir) throws Exception {
        DatabaseEndpoint ob = TestBed.oceanbase();
        ob.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
                "DROP USER IF EXISTS '" + USER + "'@'%'",
                "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%'");
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "ob.password=" + PASSWORD + "\n");
        String topic = "cfgprov." + DB + ".t";
        try (LogCapture logs = LogCapture.start("org.apache.kafka", "io.obkc");
                ConnectTestBed connect = ConnectTestBed.start("cfgprov", Map.of(
                        "config.providers", "file",
                        "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"))) {
            Map<String, String> config = PipelineConfigs.oceanbaseSink(ob, "cfgprov\\." + DB + "\\..*");
            config.put("connection.user", USER);
            config.put("connection.password", "${file:" + secrets + ":ob.password}");
            config.put("name", SINK);

            // Validation resolves the reference, so the connected check logs in with the real password.
            ConfigInfos validated = connect.cluster().validateConnectorConfig("OceanBaseSinkConnector", config);
            List<String> errors = validated.values().stream().map(ConfigInfo::configValue)
                    .flatMap(v -> v.errors().stream().map(e -> v.name() + ": " + e)).toList();
            assertThat(errors).isEmpty();
            assertThat(logs.text()).as("validation saw the resolved password, not the reference").doesNotContain("unresolved ${...} reference");

            connect.putConnector(SINK, config);
            connect.awaitRunning(SINK, Duration.ofSeconds(60));
            String schema = "{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
                    + "{\"field\":\"v\",\"type\":\"string\",\"optional\":true}]}";
            String keySchema = "{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int64\",\"optional\":false}]}";
            connect.produce(topic, ("{\"schema\":" + keySchema + ",\"payload\":{\"id\":1}}").getBytes(StandardCharsets.UTF_8),
                    ("{\"schema\":" + schema + ",\"payload\":{\"id\":1,\"v\":\"via provider\"}}").getBytes(StandardCharsets.UTF_8));
            SqlAssertions.awaitTrue("row written with the provided password", Duration.ofSeconds(60),
                    () -> {
                        connect.assertNoFailedTasks(SINK);
                        return SqlAssertions.rows(ob, "", "SELECT v FROM " + DB + ".t WHERE id = 1").equals(List.of(List.of("via provider")));
                    });
            String logged = logs.text();
            assertThat(logged).as("the worker logged its config dumps").contains("connection.password");
            assertThat(logged).doesNotContain(PASSWORD);
        } finally {
            ob.execute("DROP DATABASE IF EXISTS " + DB, "DROP USER IF EXISTS '" + USER + "'@'%'");
        }
    }
}
