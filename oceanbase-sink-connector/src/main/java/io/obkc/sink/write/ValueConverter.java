package io.obkc.sink.write;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import io.obkc.common.debezium.DebeziumValues;

/**
 * Converts a Connect value into the JDBC parameter the sink binds. Temporal values are bound as
 * text in UTC ('yyyy-MM-dd HH:mm:ss.ffffff'), and the session runs with time_zone='+00:00', so no
 * driver or JVM time-zone conversion can shift them.
 */
public final class ValueConverter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);

    private ValueConverter() {
    }

    /** The SQL placeholder for a column of this schema: '?' or a function call around it. */
    public static String placeholder(Schema schema) {
        String name = schema.name();
        if (name != null && name.startsWith(DebeziumValues.GEOMETRY_PREFIX)) {
            return "ST_GeomFromWKB(?)";
        }
        return "?";
    }

    /** Binds one column's Connect value to a statement parameter. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps, int index, Object value) throws SQLException;
    }

    /**
     * The binder for a column of this schema, resolved once per column rather than per value. Plain
     * numbers, strings and booleans are bound with their typed setter: {@code setObject} makes the driver
     * infer a type for every value, which was a visible share of the sink's CPU time. Everything with a
     * logical type (dates, decimals, ...), and BIGINT UNSIGNED, goes through {@link #toJdbc}.
     */
    public static Binder binder(Schema schema) {
        if (schema.name() != null) {
            return generic(schema);
        }
        switch (schema.type()) {
            case INT8:
            case INT16:
            case INT32:
                return (ps, i, v) -> {
                    if (v == null) {
                        ps.setNull(i, Types.INTEGER);
                    } else {
                        ps.setInt(i, ((Number) v).intValue());
                    }
                };
            case INT64:
                if (DebeziumValues.isUnsignedSource(schema)) {
                    return generic(schema);
                }
                return (ps, i, v) -> {
                    if (v == null) {
                        ps.setNull(i, Types.BIGINT);
                    } else {
                        ps.setLong(i, (Long) v);
                    }
                };
            case STRING:
                return (ps, i, v) -> {
                    if (v == null) {
                        ps.setNull(i, Types.VARCHAR);
                    } else {
                        ps.setString(i, (String) v);
                    }
                };
            default:
                return generic(schema);
        }
    }

    private static Binder generic(Schema schema) {
        return (ps, i, v) -> ps.setObject(i, toJdbc(schema, v));
    }

    public static Object toJdbc(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        String logical = schema.name();
        if (logical != null) {
            if (DebeziumValues.isDate(schema)) {
                return DebeziumValues.toLocalDate(schema, value).toString();
            }
            if (DebeziumValues.isTime(schema)) {
                return DebeziumValues.mysqlTimeText(DebeziumValues.toTimeNanos(schema, value), -1);
            }
            if (DebeziumValues.isLocalDateTime(schema) || logical.equals(DebeziumValues.ZONED_TIMESTAMP)) {
                return DebeziumValues.utcDateTimeText(DebeziumValues.toInstant(schema, value));
            }
            switch (logical) {
                case DebeziumValues.ZONED_TIME:
                    return OffsetTime.parse(value.toString()).withOffsetSameInstant(ZoneOffset.UTC).toLocalTime().toString();
                case DebeziumValues.CONNECT_DECIMAL:
                case DebeziumValues.VARIABLE_SCALE_DECIMAL:
                    return DebeziumValues.toBigDecimal(value);
                case DebeziumValues.BITS:
                    return DebeziumValues.bitsToLong(DebeziumValues.toBytes(value));
                default:
                    if (logical.startsWith(DebeziumValues.GEOMETRY_PREFIX)) {
                        return DebeziumValues.toBytes(((Struct) value).get("wkb"));
                    }
                    break;
            }
        }
        return switch (schema.type()) {
            case INT64 -> unsignedBigint(schema, (Long) value);
            case BYTES -> DebeziumValues.toBytes(value);
            case ARRAY, MAP, STRUCT -> toJson(schema, value);
            default -> value;
        };
    }

    /** BIGINT UNSIGNED arrives as a wrapped-around negative long when Debezium uses bigint.unsigned.handling.mode=long. */
    private static Object unsignedBigint(Schema schema, Long v) {
        if (v < 0 && DebeziumValues.isUnsignedSource(schema)) {
            return new BigDecimal(BigInteger.valueOf(v).add(TWO_POW_64));
        }
        return v;
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
                out.put(f.name(), toPlain(f.schema(), s.getWithoutDefault(f.name())));
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
