package io.obkc.source.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import io.debezium.relational.Selectors;
import io.debezium.relational.TableId;
import io.obkc.common.rules.ObjectMatcher;
import io.obkc.common.rules.ObjectName;

import io.obkc.source.OceanBaseSourceConfig;
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

    /** Debezium's own table selector, built from the properties the task hands to Debezium. */
    private static Predicate<TableId> debeziumSelector(Map<String, String> p) {
        Map<String, String> d = new OceanBaseBinlogConfig(p).debeziumProperties(p);
        assertThat(d).doesNotContainKey("table.exclude.list");
        return Selectors.tableSelector().includeTables(d.get("table.include.list")).build();
    }

    @Test
    void tablesAreChosenWithTheSharedMatchingRules() {
        Map<String, String> p = minimal();
        p.put("table.include.list", "shop.order_*, `crm,old`.customer");
        p.put("table.exclude.list", "shop.order_archive*");
        Predicate<TableId> selected = debeziumSelector(p);
        ObjectMatcher rules = ObjectMatcher.parse(p.get("table.include.list"), p.get("table.exclude.list"));
        for (String[] t : new String[][] {{"shop", "order_items"}, {"SHOP", "ORDER_ITEMS"}, {"shop", "order_archive_2020"},
                {"shop", "orders"}, {"shopx", "order_1"}, {"crm,old", "customer"}, {"crm", "customer"}, {"shop", "order_"}}) {
            assertThat(selected.test(new TableId(t[0], null, t[1]))).as("%s.%s", t[0], t[1])
                    .isEqualTo(rules.matches(new ObjectName(t[0], t[1])));
        }
        assertThat(selected.test(new TableId("shop", null, "order_items"))).isTrue();
        assertThat(selected.test(new TableId("shop", null, "order_archive_2020"))).isFalse();
        assertThat(selected.test(new TableId("crm,old", null, "customer"))).isTrue();
    }

    @Test
    void anExcludeListAloneKeepsEveryOtherTable() {
        Map<String, String> p = minimal();
        p.put("table.exclude.list", "*.tmp_*");
        Predicate<TableId> selected = debeziumSelector(p);
        assertThat(selected.test(new TableId("a", null, "t"))).isTrue();
        assertThat(selected.test(new TableId("a", null, "tmp_1"))).isFalse();
    }

    @Test
    void refusesABadRuleNamingTheKey() {
        Map<String, String> p = minimal();
        p.put("table.include.list", "shop.[");
        assertThatThrownBy(() -> new OceanBaseBinlogConfig(p)).isInstanceOf(ConfigException.class).hasMessageContaining("table.include.list");
    }

    @Test
    void refusesARenameInTheExcludeListAtConfigTime() {
        Map<String, String> p = minimal();
        p.put("table.exclude.list", "shop.tmp_*=other.*");
        assertThatThrownBy(() -> new OceanBaseBinlogConfig(p)).isInstanceOf(ConfigException.class).hasMessageContaining("table.exclude.list");
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

    /**
     * The worker renders validate()'s values with the types of the connector's config() (the changelog ConfigDef); a key both
     * define with different types made PUT /connector-plugins/.../config/validate fail with HTTP 500 in binlog mode.
     */
    @Test
    void keysSharedWithTheChangelogConfigDefHaveTheSameType() {
        Map<String, ConfigDef.ConfigKey> changelog = OceanBaseSourceConfig.CONFIG_DEF.configKeys();
        OceanBaseBinlogConfig.CONFIG_DEF.configKeys().forEach((name, key) -> {
            if (changelog.containsKey(name)) {
                assertThat(key.type).as(name).isEqualTo(changelog.get(name).type);
            }
        });
        assertThat(OceanBaseBinlogConfig.CONFIG_DEF.configKeys()).containsKey("datatype.propagate.source.type");
    }

    @Test
    void docsConfigTableMatchesTheConfigDef() throws Exception {
        ConfigReferenceTable.assertDocMatches(OceanBaseBinlogConfig.CONFIG_DEF, Path.of("../docs/oceanbase-source-binlog.md"), "binlog");
    }
}
