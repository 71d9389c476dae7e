package io.obkc.converters.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import io.obkc.common.connect.StructValues;
import io.obkc.converters.event.ChangeEvent;
import io.obkc.converters.event.Operation;
import io.obkc.converters.json.ConnectJson;

/**
 * The three Debezium serializers.
 * <ul>
 *   <li>{@link Variant#ENVELOPE} (Debezium): the record as Debezium's JsonConverter writes it, with the schema
 *       ({@code {"schema":..,"payload":..}}) unless {@code schemas.enable=false}.</li>
 *   <li>{@link Variant#FLATTEN} (DebeziumFlatten): the row as {@code ExtractNewRecordState} leaves it with
 *       {@code add.fields=op,db,table,source.ts_ms,ts_ms} and {@code delete.tombstone.handling.mode=rewrite}:
 *       the after-image (before-image for deletes) plus {@code __op}, {@code __db}, {@code __table},
 *       {@code __source_ts_ms}, {@code __ts_ms} and {@code __deleted} ("true"/"false").</li>
 *   <li>{@link Variant#SMT} (DebeziumSmt): {@code ExtractNewRecordState} with its defaults: only the
 *       after-image; deletes and truncates become tombstones (null).</li>
 * </ul>
 * Both flattened variants are schemaless JSON. DDL and heartbeat records are not envelopes, so, as the SMT does,
 * they pass through unflattened.
 */
final class DebeziumWriter implements FormatWriter {

    enum Variant { ENVELOPE, FLATTEN, SMT }

    private static final int MAX_CACHED_SCHEMAS = 256;

    private final FormatSettings settings;
    private final Variant variant;
    // Schema JSON is most of a Debezium message and the same for every record of a table, so it is rendered once
    // per schema (as JsonConverter caches its schema trees). The last schema is checked by identity first,
    // because Connect sources reuse schema instances and ConnectSchema.equals is a deep comparison.
    private Schema lastSchema;
    private SerializedString lastSchemaJson;
    private final Map<Schema, SerializedString> schemaJson = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Schema, SerializedString> eldest) {
            return size() > MAX_CACHED_SCHEMAS;
        }
    };

    DebeziumWriter(FormatSettings settings, Variant variant) {
        this.settings = settings;
        this.variant = variant;
    }

    @Override
    public byte[] writeValue(ChangeEvent e) {
        if (variant == Variant.ENVELOPE || !e.operation().isRowChange() && e.operation() != Operation.TRUNCATE) {
            return writeRecord(e.originalSchema(), e.originalValue(), variant == Variant.ENVELOPE && settings.schemasEnable());
        }
        Struct original = (Struct) e.originalValue();
        boolean envelope = original.schema().field("op") != null;
        Struct row = envelope ? (Struct) (e.operation() == Operation.DELETE ? original.get("before") : original.get("after"))
                : original;
        if (variant == Variant.SMT) {
            if (row == null || e.operation() == Operation.DELETE) {
                return null;
            }
            return writeRecord(row.schema(), row, false);
        }
        return JsonOutput.write(g -> {
            g.writeStartObject();
            if (row != null) {
                for (Field f : row.schema().fields()) {
                    if (!envelope && f.name().startsWith("__")) {
                        continue; // already-flat input: its metadata is rewritten below
                    }
                    g.writeFieldName(f.name());
                    ConnectJson.writeValue(g, f.schema(), StructValues.valueOf(row, f), settings.decimalFormat());
                }
            }
            g.writeStringField("__op", e.operation().debeziumCode());
            g.writeStringField("__db", e.database());
            g.writeStringField("__table", e.table());
            writeLongOrNull(g, "__source_ts_ms", e.sourceTimestampMs());
            writeLongOrNull(g, "__ts_ms", e.eventTimestampMs());
            g.writeStringField("__deleted", Boolean.toString(e.operation() == Operation.DELETE));
            g.writeEndObject();
        });
    }

    private static void writeLongOrNull(JsonGenerator g, String name, Long v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    private byte[] writeRecord(Schema schema, Object value, boolean withSchema) {
        if (value == null) {
            return null;
        }
        return JsonOutput.write(g -> {
            if (withSchema) {
                g.writeStartObject();
                g.writeFieldName("schema");
                g.writeRawValue(schemaJson(schema));
                g.writeFieldName("payload");
                ConnectJson.writeValue(g, schema, value, settings.decimalFormat());
                g.writeEndObject();
            } else {
                ConnectJson.writeValue(g, schema, value, settings.decimalFormat());
            }
        });
    }

    /** The schema's JSON; a SerializedString keeps its UTF-8 bytes, so writing it is a plain copy. */
    private SerializedString schemaJson(Schema schema) {
        if (schema == lastSchema) {
            return lastSchemaJson;
        }
        SerializedString json = schemaJson.computeIfAbsent(schema, s -> new SerializedString(new String(
                JsonOutput.write(g -> ConnectJson.writeSchema(g, s, null)), StandardCharsets.UTF_8)));
        lastSchema = schema;
        lastSchemaJson = json;
        return json;
    }

    @Override
    public byte[] writeKey(String topic, Schema keySchema, Object key) {
        Schema schema = keySchema != null ? keySchema : key instanceof Struct s ? s.schema() : null;
        return writeRecord(schema, key, variant == Variant.ENVELOPE && settings.schemasEnable() && schema != null);
    }
}
