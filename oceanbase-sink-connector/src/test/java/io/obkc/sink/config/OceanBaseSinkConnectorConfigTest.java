package io.obkc.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    /** Nothing listens on port 1: validate()'s connection check refuses it at once, and these tests leave that message out. */
    private static final String UNREACHABLE = "Nothing accepts connections on 127.0.0.1:1";

    private static Map<String, List<String>> errors(Map<String, String> props) {
        Config c = new OceanBaseSinkConnector().validate(props);
        return c.configValues().stream()
                .map(v -> new ConfigValue(v.name(), v.value(), v.recommendedValues(),
                        v.errorMessages().stream().filter(m -> !m.startsWith(UNREACHABLE)).toList()))
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    private static Map<String, String> base() {
        Map<String, String> p = new HashMap<>();
        p.put("connection.url", "jdbc:mysql://127.0.0.1:1/");
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
    void schemaCachingJsonConverterIsCheckedLikeJsonConverter() {
        // the bundle's drop-in JsonConverter has the same replace.null.with.default=true default
        Map<String, String> p = base();
        p.put("value.converter", "io.obkc.converters.json.SchemaCachingJsonConverter");
        assertThat(errors(p).get("value.converter.replace.null.with.default"))
                .anySatisfy(m -> assertThat(m).contains("NULL").contains("=false"));
        p.put("value.converter.replace.null.with.default", "false");
        assertThat(errors(p)).isEmpty();
    }

    @Test
    void otherConvertersAreNotChecked() {
        Map<String, String> p = base();
        p.put("value.converter", "io.confluent.connect.avro.AvroConverter");
        assertThat(errors(p)).isEmpty();
    }

    @Test
    void missingUrlGetsOneMessage() {
        Map<String, String> p = base();
        p.remove("connection.url");
        assertThat(errors(p).get("connection.url")).singleElement().asString().contains("Missing required configuration");
    }

    @Test
    void auditAndOffsetsTablesMustHaveExactlyTwoParts() {
        for (String key : List.of("ddl.audit.table", "offsets.storage.table")) {
            Map<String, String> p = base();
            p.put(key, "a.b.c");
            assertThat(errors(p).get(key)).as(key).singleElement().asString().contains("<database>.<table>").contains("3 part");
            p.put(key, "justatable");
            assertThat(errors(p)).as(key).containsKey(key);
            p.put(key, "`my.db`.t");
            assertThat(errors(p)).as(key).doesNotContainKey(key);
        }
        Map<String, String> p = base();
        p.put("ddl.audit.table", "");
        assertThat(errors(p)).isEmpty();
    }

    @Test
    void emptyNameFormatsAreRefused() {
        for (String key : List.of("table.name.format", "database.name.format")) {
            Map<String, String> p = base();
            p.put(key, "");
            assertThat(errors(p)).as(key).containsKey(key);
            p.put(key, "  ");
            assertThat(errors(p)).as(key).containsKey(key);
        }
    }

    @Test
    void passwordInsideTheUrlIsRefusedWithoutEchoingIt() {
        for (String url : List.of("jdbc:mysql://127.0.0.1:1/?user=obkc&password=hunter2", "jdbc:mysql://obkc:hunter2@127.0.0.1:1/",
                "jdbc:oceanbase://127.0.0.1:1/db?useSSL=false&PASSWORD=hunter2", "jdbc:mysql://127.0.0.1:1/?password1=hunter2")) {
            Map<String, String> p = base();
            p.put("connection.url", url);
            List<String> messages = errors(p).get("connection.url");
            assertThat(messages).as(url).singleElement().asString().contains("connection.password").doesNotContain("hunter2");
            assertThatThrownBy(() -> new OceanBaseSinkConnectorConfig(p)).as(url)
                    .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                    .hasMessageContaining("connection.url").hasMessageNotContaining("hunter2");
        }
        Map<String, String> p = base();
        p.put("connection.url", "jdbc:mysql://obkc@127.0.0.1:1/?passwordCharacterEncoding=utf8");
        assertThat(errors(p)).isEmpty();
    }

    @Test
    void mariadbUrlHasNoDriverAndSaysWhatToUse() {
        Map<String, String> p = base();
        p.put("connection.url", "jdbc:mariadb://127.0.0.1:1/");
        assertThat(errors(p).get("connection.url")).singleElement().asString().contains("jdbc:mysql://");
    }

    @Test
    void enumLikeSettingsRecommendTheirValues() {
        Config c = new OceanBaseSinkConnector().validate(base());
        Map<String, List<Object>> recommended = c.configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::recommendedValues));
        assertThat(recommended.get("insert.mode")).containsExactly("upsert", "insert");
        assertThat(recommended.get("primary.key.mode")).containsExactly("record_key", "record_value", "none");
        assertThat(recommended.get("no.primary.key.policy")).containsExactly("fail", "match_all_columns");
        assertThat(recommended.get("ddl.unsupported.policy")).containsExactly("fail", "skip_and_record");
        // Every key validated against a fixed list recommends exactly that list.
        for (var k : OceanBaseSinkConnectorConfig.CONFIG_DEF.configKeys().values()) {
            if (k.validator instanceof org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString) {
                assertThat(k.recommender).as(k.name).isNotNull();
            }
        }
    }
}
