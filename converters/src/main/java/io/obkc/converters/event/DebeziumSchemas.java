package io.obkc.converters.event;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The reverse of {@link ConnectColumns}: which Connect schema a Debezium MySQL connector would give a column of a
 * given SQL type, and the Connect value for a canonical value. Readers use this so that what they produce looks
 * like what Debezium itself emits (io.debezium.time.Date for DATE, MicroTimestamp for DATETIME(6),
 * ZonedTimestamp for TIMESTAMP, ...), and a sink written for Debezium needs no special case.
 */
public final class DebeziumSchemas {

    private DebeziumSchemas() {
    }

    /** Builds the (optional) field schema for a column, carrying its source type as Debezium parameters. */
    public static Schema schemaFor(ColumnDef col) {
        SchemaBuilder b;
        switch (col.kind()) {
            case BOOLEAN:
                b = SchemaBuilder.bool();
                break;
            case INTEGER:
                b = integerSchema(col.sqlType());
                break;
            case FLOAT:
                b = col.sqlType().startsWith("float") ? SchemaBuilder.float32() : SchemaBuilder.float64();
                break;
            case DECIMAL: {
                if (col.scale() == null) {
                    // The scale is not declared (TiCDC's "decimal", OMS's bare "DECIMAL", Maxwell's numbers):
                    // Debezium's variable-scale decimal carries each value's own scale, so no digit is lost.
                    b = SchemaBuilder.struct().name(ConnectColumns.DBZ_VARIABLE_SCALE_DECIMAL).version(1)
                            .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA);
                    break;
                }
                b = Decimal.builder(col.scale());
                if (col.length() != null) {
                    b.parameter(ConnectColumns.DECIMAL_PRECISION_PARAM, col.length().toString());
                }
                break;
            }
            case STRING:
                b = SchemaBuilder.string();
                if ((col.isEnum() || col.isSet()) && !col.values().isEmpty()) {
                    b.name(col.isEnum() ? ConnectColumns.DBZ_ENUM : ConnectColumns.DBZ_ENUM_SET).version(1)
                            .parameter("allowed", String.join(",", col.values()));
                }
                break;
            case JSON:
                b = SchemaBuilder.string().name(ConnectColumns.DBZ_JSON).version(1);
                break;
            case BYTES:
                b = SchemaBuilder.bytes();
                if (col.isBit()) {
                    // Debezium's BIT(n): little-endian bytes, as the canonical BIT value is.
                    b.name(ConnectColumns.DBZ_BITS).version(1).parameter("length", Integer.toString(col.bitLength()));
                }
                break;
            case DATE:
                b = SchemaBuilder.int32().name(ConnectColumns.DBZ_DATE).version(1);
                break;
            case TIME:
                b = SchemaBuilder.int64().name(ConnectColumns.DBZ_MICRO_TIME).version(1);
                break;
            case DATETIME:
                b = col.length() != null && col.length() <= 3
                        ? SchemaBuilder.int64().name(ConnectColumns.DBZ_TIMESTAMP).version(1)
                        : SchemaBuilder.int64().name(ConnectColumns.DBZ_MICRO_TIMESTAMP).version(1);
                break;
            case TIMESTAMP:
                b = SchemaBuilder.string().name(ConnectColumns.DBZ_ZONED_TIMESTAMP).version(1);
                break;
            default:
                throw new IllegalStateException(col.kind().name());
        }
        b.parameter(ConnectColumns.SOURCE_TYPE_PARAM, col.sqlType().toUpperCase(Locale.ROOT));
        if (col.length() != null) {
            b.parameter(ConnectColumns.SOURCE_LENGTH_PARAM, col.length().toString());
        }
        if (col.scale() != null) {
            b.parameter(ConnectColumns.SOURCE_SCALE_PARAM, col.scale().toString());
        }
        return b.optional().build();
    }

    private static SchemaBuilder integerSchema(String sqlType) {
        if (sqlType.equals("year")) {
            return SchemaBuilder.int32().name(ConnectColumns.DBZ_YEAR).version(1);
        }
        boolean unsigned = sqlType.endsWith("unsigned");
        String base = sqlType.split(" ")[0];
        switch (base) {
            case "tinyint":
                return SchemaBuilder.int16();
            case "smallint":
                return unsigned ? SchemaBuilder.int32() : SchemaBuilder.int16();
            case "mediumint":
                return SchemaBuilder.int32();
            case "int":
            case "integer":
                return unsigned ? SchemaBuilder.int64() : SchemaBuilder.int32();
            default:
                return SchemaBuilder.int64();
        }
    }

    /** The Connect value, for the schema {@link #schemaFor} gives the column, of a canonical value. */
    public static Object connectValue(Schema schema, ColumnDef col, Object canonical) {
        if (canonical == null) {
            return null;
        }
        switch (col.kind()) {
            case INTEGER: {
                long v = ((Number) canonical).longValue();
                switch (schema.type()) {
                    case INT16: return (short) v;
                    case INT32: return (int) v;
                    default: return v;
                }
            }
            case FLOAT:
                // Not a conditional expression: its float branch would be promoted to double.
                if (schema.type() == Schema.Type.FLOAT32) {
                    return ((Number) canonical).floatValue();
                }
                return ((Number) canonical).doubleValue();
            case DECIMAL: {
                BigDecimal d = (BigDecimal) canonical;
                if (col.scale() == null) {
                    return new org.apache.kafka.connect.data.Struct(schema).put("scale", d.scale())
                            .put("value", d.unscaledValue().toByteArray());
                }
                // Callers check first that the value fits (see Decimals.fit); this only pads with zeros.
                return d.setScale(col.scale(), RoundingMode.UNNECESSARY);
            }
            case DATE:
                return (int) ((LocalDate) canonical).toEpochDay();
            case TIME:
                return ((java.time.Duration) canonical).toNanos() / 1_000L;
            case DATETIME: {
                Instant instant = ((LocalDateTime) canonical).toInstant(ZoneOffset.UTC);
                if (ConnectColumns.DBZ_TIMESTAMP.equals(schema.name())) {
                    return instant.toEpochMilli();
                }
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
            }
            case TIMESTAMP:
                // Debezium's ZonedTimestamp text: ISO-8601 with offset, in UTC.
                return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(((Instant) canonical).atOffset(ZoneOffset.UTC));
            default:
                return canonical;
        }
    }
}
