package io.obkc.source.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;

import io.debezium.data.Bits;
import io.debezium.data.Json;
import io.debezium.time.Date;
import io.debezium.time.MicroTime;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.Timestamp;
import io.debezium.time.Year;
import io.debezium.time.ZonedTimestamp;
import io.obkc.common.types.UnsupportedSourceTypeException;
import io.obkc.source.OceanBaseSourceConfig.BigintUnsignedHandling;
import io.obkc.source.OceanBaseSourceConfig.DecimalHandling;

/**
 * The one type mapping of the connector, for the snapshot and every capture mode: each OceanBase MySQL-mode column type
 * as Debezium's MySQL connector maps it with default settings ({@link #schema}), the SQL expression that renders a column
 * value as exact text ({@link #textExpression}; the snapshot SELECT and the change-log triggers both use it, so both paths
 * decode the same text), and the decoding of that text into the Connect value ({@link #decode}).
 */
public final class ColumnTypes {
    public static final String SOURCE_TYPE = "__debezium.source.column.type";
    public static final String SOURCE_LENGTH = "__debezium.source.column.length";
    public static final String SOURCE_SCALE = "__debezium.source.column.scale";

    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();

    /** Settings that change the mapping (Debezium's names). */
    public record Options(DecimalHandling decimals, BigintUnsignedHandling bigintUnsigned, List<Pattern> propagateSourceTypes) {
        public static final Options DEFAULTS = new Options(DecimalHandling.PRECISE, BigintUnsignedHandling.LONG, List.of());
    }

    private final Options options;

    public ColumnTypes(Options options) {
        this.options = options;
    }

    /** The field schema of a column, optional when the column is nullable. */
    public Schema schema(TableDef table, ColumnDef c) {
        SchemaBuilder b = builder(table, c);
        if (c.optional()) {
            b.optional();
        }
        String typeName = c.sourceTypeName();
        for (Pattern p : options.propagateSourceTypes()) {
            if (p.matcher(typeName).matches() || p.matcher(c.dataType().toUpperCase(Locale.ROOT)).matches()) {
                b.parameter(SOURCE_TYPE, typeName);
                if (c.length() != null) {
                    b.parameter(SOURCE_LENGTH, String.valueOf(c.length()));
                }
                if (c.scale() != null) {
                    b.parameter(SOURCE_SCALE, String.valueOf(c.scale()));
                }
                break;
            }
        }
        return b.build();
    }

    private SchemaBuilder builder(TableDef table, ColumnDef c) {
        return switch (c.dataType()) {
            case "tinyint" -> SchemaBuilder.int16();
            case "smallint" -> c.unsigned() ? SchemaBuilder.int32() : SchemaBuilder.int16();
            case "mediumint" -> SchemaBuilder.int32();
            case "int", "integer" -> c.unsigned() ? SchemaBuilder.int64() : SchemaBuilder.int32();
            case "bigint" -> c.unsigned() && options.bigintUnsigned() == BigintUnsignedHandling.PRECISE
                    ? Decimal.builder(0).parameter("connect.decimal.precision", "20") : SchemaBuilder.int64();
            case "float" -> SchemaBuilder.float32();
            case "double", "real" -> SchemaBuilder.float64();
            case "decimal", "numeric" -> switch (options.decimals()) {
                case PRECISE -> {
                    SchemaBuilder d = Decimal.builder(c.scale() == null ? 0 : c.scale());
                    if (c.length() != null) {
                        d.parameter("connect.decimal.precision", String.valueOf(c.length()));
                    }
                    yield d;
                }
                case DOUBLE -> SchemaBuilder.float64();
                case STRING -> SchemaBuilder.string();
            };
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" -> SchemaBuilder.string();
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> SchemaBuilder.bytes();
            case "bit" -> c.length() == null || c.length() == 1 ? SchemaBuilder.bool() : Bits.builder(c.length());
            case "enum" -> io.debezium.data.Enum.builder(c.enumValues());
            case "set" -> io.debezium.data.EnumSet.builder(c.enumValues());
            case "json" -> Json.builder();
            case "date" -> Date.builder();
            case "time" -> MicroTime.builder();
            case "datetime" -> fsp(c) <= 3 ? Timestamp.builder() : MicroTimestamp.builder();
            case "timestamp" -> ZonedTimestamp.builder();
            case "year" -> Year.builder();
            default -> throw unsupported(table, c);
        };
    }

    private static UnsupportedSourceTypeException unsupported(TableDef table, ColumnDef c) {
        return new UnsupportedSourceTypeException(table.id() + "." + c.name(), c.columnType(),
                "the OceanBase source connector cannot capture this type; leave the table out with table.exclude.list");
    }

    private static int fsp(ColumnDef c) {
        return c.length() == null ? 0 : c.length();
    }

    /**
     * A SQL expression that renders the column value {@code ref} (e.g. {@code `t`.`c`} or {@code NEW.`c`}) as text that
     * {@link #decode} turns into the exact value: numbers as their decimal text, binaries as hex, TIMESTAMP as epoch
     * seconds (independent of the writing session's time zone), BIT as its number, the rest as CAST(... AS CHAR).
     */
    public static String textExpression(ColumnDef c, String ref) {
        return switch (c.dataType()) {
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" -> ref;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> "HEX(" + ref + ")";
            case "bit" -> "CAST(" + ref + " + 0 AS CHAR)";
            case "timestamp" -> "CAST(UNIX_TIMESTAMP(" + ref + ") AS CHAR)";
            default -> "CAST(" + ref + " AS CHAR)";
        };
    }

    /** The Connect value of a column from the text {@link #textExpression} rendered; null stays null. */
    public Object decode(TableDef table, ColumnDef c, Schema schema, String text) {
        if (text == null) {
            return null;
        }
        try {
            return decodeText(c, schema, text);
        } catch (RuntimeException e) {
            throw new DataException("Cannot decode the value of " + table.id() + "." + c.name() + " (" + c.columnType() + ") from '"
                    + abbreviate(text) + "': " + e.getMessage(), e);
        }
    }

    private Object decodeText(ColumnDef c, Schema schema, String text) {
        switch (c.dataType()) {
            case "tinyint":
                return Short.parseShort(text);
            case "smallint":
                return c.unsigned() ? (Object) Integer.parseInt(text) : (Object) Short.parseShort(text);
            case "mediumint":
                return Integer.parseInt(text);
            case "int", "integer":
                return c.unsigned() ? (Object) Long.parseLong(text) : (Object) Integer.parseInt(text);
            case "bigint":
                if (!c.unsigned()) {
                    return Long.parseLong(text);
                }
                return options.bigintUnsigned() == BigintUnsignedHandling.PRECISE ? new BigDecimal(text)
                        : (Object) new BigInteger(text).longValue();
            case "float":
                return Float.parseFloat(text);
            case "double", "real":
                return Double.parseDouble(text);
            case "decimal", "numeric": {
                BigDecimal d = new BigDecimal(text);
                return switch (options.decimals()) {
                    case PRECISE -> d.setScale(c.scale() == null ? 0 : c.scale());
                    case DOUBLE -> d.doubleValue();
                    case STRING -> d.toPlainString();
                };
            }
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set", "json":
                return text;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob":
                return HexFormat.of().parseHex(text);
            case "bit": {
                BigInteger n = new BigInteger(text);
                if (c.length() == null || c.length() == 1) {
                    return n.signum() != 0;
                }
                return littleEndian(n, (c.length() + 7) / 8);
            }
            case "date": {
                if (isZeroDate(text)) {
                    return c.optional() ? null : 0;
                }
                return (int) LocalDate.parse(text).toEpochDay();
            }
            case "time":
                return timeMicros(text);
            case "datetime": {
                if (isZeroDate(text)) {
                    return c.optional() ? null : 0L;
                }
                Instant i = LocalDateTime.parse(text, DATETIME).toInstant(ZoneOffset.UTC);
                return fsp(c) <= 3 ? (Object) i.toEpochMilli() : (Object) (i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000L);
            }
            case "timestamp": {
                BigDecimal seconds = new BigDecimal(text);
                if (seconds.signum() == 0 && c.optional()) {
                    // UNIX_TIMESTAMP of the zero timestamp; Debezium emits null for a nullable zero timestamp.
                    return null;
                }
                BigDecimal nanos = seconds.movePointRight(9);
                Instant i = Instant.ofEpochSecond(0, 0).plusNanos(nanos.longValueExact());
                return ZonedTimestamp.toIsoString(i.atZone(ZoneOffset.UTC), null, fsp(c));
            }
            case "year":
                return Integer.parseInt(text);
            default:
                throw new DataException("unsupported type " + c.columnType());
        }
    }

    private static boolean isZeroDate(String text) {
        return text.startsWith("0000-00-00");
    }

    /** MySQL TIME text {@code [-]H+:MM:SS[.ffffff]} as signed microseconds (MicroTime may exceed a day, as in Debezium). */
    static long timeMicros(String text) {
        boolean negative = text.startsWith("-");
        String t = negative ? text.substring(1) : text;
        String[] parts = t.split(":");
        long hours = Long.parseLong(parts[0]);
        long minutes = Long.parseLong(parts[1]);
        String secText = parts[2];
        long seconds;
        long micros = 0;
        int dot = secText.indexOf('.');
        if (dot >= 0) {
            seconds = Long.parseLong(secText.substring(0, dot));
            String frac = (secText.substring(dot + 1) + "000000").substring(0, 6);
            micros = Long.parseLong(frac);
        } else {
            seconds = Long.parseLong(secText);
        }
        long v = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000L + micros;
        return negative ? -v : v;
    }

    private static byte[] littleEndian(BigInteger n, int bytes) {
        byte[] big = n.toByteArray();
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes && i < big.length; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
