package io.obkc.smt.rowfilter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import io.obkc.common.connect.StructValues;

/**
 * The values of one row (a Struct or a Map) as the row filter compares them. Field names are
 * looked up exactly first, then ignoring case (column names are case-insensitive in MySQL).
 * A field the row does not have reads as NULL.
 */
public final class RowValues {
    private final Object row;

    public RowValues(Object row) {
        this.row = row;
    }

    Object get(String name) {
        if (row instanceof Struct) {
            Struct s = (Struct) row;
            Field f = s.schema().field(name);
            if (f == null) {
                for (Field candidate : s.schema().fields()) {
                    if (candidate.name().equalsIgnoreCase(name)) {
                        f = candidate;
                        break;
                    }
                }
            }
            return f == null ? null : normalise(f.schema(), StructValues.valueOf(s, f));
        }
        if (row instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) row;
            if (m.containsKey(name)) {
                return normalise(null, m.get(name));
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getKey() instanceof String && ((String) e.getKey()).equalsIgnoreCase(name)) {
                    return normalise(null, e.getValue());
                }
            }
        }
        return null;
    }

    /** Numbers to BigDecimal (NaN/infinity stay Double), temporal logical types to java.time, the rest as is. */
    static Object normalise(Schema schema, Object v) {
        if (v == null) {
            return null;
        }
        String logical = schema == null ? null : schema.name();
        if (logical != null) {
            Object t = temporal(logical, v);
            if (t != null) {
                return t;
            }
            if ("io.debezium.data.VariableScaleDecimal".equals(logical) && v instanceof Struct) {
                Struct s = (Struct) v;
                Object bytes = s.get("value");
                byte[] b = bytes instanceof ByteBuffer ? toArray((ByteBuffer) bytes) : (byte[]) bytes;
                return new BigDecimal(new BigInteger(b), s.getInt32("scale"));
            }
        }
        if (v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Float || v instanceof Double) {
            double d = ((Number) v).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? (Object) d : new BigDecimal(Double.toString(d));
        }
        if (v instanceof BigInteger) {
            return new BigDecimal((BigInteger) v);
        }
        return v;
    }

    private static Object temporal(String logical, Object v) {
        switch (logical) {
            case Date.LOGICAL_NAME:
                return LocalDate.ofInstant(((java.util.Date) v).toInstant(), java.time.ZoneOffset.UTC);
            case Timestamp.LOGICAL_NAME:
                return Values.utc(((java.util.Date) v).toInstant());
            case Time.LOGICAL_NAME:
                return LocalTime.ofNanoOfDay(Math.floorMod(((java.util.Date) v).getTime(), 86_400_000L) * 1_000_000L);
            case "io.debezium.time.Date":
                return LocalDate.ofEpochDay(((Number) v).longValue());
            case "io.debezium.time.Timestamp":
                return Values.utc(Instant.ofEpochMilli(((Number) v).longValue()));
            case "io.debezium.time.MicroTimestamp": {
                long us = ((Number) v).longValue();
                return Values.utc(Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L));
            }
            case "io.debezium.time.NanoTimestamp": {
                long ns = ((Number) v).longValue();
                return Values.utc(Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L)));
            }
            case "io.debezium.time.ZonedTimestamp":
                return Values.utc(OffsetDateTime.parse(v.toString()).toInstant());
            case "io.debezium.time.Time":
                return LocalTime.ofNanoOfDay(Math.floorMod(((Number) v).longValue(), 86_400_000L) * 1_000_000L);
            case "io.debezium.time.MicroTime":
                return LocalTime.ofNanoOfDay(Math.floorMod(((Number) v).longValue(), 86_400_000_000L) * 1000L);
            case "io.debezium.time.NanoTime":
                return LocalTime.ofNanoOfDay(Math.floorMod(((Number) v).longValue(), 86_400_000_000_000L));
            default:
                return null;
        }
    }

    private static byte[] toArray(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
