package io.obkc.converters.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/**
 * Property test: random Connect schemas (nested structs, arrays, maps with any key type, logical types, defaults,
 * names, versions, docs, parameters) and random values of them, written and read by both converters in every
 * configuration; each must agree with Kafka's JsonConverter byte for byte and value for value. Seeds are fixed, so a
 * failure names one that reproduces it.
 */
class RandomSchemaCompatibilityTest {

    private static final int SCHEMAS = 150;
    private static final int VALUES_PER_SCHEMA = 6;

    @Test
    void randomSchemasAndValuesAgreeWithJsonConverter() {
        for (Map<String, String> config : ReferenceComparison.configurations()) {
            ReferenceComparison c = new ReferenceComparison(config, false);
            for (int seed = 0; seed < SCHEMAS; seed++) {
                Random random = new Random(seed);
                Schema schema = new Generator(random).schema(0, true);
                for (int v = 0; v < VALUES_PER_SCHEMA; v++) {
                    Object value = new Generator(random).value(schema, 0);
                    try {
                        byte[] json = c.assertSameWrite("random", schema, value);
                        if (json != null) {
                            c.assertSameRead("random", json);
                            c.assertSameRead("random", json);
                        }
                    } catch (AssertionError e) {
                        throw new AssertionError("seed " + seed + ", value " + v + ", schema " + schema + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    /** Random schemas and values that conform to them. */
    private static final class Generator {
        private final Random r;
        private int names;

        Generator(Random r) {
            this.r = r;
        }

        Schema schema(int depth, boolean struct) {
            int kind = struct ? 0 : r.nextInt(depth >= 3 ? 14 : 17);
            SchemaBuilder b;
            boolean primitive = true;
            switch (kind) {
                case 0 -> {
                    b = SchemaBuilder.struct();
                    int n = 1 + r.nextInt(6);
                    for (int i = 0; i < n; i++) {
                        b.field("f" + i + (r.nextInt(5) == 0 ? " ü\"" : ""), schema(depth + 1, false));
                    }
                    primitive = false;
                }
                case 1 -> b = SchemaBuilder.int8();
                case 2 -> b = SchemaBuilder.int16();
                case 3 -> b = SchemaBuilder.int32();
                case 4 -> b = SchemaBuilder.int64();
                case 5 -> b = SchemaBuilder.float32();
                case 6 -> b = SchemaBuilder.float64();
                case 7 -> b = SchemaBuilder.bool();
                case 8 -> b = SchemaBuilder.string();
                case 9 -> b = SchemaBuilder.bytes();
                case 10 -> b = Decimal.builder(r.nextInt(6));
                case 11 -> b = Date.builder();
                case 12 -> b = Time.builder();
                case 13 -> b = Timestamp.builder();
                case 14 -> {
                    b = SchemaBuilder.array(schema(depth + 1, false));
                    primitive = false;
                }
                case 15 -> {
                    Schema key = switch (r.nextInt(4)) {
                        case 0, 1 -> Schema.STRING_SCHEMA;
                        case 2 -> schema(depth + 1, false);
                        default -> schema(depth + 1, true);
                    };
                    b = SchemaBuilder.map(key, schema(depth + 1, false));
                    primitive = false;
                }
                default -> {
                    b = SchemaBuilder.struct().field("nested", schema(depth + 1, false)).field("n", Schema.OPTIONAL_INT64_SCHEMA);
                    primitive = false;
                }
            }
            if (b.name() == null && r.nextInt(4) == 0) {
                b.name("io.debezium.random.T" + (names++));
            }
            if (b.version() == null && r.nextInt(5) == 0) {
                b.version(1 + r.nextInt(3));
            }
            if (r.nextInt(6) == 0) {
                b.doc("doc " + r.nextInt(100));
            }
            if (r.nextInt(4) == 0) {
                b.parameter("__debezium.source.column.type", "T" + r.nextInt(9));
            }
            if (depth > 0 && r.nextBoolean()) {
                b.optional();
            }
            if (primitive && r.nextInt(5) == 0) {
                b.defaultValue(value(b.build(), depth, false));
            }
            return b.build();
        }

        Object value(Schema schema, int depth) {
            return value(schema, depth, true);
        }

        private Object value(Schema schema, int depth, boolean mayBeNull) {
            // struct fields: unset when optional or defaulted; container members: null only when optional
            if (mayBeNull && (schema.isOptional() || schema.defaultValue() != null) && r.nextInt(4) == 0) {
                return null;
            }
            if (schema.name() != null) {
                switch (schema.name()) {
                    case Decimal.LOGICAL_NAME -> {
                        int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
                        return new BigDecimal(new BigInteger(1 + r.nextInt(90), r).multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1)), scale);
                    }
                    case Date.LOGICAL_NAME -> {
                        return new java.util.Date((r.nextInt(80_000) - 40_000) * 86_400_000L);
                    }
                    case Time.LOGICAL_NAME -> {
                        return new java.util.Date(r.nextInt(86_400_000));
                    }
                    case Timestamp.LOGICAL_NAME -> {
                        return new java.util.Date(r.nextLong() >> 8);
                    }
                    default -> {
                    }
                }
            }
            switch (schema.type()) {
                case INT8: return (byte) r.nextInt();
                case INT16: return (short) r.nextInt();
                case INT32: return r.nextBoolean() ? r.nextInt() : r.nextInt(100);
                case INT64: return r.nextBoolean() ? r.nextLong() : (long) r.nextInt(100);
                case FLOAT32: return pick(new Float[] {r.nextFloat() * 1e6f, -r.nextFloat(), Float.MAX_VALUE, Float.MIN_VALUE, 0f, -0f,
                        Float.NaN, Float.NEGATIVE_INFINITY, 1e-7f, 16_777_217f});
                case FLOAT64: return pick(new Double[] {r.nextDouble() * 1e15, -r.nextGaussian(), Double.MAX_VALUE, Double.MIN_VALUE, 0d,
                        -0d, Double.NaN, Double.POSITIVE_INFINITY, 1e-300, 0.1 + 0.2, 1e21, 123456789012345678d});
                case BOOLEAN: return r.nextBoolean();
                case STRING: return text();
                case BYTES: {
                    byte[] b = new byte[r.nextInt(12)];
                    r.nextBytes(b);
                    return b;
                }
                case ARRAY: {
                    List<Object> l = new ArrayList<>();
                    int n = r.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        l.add(value(schema.valueSchema(), depth + 1, schema.valueSchema().isOptional()));
                    }
                    return l;
                }
                case MAP: {
                    Map<Object, Object> m = r.nextBoolean() ? new LinkedHashMap<>() : new HashMap<>();
                    int n = r.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        Object key = value(schema.keySchema(), depth + 1, schema.keySchema().isOptional() && r.nextInt(3) == 0);
                        m.put(key, value(schema.valueSchema(), depth + 1, schema.valueSchema().isOptional()));
                    }
                    return m;
                }
                case STRUCT: {
                    Struct s = new Struct(schema);
                    for (Field f : schema.fields()) {
                        Object v = value(f.schema(), depth + 1);
                        if (v != null) {
                            s.put(f, v);
                        }
                    }
                    return s;
                }
                default: throw new IllegalStateException(schema.type().toString());
            }
        }

        private String text() {
            String[] parts = {"", "a", "Zoë", "中文", "😀", "\"", "\\", "\n", "\u0000", "\u001f", "/", "</script>", "\u2028", "x y"};
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(5);
            for (int i = 0; i < n; i++) {
                sb.append(parts[r.nextInt(parts.length)]);
            }
            return sb.toString();
        }

        private <T> T pick(T[] options) {
            return options[r.nextInt(options.length)];
        }
    }
}
