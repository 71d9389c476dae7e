package io.obkc.converters;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import io.obkc.converters.event.KeyColumns;
import io.obkc.converters.format.FormatSettings;
import io.obkc.converters.json.ConnectJson;

/** Configuration of {@link OmsFormatConverter} and its per-format subclasses. */
public final class OmsFormatConverterConfig extends AbstractConfig {

    public static final String FORMAT_CONFIG = "format";
    private static final String FORMAT_DOC = "Serialization format: Default, DefaultExtendColumnType, Canal, "
            + "DataWorks, SharePlex, Debezium, DebeziumFlatten, DebeziumSmt or Maxwell. OMS API names "
            + "(DEFAULT_WITH_SCHEMA, DATAWORKS_V2, ...) are accepted too, in any case. Only the generic "
            + "OmsFormatConverter reads this; the named converters fix their format.";

    public static final String KEY_COLUMNS_CONFIG = "key.columns";
    private static final String KEY_COLUMNS_DOC = "Key columns per table, for formats that name them in the "
            + "value (Canal pkNames, OMS record_primary_key/value and full-migration checkpoint, DataWorks "
            + "primaryKey, SharePlex key). A value converter never sees the record key, so this must be "
            + "configured. Entries separated by ';', each '<table>:<col>[,<col>...]' where <table> is "
            + "'db.table', 'table' or '*'. Example: 'shop.orders:id;order_lines:order_id,line_no;*:id'.";

    public static final String TIME_ZONE_CONFIG = "time.zone";
    private static final String TIME_ZONE_DOC = "Zone in which TIMESTAMP values (instants, Debezium "
            + "ZonedTimestamp) are written as wall-clock text (Canal, Maxwell, SharePlex) and read back, and in "
            + "which DataWorks turns DATE/DATETIME into epoch milliseconds. DATETIME values have no zone and are "
            + "never shifted.";

    public static final String DB_TYPE_CONFIG = "db.type";
    private static final String DB_TYPE_DOC = "Database type written in OMS allMetaData.dbType and DataWorks "
            + "source.dbType, e.g. MYSQL, OB_MYSQL, OB_ORACLE. Empty derives it from Debezium's "
            + "source.connector (mysql/mariadb: MYSQL, oceanbase: OB_MYSQL, postgresql: POSTGRESQL).";

    public static final String SCHEMAS_ENABLE_CONFIG = "schemas.enable";
    private static final String SCHEMAS_ENABLE_DOC = "Debezium format only: wrap each message as "
            + "{\"schema\":...,\"payload\":...} like JsonConverter with schemas.enable=true. The flattened "
            + "formats are always schemaless.";

    public static final String DECIMAL_FORMAT_CONFIG = "decimal.format";
    private static final String DECIMAL_FORMAT_DOC = "Debezium formats only: how Decimal values are written, "
            + "as JsonConverter's decimal.format: BASE64 (unscaled bytes, JsonConverter's default) or NUMERIC.";

    public static final String STORE_DATA_SEQUENCE_CONFIG = "store.data.sequence.enable";
    private static final String STORE_DATA_SEQUENCE_DOC = "OMS Default formats: write allMetaData."
            + "storeDataSequence on incremental records, as OMS does when sequenceEnabled=true (its default). It is "
            + "derived from the source log position (MySQL binlog file, position and row; PostgreSQL LSN), so it "
            + "increases strictly along the log and across task restarts; see docs/formats.md.";

    public static final String COLUMN_TYPES_CONFIG = "column.types";
    private static final String COLUMN_TYPES_DOC = "Readers only: declared MySQL types of columns for formats "
            + "that carry none (Maxwell), so that a Base64 string is read as the bytes of a BINARY/BLOB column, a "
            + "number as the bits of a BIT(n), a JSON array as a SET, text as a DATETIME. Entries separated by ';', "
            + "each '<table>.<column>=<type>' where <table> is 'db.table', 'table' or '*'. Example: "
            + "'shop.orders.payload=varbinary(16);flags.bits=bit(8)'.";

    private final boolean formatConfigurable;

    public OmsFormatConverterConfig(Map<?, ?> originals, boolean formatConfigurable) {
        super(configDef(formatConfigurable), originals);
        this.formatConfigurable = formatConfigurable;
        zone();
        keyColumns();
        io.obkc.converters.event.ColumnTypes.parse(getString(COLUMN_TYPES_CONFIG));
        if (formatConfigurable) {
            format();
        }
    }

    /** The settings, with {@code format} only for the generic converter. */
    public static ConfigDef configDef(boolean withFormat) {
        ConfigDef def = new ConfigDef();
        if (withFormat) {
            def.define(FORMAT_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new FormatValidator(),
                    Importance.HIGH, FORMAT_DOC);
        }
        return def
                .define(KEY_COLUMNS_CONFIG, Type.STRING, "", Importance.MEDIUM, KEY_COLUMNS_DOC)
                .define(TIME_ZONE_CONFIG, Type.STRING, "UTC", Importance.MEDIUM, TIME_ZONE_DOC)
                .define(DB_TYPE_CONFIG, Type.STRING, "", Importance.LOW, DB_TYPE_DOC)
                .define(SCHEMAS_ENABLE_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, SCHEMAS_ENABLE_DOC)
                .define(DECIMAL_FORMAT_CONFIG, Type.STRING, "BASE64",
                        ConfigDef.CaseInsensitiveValidString.in("BASE64", "NUMERIC"), Importance.LOW,
                        DECIMAL_FORMAT_DOC)
                .define(STORE_DATA_SEQUENCE_CONFIG, Type.BOOLEAN, true, Importance.LOW, STORE_DATA_SEQUENCE_DOC)
                .define(COLUMN_TYPES_CONFIG, Type.STRING, "", Importance.LOW, COLUMN_TYPES_DOC);
    }

    public OmsFormat format() {
        if (!formatConfigurable) {
            throw new IllegalStateException("format is fixed by the converter class");
        }
        return OmsFormat.parse(getString(FORMAT_CONFIG));
    }

    public ZoneId zone() {
        String zone = getString(TIME_ZONE_CONFIG);
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ConfigException(TIME_ZONE_CONFIG, zone, "Not a time zone: " + e.getMessage());
        }
    }

    public KeyColumns keyColumns() {
        return KeyColumns.parse(getString(KEY_COLUMNS_CONFIG));
    }

    public FormatSettings formatSettings() {
        String dbType = getString(DB_TYPE_CONFIG);
        return new FormatSettings(zone(),
                ConnectJson.DecimalFormat.valueOf(getString(DECIMAL_FORMAT_CONFIG).toUpperCase(Locale.ROOT)),
                getBoolean(SCHEMAS_ENABLE_CONFIG),
                dbType == null || dbType.isBlank() ? null : dbType.trim(),
                getBoolean(STORE_DATA_SEQUENCE_CONFIG),
                io.obkc.converters.event.ColumnTypes.parse(getString(COLUMN_TYPES_CONFIG)));
    }

    private static final class FormatValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                OmsFormat.parse((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "Default, DefaultExtendColumnType, Canal, DataWorks, SharePlex, Debezium, DebeziumFlatten, "
                    + "DebeziumSmt, Maxwell";
        }
    }
}
