package io.obkc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import io.obkc.common.rules.ObjectName;
import io.obkc.testing.ConfigReferenceTable;

class OceanBaseSourceConfigTest {
    private static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("database.hostname", "h");
        m.put("database.user", "u");
        m.put("database.password", "secret-pw");
        m.put("topic.prefix", "p");
        m.put("table.include.list", "shop.*");
        return m;
    }

    @Test
    void defaultsAreTheChangelogModeAndDebeziumsDefaults() {
        OceanBaseSourceConfig c = new OceanBaseSourceConfig(minimal());
        assertThat(c.captureMode()).isEqualTo(OceanBaseSourceConfig.CaptureMode.CHANGELOG);
        assertThat(c.decimalHandling()).isEqualTo(OceanBaseSourceConfig.DecimalHandling.PRECISE);
        assertThat(c.bigintUnsignedHandling()).isEqualTo(OceanBaseSourceConfig.BigintUnsignedHandling.LONG);
        assertThat(c.changelogDatabase()).isEqualTo("obkc_cdc");
        assertThat(c.heartbeatTopic()).isEqualTo("__debezium-heartbeat.p");
        assertThat(c.tables().matches(new ObjectName("shop", "orders"))).isTrue();
        assertThat(c.tables().matches(new ObjectName("crm", "orders"))).isFalse();
    }

    @Test
    void passwordStaysOutOfTheUrlAndToString() {
        OceanBaseSourceConfig c = new OceanBaseSourceConfig(minimal());
        assertThat(c.jdbcUrl()).doesNotContain("secret-pw");
        assertThat(c.toString()).doesNotContain("secret-pw");
        assertThat(SourceConnections.describe(c)).doesNotContain("secret-pw");
    }

    @Test
    void badValuesAreRefused() {
        Map<String, String> m = minimal();
        m.put("capture.mode", "logminer");
        assertThatThrownBy(() -> new OceanBaseSourceConfig(m)).isInstanceOf(ConfigException.class).hasMessageContaining("capture.mode");
        Map<String, String> r = minimal();
        r.put("table.include.list", "shop.[");
        assertThatThrownBy(() -> new OceanBaseSourceConfig(r)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("table.include.list");
    }

    @Test
    void binlogModeIsRefusedUntilItIsWiredIn() {
        Map<String, String> m = minimal();
        m.put("capture.mode", "binlog");
        assertThatThrownBy(() -> OceanBaseSourceTask.create(new OceanBaseSourceConfig(m))).hasMessageContaining("binlog");
    }

    @Test
    void docsConfigTableMatchesTheConfigDef() throws Exception {
        ConfigReferenceTable.assertDocMatches(OceanBaseSourceConfig.CONFIG_DEF, Path.of("../docs/oceanbase-source-connector.md"), "");
    }
}
