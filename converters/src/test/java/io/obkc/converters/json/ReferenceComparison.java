package io.obkc.converters.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * A {@link SchemaCachingJsonConverter} and Kafka's {@link JsonConverter} configured alike, and assertions that they
 * agree: the same bytes written, the same {@code SchemaAndValue} read, or the same error.
 */
final class ReferenceComparison {

    private static final JsonConverter SCHEMA_TEXT = new JsonConverter();

    static {
        SCHEMA_TEXT.configure(Map.of("schemas.cache.size", "0"), false);
    }

    final Map<String, String> config;
    final SchemaCachingJsonConverter ours = new SchemaCachingJsonConverter();
    final JsonConverter reference = new JsonConverter();

    ReferenceComparison(Map<String, String> config, boolean isKey) {
        this.config = config;
        ours.configure(config, isKey);
        reference.configure(config, isKey);
    }

    /** Every combination of the keys that change JsonConverter's output. */
    static List<Map<String, String>> configurations() {
        List<Map<String, String>> out = new ArrayList<>();
        for (String schemas : List.of("true", "false")) {
            for (String decimals : List.of("BASE64", "NUMERIC")) {
                for (String replace : List.of("true", "false")) {
                    out.add(Map.of("schemas.enable", schemas, "decimal.format", decimals, "replace.null.with.default", replace));
                }
            }
        }
        return out;
    }

    /** Writes with both; asserts equal bytes (or the same error) and returns the reference's bytes. */
    byte[] assertSameWrite(String topic, Schema schema, Object value) {
        byte[] expected;
        try {
            expected = reference.fromConnectData(topic, schema, value);
        } catch (RuntimeException e) {
            assertSameError(e, () -> ours.fromConnectData(topic, schema, value));
            return null;
        }
        byte[] actual = ours.fromConnectData(topic, schema, value);
        assertThat(text(actual)).as("%s: bytes written for %s", config, value).isEqualTo(text(expected));
        assertThat(actual).isEqualTo(expected);
        return expected;
    }

    /** Reads with both; asserts equal schema and value (or the same error). */
    void assertSameRead(String topic, byte[] bytes) {
        SchemaAndValue expected;
        try {
            expected = reference.toConnectData(topic, bytes);
        } catch (RuntimeException e) {
            assertSameError(e, () -> ours.toConnectData(topic, bytes));
            return;
        }
        SchemaAndValue actual = ours.toConnectData(topic, bytes);
        assertThat(actual.schema()).as("%s: schema read from %s", config, text(bytes)).isEqualTo(expected.schema());
        assertThat(comparable(actual.value())).as("%s: value read from %s", config, text(bytes))
                .isEqualTo(comparable(expected.value()));
    }

    private void assertSameError(RuntimeException expected, Runnable ours) {
        try {
            ours.run();
        } catch (RuntimeException e) {
            assertThat(e).as("%s", config).isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
            return;
        }
        throw new AssertionError(config + ": JsonConverter failed with " + expected + " but ours did not");
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A deep copy in which byte arrays compare by content, struct values come with their exact schema, and Java
     * types stay visible (Integer 1 and Long 1 differ), so equality means the values are the same Connect data.
     */
    static Object comparable(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return List.of("bytes", ByteBuffer.wrap(b.clone()));
        }
        if (v instanceof Struct s) {
            Map<String, Object> m = new LinkedHashMap<>();
            // the schema as JSON text: ConnectSchema.hashCode() hashes a byte[] default by identity, which would
            // make equal structs unequal as map keys
            m.put("$schema", SCHEMA_TEXT.asJsonSchema(s.schema()).toString());
            for (Field f : s.schema().fields()) {
                m.put(f.name(), comparable(s.getWithoutDefault(f.name())));
            }
            return m;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            out.add(v.getClass().getSimpleName());
            l.forEach(x -> out.add(comparable(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new HashMap<>();
            m.forEach((k, x) -> out.put(comparable(k), comparable(x)));
            return List.of(v.getClass().getSimpleName(), out);
        }
        return List.of(v.getClass().getName(), v);
    }
}
