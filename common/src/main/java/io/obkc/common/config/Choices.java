package io.obkc.common.config;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;

/**
 * The values an enum-like setting accepts, offered to Connect UIs as recommended values (the REST validate
 * answer's {@code recommended_values}). Validation stays with the setting's validator; this only lists.
 */
public final class Choices implements ConfigDef.Recommender {
    private final List<Object> values;

    private Choices(List<Object> values) {
        this.values = values;
    }

    public static Choices of(String... values) {
        return new Choices(List.of((Object[]) values));
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return values;
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }
}
