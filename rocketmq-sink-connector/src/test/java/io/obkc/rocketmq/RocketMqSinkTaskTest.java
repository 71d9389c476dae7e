package io.obkc.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class RocketMqSinkTaskTest {
    @Test
    void startFailsNamingTheNameServerWhenItIsNotThere() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RocketMqSinkTask task = new RocketMqSinkTask();
        Map<String, String> props = Map.of("rocketmq.namesrv.addr", "127.0.0.1:" + closedPort, "rocketmq.topic", "orders",
                "rocketmq.send.retries", "0");
        try {
            assertThatThrownBy(() -> task.start(props)).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("name server 127.0.0.1:" + closedPort + " is not reachable")
                    .hasMessageContaining("'orders'");
        } finally {
            task.stop();
        }
    }

    @Test
    void secretKeyIsAPasswordAndNotPrinted() {
        assertThat(RocketMqSinkConfig.CONFIG_DEF.configKeys().get(RocketMqSinkConfig.SECRET_KEY).type).isEqualTo(ConfigDef.Type.PASSWORD);
        RocketMqSinkConfig c = new RocketMqSinkConfig(Map.of("rocketmq.namesrv.addr", "ns:9876", "rocketmq.topic", "t",
                "rocketmq.access.key", "ak", "rocketmq.secret.key", "s3cr3t-value"));
        assertThat(c.secretKey().value()).isEqualTo("s3cr3t-value");
        assertThat(c.secretKey().toString()).doesNotContain("s3cr3t");
        assertThat(c.values().toString()).doesNotContain("s3cr3t");
    }

    @Test
    void accessAndSecretKeyComeTogether() {
        assertThat(RocketMqSinkConnector.aclProblem(true, false)).isPresent();
        assertThat(RocketMqSinkConnector.aclProblem(false, true)).isPresent();
        assertThat(RocketMqSinkConnector.aclProblem(true, true)).isEmpty();
        assertThat(RocketMqSinkConnector.aclProblem(false, false)).isEmpty();
    }

    @Test
    void aConverterThatIsNotAConverterIsRefusedByName() {
        assertThatThrownBy(() -> new ValueSerializer(String.class, Map.of())).hasMessageContaining("java.lang.String is not a Kafka Connect Converter");
    }

    @Test
    void valueConverterGetsItsPrefixedSettings() {
        org.apache.kafka.connect.data.Schema schema = org.apache.kafka.connect.data.SchemaBuilder.struct()
                .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA).build();
        org.apache.kafka.connect.sink.SinkRecord r = new org.apache.kafka.connect.sink.SinkRecord("t", 0, null, null, schema,
                new org.apache.kafka.connect.data.Struct(schema).put("id", 1), 0);
        RocketMqSinkConfig c = new RocketMqSinkConfig(Map.of("rocketmq.namesrv.addr", "ns:9876", "rocketmq.topic", "t",
                "rocketmq.value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "rocketmq.value.converter.schemas.enable", "false"));
        try (ValueSerializer v = new ValueSerializer(c.valueConverterClass(), c.valueConverterSettings())) {
            assertThat(new String(v.body(r), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
        }
    }
}
