package io.obkc.converters.format;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.connect.data.Schema;

import com.fasterxml.jackson.core.JsonGenerator;

import io.obkc.converters.event.ChangeEvent;
import io.obkc.converters.event.ColumnDef;
import io.obkc.converters.event.ColumnKind;
import io.obkc.converters.event.Operation;

/**
 * OMS "Default" and "DefaultExtendColumnType": {@code prevStruct} / {@code postStruct} / {@code allMetaData} /
 * {@code recordType}. Every value is a string: binary as Base64, TIMESTAMP as epoch seconds with the fraction,
 * other temporals as MySQL text. The extended variant adds {@code __light_type} with each column's type to the
 * image it writes ({@code postStruct}, or {@code prevStruct} for deletes, which have no {@code postStruct}).
 */
final class OmsDefaultWriter implements FormatWriter {

    static final String LIGHT_TYPE = "__light_type";

    private final FormatSettings settings;
    private final boolean extendColumnType;
    private final StoreDataSequence sequence = new StoreDataSequence();

    OmsDefaultWriter(FormatSettings settings, boolean extendColumnType) {
        this.settings = settings;
        this.extendColumnType = extendColumnType;
    }

    @Override
    public byte[] writeValue(ChangeEvent e) {
        return JsonOutput.write(g -> {
            g.writeStartObject();
            switch (e.operation()) {
                case DDL:
                case TRUNCATE:
                    g.writeNullField("prevStruct");
                    g.writeObjectFieldStart("postStruct");
                    g.writeStringField("ddl", e.ddl());
                    g.writeEndObject();
                    break;
                case HEARTBEAT:
                    g.writeNullField("prevStruct");
                    g.writeNullField("postStruct");
                    break;
                default:
                    writeImage(g, "prevStruct", e, e.before(), e.after() == null);
                    writeImage(g, "postStruct", e, e.after(), e.after() != null);
                    break;
            }
            writeMetadata(g, e);
            g.writeStringField("recordType", recordType(e.operation()));
            g.writeEndObject();
        });
    }

    private void writeImage(JsonGenerator g, String field, ChangeEvent e, Object[] image, boolean withTypes)
            throws IOException {
        if (image == null) {
            g.writeNullField(field);
            return;
        }
        g.writeObjectFieldStart(field);
        List<ColumnDef> columns = e.columns();
        for (int i = 0; i < columns.size(); i++) {
            g.writeStringField(columns.get(i).name(), text(columns.get(i), image[i]));
        }
        if (extendColumnType && withTypes) {
            g.writeObjectFieldStart(LIGHT_TYPE);
            for (ColumnDef col : columns) {
                g.writeObjectFieldStart(col.name());
                g.writeStringField("schemaType", col.sqlType().toUpperCase(java.util.Locale.ROOT));
                if (col.kind() == ColumnKind.DECIMAL) {
                    writeNumberOrNull(g, "precision", col.length());
                    writeNumberOrNull(g, "scale", col.scale());
                } else if (col.length() != null) {
                    g.writeNumberField("length", col.length());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void writeMetadata(JsonGenerator g, ChangeEvent e) throws IOException {
        long tsMs = e.bestTimestampMs();
        String seconds = Long.toString(Math.floorDiv(tsMs, 1000L));
        boolean fullMigration = e.operation() == Operation.READ;
        g.writeObjectFieldStart("allMetaData");
        // Incremental rows checkpoint at the second reached; full-migration rows at their key value pairs.
        g.writeStringField("checkpoint", fullMigration ? keyPairs(e) : seconds);
        g.writeStringField("record_primary_key", String.join(Keys.SEPARATOR, e.keyColumns()));
        g.writeStringField("record_primary_value", keyValues(e));
        g.writeStringField("source_identity", e.source().serverName() == null ? "" : e.source().serverName());
        g.writeStringField("dbType", DbTypes.omsDbType(e, settings));
        if (settings.storeDataSequence() && !fullMigration) {
            g.writeNumberField("storeDataSequence", sequence.next(e));
        }
        g.writeStringField("table_name", e.table());
        // OMS names an OceanBase database {tenant}.{database}.
        String tenant = e.source().tenant();
        g.writeStringField("db", tenant == null || e.database() == null ? e.database() : tenant + "." + e.database());
        g.writeStringField("timestamp", seconds);
        g.writeStringField("uniqueId", e.source().position());
        g.writeStringField("transId", e.source().bestTransactionId());
        g.writeStringField("clusterId", e.source().serverId() == null ? null : e.source().serverId().toString());
        g.writeStringField("ddlType", e.ddlKind() == null ? null : e.ddlKind().name());
        g.writeEndObject();
    }

    private String keyValues(ChangeEvent e) {
        Object[] image = e.currentImage();
        if (image == null || e.keyColumns().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String key : e.keyColumns()) {
            if (sb.length() > 0) {
                sb.append(Keys.SEPARATOR);
            }
            int i = e.columnIndex(key);
            String text = text(e.columns().get(i), image[i]);
            sb.append(text == null ? "" : text);
        }
        return sb.toString();
    }

    private String keyPairs(ChangeEvent e) {
        Object[] image = e.currentImage();
        StringBuilder sb = new StringBuilder();
        for (String key : e.keyColumns()) {
            if (sb.length() > 0) {
                sb.append(Keys.SEPARATOR);
            }
            int i = e.columnIndex(key);
            sb.append(key).append('=').append(text(e.columns().get(i), image == null ? null : image[i]));
        }
        return sb.toString();
    }

    static String recordType(Operation op) {
        switch (op) {
            case CREATE: return "INSERT";
            case READ: return "ROW";
            case UPDATE: return "UPDATE";
            case DELETE: return "DELETE";
            case HEARTBEAT: return "HEARTBEAT";
            default: return "DDL";
        }
    }

    static String text(ColumnDef col, Object v) {
        if (v != null && col.kind() == ColumnKind.TIMESTAMP) {
            return ValueText.epochSeconds((Instant) v, col.fractionalDigits());
        }
        if (v != null && col.isBit()) {
            // OMS writes BIT as Base64 of MySQL's big-endian bytes, BIT(1) too: b'1' is "AQ==".
            byte[] be = v instanceof Boolean b ? new byte[] {(byte) (b ? 1 : 0)} : BitValues.bigEndian(col, (byte[]) v);
            return java.util.Base64.getEncoder().encodeToString(be);
        }
        return ValueText.text(col, v, java.time.ZoneOffset.UTC, ValueText.BytesEncoding.BASE64);
    }

    private static void writeNumberOrNull(JsonGenerator g, String name, Integer v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    @Override
    public byte[] writeKey(String topic, Schema keySchema, Object key) {
        return Keys.joinedValues(keySchema, key, OmsDefaultWriter::text);
    }
}
