package io.obkc.converters.format;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Base64;

import org.apache.kafka.connect.errors.DataException;

import io.obkc.common.debezium.DebeziumValues;

import io.obkc.converters.event.ColumnDef;

/**
 * MySQL-style text for canonical values, shared by the formats that carry every value as a string (Canal,
 * SharePlex, OMS Default), and the inverse parsing used by their readers.
 *
 * <p>Temporal text is what MySQL prints: {@code 2024-03-01}, {@code 13:45:00.250000},
 * {@code 2024-03-01 13:45:00.250000}. The fraction has exactly the column's fractional-second digits when they
 * are known, otherwise as many as needed (none for whole seconds).
 */
public final class ValueText {

    /** How a format turns binary values into text. */
    public enum BytesEncoding {
        /** Base64 (OMS Default, SharePlex, Maxwell, DataWorks). */
        BASE64,
        /** One char per byte, as Canal's FlatMessage and TiCDC canal-json do. */
        ISO_8859_1
    }

    private static final DateTimeFormatter LENIENT_DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    private ValueText() {
    }

    /** Text for any canonical value; TIMESTAMP instants are shown as wall-clock time in {@code zone}. */
    public static String text(ColumnDef col, Object v, ZoneId zone, BytesEncoding bytes) {
        if (v == null) {
            return null;
        }
        switch (col.kind()) {
            case BOOLEAN:
                return ((Boolean) v) ? "1" : "0";
            case FLOAT:
                return floating((Double) v);
            case DECIMAL:
                return ((BigDecimal) v).toPlainString();
            case BYTES:
                return bytes == BytesEncoding.BASE64 ? Base64.getEncoder().encodeToString((byte[]) v)
                        : new String((byte[]) v, StandardCharsets.ISO_8859_1);
            case DATE:
                return v.toString();
            case TIME:
                return time((Duration) v, col.fractionalDigits());
            case DATETIME:
                return dateTime((LocalDateTime) v, col.fractionalDigits());
            case TIMESTAMP:
                return dateTime(LocalDateTime.ofInstant((Instant) v, zone), col.fractionalDigits());
            default:
                return v.toString();
        }
    }

    /** Parses the text {@link #text} produces back into a canonical value. */
    public static Object parse(ColumnDef col, String text, ZoneId zone, BytesEncoding bytes) {
        if (text == null) {
            return null;
        }
        try {
            switch (col.kind()) {
                case BOOLEAN:
                    return text.equals("1") || text.equalsIgnoreCase("true");
                case INTEGER:
                    return Long.valueOf(text);
                case FLOAT:
                    return Double.valueOf(text);
                case DECIMAL:
                    return new BigDecimal(text);
                case BYTES:
                    return bytes == BytesEncoding.BASE64 ? Base64.getDecoder().decode(text)
                            : text.getBytes(StandardCharsets.ISO_8859_1);
                case DATE:
                    return LocalDate.parse(text);
                case TIME:
                    return Duration.ofNanos(DebeziumValues.parseMysqlTime(text));
                case DATETIME:
                    return LocalDateTime.parse(text, LENIENT_DATETIME);
                case TIMESTAMP:
                    return LocalDateTime.parse(text, LENIENT_DATETIME).atZone(zone).toInstant();
                default:
                    return text;
            }
        } catch (RuntimeException e) {
            throw new DataException("Cannot read '" + text + "' as " + col.mysqlType() + " for column " + col.name(), e);
        }
    }

    public static String floating(Double d) {
        if (d.isNaN() || d.isInfinite()) {
            return d.toString();
        }
        return BigDecimal.valueOf(d).toPlainString();
    }

    /** MySQL TIME text: {@code [-]HH:MM:SS[.f]}, hours beyond 24 kept. */
    public static String time(Duration t, int digits) {
        StringBuilder sb = new StringBuilder(16);
        long nanos = t.toNanos();
        if (nanos < 0) {
            sb.append('-');
            nanos = -nanos;
        }
        long seconds = nanos / 1_000_000_000L;
        long hours = seconds / 3600;
        if (hours < 10) {
            sb.append('0');
        }
        sb.append(hours).append(':');
        pad2(sb, (int) (seconds / 60 % 60)).append(':');
        pad2(sb, (int) (seconds % 60));
        return appendFraction(sb, (int) (nanos % 1_000_000_000L), digits).toString();
    }

    public static String dateTime(LocalDateTime t, int digits) {
        StringBuilder sb = new StringBuilder(26);
        sb.append(t.toLocalDate()).append(' ');
        pad2(sb, t.getHour()).append(':');
        pad2(sb, t.getMinute()).append(':');
        pad2(sb, t.getSecond());
        return appendFraction(sb, t.getNano(), digits).toString();
    }

    /** Epoch seconds with the fraction, e.g. {@code 1700000000.123456}: OMS Default's TIMESTAMP text. */
    public static String epochSeconds(Instant instant, int digits) {
        StringBuilder sb = new StringBuilder(20).append(instant.getEpochSecond());
        return appendFraction(sb, instant.getNano(), digits).toString();
    }

    public static Instant parseEpochSeconds(String text) {
        BigDecimal seconds = new BigDecimal(text);
        long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    /**
     * Appends {@code .fraction}. With {@code digits} &gt; 0 exactly that many digits; with 0 none; with a
     * negative value the shortest of 3, 6 or 9 digits that loses nothing, or none for whole seconds.
     */
    static StringBuilder appendFraction(StringBuilder sb, int nanos, int digits) {
        if (digits == 0 || (digits < 0 && nanos == 0)) {
            return sb;
        }
        if (digits < 0) {
            digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        }
        String nine = Integer.toString(nanos + 1_000_000_000).substring(1);
        return sb.append('.').append(nine, 0, digits);
    }

    private static StringBuilder pad2(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    /** Milliseconds since the epoch of a value's wall-clock time in {@code zone}; DataWorks' DATE encoding. */
    static long epochMillis(Object v, ZoneId zone) {
        if (v instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (v instanceof LocalDateTime dt) {
            return dt.atZone(zone).toInstant().toEpochMilli();
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay(zone).toInstant().toEpochMilli();
        }
        if (v instanceof Duration t) {
            return t.toMillis();
        }
        throw new DataException("Not a temporal value: " + v);
    }
}
