package io.obkc.smt.rowfilter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Comparison semantics of the row filter. Field values have already been normalised by
 * {@link RowValues}: integers, floats and decimals are BigDecimal (or Double for NaN/infinity),
 * temporal logical types are LocalDate/LocalDateTime (UTC)/LocalTime.
 */
final class Values {
    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd()
            .optionalStart().appendLiteral('Z').optionalEnd()
            .toFormatter();

    private Values() {
    }

    /** SQL truth of a value: Boolean as is, numbers non-zero, null and anything else UNKNOWN. */
    static Boolean truth(Object v) {
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).signum() != 0;
        }
        if (v instanceof Double) {
            return (Double) v != 0;
        }
        return null;
    }

    static Object negate(Object v) {
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).negate();
        }
        if (v instanceof Double) {
            return -(Double) v;
        }
        return null;
    }

    /** The text LIKE matches against: strings, and numbers/booleans in their plain form; null for NULL. */
    static String likeText(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        return v.toString();
    }

    /**
     * Compares two values; null when SQL would say UNKNOWN (either is NULL) or the two cannot be
     * compared (e.g. a number and a non-numeric string).
     */
    static Integer compare(Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (isNumeric(a) || isNumeric(b)) {
            Object x = asNumber(a);
            Object y = asNumber(b);
            if (x == null || y == null) {
                return null;
            }
            if (x instanceof Double || y instanceof Double) {
                return Double.compare(((Number) x).doubleValue(), ((Number) y).doubleValue());
            }
            return ((BigDecimal) x).compareTo((BigDecimal) y);
        }
        if (a instanceof Boolean && b instanceof Boolean) {
            return Boolean.compare((Boolean) a, (Boolean) b);
        }
        if (a instanceof String && b instanceof String) {
            return Integer.signum(((String) a).compareTo((String) b));
        }
        if (isTemporal(a) || isTemporal(b)) {
            return compareTemporal(a, b);
        }
        return null;
    }

    private static boolean isNumeric(Object v) {
        return v instanceof BigDecimal || v instanceof Double;
    }

    /** Numbers as is; booleans as 1/0; numeric strings parsed; anything else null. */
    private static Object asNumber(Object v) {
        if (isNumeric(v)) {
            return v;
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof String) {
            try {
                return new BigDecimal(((String) v).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean isTemporal(Object v) {
        return v instanceof LocalDate || v instanceof LocalDateTime || v instanceof LocalTime;
    }

    /** Temporal against temporal or an ISO string ('2024-01-31', '2024-01-31 10:00:00.5', with optional offset). */
    private static Integer compareTemporal(Object a, Object b) {
        if (isTemporal(a) && isTemporal(b)) {
            return compareSameKind(a, b);
        }
        if (isTemporal(a) && b instanceof String) {
            Object t = parseLike(a, (String) b);
            return t == null ? null : compareSameKind(a, t);
        }
        if (isTemporal(b) && a instanceof String) {
            Object t = parseLike(b, (String) a);
            return t == null ? null : compareSameKind(t, b);
        }
        return null;
    }

    private static Integer compareSameKind(Object a, Object b) {
        if (a instanceof LocalTime && b instanceof LocalTime) {
            return Integer.signum(((LocalTime) a).compareTo((LocalTime) b));
        }
        if (a instanceof LocalTime || b instanceof LocalTime) {
            return null;
        }
        return Integer.signum(toDateTime(a).compareTo(toDateTime(b)));
    }

    private static LocalDateTime toDateTime(Object v) {
        return v instanceof LocalDate ? ((LocalDate) v).atStartOfDay() : (LocalDateTime) v;
    }

    /** Parses an ISO-ish literal into the kind of {@code like}; timestamps with an offset are converted to UTC. */
    static Object parseLike(Object like, String text) {
        String s = text.trim();
        try {
            if (like instanceof LocalTime) {
                return LocalTime.parse(s);
            }
            TemporalAccessor t = LOCAL_DATE_TIME.parse(s);
            LocalDate date = LocalDate.from(t);
            if (!t.isSupported(ChronoField.HOUR_OF_DAY)) {
                return date;
            }
            LocalDateTime ldt = LocalDateTime.of(date, LocalTime.from(t));
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                ZoneOffset off = ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS));
                return OffsetDateTime.of(ldt, off).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return ldt;
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
