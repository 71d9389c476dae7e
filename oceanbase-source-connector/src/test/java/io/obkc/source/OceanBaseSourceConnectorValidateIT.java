package io.obkc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

class OceanBaseSourceConnectorValidateIT {
    private static final String DB = "obkc_src_validate_it";
    private static DatabaseEndpoint ob;

    @BeforeAll
    static void setUp() throws Exception {
        ob = TestBed.oceanbase();
        ob.recreateDatabase(DB);
        ob.execute("CREATE TABLE " + DB + ".t (id INT PRIMARY KEY)");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (ob != null) {
            ob.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    private static List<String> errors(Config c) {
        return c.configValues().stream().flatMap(v -> v.errorMessages().stream().map(m -> v.name() + ": " + m)).toList();
    }

    @Test
    void aGoodConfigValidatesClean() {
        Config c = new OceanBaseSourceConnector().validate(SourceTestConfigs.changelog(ob, "v", DB + ".*", DB + "_cdc"));
        assertThat(errors(c)).isEmpty();
    }

    @Test
    void wrongPasswordIsReportedWithoutThePassword() {
        Map<String, String> cfg = SourceTestConfigs.changelog(ob, "v", DB + ".*", DB + "_cdc");
        cfg.put(OceanBaseSourceConfig.PASSWORD, "wrong-secret-42");
        List<String> errors = errors(new OceanBaseSourceConnector().validate(cfg));
        assertThat(errors).singleElement().asString().startsWith("database.hostname: Cannot connect to").doesNotContain("wrong-secret-42");
        ConfigValue pw = new OceanBaseSourceConnector().validate(cfg).configValues().stream()
                .filter(v -> v.name().equals(OceanBaseSourceConfig.PASSWORD)).findFirst().orElseThrow();
        assertThat(String.valueOf(pw.value())).doesNotContain("wrong-secret-42");
    }

    @Test
    void rulesThatSelectNothingAreReported() {
        List<String> errors = errors(new OceanBaseSourceConnector().validate(SourceTestConfigs.changelog(ob, "v", "no_such_db.*", "x_cdc")));
        assertThat(errors).singleElement().asString().startsWith("table.include.list");
    }
}
