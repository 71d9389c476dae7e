package io.obkc.converters.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import com.fasterxml.jackson.core.JsonGenerator;

import io.obkc.common.connect.StructValues;

/**
 * Writes a Connect value under its schema straight to a generator, producing the bytes Kafka's {@code JsonConverter}
 * (4.1) produces by building a {@code JsonNode} tree and serializing it: the same node kind per type, hence the same
 * number, Base64 and string rendering by the same Jackson generator.
 *
 * <p>Values the reference refuses, or renders in ways not reproduced here (a non-String key in a string-keyed map,
 * for one), throw {@link OffFastPath}; the caller then lets {@code JsonConverter} write, or refuse, the record.
 */
final class JsonPayloadWriter {

    private final boolean replaceNullWithDefault;
    private final boolean numericDecimals;

    JsonPayloadWriter(boolean replaceNullWithDefault, boolean numericDecimals) {
        this.replaceNullWithDefault = replaceNullWithDefault;
        this.numericDecimals = numericDecimals;
    }

    void write(JsonGenerator g, Schema schema, Object value) throws IOException {
        try {
            writeValue(g, schema, value);
        } catch (ClassCastException e) {
            throw OffFastPath.INSTANCE; // JsonConverter: "Invalid type for ..."
        }
    }

    private void writeValue(JsonGenerator g, Schema schema, Object value) throws IOException {
        if (value == null) {
            if (schema.defaultValue() != null && replaceNullWithDefault) {
                writeValue(g, schema, schema.defaultValue());
            } else if (schema.isOptional()) {
                g.writeNull();
            } else {
                throw OffFastPath.INSTANCE;
            }
            return;
        }
        String logical = schema.name();
        if (logical != null) {
            switch (logical) {
                case Decimal.LOGICAL_NAME:
                    if (!(value instanceof BigDecimal decimal)) {
                        throw OffFastPath.INSTANCE;
                    }
                    if (numericDecimals) {
                        g.writeNumber(decimal); // DecimalNode
                    } else {
                        g.writeBinary(Decimal.fromLogical(schema, decimal)); // BinaryNode
                    }
                    return;
                case Date.LOGICAL_NAME:
                    g.writeNumber(Date.fromLogical(schema, utilDate(value)));
                    return;
                case Time.LOGICAL_NAME:
                    g.writeNumber(Time.fromLogical(schema, utilDate(value)));
                    return;
                case Timestamp.LOGICAL_NAME:
                    g.writeNumber(Timestamp.fromLogical(schema, utilDate(value)));
                    return;
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case INT8:
                g.writeNumber((int) (Byte) value); // IntNode
                return;
            case INT16:
                g.writeNumber((short) (Short) value); // ShortNode
                return;
            case INT32:
                g.writeNumber((int) (Integer) value);
                return;
            case INT64:
                g.writeNumber((long) (Long) value);
                return;
            case FLOAT32:
                g.writeNumber((float) (Float) value); // FloatNode: NaN and infinities become strings, as there
                return;
            case FLOAT64:
                g.writeNumber((double) (Double) value);
                return;
            case BOOLEAN:
                g.writeBoolean((Boolean) value);
                return;
            case STRING:
                g.writeString(((CharSequence) value).toString());
                return;
            case BYTES:
                if (value instanceof byte[] bytes) {
                    g.writeBinary(bytes);
                } else if (value instanceof ByteBuffer buffer) {
                    g.writeBinary(buffer.array()); // the whole backing array, as JsonConverter does
                } else {
                    throw OffFastPath.INSTANCE;
                }
                return;
            case ARRAY:
                g.writeStartArray();
                for (Object item : (Collection<?>) value) {
                    writeValue(g, schema.valueSchema(), item);
                }
                g.writeEndArray();
                return;
            case MAP:
                writeMap(g, schema, (Map<?, ?>) value);
                return;
            case STRUCT:
                Struct struct = (Struct) value;
                if (!struct.schema().equals(schema)) {
                    throw OffFastPath.INSTANCE; // "Mismatching schema."
                }
                g.writeStartObject();
                for (Field field : schema.fields()) {
                    g.writeFieldName(field.name());
                    writeValue(g, field.schema(), StructValues.valueOf(struct, field));
                }
                g.writeEndObject();
                return;
            default:
                throw OffFastPath.INSTANCE;
        }
    }

    private void writeMap(JsonGenerator g, Schema schema, Map<?, ?> map) throws IOException {
        Schema keys = schema.keySchema();
        Schema values = schema.valueSchema();
        if (keys.type() == Schema.Type.STRING) {
            // A JSON object. Only String keys: distinct CharSequences with equal text, or a null key, would collapse
            // or rename entries in the reference's ObjectNode; those maps are left to it.
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw OffFastPath.INSTANCE;
                }
                g.writeFieldName(key);
                writeValue(g, values, e.getValue());
            }
            g.writeEndObject();
            return;
        }
        g.writeStartArray();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            g.writeStartArray();
            writeValue(g, keys, e.getKey());
            writeValue(g, values, e.getValue());
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static java.util.Date utilDate(Object value) {
        if (!(value instanceof java.util.Date date)) {
            throw OffFastPath.INSTANCE;
        }
        return date;
    }
}
