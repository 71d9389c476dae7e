package io.obkc.sink.write;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Converts a Connect value into the JDBC parameter the sink binds. Temporal values are bound as
 * text in UTC ('yyyy-MM-dd HH:mm:ss.ffffff'), and the session runs with time_zone='+00:00', so no
 * driver or JVM time-zone conversion can shift them.
 */
public final class ValueConverter {
    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);

    private ValueConverter() {
    }

    /** The SQL placeholder for a column of this schema: '?' or a function call around it. */
    public static String placeholder(Schema schema) {
        String name = schema.name();
        if (name != null && name.startsWith("io.debezium.data.geometry.")) {
            return "ST_GeomFromWKB(?)";
        }
        return "?";
    }

    public static Object toJdbc(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        String logical = schema.name();
        if (logical != null) {
            switch (logical) {
                case "io.debezium.time.Date":
                    return LocalDate.ofEpochDay(((Number) value).longValue()).toString();
                case "org.apache.kafka.connect.data.Date":
                    return LocalDate.ofEpochDay(Math.floorDiv(((Date) value).getTime(), 86_400_000L)).toString();
                case "io.debezium.time.Time":
                    return timeOfDay(((Number) value).longValue() * 1_000_000L);
                case "org.apache.kafka.connect.data.Time":
                    return timeOfDay(((Date) value).getTime() * 1_000_000L);
                case "io.debezium.time.MicroTime":
                    return timeOfDay(((Number) value).longValue() * 1_000L);
                case "io.debezium.time.NanoTime":
                    return timeOfDay(((Number) value).longValue());
                case "io.debezium.time.ZonedTime":
                    return OffsetTime.parse(value.toString()).withOffsetSameInstant(ZoneOffset.UTC).toLocalTime().toString();
                case "io.debezium.time.Timestamp":
                    return datetime(Instant.ofEpochMilli(((Number) value).longValue()));
                case "org.apache.kafka.connect.data.Timestamp":
                    return datetime(((Date) value).toInstant());
                case "io.debezium.time.MicroTimestamp": {
                    long micros = ((Number) value).longValue();
                    return datetime(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L));
                }
                case "io.debezium.time.NanoTimestamp": {
                    long nanos = ((Number) value).longValue();
                    return datetime(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)));
                }
                case "io.debezium.time.ZonedTimestamp":
                    return datetime(OffsetDateTime.parse(value.toString()).toInstant());
                case Decimal.LOGICAL_NAME:
                    return value;
                case "io.debezium.data.VariableScaleDecimal": {
                    Struct s = (Struct) value;
                    return new BigDecimal(new BigInteger(bytes(s.get("value"))), s.getInt32("scale"));
                }
                case "io.debezium.data.Bits":
                    return bitsToLong(bytes(value));
                case "io.debezium.data.geometry.Geometry":
                case "io.debezium.data.geometry.Point":
                case "io.debezium.data.geometry.Geography":
                    return bytes(((Struct) value).get("wkb"));
                default:
                    break;
            }
        }
        return switch (schema.type()) {
            case INT64 -> unsignedBigint(schema, (Long) value);
            case BYTES -> bytes(value);
            case ARRAY, MAP, STRUCT -> toJson(schema, value);
            default -> value;
        };
    }

    /** BIGINT UNSIGNED arrives as a wrapped-around negative long when Debezium uses bigint.unsigned.handling.mode=long. */
    private static Object unsignedBigint(Schema schema, Long v) {
        if (v < 0 && schema.parameters() != null) {
            String t = schema.parameters().get("__debezium.source.column.type");
            if (t != null && t.toUpperCase(java.util.Locale.ROOT).contains("UNSIGNED")) {
                return new BigDecimal(BigInteger.valueOf(v).add(TWO_POW_64));
            }
        }
        return v;
    }

    /** MySQL TIME allows negative values and more than 24 hours, so it is built by hand: [-]H:MM:SS.ffffff. */
    static String timeOfDay(long nanos) {
        StringBuilder sb = new StringBuilder();
        if (nanos < 0) {
            sb.append('-');
            nanos = -nanos;
        }
        long totalSeconds = nanos / 1_000_000_000L;
        long frac = nanos % 1_000_000_000L;
        sb.append(totalSeconds / 3600).append(':');
        appendTwo(sb, (totalSeconds / 60) % 60).append(':');
        appendTwo(sb, totalSeconds % 60);
        if (frac != 0) {
            String f = String.format("%09d", frac);
            sb.append('.').append(f, 0, 6);
        }
        return sb.toString();
    }

    private static StringBuilder appendTwo(StringBuilder sb, long v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    static String datetime(Instant instant) {
        return DATETIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** Debezium's Bits are little-endian bytes; BIT columns take the number. */
    static long bitsToLong(byte[] littleEndian) {
        long v = 0;
        for (int i = Math.min(littleEndian.length, 8) - 1; i >= 0; i--) {
            v = (v << 8) | (littleEndian[i] & 0xFF);
        }
        return v;
    }

    static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof ByteBuffer bb) {
            ByteBuffer d = bb.duplicate();
            byte[] out = new byte[d.remaining()];
            d.get(out);
            return out;
        }
        throw new DataException("Expected bytes but got " + value.getClass().getName());
    }

    /** Nested Connect values (ARRAY, MAP, STRUCT) are stored as JSON, rendered by Jackson. */
    static String toJson(Schema schema, Object value) {
        try {
            return JSON.writeValueAsString(toPlain(schema, value));
        } catch (JsonProcessingException e) {
            throw new DataException("Cannot render value as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Object toPlain(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Struct s) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Field f : s.schema().fields()) {
                out.put(f.name(), toPlain(f.schema(), s.get(f)));
            }
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), toPlain(schema == null ? null : schema.valueSchema(), v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(v -> out.add(toPlain(schema == null ? null : schema.valueSchema(), v)));
            return out;
        }
        Object v = schema == null ? value : toJdbc(schema, value);
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        return v instanceof Number || v instanceof Boolean ? v : v.toString();
    }
}
