package io.obkc.smt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/** Every enum-like setting of every transform offers its values to Connect UIs as recommended values (issue 14). */
class RecommendedValuesTest {
    @Test
    void everyEnumLikeSettingRecommendsItsValues() {
        Map<String, ConfigDef> defs = Map.of("DmlFilter", DmlFilter.CONFIG_DEF, "ObjectRouter", ObjectRouter.CONFIG_DEF,
                "RowFilter", RowFilter.CONFIG_DEF, "ColumnFilter", ColumnFilter.CONFIG_DEF, "TypeMapping", TypeMapping.CONFIG_DEF,
                "OmsPartitioner", OmsPartitioner.CONFIG_DEF);
        int checked = 0;
        for (Map.Entry<String, ConfigDef> d : defs.entrySet()) {
            for (ConfigDef.ConfigKey k : d.getValue().configKeys().values()) {
                if (k.validator instanceof ConfigDef.CaseInsensitiveValidString || k.validator instanceof ConfigDef.ValidString
                        || k.validator instanceof ConfigDef.ValidList) {
                    assertThat(k.recommender).as(d.getKey() + " " + k.name).isNotNull();
                    List<Object> values = k.recommender.validValues(k.name, Map.of());
                    assertThat(values).as(d.getKey() + " " + k.name).isNotEmpty();
                    // Each recommended value passes the setting's own validation.
                    for (Object v : values) {
                        k.validator.ensureValid(k.name, k.type == ConfigDef.Type.LIST ? List.of(v) : v);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(14);
        assertThat(TypeMapping.CONFIG_DEF.configKeys().get("timestamp.mode").recommender.validValues("timestamp.mode", Map.of()))
                .containsExactly("timestamp", "string");
    }
}
