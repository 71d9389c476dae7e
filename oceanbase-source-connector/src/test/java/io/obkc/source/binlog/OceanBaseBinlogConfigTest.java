package io.obkc.source.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import io.obkc.testing.ConfigReferenceTable;

class OceanBaseBinlogConfigTest {
    private static Map<String, String> minimal() {
        Map<String, String> p = new HashMap<>();
        p.put("database.hostname", "odp.example");
        p.put("database.user", "cdc@tenant_a#cluster1");
        p.put("database.password", "s3cret");
        p.put("database.server.id", "5911");
        p.put("topic.prefix", "ob");
        p.put("schema.history.internal.kafka.bootstrap.servers", "kafka:9092");
        p.put("schema.history.internal.kafka.topic", "ob-history");
        return p;
    }

    @Test
    void tenantComesFromTheOdpUserNameUnlessSet() {
        assertThat(OceanBaseBinlogConfig.tenantOfUser("cdc@tenant_a#cluster1")).isEqualTo("tenant_a");
        assertThat(OceanBaseBinlogConfig.tenantOfUser("cdc@tenant_a")).isEqualTo("tenant_a");
        assertThat(OceanBaseBinlogConfig.tenantOfUser("cluster1:tenant_a:cdc")).isEqualTo("tenant_a");
        assertThat(OceanBaseBinlogConfig.tenantOfUser("cdc")).isNull();
        assertThat(OceanBaseBinlogConfig.tenantOfUser("cdc@#c")).isNull();
        Map<String, String> p = minimal();
        p.put("oceanbase.tenant", "explicit");
        assertThat(new OceanBaseBinlogConfig(p).tenant()).isEqualTo("explicit");
    }

    @Test
    void debeziumGetsCompatModeOurSourceBlockDefaultsAndEverythingElseUnchanged() {
        Map<String, String> p = minimal();
        p.put("database.initial.statements", "SET SESSION ob_query_timeout = 100000000");
        p.put("snapshot.fetch.size", "2000"); // a Debezium key this ConfigDef does not know: passed through
        Map<String, String> d = new OceanBaseBinlogConfig(p).debeziumProperties(p);
        assertThat(d).containsEntry("database.initial.statements",
                        "SET SESSION _show_ddl_in_compat_mode = 1;SET SESSION ob_query_timeout = 100000000")
                .containsEntry("sourceinfo.struct.maker", OceanBaseSourceInfoStructMaker.class.getName())
                .containsEntry("oceanbase.tenant", "tenant_a")
                .containsEntry("database.password", "s3cret")
                .containsEntry("database.port", "2883")
                .containsEntry("snapshot.locking.mode", "none")
                .containsEntry("decimal.handling.mode", "precise")
                .containsEntry("snapshot.fetch.size", "2000")
                .doesNotContainKey("table.include.list")
                .doesNotContainKey("oceanbase.show.ddl.in.compat.mode");
    }

    @Test
    void compatModeCanBeTurnedOffForServersWithoutIt() {
        Map<String, String> p = minimal();
        p.put("oceanbase.show.ddl.in.compat.mode", "false");
        assertThat(new OceanBaseBinlogConfig(p).debeziumProperties(p)).doesNotContainKey("database.initial.statements");
    }

    @Test
    void refusesAnotherSourceBlockMaker() {
        Map<String, String> p = minimal();
        p.put("sourceinfo.struct.maker", "io.debezium.connector.mysql.MySqlSourceInfoStructMaker");
        assertThatThrownBy(() -> new OceanBaseBinlogConfig(p).debeziumProperties(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sourceinfo.struct.maker");
    }

    @Test
    void refusesMissingServerId() {
        Map<String, String> p = minimal();
        p.remove("database.server.id");
        assertThatThrownBy(() -> new OceanBaseBinlogConfig(p)).isInstanceOf(ConfigException.class).hasMessageContaining("database.server.id");
    }

    @Test
    void docsConfigTableMatchesTheConfigDef() throws Exception {
        ConfigReferenceTable.assertDocMatches(OceanBaseBinlogConfig.CONFIG_DEF, Path.of("../docs/oceanbase-source-binlog.md"), "binlog");
    }
}
