package io.obkc.smt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.obkc.smt.support.BundleTransformation;
import io.obkc.smt.support.SchemaCopy;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

import io.obkc.common.config.Choices;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import io.obkc.common.debezium.DebeziumValues;

/**
 * Rewrites Debezium's PostgreSQL/MySQL logical types into plain Connect types that MySQL-compatible
 * targets accept, for pipelines whose sink is not OBKC's (e.g. Debezium's JDBC sink into OceanBase).
 * Works on any schemaful key or value, recursively: envelopes ({@code before}/{@code after}), flat
 * rows, nested structs. Schemaless records pass unchanged (they carry no logical type names).
 * Output schemas are cached per input schema. The mapping table is in docs/smt.md.
 */
public class TypeMapping<R extends ConnectRecord<R>> extends BundleTransformation<R> {
    public static final String APPLY_TO_CONFIG = "apply.to";
    public static final String TIMESTAMP_MODE_CONFIG = "timestamp.mode";
    public static final String TIME_MODE_CONFIG = "time.mode";
    public static final String TIMEZONE_CONFIG = "timezone";
    public static final String DECIMAL_MODE_CONFIG = "variable.decimal.mode";
    public static final String DECIMAL_SCALE_CONFIG = "variable.decimal.scale";
    public static final String DURATION_MODE_CONFIG = "duration.mode";
    public static final String BITS_MODE_CONFIG = "bits.mode";
    public static final String BOOLEAN_MODE_CONFIG = "boolean.mode";
    public static final String ARRAY_MODE_CONFIG = "array.mode";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(APPLY_TO_CONFIG, ConfigDef.Type.LIST, "key,value", ConfigDef.ValidList.in("key", "value"),
                    ConfigDef.Importance.MEDIUM, "Which parts of the record to rewrite.", null, -1, ConfigDef.Width.NONE, APPLY_TO_CONFIG, Choices.of("key", "value"))
            .define(TIMESTAMP_MODE_CONFIG, ConfigDef.Type.STRING, "timestamp", ConfigDef.CaseInsensitiveValidString.in("timestamp", "string"),
                    ConfigDef.Importance.HIGH, "io.debezium.time.Timestamp/MicroTimestamp/NanoTimestamp/ZonedTimestamp to a Connect "
                            + "Timestamp (millisecond precision), or to a string 'yyyy-MM-dd HH:mm:ss.ffffff' (microseconds kept).", null, -1, ConfigDef.Width.NONE, TIMESTAMP_MODE_CONFIG, Choices.of("timestamp", "string"))
            .define(TIME_MODE_CONFIG, ConfigDef.Type.STRING, "string", ConfigDef.CaseInsensitiveValidString.in("time", "string"),
                    ConfigDef.Importance.MEDIUM, "io.debezium.time.Time/MicroTime/NanoTime to a Connect Time (milliseconds, within one day) "
                            + "or to a string 'HH:mm:ss.ffffff'.", null, -1, ConfigDef.Width.NONE, TIME_MODE_CONFIG, Choices.of("time", "string"))
            .define(TIMEZONE_CONFIG, ConfigDef.Type.STRING, "UTC", ConfigDef.Importance.MEDIUM,
                    "Zone in which ZonedTimestamp values are written as strings (timestamp.mode=string).")
            .define(DECIMAL_MODE_CONFIG, ConfigDef.Type.STRING, "string", ConfigDef.CaseInsensitiveValidString.in("string", "decimal"),
                    ConfigDef.Importance.HIGH, "io.debezium.data.VariableScaleDecimal to its plain string, or to a Connect Decimal "
                            + "with scale variable.decimal.scale (rounded half-up).", null, -1, ConfigDef.Width.NONE, DECIMAL_MODE_CONFIG, Choices.of("string", "decimal"))
            .define(DECIMAL_SCALE_CONFIG, ConfigDef.Type.INT, 10, ConfigDef.Range.between(0, 65), ConfigDef.Importance.MEDIUM,
                    "Scale for variable.decimal.mode=decimal.")
            .define(DURATION_MODE_CONFIG, ConfigDef.Type.STRING, "iso", ConfigDef.CaseInsensitiveValidString.in("iso", "time"),
                    ConfigDef.Importance.MEDIUM, "io.debezium.time.MicroDuration/NanoDuration to an ISO-8601 duration string ('PT1H2M3.5S') "
                            + "or to a MySQL TIME string ('[-]H:mm:ss.ffffff').", null, -1, ConfigDef.Width.NONE, DURATION_MODE_CONFIG, Choices.of("iso", "time"))
            .define(BITS_MODE_CONFIG, ConfigDef.Type.STRING, "bytes", ConfigDef.CaseInsensitiveValidString.in("bytes", "long"),
                    ConfigDef.Importance.MEDIUM, "io.debezium.data.Bits to plain bytes, or to an int64 (bit strings up to 64 bits).", null, -1, ConfigDef.Width.NONE, BITS_MODE_CONFIG, Choices.of("bytes", "long"))
            .define(BOOLEAN_MODE_CONFIG, ConfigDef.Type.STRING, "boolean", ConfigDef.CaseInsensitiveValidString.in("boolean", "int8"),
                    ConfigDef.Importance.MEDIUM, "Booleans unchanged, or as int8 0/1 (MySQL's TINYINT(1)).", null, -1, ConfigDef.Width.NONE, BOOLEAN_MODE_CONFIG, Choices.of("boolean", "int8"))
            .define(ARRAY_MODE_CONFIG, ConfigDef.Type.STRING, "json", ConfigDef.CaseInsensitiveValidString.in("json", "keep"),
                    ConfigDef.Importance.MEDIUM, "Arrays (PostgreSQL array columns) to a JSON text string, or unchanged.", null, -1, ConfigDef.Width.NONE, ARRAY_MODE_CONFIG, Choices.of("json", "keep"));

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS", Locale.ROOT);

    private boolean key;
    private boolean value;
    private boolean timestampAsString;
    private boolean timeAsString;
    private ZoneId zone;
    private boolean decimalAsString;
    private int decimalScale;
    private boolean durationAsTime;
    private boolean bitsAsLong;
    private boolean booleanAsInt8;
    private boolean arrayAsJson;
    private final Cache<Schema, Schema> schemas = new SynchronizedCache<>(new LRUCache<>(512));

    public TypeMapping() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig c = new AbstractConfig(CONFIG_DEF, props);
        List<String> applyTo = c.getList(APPLY_TO_CONFIG);
        key = applyTo.contains("key");
        value = applyTo.contains("value");
        timestampAsString = "string".equalsIgnoreCase(c.getString(TIMESTAMP_MODE_CONFIG));
        timeAsString = "string".equalsIgnoreCase(c.getString(TIME_MODE_CONFIG));
        try {
            zone = ZoneId.of(c.getString(TIMEZONE_CONFIG));
        } catch (java.time.DateTimeException e) {
            throw new org.apache.kafka.common.config.ConfigException(TIMEZONE_CONFIG, c.getString(TIMEZONE_CONFIG), e.getMessage());
        }
        decimalAsString = "string".equalsIgnoreCase(c.getString(DECIMAL_MODE_CONFIG));
        decimalScale = c.getInt(DECIMAL_SCALE_CONFIG);
        durationAsTime = "time".equalsIgnoreCase(c.getString(DURATION_MODE_CONFIG));
        bitsAsLong = "long".equalsIgnoreCase(c.getString(BITS_MODE_CONFIG));
        booleanAsInt8 = "int8".equalsIgnoreCase(c.getString(BOOLEAN_MODE_CONFIG));
        arrayAsJson = "json".equalsIgnoreCase(c.getString(ARRAY_MODE_CONFIG));
    }

    @Override
    public R apply(R record) {
        Schema keySchema = record.keySchema();
        Object keyValue = record.key();
        if (key && keySchema != null) {
            Schema out = mapSchema(keySchema);
            keyValue = mapValue(keySchema, out, keyValue);
            keySchema = out;
        }
        Schema valueSchema = record.valueSchema();
        Object valueValue = record.value();
        if (value && valueSchema != null) {
            Schema out = mapSchema(valueSchema);
            valueValue = mapValue(valueSchema, out, valueValue);
            valueSchema = out;
        }
        if (keySchema == record.keySchema() && valueSchema == record.valueSchema()) {
            return record;
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), keySchema, keyValue, valueSchema, valueValue,
                record.timestamp(), record.headers());
    }

    /** The rewritten schema; the same instance when nothing in it changes. */
    Schema mapSchema(Schema in) {
        Schema cached = schemas.get(in);
        if (cached == null) {
            cached = computeSchema(in);
            schemas.put(in, cached);
        }
        return cached;
    }

    private Schema computeSchema(Schema in) {
        String name = in.name();
        if (name != null) {
            switch (name) {
                case "io.debezium.time.Timestamp":
                case "io.debezium.time.MicroTimestamp":
                case "io.debezium.time.NanoTimestamp":
                case "io.debezium.time.ZonedTimestamp":
                    return optional(timestampAsString ? SchemaBuilder.string() : Timestamp.builder(), in);
                case "io.debezium.time.Date":
                    return optional(Date.builder(), in);
                case "io.debezium.time.Time":
                case "io.debezium.time.MicroTime":
                case "io.debezium.time.NanoTime":
                    return optional(timeAsString ? SchemaBuilder.string() : Time.builder(), in);
                case "io.debezium.time.MicroDuration":
                case "io.debezium.time.NanoDuration":
                case "io.debezium.time.Interval":
                case "io.debezium.time.ZonedTime":
                case "io.debezium.data.Uuid":
                case "io.debezium.data.Json":
                case "io.debezium.data.Xml":
                case "io.debezium.data.Enum":
                case "io.debezium.data.EnumSet":
                case "io.debezium.data.Ltree":
                    return optional(SchemaBuilder.string(), in);
                case "io.debezium.data.VariableScaleDecimal":
                    return optional(decimalAsString ? SchemaBuilder.string() : Decimal.builder(decimalScale), in);
                case "io.debezium.data.Bits":
                    return optional(bitsAsLong ? SchemaBuilder.int64() : SchemaBuilder.bytes(), in);
                default:
                    break;
            }
        }
        switch (in.type()) {
            case BOOLEAN:
                return booleanAsInt8 && name == null ? optional(SchemaBuilder.int8(), in) : in;
            case ARRAY:
                return arrayAsJson ? optional(SchemaBuilder.string(), in) : in;
            case STRUCT: {
                boolean changed = false;
                List<Schema> mapped = new ArrayList<>();
                for (Field f : in.fields()) {
                    Schema m = mapSchema(f.schema());
                    changed |= m != f.schema();
                    mapped.add(m);
                }
                if (!changed) {
                    return in;
                }
                SchemaBuilder b = SchemaCopy.structLike(in);
                for (int i = 0; i < in.fields().size(); i++) {
                    b.field(in.fields().get(i).name(), mapped.get(i));
                }
                return b.build();
            }
            default:
                return in;
        }
    }

    /** Optionality and doc follow the original. Source-type parameters are dropped: they describe the old type. */
    private static Schema optional(SchemaBuilder b, Schema original) {
        if (original.isOptional()) {
            b.optional();
        }
        if (original.doc() != null) {
            b.doc(original.doc());
        }
        return b.build();
    }

    Object mapValue(Schema in, Schema out, Object v) {
        if (v == null || in == out) {
            return v;
        }
        String name = in.name();
        if (name != null) {
            switch (name) {
                case DebeziumValues.TIMESTAMP:
                case DebeziumValues.MICRO_TIMESTAMP:
                case DebeziumValues.NANO_TIMESTAMP:
                    return timestamp(DebeziumValues.toInstant(in, v), ZoneOffset.UTC);
                case DebeziumValues.ZONED_TIMESTAMP:
                    // An absolute instant; as a string it is written in the configured zone.
                    return timestamp(DebeziumValues.toInstant(in, v), zone);
                case DebeziumValues.DATE:
                    return new java.util.Date(DebeziumValues.toLocalDate(in, v).toEpochDay() * 86_400_000L);
                case DebeziumValues.TIME:
                case DebeziumValues.MICRO_TIME:
                case DebeziumValues.NANO_TIME:
                    return time(DebeziumValues.toTimeNanos(in, v));
                case "io.debezium.time.MicroDuration":
                    return duration(Duration.of(((Number) v).longValue(), java.time.temporal.ChronoUnit.MICROS));
                case "io.debezium.time.NanoDuration":
                    return duration(Duration.ofNanos(((Number) v).longValue()));
                case DebeziumValues.VARIABLE_SCALE_DECIMAL: {
                    BigDecimal d = DebeziumValues.toBigDecimal(v);
                    return decimalAsString ? d.toPlainString() : d.setScale(decimalScale, RoundingMode.HALF_UP);
                }
                case DebeziumValues.BITS:
                    return bitsAsLong ? DebeziumValues.bitsToLong(DebeziumValues.toBytes(v)) : v;
                default:
                    if (out.type() == Schema.Type.STRING && in.type() == Schema.Type.STRING) {
                        return v;
                    }
                    break;
            }
        }
        switch (in.type()) {
            case BOOLEAN:
                return out.type() == Schema.Type.INT8 ? (byte) (((Boolean) v) ? 1 : 0) : v;
            case ARRAY:
                return out.type() == Schema.Type.STRING ? Json.write(in, v) : v;
            case STRUCT: {
                Struct s = (Struct) v;
                Struct o = new Struct(out);
                for (Field f : in.fields()) {
                    o.put(f.name(), mapValue(f.schema(), out.field(f.name()).schema(), s.get(f)));
                }
                return o;
            }
            default:
                return v;
        }
    }

    private Object timestamp(Instant instant, ZoneId zoneForString) {
        if (timestampAsString) {
            return DATE_TIME.format(LocalDateTime.ofInstant(instant, zoneForString));
        }
        return java.util.Date.from(instant);
    }

    private Object time(long nanos) {
        if (timeAsString) {
            // MySQL TIME may exceed a day; Debezium MicroTime can carry that, so print hours beyond 23 as is.
            if (DebeziumValues.isTimeOfDay(nanos)) {
                return TIME.format(LocalTime.ofNanoOfDay(nanos));
            }
            return DebeziumValues.mysqlTimeText(nanos, 6);
        }
        if (!DebeziumValues.isTimeOfDay(nanos)) {
            // A Connect Time is a time of day; wrapping would silently change the value.
            throw new DataException("TIME value " + DebeziumValues.mysqlTimeText(nanos, -1)
                    + " is outside 00:00:00-24:00:00 and cannot be a Connect Time; set time.mode=string to keep it");
        }
        return new java.util.Date(nanos / 1_000_000L);
    }

    private String duration(Duration d) {
        return durationAsTime ? durationAsTimeText(d) : d.toString();
    }

    /** '[-]H:mm:ss.ffffff' with unbounded hours, as MySQL TIME literals are written. */
    static String durationAsTimeText(Duration d) {
        return DebeziumValues.mysqlTimeText(d.toNanos(), 6);
    }

    /** Debezium writes BIT(n) as {@link BitSet#toByteArray()}: little-endian, bit 0 first. */
    /** Minimal JSON writer for Connect values (array columns). */
    static final class Json {
        private Json() {
        }

        static String write(Schema schema, Object v) {
            StringBuilder sb = new StringBuilder();
            write(sb, v);
            return sb.toString();
        }

        private static void write(StringBuilder sb, Object v) {
            if (v == null) {
                sb.append("null");
            } else if (v instanceof String) {
                string(sb, (String) v);
            } else if (v instanceof BigDecimal) {
                sb.append(((BigDecimal) v).toPlainString());
            } else if (v instanceof Float || v instanceof Double) {
                double d = ((Number) v).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    string(sb, Double.toString(d));
                } else {
                    sb.append(v);
                }
            } else if (v instanceof Number || v instanceof Boolean) {
                sb.append(v);
            } else if (v instanceof byte[] || v instanceof ByteBuffer) {
                string(sb, Base64.getEncoder().encodeToString(DebeziumValues.toBytes(v)));
            } else if (v instanceof java.util.Date) {
                string(sb, ((java.util.Date) v).toInstant().toString());
            } else if (v instanceof List) {
                sb.append('[');
                boolean first = true;
                for (Object e : (List<?>) v) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    write(sb, e);
                }
                sb.append(']');
            } else if (v instanceof Struct) {
                Struct s = (Struct) v;
                sb.append('{');
                boolean first = true;
                for (Field f : s.schema().fields()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    string(sb, f.name());
                    sb.append(':');
                    write(sb, s.get(f));
                }
                sb.append('}');
            } else if (v instanceof Map) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(':');
                    write(sb, e.getValue());
                }
                sb.append('}');
            } else {
                string(sb, v.toString());
            }
        }

        private static void string(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"': sb.append("\\\""); break;
                    case '\\': sb.append("\\\\"); break;
                    case '\n': sb.append("\\n"); break;
                    case '\r': sb.append("\\r"); break;
                    case '\t': sb.append("\\t"); break;
                    default:
                        if (c < 0x20) {
                            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                }
            }
            sb.append('"');
        }
    }
}
