package io.obkc.converters.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Reads a {@code payload} under a known Connect schema straight from the token stream, giving the value Kafka's
 * {@code JsonConverter} (4.1) builds from its {@code JsonNode} tree: the same number narrowing, the same
 * null/default rules, the same logical types, maps and structs.
 *
 * <p>Only the token shapes {@code JsonConverter} writes itself are read here. Anything else (a string where a number
 * is expected, an integer beyond 64 bits, a duplicate struct field, a value the reference would refuse ...) throws
 * {@link OffFastPath}, and the caller lets {@code JsonConverter} read the whole record: its lenient cases (a text
 * node read as number 0, for one) and its error messages are then exactly the reference's, not re-implemented.
 */
final class JsonPayloadReader {

    private final boolean replaceNullWithDefault;

    JsonPayloadReader(boolean replaceNullWithDefault) {
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    /** Reads the value whose first token is the parser's current token; leaves the parser on its last token. */
    Object read(JsonParser p, Schema schema) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return absent(schema);
        }
        String logical = schema.name();
        if (logical != null) {
            switch (logical) {
                case Decimal.LOGICAL_NAME:
                    return decimal(p, t, schema);
                case Date.LOGICAL_NAME:
                    return Date.toLogical(schema, intToken(p, t));
                case Time.LOGICAL_NAME:
                    return Time.toLogical(schema, intToken(p, t));
                case Timestamp.LOGICAL_NAME:
                    return Timestamp.toLogical(schema, longToken(p, t));
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case BOOLEAN:
                if (t == JsonToken.VALUE_TRUE) {
                    return Boolean.TRUE;
                }
                if (t == JsonToken.VALUE_FALSE) {
                    return Boolean.FALSE;
                }
                throw OffFastPath.INSTANCE;
            case INT8:
                return (byte) narrowInt(p, t);
            case INT16:
                return (short) narrowInt(p, t);
            case INT32:
                return narrowInt(p, t);
            case INT64:
                return longToken(p, t);
            case FLOAT32:
                return floatValue(p, t);
            case FLOAT64:
                return doubleValue(p, t);
            case STRING:
                if (t != JsonToken.VALUE_STRING) {
                    throw OffFastPath.INSTANCE;
                }
                return p.getText();
            case BYTES:
                return base64(p, t);
            case ARRAY:
                return array(p, t, schema);
            case MAP:
                return map(p, t, schema);
            case STRUCT:
                return struct(p, t, schema);
            default:
                throw OffFastPath.INSTANCE;
        }
    }

    /** A JSON null or a missing struct field: JsonConverter's default / optional / error rule. */
    private Object absent(Schema schema) {
        if (schema.defaultValue() != null && replaceNullWithDefault) {
            return schema.defaultValue();
        }
        if (schema.isOptional()) {
            return null;
        }
        throw OffFastPath.INSTANCE; // JsonConverter refuses it; let it say so in its own words
    }

    private static BigDecimal decimal(JsonParser p, JsonToken t, Schema schema) throws IOException {
        switch (t) {
            case VALUE_NUMBER_INT:
                // JsonConverter: Int/Long/BigIntegerNode.decimalValue(), not rescaled to the schema's scale
                switch (p.getNumberType()) {
                    case INT:
                        return BigDecimal.valueOf(p.getIntValue());
                    case LONG:
                        return BigDecimal.valueOf(p.getLongValue());
                    case BIG_INTEGER:
                        return new BigDecimal(p.getBigIntegerValue());
                    default:
                        throw OffFastPath.INSTANCE;
                }
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue(); // its tree reads floats as BigDecimal (USE_BIG_DECIMAL_FOR_FLOATS)
            case VALUE_STRING:
                return Decimal.toLogical(schema, base64(p, t));
            default:
                throw OffFastPath.INSTANCE;
        }
    }

    /** Date and Time: JsonConverter accepts only an IntNode, i.e. a JSON integer that fits 32 bits. */
    private static int intToken(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw OffFastPath.INSTANCE;
        }
        return p.getIntValue();
    }

    /** INT64 and Timestamp: a JSON integer within 64 bits (JsonNode.longValue()). */
    private static long longToken(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw OffFastPath.INSTANCE;
        }
        switch (p.getNumberType()) {
            case INT:
            case LONG:
                return p.getLongValue();
            default:
                throw OffFastPath.INSTANCE;
        }
    }

    /** INT8/16/32: JsonNode.intValue(), which keeps the low 32 bits of a long; the caller narrows further. */
    private static int narrowInt(JsonParser p, JsonToken t) throws IOException {
        return (int) longToken(p, t);
    }

    private static float floatValue(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue().floatValue(); // DecimalNode.floatValue()
        }
        return (float) longToken(p, t); // IntNode/LongNode.floatValue()
    }

    private static double doubleValue(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue().doubleValue(); // DecimalNode.doubleValue()
        }
        return (double) longToken(p, t);
    }

    /** Bytes are Base64 text, decoded exactly as JsonConverter's TextNode.binaryValue() decodes them. */
    private static byte[] base64(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw OffFastPath.INSTANCE;
        }
        try {
            return TextNode.valueOf(p.getText()).binaryValue();
        } catch (IOException | IllegalArgumentException e) {
            throw OffFastPath.INSTANCE;
        }
    }

    private List<Object> array(JsonParser p, JsonToken t, Schema schema) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw OffFastPath.INSTANCE;
        }
        Schema items = schema.valueSchema();
        List<Object> result = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            result.add(read(p, items));
        }
        return result;
    }

    private Map<Object, Object> map(JsonParser p, JsonToken t, Schema schema) throws IOException {
        Schema keys = schema.keySchema();
        Schema values = schema.valueSchema();
        Map<Object, Object> result = new HashMap<>();
        if (keys.type() == Schema.Type.STRING) {
            // a JSON object; keys are taken as they are, not converted (a later duplicate wins, as in the tree)
            if (t != JsonToken.START_OBJECT) {
                throw OffFastPath.INSTANCE;
            }
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                p.nextToken();
                result.put(key, read(p, values));
            }
            return result;
        }
        // other keys: an array of [key, value] pairs
        if (t != JsonToken.START_ARRAY) {
            throw OffFastPath.INSTANCE;
        }
        for (JsonToken entry = p.nextToken(); entry != JsonToken.END_ARRAY; entry = p.nextToken()) {
            if (entry != JsonToken.START_ARRAY) {
                throw OffFastPath.INSTANCE;
            }
            p.nextToken();
            Object key = read(p, keys);
            p.nextToken();
            Object value = read(p, values);
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw OffFastPath.INSTANCE;
            }
            result.put(key, value);
        }
        return result;
    }

    private Struct struct(JsonParser p, JsonToken t, Schema schema) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw OffFastPath.INSTANCE;
        }
        List<Field> fields = schema.fields();
        Object[] values = new Object[fields.size()];
        boolean[] present = new boolean[fields.size()];
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken valueToken = p.nextToken();
            Field field = schema.field(name);
            if (field == null) {
                skipDecoding(p, valueToken); // not in the schema: JsonConverter ignores it, but still parses it
                continue;
            }
            if (present[field.index()]) {
                throw OffFastPath.INSTANCE; // duplicate key: the tree keeps the last; leave it to the reference
            }
            present[field.index()] = true;
            values[field.index()] = read(p, field.schema());
        }
        Struct result = new Struct(schema);
        for (Field field : fields) {
            result.put(field, present[field.index()] ? values[field.index()] : absent(field.schema()));
        }
        return result;
    }

    /**
     * Passes over a value nobody reads, decoding its strings and numbers as the tree would, so text the reference
     * refuses (bad UTF-8, a number beyond the parser's limits) is refused here too rather than skipped.
     */
    private static void skipDecoding(JsonParser p, JsonToken first) throws IOException {
        int depth = 0;
        JsonToken t = first;
        while (true) {
            switch (t) {
                case START_OBJECT:
                case START_ARRAY:
                    depth++;
                    break;
                case END_OBJECT:
                case END_ARRAY:
                    depth--;
                    break;
                case VALUE_STRING:
                    p.getText();
                    break;
                case VALUE_NUMBER_INT:
                    p.getNumberValue();
                    break;
                case VALUE_NUMBER_FLOAT:
                    p.getDecimalValue();
                    break;
                default:
                    break;
            }
            if (depth == 0) {
                return;
            }
            t = p.nextToken();
        }
    }
}
