package io.obkc.converters;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

import io.obkc.converters.event.ChangeEvent;
import io.obkc.converters.event.ChangeEventParser;
import io.obkc.converters.format.FormatReader;
import io.obkc.converters.format.FormatSettings;
import io.obkc.converters.format.FormatWriter;
import io.obkc.converters.format.Formats;

/**
 * A Kafka Connect converter that writes Debezium-style change events in one of the OMS serialization formats,
 * chosen with {@code format}, and reads back the formats that carry enough information (Default with column
 * types, Canal / TiCDC canal-json, Maxwell, Debezium / TiCDC debezium) as Debezium-style envelopes.
 *
 * <p>As a value converter it parses each record once into a {@link ChangeEvent} and hands it to the format's
 * writer. As a key converter it writes the key the format expects (see docs/formats.md).
 *
 * <p>The named subclasses ({@link CanalConverter}, {@link MaxwellConverter}, ...) fix the format, so workers can
 * be configured with a class name alone.
 */
public class OmsFormatConverter implements Converter, Versioned {

    private final OmsFormat fixedFormat;
    private OmsFormat format;
    private boolean isKey;
    private ChangeEventParser parser;
    private FormatWriter writer;
    private FormatReader reader;

    /** The generic converter; {@code format} must be configured. */
    public OmsFormatConverter() {
        this(null);
    }

    protected OmsFormatConverter(OmsFormat fixedFormat) {
        this.fixedFormat = fixedFormat;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        OmsFormatConverterConfig config = new OmsFormatConverterConfig(configs, fixedFormat == null);
        this.format = fixedFormat != null ? fixedFormat : config.format();
        this.isKey = isKey;
        FormatSettings settings = config.formatSettings();
        this.parser = new ChangeEventParser(config.keyColumns());
        this.writer = Formats.writer(format, settings);
        this.reader = Formats.reader(format, settings);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        requireConfigured();
        if (isKey) {
            return writer.writeKey(topic, schema, value);
        }
        ChangeEvent event = parser.parse(topic, schema, value);
        return event == null ? null : writer.writeValue(event);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        requireConfigured();
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        if (reader == null) {
            throw new DataException("The " + format.displayName() + " format cannot be read back into change "
                    + "events; readable formats: Default, DefaultExtendColumnType, Canal, Debezium, Maxwell");
        }
        return isKey ? reader.readKey(topic, value) : reader.readValue(topic, value);
    }

    /**
     * Every record a message holds, in order: one per row of a multi-row Canal message, where
     * {@link #toConnectData} can only return them together as one batch record. Empty for markers without rows.
     */
    public java.util.List<SchemaAndValue> toConnectDataRows(String topic, byte[] value) {
        requireConfigured();
        if (value == null) {
            return java.util.List.of();
        }
        if (reader == null) {
            toConnectData(topic, value);
        }
        return reader.readValues(topic, value);
    }

    /** The format this converter writes; null before {@link #configure}. */
    public OmsFormat format() {
        return format;
    }

    @Override
    public ConfigDef config() {
        return OmsFormatConverterConfig.configDef(fixedFormat == null);
    }

    @Override
    public String version() {
        return ConverterVersion.VERSION;
    }

    private void requireConfigured() {
        if (writer == null) {
            throw new IllegalStateException("Converter used before configure()");
        }
    }
}
