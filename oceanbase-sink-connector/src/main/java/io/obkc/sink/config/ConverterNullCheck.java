package io.obkc.sink.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds converter settings that would turn NULLs into column defaults before the sink sees them.
 *
 * <p>Kafka's {@code JsonConverter} has {@code replace.null.with.default=true} by default: a field whose schema
 * has a default (every Debezium column with a DEFAULT) is read, and written, as that default when its value is
 * null. {@code UPDATE t SET rating = NULL} then arrives as {@code rating='G'}, and no later step can tell. The
 * sink can only see converters set on the connector itself; the worker's own converter settings are not passed
 * to connectors, so docs/operations.md asks for the same setting there.
 */
public final class ConverterNullCheck {
    /** Kafka's JsonConverter and the bundle's drop-in replacement, which keeps its defaults (obkc-converters). */
    static final Set<String> JSON_CONVERTERS = Set.of("org.apache.kafka.connect.json.JsonConverter",
            "io.obkc.converters.json.SchemaCachingJsonConverter");

    private ConverterNullCheck() {
    }

    /**
     * @return per offending property (for example {@code value.converter.replace.null.with.default}), the message
     *         saying what happens and what to set; empty when the connector's converters keep NULLs.
     */
    public static Map<String, String> problems(Map<String, String> connectorProps) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String side : new String[] {"key.converter", "value.converter"}) {
            String converter = connectorProps.get(side);
            if (converter == null || !JSON_CONVERTERS.contains(converter.trim())) {
                continue;
            }
            String key = side + ".replace.null.with.default";
            String setting = connectorProps.get(key);
            if (setting == null || !"false".equals(setting.trim().toLowerCase(Locale.ROOT))) {
                out.put(key, side + " is " + converter.trim().replaceAll(".*\\.", "") + " with " + key + "=" + (setting == null ? "true (its default)" : setting.trim())
                        + ": a NULL in a column that has a DEFAULT would arrive as that default. Set " + key
                        + "=false (and the same on the source connector's converter).");
            }
        }
        return out;
    }
}
