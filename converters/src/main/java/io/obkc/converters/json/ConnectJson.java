package io.obkc.converters.json;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import io.obkc.common.connect.StructValues;

/**
 * Connect data to and from JSON using the same wire conventions as Kafka's {@code JsonConverter}: the schema JSON
 * ({@code type}, {@code optional}, {@code name}, {@code version}, {@code parameters}, {@code fields} ...) and the
 * value encodings (bytes and BASE64 decimals as Base64 text, Date as epoch days, Time and Timestamp as
 * milliseconds). The Debezium formats must be byte-compatible with what a Debezium connector produces through
 * {@code JsonConverter}, so consumers written for Debezium read them unchanged.
 */
public final class ConnectJson {

    /** How {@code org.apache.kafka.connect.data.Decimal} values are written; same names as JsonConverter. */
    public enum DecimalFormat {
        /** The unscaled value's two's-complement bytes, Base64 encoded (JsonConverter's default). */
        BASE64,
        /** A JSON number. */
        NUMERIC
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private ConnectJson() {
    }

    /** Compact JSON text for one value (numeric decimals), used to carry nested values in text formats. */
    public static String toJsonText(Schema schema, Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeValue(g, schema, value, DecimalFormat.NUMERIC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes a schema as JsonConverter does; {@code fieldName} is non-null for struct members. */
    public static void writeSchema(JsonGenerator g, Schema schema, String fieldName) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", typeName(schema.type()));
        switch (schema.type()) {
            case STRUCT:
                g.writeArrayFieldStart("fields");
                for (Field f : schema.fields()) {
                    writeSchema(g, f.schema(), f.name());
                }
                g.writeEndArray();
                break;
            case ARRAY:
                g.writeFieldName("items");
                writeSchema(g, schema.valueSchema(), null);
                break;
            case MAP:
                g.writeFieldName("keys");
                writeSchema(g, schema.keySchema(), null);
                g.writeFieldName("values");
                writeSchema(g, schema.valueSchema(), null);
                break;
            default:
                break;
        }
        g.writeBooleanField("optional", schema.isOptional());
        if (schema.defaultValue() != null) {
            g.writeFieldName("default");
            writeValue(g, schema, schema.defaultValue(), DecimalFormat.BASE64);
        }
        if (schema.name() != null) {
            g.writeStringField("name", schema.name());
        }
        if (schema.version() != null) {
            g.writeNumberField("version", schema.version());
        }
        if (schema.doc() != null) {
            g.writeStringField("doc", schema.doc());
        }
        if (schema.parameters() != null && !schema.parameters().isEmpty()) {
            g.writeObjectFieldStart("parameters");
            for (Map.Entry<String, String> p : schema.parameters().entrySet()) {
                g.writeStringField(p.getKey(), p.getValue());
            }
            g.writeEndObject();
        }
        if (fieldName != null) {
            g.writeStringField("field", fieldName);
        }
        g.writeEndObject();
    }

    /** Writes a value; a null schema means schemaless data (maps, lists and primitives). */
    public static void writeValue(JsonGenerator g, Schema schema, Object value, DecimalFormat decimals)
            throws IOException {
        if (value == null) {
            // A NULL stays NULL (JsonConverter with replace.null.with.default=false): writing the schema's default would
            // turn SET c = NULL into SET c = <default>. Only a required field left unset means its default.
            if (schema != null && !schema.isOptional() && schema.defaultValue() != null) {
                writeValue(g, schema, schema.defaultValue(), decimals);
            } else {
                g.writeNull();
            }
            return;
        }
        if (schema == null) {
            writeSchemaless(g, value, decimals);
            return;
        }
        String logical = schema.name();
        if (Decimal.LOGICAL_NAME.equals(logical)) {
            BigDecimal d = (BigDecimal) value;
            if (decimals == DecimalFormat.NUMERIC) {
                g.writeNumber(d);
            } else {
                g.writeBinary(d.unscaledValue().toByteArray());
            }
            return;
        }
        if (Date.LOGICAL_NAME.equals(logical)) {
            g.writeNumber(Date.fromLogical(schema, (java.util.Date) value));
            return;
        }
        if (Time.LOGICAL_NAME.equals(logical)) {
            g.writeNumber(Time.fromLogical(schema, (java.util.Date) value));
            return;
        }
        if (Timestamp.LOGICAL_NAME.equals(logical)) {
            g.writeNumber(Timestamp.fromLogical(schema, (java.util.Date) value));
            return;
        }
        switch (schema.type()) {
            case INT8:
            case INT16:
            case INT32:
                g.writeNumber(((Number) value).intValue());
                break;
            case INT64:
                g.writeNumber(((Number) value).longValue());
                break;
            case FLOAT32:
                g.writeNumber(((Number) value).floatValue());
                break;
            case FLOAT64:
                g.writeNumber(((Number) value).doubleValue());
                break;
            case BOOLEAN:
                g.writeBoolean((Boolean) value);
                break;
            case STRING:
                g.writeString(value.toString());
                break;
            case BYTES:
                g.writeBinary(bytes(value));
                break;
            case ARRAY:
                g.writeStartArray();
                for (Object item : (List<?>) value) {
                    writeValue(g, schema.valueSchema(), item, decimals);
                }
                g.writeEndArray();
                break;
            case MAP:
                writeMap(g, schema, (Map<?, ?>) value, decimals);
                break;
            case STRUCT:
                Struct struct = (Struct) value;
                g.writeStartObject();
                for (Field f : schema.fields()) {
                    g.writeFieldName(f.name());
                    writeValue(g, f.schema(), StructValues.valueOf(struct, f), decimals);
                }
                g.writeEndObject();
                break;
            default:
                throw new DataException("Unsupported Connect type " + schema.type());
        }
    }

    private static void writeMap(JsonGenerator g, Schema schema, Map<?, ?> map, DecimalFormat decimals)
            throws IOException {
        // JsonConverter writes string-keyed maps as objects and any other map as an array of [key, value] pairs.
        if (schema.keySchema().type() == Schema.Type.STRING) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, schema.valueSchema(), e.getValue(), decimals);
            }
            g.writeEndObject();
        } else {
            g.writeStartArray();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeStartArray();
                writeValue(g, schema.keySchema(), e.getKey(), decimals);
                writeValue(g, schema.valueSchema(), e.getValue(), decimals);
                g.writeEndArray();
            }
            g.writeEndArray();
        }
    }

    private static void writeSchemaless(JsonGenerator g, Object value, DecimalFormat decimals) throws IOException {
        if (value instanceof Struct s) {
            writeValue(g, s.schema(), s, decimals);
        } else if (value instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeSchemaless(g, e.getValue(), decimals);
            }
            g.writeEndObject();
        } else if (value instanceof List<?> l) {
            g.writeStartArray();
            for (Object item : l) {
                writeSchemaless(g, item, decimals);
            }
            g.writeEndArray();
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof Number n) {
            if (n instanceof Double || n instanceof Float) {
                g.writeNumber(n.doubleValue());
            } else {
                g.writeNumber(n.longValue());
            }
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof byte[] || value instanceof ByteBuffer) {
            g.writeBinary(bytes(value));
        } else if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value.toString());
        }
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        ByteBuffer buf = ((ByteBuffer) value).duplicate();
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        return b;
    }

    static String typeName(Schema.Type type) {
        switch (type) {
            case FLOAT32:
                return "float";
            case FLOAT64:
                return "double";
            default:
                return type.getName();
        }
    }

    // ---------------------------------------------------------------------------------------------- reading

    /** Parses JsonConverter schema JSON. */
    public static Schema readSchema(JsonNode node) {
        String type = node.path("type").asText(null);
        if (type == null) {
            throw new DataException("Schema JSON has no type: " + node);
        }
        SchemaBuilder b;
        switch (type) {
            case "boolean": b = SchemaBuilder.bool(); break;
            case "int8": b = SchemaBuilder.int8(); break;
            case "int16": b = SchemaBuilder.int16(); break;
            case "int32": b = SchemaBuilder.int32(); break;
            case "int64": b = SchemaBuilder.int64(); break;
            case "float": b = SchemaBuilder.float32(); break;
            case "double": b = SchemaBuilder.float64(); break;
            case "string": b = SchemaBuilder.string(); break;
            case "bytes": b = SchemaBuilder.bytes(); break;
            case "array": b = SchemaBuilder.array(readSchema(node.path("items"))); break;
            case "map": b = SchemaBuilder.map(readSchema(node.path("keys")), readSchema(node.path("values"))); break;
            case "struct":
                b = SchemaBuilder.struct();
                for (JsonNode f : node.path("fields")) {
                    b.field(f.path("field").asText(), readSchema(f));
                }
                break;
            default:
                throw new DataException("Unknown schema type " + type);
        }
        if (node.path("optional").asBoolean(true)) {
            b.optional();
        }
        if (node.hasNonNull("name")) {
            b.name(node.get("name").asText());
        }
        if (node.hasNonNull("version")) {
            b.version(node.get("version").asInt());
        }
        if (node.hasNonNull("doc")) {
            b.doc(node.get("doc").asText());
        }
        if (node.has("parameters")) {
            Iterator<Map.Entry<String, JsonNode>> it = node.get("parameters").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> p = it.next();
                b.parameter(p.getKey(), p.getValue().asText());
            }
        }
        if (node.hasNonNull("default")) {
            b.defaultValue(readValue(b.build(), node.get("default")));
        }
        return b.build();
    }

    /** Converts JSON to a Connect value of the given schema (JsonConverter's decoding). */
    public static Object readValue(Schema schema, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            // As when writing: an optional field's NULL is NULL, not its default.
            if (schema.isOptional()) {
                return null;
            }
            if (schema.defaultValue() != null) {
                return schema.defaultValue();
            }
            throw new DataException("Null value for required schema " + schema);
        }
        String logical = schema.name();
        if (Decimal.LOGICAL_NAME.equals(logical)) {
            int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
            if (node.isNumber()) {
                return node.decimalValue().setScale(scale);
            }
            return new BigDecimal(new BigInteger(Base64.getDecoder().decode(node.asText())), scale);
        }
        if (Date.LOGICAL_NAME.equals(logical)) {
            return Date.toLogical(schema, node.intValue());
        }
        if (Time.LOGICAL_NAME.equals(logical)) {
            return Time.toLogical(schema, node.intValue());
        }
        if (Timestamp.LOGICAL_NAME.equals(logical)) {
            return Timestamp.toLogical(schema, node.longValue());
        }
        switch (schema.type()) {
            case BOOLEAN: return node.booleanValue();
            case INT8: return (byte) node.intValue();
            case INT16: return (short) node.intValue();
            case INT32: return node.intValue();
            case INT64: return node.longValue();
            case FLOAT32: return node.floatValue();
            case FLOAT64: return node.doubleValue();
            case STRING: return node.asText();
            case BYTES: return Base64.getDecoder().decode(node.asText());
            case ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonNode item : node) {
                    list.add(readValue(schema.valueSchema(), item));
                }
                return list;
            }
            case MAP: {
                Map<Object, Object> map = new LinkedHashMap<>();
                if (node.isObject()) {
                    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        map.put(e.getKey(), readValue(schema.valueSchema(), e.getValue()));
                    }
                } else {
                    for (JsonNode pair : node) {
                        map.put(readValue(schema.keySchema(), pair.get(0)), readValue(schema.valueSchema(), pair.get(1)));
                    }
                }
                return map;
            }
            case STRUCT: {
                Struct s = new Struct(schema);
                for (Field f : schema.fields()) {
                    s.put(f, readValue(f.schema(), node.get(f.name())));
                }
                return s;
            }
            default:
                throw new DataException("Unsupported schema type " + schema.type());
        }
    }

    /**
     * Builds a schema and value for schemaless JSON: objects become optional structs, integers INT64, other
     * numbers FLOAT64, arrays their JSON text. Used when a Debezium-style message was written without schema.
     */
    public static SchemaAndValue inferStruct(JsonNode node) {
        Schema schema = inferSchema(node);
        return new SchemaAndValue(schema, inferValue(schema, node));
    }

    private static Schema inferSchema(JsonNode node) {
        if (node.isObject()) {
            SchemaBuilder b = SchemaBuilder.struct().optional();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                b.field(e.getKey(), inferSchema(e.getValue()));
            }
            return b.build();
        }
        if (node.isBoolean()) {
            return Schema.OPTIONAL_BOOLEAN_SCHEMA;
        }
        if (node.isIntegralNumber()) {
            return Schema.OPTIONAL_INT64_SCHEMA;
        }
        if (node.isNumber()) {
            return Schema.OPTIONAL_FLOAT64_SCHEMA;
        }
        return Schema.OPTIONAL_STRING_SCHEMA;
    }

    private static Object inferValue(Schema schema, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        switch (schema.type()) {
            case STRUCT: {
                Struct s = new Struct(schema);
                for (Field f : schema.fields()) {
                    s.put(f, inferValue(f.schema(), node.get(f.name())));
                }
                return s;
            }
            case BOOLEAN: return node.booleanValue();
            case INT64: return node.longValue();
            case FLOAT64: return node.doubleValue();
            default: return node.isValueNode() ? node.asText() : node.toString();
        }
    }
}
