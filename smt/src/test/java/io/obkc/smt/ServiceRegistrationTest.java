package io.obkc.smt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {

    @Test
    @SuppressWarnings("rawtypes")
    void everySmtIsRegisteredVersionedAndDocumented() {
        List<String> names = new ArrayList<>();
        for (Transformation t : ServiceLoader.load(Transformation.class)) {
            if (!t.getClass().getName().startsWith("io.obkc.smt.")) {
                continue;
            }
            names.add(t.getClass().getSimpleName());
            assertThat(t).isInstanceOf(Versioned.class);
            assertThat(((Versioned) t).version()).isNotBlank().isNotEqualTo("unknown");
            ConfigDef def = t.config();
            def.configKeys().values().forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank());
        }
        assertThat(names).containsExactlyInAnyOrder("DmlFilter", "ObjectRouter", "RowFilter", "ColumnFilter",
                "TypeMapping", "OmsPartitioner");
    }
}
