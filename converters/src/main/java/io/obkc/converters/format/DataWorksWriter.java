package io.obkc.converters.format;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.connect.data.Schema;

import com.fasterxml.jackson.core.JsonGenerator;

import io.obkc.converters.event.ChangeEvent;
import io.obkc.converters.event.ColumnDef;

/**
 * DataWorks real-time sync JSON (the "DataWorks V2.0" serializer):
 * {@code {"schema":{"dataColumn":[..],"primaryKey":[..],"source":{..}},"payload":{"before","after",
 * "sequenceId","timestamp","op","ddl"},"version":"1.0.0"}}. Column types are DataWorks' six: LONG, DOUBLE,
 * BOOLEAN, DATE (13-digit epoch milliseconds), BYTES (Base64) and STRING. DECIMAL travels as STRING so no
 * digits are lost. An update is one message with {@code op=UPDATE_AFTER} carrying both images.
 */
final class DataWorksWriter implements FormatWriter {

    static final String VERSION = "1.0.0";

    private final FormatSettings settings;
    private final AtomicLong sequence = new AtomicLong();

    DataWorksWriter(FormatSettings settings) {
        this.settings = settings;
    }

    @Override
    public byte[] writeValue(ChangeEvent e) {
        return JsonOutput.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("schema");
            boolean rows = e.operation().isRowChange();
            if (rows) {
                g.writeArrayFieldStart("dataColumn");
                for (ColumnDef col : e.columns()) {
                    g.writeStartObject();
                    g.writeStringField("name", col.name());
                    g.writeStringField("type", type(col));
                    g.writeEndObject();
                }
                g.writeEndArray();
                if (e.keyColumns().isEmpty()) {
                    g.writeNullField("primaryKey");
                } else {
                    g.writeArrayFieldStart("primaryKey");
                    for (String k : e.keyColumns()) {
                        g.writeString(k);
                    }
                    g.writeEndArray();
                }
            } else {
                g.writeNullField("dataColumn");
                g.writeNullField("primaryKey");
            }
            g.writeObjectFieldStart("source");
            g.writeStringField("dbType", DbTypes.omsDbType(e, settings).toLowerCase(Locale.ROOT));
            g.writeNullField("dbVersion");
            g.writeStringField("dbName", e.database());
            g.writeStringField("schemaName", e.schema() != null ? e.schema() : e.database());
            g.writeStringField("tableName", e.table());
            g.writeEndObject();
            g.writeEndObject();

            g.writeObjectFieldStart("payload");
            writeImage(g, "before", e.columns(), rows ? e.before() : null);
            writeImage(g, "after", e.columns(), rows ? e.after() : null);
            String position = e.source().position();
            g.writeStringField("sequenceId", position != null ? position : Long.toString(sequence.incrementAndGet()));
            g.writeObjectFieldStart("timestamp");
            g.writeNumberField("eventTime", e.bestTimestampMs());
            g.writeNumberField("systemTime", e.eventTimestampMs() != null ? e.eventTimestampMs() : e.bestTimestampMs());
            g.writeNumberField("checkpointTime", e.bestTimestampMs());
            g.writeEndObject();
            g.writeStringField("op", op(e));
            g.writeStringField("ddl", e.ddl());
            g.writeEndObject();
            g.writeStringField("version", VERSION);
            g.writeEndObject();
        });
    }

    private void writeImage(JsonGenerator g, String field, List<ColumnDef> columns, Object[] image)
            throws IOException {
        if (image == null) {
            g.writeNullField(field);
            return;
        }
        g.writeObjectFieldStart(field);
        g.writeObjectFieldStart("dataColumn");
        for (int i = 0; i < columns.size(); i++) {
            g.writeFieldName(columns.get(i).name());
            writeValue(g, columns.get(i), image[i]);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private void writeValue(JsonGenerator g, ColumnDef col, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        switch (col.kind()) {
            case BOOLEAN:
                g.writeBoolean((Boolean) v);
                break;
            case INTEGER:
                g.writeNumber((Long) v);
                break;
            case FLOAT:
                g.writeNumber((Double) v);
                break;
            case DECIMAL:
                g.writeString(((BigDecimal) v).toPlainString());
                break;
            case BYTES:
                g.writeString(Base64.getEncoder().encodeToString((byte[]) v));
                break;
            case DATE:
            case DATETIME:
            case TIMESTAMP:
                g.writeNumber(ValueText.epochMillis(v, settings.zone()));
                break;
            case TIME:
                g.writeString(ValueText.time((Duration) v, col.fractionalDigits()));
                break;
            default:
                g.writeString(v.toString());
                break;
        }
    }

    static String type(ColumnDef col) {
        switch (col.kind()) {
            case BOOLEAN: return "BOOLEAN";
            case INTEGER: return "LONG";
            case FLOAT: return "DOUBLE";
            case BYTES: return "BYTES";
            case DATE:
            case DATETIME:
            case TIMESTAMP: return "DATE";
            default: return "STRING";
        }
    }

    private static String op(ChangeEvent e) {
        switch (e.operation()) {
            case CREATE:
            case READ: return "INSERT";
            case UPDATE: return "UPDATE_AFTER";
            case DELETE: return "DELETE";
            case HEARTBEAT: return "MHEARTBEAT";
            default: return CanalWriter.ddlType(e.ddlKind());
        }
    }

    @Override
    public byte[] writeKey(String topic, Schema keySchema, Object key) {
        return Keys.joinedValues(keySchema, key, OmsDefaultWriter::text);
    }
}
