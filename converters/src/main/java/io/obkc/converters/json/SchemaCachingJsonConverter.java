package io.obkc.converters.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.DecimalFormat;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.StringConverterConfig;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import io.obkc.converters.ConverterVersion;

/**
 * A drop-in replacement for Kafka's {@code org.apache.kafka.connect.json.JsonConverter}: the same configuration keys,
 * the same wire format byte for byte, the same {@code SchemaAndValue}s, but without re-parsing the inline schema of
 * every record.
 *
 * <p>With {@code schemas.enable=true} each record carries its schema as JSON, usually several kilobytes of it and
 * byte-identical from one record of a table to the next. {@code JsonConverter} parses it into a tree on every
 * record (its cache only saves building the Connect schema from that tree). This converter:
 * <ul>
 *   <li>{@code toConnectData}: locates the {@code "schema"} object's bytes, looks them up in a cache of the Connect
 *       schemas built from earlier records' identical bytes, and reads the {@code "payload"} with a streaming
 *       parser against that schema ({@link JsonPayloadReader}), building no tree. When the schema bytes equal the
 *       previous record's (one table per topic, the usual case), they are compared, not even tokenized;</li>
 *   <li>{@code fromConnectData}: keeps the serialized schema JSON per schema instance and streams only the payload
 *       ({@link JsonPayloadWriter}).</li>
 * </ul>
 *
 * <p>Kafka's own {@code JsonConverter} (from the worker's class path) is kept as the reference and does every
 * piece of work this class does not reproduce itself: the first record of each schema (its result is then cached),
 * {@code schemas.enable=false} reads, schemaless values, and any record of an unusual shape or that the reference
 * refuses ({@link OffFastPath}), so those results and error messages are its own. Only bytes, Connect schemas and
 * values cross between the two, never Jackson objects, so the plugin's and the worker's Jackson may differ.
 */
public class SchemaCachingJsonConverter implements Converter, HeaderConverter, Versioned {

    private static final byte[] ENVELOPE_START = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ENVELOPE_PAYLOAD = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

    /** JsonConverter's deserializer allows leading zeros in numbers; so must the parser that reads the same bytes. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .build();

    private final JsonConverter reference = new JsonConverter();
    private boolean schemasEnabled;
    private SchemaCaches caches;
    private JsonPayloadReader reader;
    private JsonPayloadWriter writer;
    private long recordsLeftToReference;
    /**
     * Size of the last payload written, so the next record's buffer is allocated once at about the right size: a
     * Debezium envelope is mostly schema, and growing a buffer sized for the schema alone copied it twice per record.
     */
    private int lastPayloadSize = 256;

    @Override
    public ConfigDef config() {
        return JsonConverterConfig.configDef();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        JsonConverterConfig config = new JsonConverterConfig(configs);
        reference.configure(configs);
        schemasEnabled = config.schemasEnabled();
        caches = new SchemaCaches(config.schemaCacheSize());
        reader = new JsonPayloadReader(config.replaceNullWithDefault());
        writer = new JsonPayloadWriter(config.replaceNullWithDefault(), config.decimalFormat() == DecimalFormat.NUMERIC);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> conf = new HashMap<>(configs);
        conf.put(StringConverterConfig.TYPE_CONFIG, isKey ? ConverterType.KEY.getName() : ConverterType.VALUE.getName());
        configure(conf);
    }

    @Override
    public String version() {
        return ConverterVersion.VERSION;
    }

    @Override
    public void close() {
        reference.close();
    }

    @Override
    public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
        return fromConnectData(topic, schema, value);
    }

    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
        return toConnectData(topic, value);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        requireConfigured();
        if (schema == null) {
            return reference.fromConnectData(topic, null, value); // schemaless: types come from the Java classes
        }
        byte[] schemaJson = null;
        if (schemasEnabled) {
            schemaJson = schema instanceof ConnectSchema ? caches.written(schema) : null;
            if (schemaJson == null) {
                // First record with this schema instance: the reference writes it; its schema JSON is kept.
                byte[] bytes = reference.fromConnectData(topic, schema, value);
                if (schema instanceof ConnectSchema) {
                    byte[] slice = schemaSlice(bytes);
                    if (slice != null) {
                        caches.written(schema, slice);
                    }
                }
                return bytes;
            }
        }
        try {
            int envelopeSize = schemaJson == null ? 0
                    : ENVELOPE_START.length + schemaJson.length + ENVELOPE_PAYLOAD.length + 1;
            ByteArrayOutputStream out = new ByteArrayOutputStream(envelopeSize + lastPayloadSize + 64);
            if (schemaJson != null) {
                out.write(ENVELOPE_START);
                out.write(schemaJson);
                out.write(ENVELOPE_PAYLOAD);
            }
            try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                writer.write(g, schema, value);
            }
            lastPayloadSize = Math.max(16, out.size() - envelopeSize + 1);
            if (schemaJson != null) {
                out.write('}');
            }
            return out.toByteArray();
        } catch (RuntimeException | IOException e) {
            recordsLeftToReference++;
            return reference.fromConnectData(topic, schema, value);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        requireConfigured();
        if (value == null || !schemasEnabled) {
            // Without inline schemas there is nothing to cache; JsonConverter infers the types from the JSON.
            return reference.toConnectData(topic, value);
        }
        SchemaAndValue result;
        try {
            result = readWithCachedSchema(topic, value);
        } catch (RuntimeException | IOException e) {
            recordsLeftToReference++;
            result = null;
        }
        return result != null ? result : reference.toConnectData(topic, value);
    }

    /**
     * The record read against the cached schema for its schema bytes; on a cache miss the reference's result (whose
     * schema is then cached). Throws {@link OffFastPath}, or the parser's error, when the reference must read it.
     */
    private SchemaAndValue readWithCachedSchema(String topic, byte[] value) throws IOException {
        SchemaAndValue sameSchemaAsLast = readWithLastSchema(value);
        if (sameSchemaAsLast != null) {
            return sameSchemaAsLast;
        }
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT || !"schema".equals(p.nextFieldName())
                    || p.nextToken() != JsonToken.START_OBJECT) {
                throw OffFastPath.INSTANCE;
            }
            int schemaStart = (int) p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            int schemaEnd = (int) p.currentTokenLocation().getByteOffset() + 1;
            if (!"payload".equals(p.nextFieldName())) {
                throw OffFastPath.INSTANCE;
            }
            p.nextToken();
            Schema schema = caches.parsed(value, schemaStart, schemaEnd);
            if (schema == null) {
                // Keep the reference's schema for these bytes only once the record is known to be exactly
                // {"schema":{...},"payload":...}, so that the bytes are the very member it parsed.
                p.skipChildren();
                if (p.nextToken() != JsonToken.END_OBJECT) {
                    throw OffFastPath.INSTANCE;
                }
                SchemaAndValue first = reference.toConnectData(topic, value);
                caches.parsed(value, schemaStart, schemaEnd, first.schema());
                return first;
            }
            Object payload = reader.read(p, schema);
            if (p.nextToken() != JsonToken.END_OBJECT) {
                throw OffFastPath.INSTANCE; // a third member: the reference refuses the record
            }
            return new SchemaAndValue(schema, payload);
        }
    }

    /**
     * The common case without even tokenizing the schema: the record is JsonConverter's compact
     * {@code {"schema":S,"payload":V}} and S is byte for byte the schema JSON of the last record read. Then only V is
     * parsed, as a value of its own, and the envelope must close right after it. Null (so the general path runs) for
     * anything else, including a payload that does not parse on its own (a bare number: Jackson wants a separator).
     */
    private SchemaAndValue readWithLastSchema(byte[] value) {
        SchemaCaches.Parsed last = caches.lastParsed();
        if (last == null) {
            return null;
        }
        byte[] schemaJson = last.schemaJson();
        int schemaEnd = ENVELOPE_START.length + schemaJson.length;
        int payloadStart = schemaEnd + ENVELOPE_PAYLOAD.length;
        if (value.length <= payloadStart
                || !Arrays.equals(value, 0, ENVELOPE_START.length, ENVELOPE_START, 0, ENVELOPE_START.length)
                || !Arrays.equals(value, ENVELOPE_START.length, schemaEnd, schemaJson, 0, schemaJson.length)
                || !Arrays.equals(value, schemaEnd, payloadStart, ENVELOPE_PAYLOAD, 0, ENVELOPE_PAYLOAD.length)) {
            return null;
        }
        try (JsonParser p = JSON.createParser(value, payloadStart, value.length - payloadStart)) {
            p.nextToken();
            Object payload = reader.read(p, last.schema());
            // locations are relative to payloadStart; after the payload only whitespace, then the envelope's '}'
            int i = payloadStart + (int) p.currentLocation().getByteOffset();
            while (i < value.length && (value[i] == ' ' || value[i] == '\n' || value[i] == '\r' || value[i] == '\t')) {
                i++;
            }
            return i < value.length && value[i] == '}' ? new SchemaAndValue(last.schema(), payload) : null;
        } catch (RuntimeException | IOException e) {
            return null; // the general path decides, and counts it if the reference must read the record
        }
    }

    /** Records handed to Kafka's JsonConverter after the fast path declined them; first records of a schema not counted. */
    public long recordsLeftToReference() {
        return recordsLeftToReference;
    }

    /** Entries in the read and write schema caches, in that order. */
    int[] cacheSizes() {
        return new int[] {caches.parsedSize(), caches.writtenSize()};
    }

    /** The bytes of the "schema" member of an envelope JsonConverter wrote; null if it has none (nothing is cached). */
    private static byte[] schemaSlice(byte[] envelope) {
        try (JsonParser p = JSON.createParser(envelope)) {
            if (p.nextToken() != JsonToken.START_OBJECT || !"schema".equals(p.nextFieldName())
                    || p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int start = (int) p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            int end = (int) p.currentTokenLocation().getByteOffset() + 1;
            byte[] slice = new byte[end - start];
            System.arraycopy(envelope, start, slice, 0, slice.length);
            return slice;
        } catch (IOException e) {
            return null;
        }
    }

    private void requireConfigured() {
        if (caches == null) {
            throw new IllegalStateException("SchemaCachingJsonConverter used before configure()");
        }
    }
}
