package io.obkc.sink.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.obkc.sink.OceanBaseSinkConnector;
import io.obkc.sink.OceanBaseSinkConnectorConfig;

class OceanBaseSinkConnectorConfigTest {
    private static Map<String, List<String>> errors(Map<String, String> props) {
        Config c = new OceanBaseSinkConnector().validate(props);
        return c.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    private static Map<String, String> base() {
        Map<String, String> p = new HashMap<>();
        p.put("connection.url", "jdbc:mysql://127.0.0.1:2881/");
        p.put("connection.password", "s3cret");
        return p;
    }

    @Test
    void validConfigHasNoErrors() {
        assertThat(errors(base())).isEmpty();
    }

    @Test
    void crossFieldMistakesAreReportedOnTheRightField() {
        Map<String, String> p = base();
        p.put("primary.key.mode", "record_value");
        assertThat(errors(p)).containsKey("primary.key.fields");

        p = base();
        p.put("primary.key.mode", "none");
        assertThat(errors(p)).containsKey("insert.mode");

        p = base();
        p.put("table.name.format", "${source.tbl}");
        assertThat(errors(p).get("table.name.format")).anySatisfy(m -> assertThat(m).contains("${source.tbl}"));
    }

    @Test
    void transactionAlignedApplyNeedsOneTaskAndTheTransactionTopic() {
        Map<String, String> p = base();
        p.put("transaction.aligned.enabled", "true");
        p.put("topics.regex", "dbz\\..*");
        assertThat(errors(p)).doesNotContainKey("transaction.aligned.enabled");
        p.put("tasks.max", "2");
        assertThat(errors(p).get("transaction.aligned.enabled")).anySatisfy(m -> assertThat(m).contains("tasks.max=1"));
        p = base();
        p.put("transaction.aligned.enabled", "true");
        p.put("topics", "dbz.inv.a,dbz.inv.b");
        assertThat(errors(p).get("transaction.aligned.enabled")).anySatisfy(m -> assertThat(m).contains("transaction topic"));
        p.put("topics", "dbz.inv.a,dbz.inv.b,dbz.transaction");
        assertThat(errors(p)).doesNotContainKey("transaction.aligned.enabled");
    }

    @Test
    void badUrlIsRejectedWithoutEchoingIt() {
        Map<String, String> p = base();
        p.put("connection.url", "mysql://host/?password=hunter2");
        List<String> messages = errors(p).get("connection.url");
        assertThat(messages).isNotEmpty();
        assertThat(String.join(" ", messages)).contains("jdbc:mysql://").doesNotContain("hunter2");
    }

    @Test
    void passwordIsAPasswordType() {
        assertThat(OceanBaseSinkConnectorConfig.CONFIG_DEF.configKeys().get("connection.password").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
        OceanBaseSinkConnectorConfig c = new OceanBaseSinkConnectorConfig(base());
        assertThat(c.connectionPassword().toString()).doesNotContain("s3cret");
    }

    @Test
    void jsonConverterThatReplacesNullsWithDefaultsIsRefused() {
        Map<String, String> p = base();
        p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        assertThat(errors(p).get("value.converter.replace.null.with.default"))
                .anySatisfy(m -> assertThat(m).contains("NULL").contains("=false"));

        p.put("value.converter.replace.null.with.default", "true");
        assertThat(errors(p)).containsKey("value.converter.replace.null.with.default");

        p.put("value.converter.replace.null.with.default", "false");
        p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        assertThat(errors(p)).containsOnlyKeys("key.converter.replace.null.with.default");

        p.put("key.converter.replace.null.with.default", "false");
        assertThat(errors(p)).isEmpty();
    }

    @Test
    void otherConvertersAreNotChecked() {
        Map<String, String> p = base();
        p.put("value.converter", "io.confluent.connect.avro.AvroConverter");
        assertThat(errors(p)).isEmpty();
    }
}
