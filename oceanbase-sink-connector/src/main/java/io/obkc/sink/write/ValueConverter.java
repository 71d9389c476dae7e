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
    /** Set by Debezium's column.propagate.source.type / datatype.propagate.source.type with the source column's name. */
    static final String SOURCE_COLUMN_NAME_PARAM = "__debezium.source.column.name";

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
        String name = schema.parameters() == null ? null : schema.parameters().get(SOURCE_COLUMN_NAME_PARAM);
        return binder(name, schema);
    }

    /**
     * The binder for column {@code column} (named in the errors of values OceanBase cannot hold).
     *
     * @see #binder(Schema)
     */
    public static Binder binder(String column, Schema schema) {
        if (schema.name() != null) {
            return generic(column, schema);
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
                    return generic(column, schema);
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
                return generic(column, schema);
        }
    }

    /**
     * Values OceanBase has no counterpart for are refused here, as an SQL data exception (SQLState 22003), so the
     * writer treats the record like one the database rejected: dead letter queue or task failure, with a message
     * naming the table, the record, the column and why. Letting them through would leave OceanBase to reject them
     * with a less clear message, or worse, to clip them.
     */
    private static Binder generic(String column, Schema schema) {
        return (ps, i, v) -> {
            Object jdbc;
            try {
                jdbc = toJdbc(schema, v);
            } catch (UnrepresentableValueException e) {
                throw new java.sql.SQLDataException("column " + (column == null ? "(unnamed)" : column) + ": " + e.getMessage(), "22003", e);
            }
            ps.setObject(i, jdbc);
        };
    }

    /** A value that no OceanBase column of the mapped type can hold (see docs/type-mapping.md, "Edge values"). */
    public static final class UnrepresentableValueException extends DataException {
        private static final long serialVersionUID = 1L;

        UnrepresentableValueException(String message) {
            super(message);
        }
    }

    public static Object toJdbc(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        String logical = schema.name();
        if (logical != null) {
            if (DebeziumValues.isDate(schema)) {
                java.time.LocalDate d = DebeziumValues.toLocalDate(schema, value);
                requireYearInRange(d.getYear(), value, "DATE");
                return d.toString();
            }
            if (DebeziumValues.isTime(schema)) {
                return DebeziumValues.mysqlTimeText(DebeziumValues.toTimeNanos(schema, value), -1);
            }
            if (DebeziumValues.isLocalDateTime(schema) || logical.equals(DebeziumValues.ZONED_TIMESTAMP)) {
                refuseInfinity(logical, value);
                java.time.Instant instant = DebeziumValues.toInstant(schema, value);
                requireYearInRange(DebeziumValues.utc(instant).getYear(), value, "DATETIME");
                return DebeziumValues.utcDateTimeText(instant);
            }
            switch (logical) {
                case DebeziumValues.ZONED_TIME:
                    return OffsetTime.parse(value.toString()).withOffsetSameInstant(ZoneOffset.UTC).toLocalTime().toString();
                case DebeziumValues.MICRO_DURATION:
                    // PostgreSQL interval with interval.handling.mode=numeric: microseconds, written as ISO 8601 text like
                    // the exact string mode's values (docs/type-mapping.md).
                    return java.time.Duration.of(((Number) value).longValue(), java.time.temporal.ChronoUnit.MICROS).toString();
                case DebeziumValues.CONNECT_DECIMAL:
                case DebeziumValues.VARIABLE_SCALE_DECIMAL:
                    return requireDecimalInRange(DebeziumValues.toBigDecimal(value));
                case DebeziumValues.ENUM:
                case DebeziumValues.ENUM_SET:
                    return enumText(schema, value.toString());
                case DebeziumValues.BITS:
                    return DebeziumValues.bitsToLong(DebeziumValues.toBytes(value));
                default:
                    if (logical.startsWith(DebeziumValues.GEOMETRY_PREFIX)) {
                        return DebeziumValues.toBytes(((Struct) value).get("wkb"));
                    }
                    break;
            }
        }
        if (value instanceof Double dv && (dv.isNaN() || dv.isInfinite()) || value instanceof Float fv && (fv.isNaN() || fv.isInfinite())) {
            throw new UnrepresentableValueException("value " + value + " has no OceanBase FLOAT/DOUBLE counterpart (no NaN or infinities)");
        }
        return switch (schema.type()) {
            case INT64 -> unsignedBigint(schema, (Long) value);
            case BYTES -> DebeziumValues.toBytes(value);
            case ARRAY, MAP, STRUCT -> toJson(schema, value);
            default -> value;
        };
    }

    /**
     * Debezium's MySQL/MariaDB connectors send ENUM/SET values as the label text of the DDL with its backslash escapes
     * kept and a comma inside a label escaped ({@code 'e,f'} arrives as {@code e\,f}); undone here. Other sources
     * (a propagated source type other than ENUM/SET, e.g. a PostgreSQL enum type) are written as they are.
     */
    private static String enumText(Schema schema, String v) {
        String source = schema.parameters() == null ? null : schema.parameters().get(DebeziumValues.SOURCE_TYPE_PARAM);
        if (source != null && !source.trim().equalsIgnoreCase("ENUM") && !source.trim().equalsIgnoreCase("SET")) {
            return v;
        }
        return io.obkc.common.types.MysqlStringLiterals.unescapeBackslashes(v);
    }

    /** PostgreSQL's 'infinity' and '-infinity' as Debezium sends them: pgjdbc's sentinels read as microseconds, or the words. */
    static final long PG_POSITIVE_INFINITY = 9_223_372_036_825_200_000L;
    static final long PG_NEGATIVE_INFINITY = -9_223_372_036_832_400_000L;

    private static void refuseInfinity(String logical, Object value) {
        boolean infinite = value instanceof Long l && (l == PG_POSITIVE_INFINITY || l == PG_NEGATIVE_INFINITY)
                || value instanceof String str && (str.equalsIgnoreCase("infinity") || str.equalsIgnoreCase("-infinity"));
        if (infinite) {
            boolean negative = value instanceof Long l ? l < 0 : value.toString().startsWith("-");
            throw new UnrepresentableValueException("PostgreSQL '" + (negative ? "-" : "") + "infinity' (" + logical + " " + value
                    + ") has no OceanBase DATETIME counterpart; replace it on the source (e.g. with a far date) or leave the row out");
        }
    }

    /** OceanBase DATE/DATETIME hold years 0 to 9999; outside that the server would reject or mangle the text. */
    private static void requireYearInRange(int year, Object raw, String type) {
        if (year < 0 || year > 9999) {
            throw new UnrepresentableValueException("value " + raw + " is year " + year + ", outside OceanBase's " + type
                    + " range (years 0 to 9999); PostgreSQL 'infinity' dates arrive like this");
        }
    }

    /** OceanBase DECIMAL: at most 65 digits, at most 30 after the point; more would be rejected or silently rounded. */
    private static BigDecimal requireDecimalInRange(BigDecimal d) {
        BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        int fraction = Math.max(0, stripped.scale());
        int integer = Math.max(0, stripped.precision() - stripped.scale());
        if (integer + fraction > 65 || fraction > 30) {
            throw new UnrepresentableValueException("numeric value with " + integer + " integer and " + fraction
                    + " fractional digits does not fit OceanBase's DECIMAL (at most 65 digits, 30 after the point): " + abbreviate(d.toPlainString()));
        }
        return d;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 40) + "..." + s.substring(s.length() - 20) + " (" + s.length() + " characters)";
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
