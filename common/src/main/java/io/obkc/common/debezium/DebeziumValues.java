package io.obkc.common.debezium;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Decodes the values of Debezium's and Kafka's logical types, once for the whole bundle (sink, converters,
 * transforms). Temporal values are decoded without any time-zone or range loss: MySQL TIME is a signed
 * duration of up to ±838 hours, so it decodes to nanoseconds, never to a time of day.
 */
public final class DebeziumValues {
    public static final String DATE = "io.debezium.time.Date";
    public static final String TIME = "io.debezium.time.Time";
    public static final String MICRO_TIME = "io.debezium.time.MicroTime";
    public static final String NANO_TIME = "io.debezium.time.NanoTime";
    public static final String ZONED_TIME = "io.debezium.time.ZonedTime";
    public static final String TIMESTAMP = "io.debezium.time.Timestamp";
    public static final String MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    public static final String NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
    public static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    public static final String YEAR = "io.debezium.time.Year";
    public static final String MICRO_DURATION = "io.debezium.time.MicroDuration";
    public static final String INTERVAL = "io.debezium.time.Interval";
    public static final String JSON = "io.debezium.data.Json";
    public static final String BITS = "io.debezium.data.Bits";
    public static final String ENUM = "io.debezium.data.Enum";
    public static final String ENUM_SET = "io.debezium.data.EnumSet";
    public static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";
    public static final String UUID = "io.debezium.data.Uuid";
    public static final String XML = "io.debezium.data.Xml";
    public static final String GEOMETRY_PREFIX = "io.debezium.data.geometry.";
    public static final String CONNECT_DATE = org.apache.kafka.connect.data.Date.LOGICAL_NAME;
    public static final String CONNECT_TIME = org.apache.kafka.connect.data.Time.LOGICAL_NAME;
    public static final String CONNECT_TIMESTAMP = org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME;
    public static final String CONNECT_DECIMAL = org.apache.kafka.connect.data.Decimal.LOGICAL_NAME;

    /** Schema parameters Debezium sets with column.propagate.source.type / datatype.propagate.source.type. */
    public static final String SOURCE_TYPE_PARAM = "__debezium.source.column.type";
    public static final String SOURCE_LENGTH_PARAM = "__debezium.source.column.length";
    public static final String SOURCE_SCALE_PARAM = "__debezium.source.column.scale";
    public static final String DECIMAL_PRECISION_PARAM = "connect.decimal.precision";

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();

    private DebeziumValues() {
    }

    /** Whether the propagated source column type (SOURCE_TYPE_PARAM) says UNSIGNED, e.g. {@code BIGINT UNSIGNED}. */
    public static boolean isUnsignedSource(Schema s) {
        String t = s.parameters() == null ? null : s.parameters().get(SOURCE_TYPE_PARAM);
        return t != null && t.toUpperCase(java.util.Locale.ROOT).contains("UNSIGNED");
    }

    private static String name(Schema s) {
        return s.name() == null ? "" : s.name();
    }

    public static boolean isDate(Schema s) {
        String n = name(s);
        return n.equals(DATE) || n.equals(CONNECT_DATE);
    }

    /** TIME columns: Debezium Time (ms), MicroTime, NanoTime, and Connect Time. ZonedTime is a string and not included. */
    public static boolean isTime(Schema s) {
        String n = name(s);
        return n.equals(TIME) || n.equals(MICRO_TIME) || n.equals(NANO_TIME) || n.equals(CONNECT_TIME);
    }

    /** Local date-times (no zone): Debezium Timestamp, MicroTimestamp, NanoTimestamp, and Connect Timestamp. */
    public static boolean isLocalDateTime(Schema s) {
        String n = name(s);
        return n.equals(TIMESTAMP) || n.equals(MICRO_TIMESTAMP) || n.equals(NANO_TIMESTAMP) || n.equals(CONNECT_TIMESTAMP);
    }

    public static LocalDate toLocalDate(Schema s, Object v) {
        if (v instanceof java.util.Date d) {
            return LocalDate.ofEpochDay(Math.floorDiv(d.getTime(), 86_400_000L));
        }
        return LocalDate.ofEpochDay(((Number) v).longValue());
    }

    /** A TIME value as signed nanoseconds since midnight; may be negative or beyond 24 hours (MySQL TIME). */
    public static long toTimeNanos(Schema s, Object v) {
        if (v instanceof java.util.Date d) {
            return d.getTime() * 1_000_000L;
        }
        long n = ((Number) v).longValue();
        return switch (name(s)) {
            case MICRO_TIME -> n * 1_000L;
            case NANO_TIME -> n;
            default -> n * 1_000_000L;
        };
    }

    /**
     * A local date-time value, as the instant it would be in UTC (Debezium encodes DATETIME columns as
     * epoch values of the wall-clock time read as UTC). Also accepts ZonedTimestamp strings.
     */
    public static Instant toInstant(Schema s, Object v) {
        if (v instanceof java.util.Date d) {
            return d.toInstant();
        }
        if (v instanceof String str) {
            return OffsetDateTime.parse(str).toInstant();
        }
        long n = ((Number) v).longValue();
        return switch (name(s)) {
            case MICRO_TIMESTAMP -> Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000L), Math.floorMod(n, 1_000_000L) * 1_000L);
            case NANO_TIMESTAMP -> Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
            default -> Instant.ofEpochMilli(n);
        };
    }

    public static LocalDateTime toUtcDateTime(Schema s, Object v) {
        return utc(toInstant(s, v));
    }

    /**
     * The instant's date and time in UTC; the same as {@code LocalDateTime.ofInstant(instant, ZoneOffset.UTC)}, which on
     * Java 17 builds a new ZoneRules (with a ConcurrentHashMap) on every call: the sink does this once per temporal value.
     */
    public static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    }

    /** Connect Decimal (a BigDecimal) or Debezium's VariableScaleDecimal struct {scale, value}. */
    public static BigDecimal toBigDecimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Struct st) {
            return new BigDecimal(new BigInteger(toBytes(st.get("value"))), st.getInt32("scale"));
        }
        throw new DataException("Expected a decimal but got " + v.getClass().getName());
    }

    public static byte[] toBytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof ByteBuffer buf) {
            ByteBuffer dup = buf.duplicate();
            byte[] b = new byte[dup.remaining()];
            dup.get(b);
            return b;
        }
        throw new DataException("Expected bytes but got " + v.getClass().getName());
    }

    /** Debezium's Bits are little-endian bytes; the number they stand for. */
    public static long bitsToLong(byte[] littleEndian) {
        long v = 0;
        for (int i = Math.min(littleEndian.length, 8) - 1; i >= 0; i--) {
            v = (v << 8) | (littleEndian[i] & 0xFF);
        }
        return v;
    }

    /**
     * MySQL TIME text {@code [-]H:MM:SS[.f]}: hours may exceed 24. {@code fractionalDigits} &lt; 0 prints
     * microseconds only when non-zero (6 digits); otherwise exactly that many digits (0 to 9).
     */
    public static String mysqlTimeText(long nanos, int fractionalDigits) {
        StringBuilder sb = new StringBuilder();
        if (nanos < 0) {
            sb.append('-');
            nanos = -nanos;
        }
        long totalSeconds = nanos / 1_000_000_000L;
        long frac = nanos % 1_000_000_000L;
        long hours = totalSeconds / 3600;
        if (hours < 10) {
            sb.append('0');
        }
        sb.append(hours).append(':');
        appendTwo(sb, (totalSeconds / 60) % 60).append(':');
        appendTwo(sb, totalSeconds % 60);
        int digits = fractionalDigits < 0 ? (frac == 0 ? 0 : 6) : Math.min(fractionalDigits, 9);
        if (digits > 0) {
            sb.append('.').append(String.format("%09d", frac), 0, digits);
        }
        return sb.toString();
    }

    /** Parses MySQL TIME text ({@code [-]H:MM:SS[.f]}, hours may exceed 24) into signed nanoseconds. */
    public static long parseMysqlTime(String text) {
        String t = text.trim();
        boolean negative = t.startsWith("-");
        if (negative) {
            t = t.substring(1);
        }
        String[] parts = t.split(":");
        if (parts.length != 3) {
            throw new DataException("Not a TIME value: '" + text + "'");
        }
        String[] secFrac = parts[2].split("\\.", 2);
        long nanos = (Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60 + Long.parseLong(secFrac[0])) * 1_000_000_000L;
        if (secFrac.length == 2) {
            String f = (secFrac[1] + "000000000").substring(0, 9);
            nanos += Long.parseLong(f);
        }
        return negative ? -nanos : nanos;
    }

    /** Whether a TIME in nanoseconds is a time of day (0 to 24 h), i.e. representable as a LocalTime. */
    public static boolean isTimeOfDay(long nanos) {
        return nanos >= 0 && nanos < NANOS_PER_DAY;
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.f]} of an instant in UTC, fraction trimmed of trailing zeros. */
    public static String utcDateTimeText(Instant instant) {
        LocalDateTime t = utc(instant);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return DATETIME.format(t);
        }
        // Built by hand: the sink renders one of these per temporal value, and DateTimeFormatter was a
        // visible share of its CPU time. Same text as DATETIME for years 0..9999 (DebeziumValuesTest checks).
        StringBuilder sb = new StringBuilder(29);
        appendFour(sb, year).append('-');
        appendTwo(sb, t.getMonthValue()).append('-');
        appendTwo(sb, t.getDayOfMonth()).append(' ');
        appendTwo(sb, t.getHour()).append(':');
        appendTwo(sb, t.getMinute()).append(':');
        appendTwo(sb, t.getSecond());
        int nanos = t.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            sb.append('.');
            for (int width = String.valueOf(nanos).length(); width < digits; width++) {
                sb.append('0');
            }
            sb.append(nanos);
        }
        return sb.toString();
    }

    private static StringBuilder appendFour(StringBuilder sb, int v) {
        if (v < 1000) {
            sb.append('0');
        }
        if (v < 100) {
            sb.append('0');
        }
        return appendTwo(sb, v);
    }

    private static StringBuilder appendTwo(StringBuilder sb, long v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
