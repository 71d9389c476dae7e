package io.obkc.sink.table;

import java.util.Locale;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;

import io.obkc.common.debezium.DebeziumValues;
import io.obkc.common.sql.Identifiers;
import io.obkc.common.types.MysqlStringLiterals;

/**
 * Chooses the OceanBase MySQL-mode column type for a Connect field, for auto-created tables and
 * added columns. Debezium's logical types decide first; when the source connector propagates the
 * source column type ({@code column.propagate.source.type}), lengths, widths and signedness of the
 * source column are kept. The full table is in docs/oceanbase-sink-connector.md ("Auto-create and type mapping").
 * MySQL DDL that the sink replays (DDL sync) is mapped by the shared io.obkc.common.types.MysqlTypeMapping instead:
 * this class starts from a Connect schema, which may come from any source (PostgreSQL type names included), and must
 * also pick indexable types for key columns.
 */
public final class ColumnTypeMapper {
    static final String SOURCE_TYPE = DebeziumValues.SOURCE_TYPE_PARAM;
    static final String SOURCE_LENGTH = DebeziumValues.SOURCE_LENGTH_PARAM;
    static final String SOURCE_SCALE = DebeziumValues.SOURCE_SCALE_PARAM;

    /** Longest VARCHAR a key column gets when the source length is unknown: 768 utf8mb4 chars = 3072 bytes, within OceanBase's 16 KB key limit. */
    static final int KEY_VARCHAR_LENGTH = 768;
    /** OceanBase MySQL mode caps VARCHAR at 262,144 characters. */
    static final int MAX_VARCHAR_LENGTH = 262_144;

    private ColumnTypeMapper() {
    }

    /** The SQL type, without NULL/NOT NULL. {@code keyColumn} asks for an indexable type. */
    public static String sqlType(Schema schema, boolean keyColumn) {
        String logical = schema.name();
        Map<String, String> params = schema.parameters() == null ? Map.of() : schema.parameters();
        if (logical != null) {
            String t = logicalType(logical, schema, params);
            if (t != null) {
                return t;
            }
        }
        String fromSource = fromSourceType(schema, params, keyColumn);
        if (fromSource != null) {
            return fromSource;
        }
        return switch (schema.type()) {
            case INT8 -> "TINYINT";
            case INT16 -> "SMALLINT";
            case INT32 -> "INT";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case BOOLEAN -> "TINYINT(1)";
            case STRING -> keyColumn ? "VARCHAR(" + KEY_VARCHAR_LENGTH + ")" : "LONGTEXT";
            case BYTES -> keyColumn ? "VARBINARY(" + KEY_VARCHAR_LENGTH + ")" : "LONGBLOB";
            // Nested values are stored as their JSON rendering.
            case ARRAY, MAP, STRUCT -> "JSON";
        };
    }

    private static String logicalType(String logical, Schema schema, Map<String, String> params) {
        switch (logical) {
            case "io.debezium.time.Date":
            case "org.apache.kafka.connect.data.Date":
                return "DATE";
            case "io.debezium.time.Time":
            case "org.apache.kafka.connect.data.Time":
                return "TIME(3)";
            case "io.debezium.time.MicroTime":
            case "io.debezium.time.NanoTime":
            case "io.debezium.time.ZonedTime":
                return withFsp("TIME", fractionalDigits(params, 6));
            case "io.debezium.time.Timestamp":
            case "org.apache.kafka.connect.data.Timestamp":
                return withFsp("DATETIME", fractionalDigits(params, 3));
            case "io.debezium.time.MicroTimestamp":
            case "io.debezium.time.NanoTimestamp":
                return withFsp("DATETIME", fractionalDigits(params, 6));
            case "io.debezium.time.ZonedTimestamp":
                // TIMESTAMP keeps MySQL's semantics when the source column was a MySQL TIMESTAMP; values are written in UTC.
                // PostgreSQL timestamptz becomes DATETIME like in the schema migration: TIMESTAMP stops in 2038.
                return withFsp(isExactSourceType(params, "TIMESTAMP") ? "TIMESTAMP" : "DATETIME", fractionalDigits(params, 6));
            case "io.debezium.time.Year":
                return "YEAR";
            case "io.debezium.time.MicroDuration":
            case "io.debezium.time.Interval":
                return "VARCHAR(64)";
            case Decimal.LOGICAL_NAME: {
                if (isSourceType(params, "BIGINT")) {
                    // bigint.unsigned.handling.mode=precise sends BIGINT UNSIGNED as DECIMAL(20,0); keep the integer type.
                    return "BIGINT" + unsignedSuffix(schema);
                }
                int scale = Integer.parseInt(params.getOrDefault(Decimal.SCALE_FIELD, "0"));
                String p = params.get("connect.decimal.precision");
                if (p == null) {
                    p = params.get(SOURCE_LENGTH);
                }
                int precision = p == null ? 65 : Math.min(65, Integer.parseInt(p));
                precision = Math.max(precision, Math.max(scale, 1));
                return "DECIMAL(" + precision + "," + Math.min(scale, 30) + ")" + unsignedSuffix(schema);
            }
            case "io.debezium.data.VariableScaleDecimal":
                return "DECIMAL(65,30)";
            case "io.debezium.data.Json":
                return "JSON";
            case "io.debezium.data.Enum":
                return params.containsKey("allowed") ? "ENUM(" + quotedList(params.get("allowed")) + ")" : "VARCHAR(255)";
            case "io.debezium.data.EnumSet":
                return params.containsKey("allowed") ? "SET(" + quotedList(params.get("allowed")) + ")" : "VARCHAR(1024)";
            case "io.debezium.data.Bits": {
                int bits = Integer.parseInt(params.getOrDefault("length", "64"));
                return "BIT(" + Math.max(1, Math.min(64, bits)) + ")";
            }
            case "io.debezium.data.Uuid":
                return "CHAR(36)";
            case "io.debezium.data.Xml":
                return "LONGTEXT";
            case "io.debezium.data.geometry.Geometry":
            case "io.debezium.data.geometry.Point":
            case "io.debezium.data.geometry.Geography":
                return isSourceType(params, "POINT") ? "POINT" : "GEOMETRY";
            default:
                return null;
        }
    }

    /**
     * Uses the propagated source column type where it is a MySQL-family type that OceanBase accepts
     * as-is and that the Connect type alone would lose (width, signedness, length).
     */
    private static String fromSourceType(Schema schema, Map<String, String> params, boolean keyColumn) {
        String type = params.get(SOURCE_TYPE);
        if (type == null) {
            return null;
        }
        String t = type.toUpperCase(Locale.ROOT).trim();
        boolean unsigned = t.endsWith(" UNSIGNED") || t.contains(" UNSIGNED ");
        String base = t.replace(" UNSIGNED", "").replace(" ZEROFILL", "").trim();
        Integer length = intParam(params, SOURCE_LENGTH);
        String u = unsigned ? " UNSIGNED" : "";
        switch (base) {
            case "TINYINT":
                return length != null && length == 1 && schema.type() == Schema.Type.BOOLEAN ? "TINYINT(1)" : "TINYINT" + u;
            case "SMALLINT":
                return "SMALLINT" + u;
            case "MEDIUMINT":
                return "MEDIUMINT" + u;
            case "INT":
            case "INTEGER":
                return "INT" + u;
            case "BIGINT":
                return "BIGINT" + u;
            case "BIT":
                return "BIT(" + (length == null ? 1 : Math.max(1, Math.min(64, length))) + ")";
            case "FLOAT":
                return "FLOAT" + u;
            case "DOUBLE":
            case "DOUBLE PRECISION":
            case "REAL":
                return "DOUBLE" + u;
            case "CHAR":
                return length != null && length <= 255 ? "CHAR(" + length + ")" : "VARCHAR(" + clampVarchar(length, keyColumn) + ")";
            case "VARCHAR":
            case "CHARACTER VARYING":
                return "VARCHAR(" + clampVarchar(length, keyColumn) + ")";
            case "BPCHAR":
            case "CHARACTER":
                return length != null && length <= 255 ? "CHAR(" + length + ")" : "VARCHAR(" + clampVarchar(length, keyColumn) + ")";
            case "TINYTEXT":
            case "TEXT":
            case "MEDIUMTEXT":
            case "LONGTEXT":
                return keyColumn ? "VARCHAR(" + KEY_VARCHAR_LENGTH + ")" : base;
            case "BINARY":
                return length != null && length <= 255 ? "BINARY(" + length + ")" : "VARBINARY(" + clampVarchar(length, keyColumn) + ")";
            case "VARBINARY":
                return "VARBINARY(" + clampVarchar(length, keyColumn) + ")";
            case "TINYBLOB":
            case "BLOB":
            case "MEDIUMBLOB":
            case "LONGBLOB":
                return keyColumn ? "VARBINARY(" + KEY_VARCHAR_LENGTH + ")" : base;
            default:
                return null;
        }
    }

    private static int clampVarchar(Integer length, boolean keyColumn) {
        if (length == null || length <= 0) {
            return keyColumn ? KEY_VARCHAR_LENGTH : MAX_VARCHAR_LENGTH;
        }
        return Math.min(length, MAX_VARCHAR_LENGTH);
    }

    private static String unsignedSuffix(Schema schema) {
        return DebeziumValues.isUnsignedSource(schema) ? " UNSIGNED" : "";
    }

    private static boolean isSourceType(Map<String, String> params, String type) {
        String t = params.get(SOURCE_TYPE);
        return t != null && t.toUpperCase(Locale.ROOT).startsWith(type);
    }

    /** Exactly that type name (PostgreSQL {@code TIMESTAMPTZ} is not MySQL {@code TIMESTAMP}). */
    private static boolean isExactSourceType(Map<String, String> params, String type) {
        String t = params.get(SOURCE_TYPE);
        return t != null && t.trim().equalsIgnoreCase(type);
    }

    /**
     * Fractional-second digits of the source column, else {@code defaultDigits}. Debezium's MySQL/MariaDB
     * connectors put the fsp in the length parameter and leave the parameter out when the column has none:
     * {@code TIMESTAMP}, {@code DATETIME} and {@code TIME} without a length mean fsp 0 in MySQL, so that is what
     * they get (guessing more made the sink "widen" {@code TIMESTAMP ... ON UPDATE CURRENT_TIMESTAMP} columns,
     * issue 9). Debezium's PostgreSQL connector always sends a length (the display size, 29 for {@code timestamp})
     * and the precision as the scale.
     */
    private static int fractionalDigits(Map<String, String> params, int defaultDigits) {
        if (!params.containsKey(SOURCE_TYPE)) {
            return defaultDigits;
        }
        Integer len = intParam(params, SOURCE_LENGTH);
        if (len != null && len >= 0 && len <= 6) {
            return len;
        }
        Integer scale = intParam(params, SOURCE_SCALE);
        if (len != null && scale != null && scale >= 0 && scale <= 6) {
            return scale;
        }
        if (len == null && MYSQL_TEMPORAL.contains(params.get(SOURCE_TYPE).trim().toUpperCase(Locale.ROOT))) {
            return 0;
        }
        return defaultDigits;
    }

    /** MySQL-family temporal type names as Debezium's MySQL and MariaDB connectors propagate them. */
    private static final java.util.Set<String> MYSQL_TEMPORAL = java.util.Set.of("DATETIME", "TIMESTAMP", "TIME");

    /**
     * Whether the record's schema states the column's size (a propagated source length or a decimal precision).
     * Sizes that {@link #sqlType} falls back to when it does not are defaults, never a reason to widen a target column.
     */
    public static boolean declaresSize(Schema schema) {
        Map<String, String> params = schema.parameters();
        return params != null && (params.containsKey(SOURCE_LENGTH) || params.containsKey(DebeziumValues.DECIMAL_PRECISION_PARAM));
    }

    /** {@code DATETIME(3)}, or {@code DATETIME} for fsp 0 as the target shows it. */
    private static String withFsp(String type, int fsp) {
        return fsp == 0 ? type : type + "(" + fsp + ")";
    }

    private static Integer intParam(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Debezium's {@code allowed} parameter as an SQL list: a label {@code 'e,f'} stays one label (see MysqlStringLiterals). */
    private static String quotedList(String allowed) {
        StringBuilder sb = new StringBuilder();
        for (String v : MysqlStringLiterals.splitAllowed(allowed)) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(Identifiers.quoteMysqlString(v));
        }
        return sb.toString();
    }
}
