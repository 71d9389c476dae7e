package io.obkc.converters.event;

import java.math.BigDecimal;
import java.time.Duration;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

import io.obkc.common.debezium.DebeziumValues;

/**
 * Reads column definitions and canonical values out of Connect schemas, understanding both Kafka's logical types
 * and Debezium's semantic types (io.debezium.time.*, io.debezium.data.*). This is the only place that knows how
 * Debezium encodes a value; everything downstream works on {@link ColumnKind}s.
 */
public final class ConnectColumns {

    /** Debezium adds these when a connector sets {@code column.propagate.source.type}. */
    public static final String SOURCE_TYPE_PARAM = "__debezium.source.column.type";
    public static final String SOURCE_LENGTH_PARAM = "__debezium.source.column.length";
    public static final String SOURCE_SCALE_PARAM = "__debezium.source.column.scale";
    /** Kafka's JsonConverter and Debezium put a decimal's precision here. */
    public static final String DECIMAL_PRECISION_PARAM = "connect.decimal.precision";

    // Debezium semantic type names. Kept as strings: this module does not depend on Debezium.
    static final String DBZ_DATE = "io.debezium.time.Date";
    static final String DBZ_TIME = "io.debezium.time.Time";
    static final String DBZ_MICRO_TIME = "io.debezium.time.MicroTime";
    static final String DBZ_NANO_TIME = "io.debezium.time.NanoTime";
    static final String DBZ_TIMESTAMP = "io.debezium.time.Timestamp";
    static final String DBZ_MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    static final String DBZ_NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
    static final String DBZ_ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    static final String DBZ_YEAR = "io.debezium.time.Year";
    static final String DBZ_JSON = "io.debezium.data.Json";
    static final String DBZ_BITS = "io.debezium.data.Bits";
    static final String DBZ_ENUM = "io.debezium.data.Enum";
    static final String DBZ_ENUM_SET = "io.debezium.data.EnumSet";
    static final String DBZ_VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";

    private ConnectColumns() {
    }

    /** Describes a row field. Uses the propagated source type when Debezium supplied it. */
    public static ColumnDef columnOf(Field field) {
        Schema s = field.schema();
        Map<String, String> params = s.parameters() == null ? Map.of() : s.parameters();
        ColumnKind kind = kindOf(s);
        String sourceType = params.get(SOURCE_TYPE_PARAM);
        if (sourceType != null) {
            Integer length = parseInt(params.get(SOURCE_LENGTH_PARAM));
            Integer scale = parseInt(params.get(SOURCE_SCALE_PARAM));
            if (kind != ColumnKind.DECIMAL && scale != null && scale == 0) {
                scale = null;
            }
            return new ColumnDef(field.name(), kind, sourceType.toLowerCase(Locale.ROOT), length, scale,
                    s.isOptional(), allowedValues(s));
        }
        return new ColumnDef(field.name(), kind, derivedSqlType(s, kind), derivedLength(s, kind),
                kind == ColumnKind.DECIMAL ? parseInt(params.get(Decimal.SCALE_FIELD)) : null, s.isOptional(),
                allowedValues(s));
    }

    /** Debezium's {@code allowed} parameter of Enum and EnumSet schemas: the values, comma-separated. */
    static java.util.List<String> allowedValues(Schema s) {
        String allowed = s.parameters() == null ? null : s.parameters().get("allowed");
        if (allowed == null || !(DBZ_ENUM.equals(s.name()) || DBZ_ENUM_SET.equals(s.name()))) {
            return java.util.List.of();
        }
        return allowed.isEmpty() ? java.util.List.of("") : java.util.List.of(allowed.split(",", -1));
    }

    /** The value family of a Connect schema. */
    public static ColumnKind kindOf(Schema s) {
        String name = s.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME:
                case DBZ_VARIABLE_SCALE_DECIMAL:
                    return ColumnKind.DECIMAL;
                case Date.LOGICAL_NAME:
                case DBZ_DATE:
                    return ColumnKind.DATE;
                case Time.LOGICAL_NAME:
                case DBZ_TIME:
                case DBZ_MICRO_TIME:
                case DBZ_NANO_TIME:
                    return ColumnKind.TIME;
                case Timestamp.LOGICAL_NAME:
                case DBZ_TIMESTAMP:
                case DBZ_MICRO_TIMESTAMP:
                case DBZ_NANO_TIMESTAMP:
                    return ColumnKind.DATETIME;
                case DBZ_ZONED_TIMESTAMP:
                    return ColumnKind.TIMESTAMP;
                case DBZ_JSON:
                    return ColumnKind.JSON;
                default:
                    break;
            }
        }
        switch (s.type()) {
            case BOOLEAN:
                return ColumnKind.BOOLEAN;
            case INT8:
            case INT16:
            case INT32:
            case INT64:
                return ColumnKind.INTEGER;
            case FLOAT32:
            case FLOAT64:
                return ColumnKind.FLOAT;
            case BYTES:
                return ColumnKind.BYTES;
            case STRING:
                return ColumnKind.STRING;
            default:
                // Structs, arrays and maps (geometries, PostgreSQL arrays) travel as JSON text.
                return ColumnKind.JSON;
        }
    }

    private static String derivedSqlType(Schema s, ColumnKind kind) {
        String name = s.name() == null ? "" : s.name();
        switch (kind) {
            case BOOLEAN:
                return "bit";
            case INTEGER:
                if (DBZ_YEAR.equals(name)) {
                    return "year";
                }
                switch (s.type()) {
                    case INT8: return "tinyint";
                    case INT16: return "smallint";
                    case INT32: return "int";
                    default: return "bigint";
                }
            case FLOAT:
                return s.type() == Schema.Type.FLOAT32 ? "float" : "double";
            case DECIMAL:
                return "decimal";
            case STRING:
                return DBZ_ENUM.equals(name) ? "enum" : DBZ_ENUM_SET.equals(name) ? "set" : "text";
            case JSON:
                return "json";
            case BYTES:
                return DBZ_BITS.equals(name) ? "bit" : "blob";
            case DATE:
                return "date";
            case TIME:
                return "time";
            case DATETIME:
                return "datetime";
            case TIMESTAMP:
                return "timestamp";
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    private static Integer derivedLength(Schema s, ColumnKind kind) {
        String name = s.name() == null ? "" : s.name();
        Map<String, String> params = s.parameters() == null ? Map.of() : s.parameters();
        switch (kind) {
            case BOOLEAN:
                return 1;
            case DECIMAL: {
                Integer precision = parseInt(params.get(DECIMAL_PRECISION_PARAM));
                return precision != null ? precision : 65;
            }
            case BYTES:
                return DBZ_BITS.equals(name) ? parseInt(params.get("length")) : null;
            case TIME:
            case DATETIME:
                switch (name) {
                    case Time.LOGICAL_NAME:
                    case Timestamp.LOGICAL_NAME:
                    case DBZ_TIME:
                    case DBZ_TIMESTAMP:
                        return 3;
                    default:
                        return 6; // micro and nano; MySQL stops at 6 digits
                }
            default:
                return null;
        }
    }

    /** Converts a Connect value to the canonical Java value of its kind. Null stays null. */
    public static Object canonicalValue(ColumnKind kind, Schema s, Object v) {
        if (v == null) {
            return null;
        }
        String name = s.name() == null ? "" : s.name();
        switch (kind) {
            case BOOLEAN:
                return (Boolean) v;
            case INTEGER:
                return ((Number) v).longValue();
            case FLOAT:
                return v instanceof Float f ? Double.valueOf(Float.toString(f)) : ((Number) v).doubleValue();
            case DECIMAL:
                return DebeziumValues.toBigDecimal(v);
            case STRING:
                return v.toString();
            case JSON:
                return v instanceof String str ? str : JsonText.of(s, v);
            case BYTES:
                return toBytes(v);
            case DATE:
                return DebeziumValues.toLocalDate(s, v);
            case TIME:
                // MySQL TIME is a signed duration (up to ±838 h), not a time of day.
                return Duration.ofNanos(DebeziumValues.toTimeNanos(s, v));
            case DATETIME:
                return DebeziumValues.toUtcDateTime(s, v);
            case TIMESTAMP:
                return DebeziumValues.toInstant(s, v);
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    static byte[] toBytes(Object v) {
        return DebeziumValues.toBytes(v);
    }

    static Integer parseInt(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
