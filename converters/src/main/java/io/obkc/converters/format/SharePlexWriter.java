package io.obkc.converters.format;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.connect.data.Schema;

import com.fasterxml.jackson.core.JsonGenerator;

import io.obkc.converters.event.ChangeEvent;
import io.obkc.converters.event.ColumnDef;

/**
 * SharePlex JSON: {@code {"meta":{time,userid,op,scn,rowid,trans,seq,size,table,idx,posttime},"data":{..},
 * "key":{..}}}. Inserts and deletes carry the full row in {@code data}; updates carry the changed columns'
 * new values in {@code data} and the key columns' old values in {@code key} (the whole old row when no key is
 * configured). Values are strings; binary is Base64.
 */
final class SharePlexWriter implements FormatWriter {

    private final FormatSettings settings;

    SharePlexWriter(FormatSettings settings) {
        this.settings = settings;
    }

    @Override
    public byte[] writeValue(ChangeEvent e) {
        if (e.operation() == io.obkc.converters.event.Operation.HEARTBEAT) {
            return null;
        }
        return JsonOutput.write(g -> {
            g.writeStartObject();
            writeMeta(g, e);
            List<ColumnDef> columns = e.columns();
            switch (e.operation()) {
                case DDL:
                case TRUNCATE:
                    g.writeObjectFieldStart("data");
                    g.writeStringField("ddl", e.ddl());
                    g.writeEndObject();
                    break;
                case UPDATE:
                    g.writeObjectFieldStart("data");
                    for (int i = 0; i < columns.size(); i++) {
                        if (!Objects.deepEquals(e.before()[i], e.after()[i])) {
                            writeText(g, columns.get(i), e.after()[i]);
                        }
                    }
                    g.writeEndObject();
                    g.writeObjectFieldStart("key");
                    for (int i = 0; i < columns.size(); i++) {
                        if (e.keyColumns().isEmpty() || e.keyColumns().contains(columns.get(i).name())) {
                            writeText(g, columns.get(i), e.before()[i]);
                        }
                    }
                    g.writeEndObject();
                    break;
                default:
                    g.writeObjectFieldStart("data");
                    Object[] image = e.currentImage();
                    for (int i = 0; i < columns.size(); i++) {
                        writeText(g, columns.get(i), image[i]);
                    }
                    g.writeEndObject();
                    break;
            }
            g.writeEndObject();
        });
    }

    private void writeMeta(JsonGenerator g, ChangeEvent e) throws IOException {
        g.writeObjectFieldStart("meta");
        g.writeStringField("time", time(e.bestTimestampMs()));
        g.writeNullField("userid");
        g.writeStringField("op", op(e));
        g.writeStringField("scn", e.source().position());
        g.writeNullField("rowid");
        g.writeStringField("trans", e.source().bestTransactionId());
        // seq/size place the operation in its transaction; without transaction metadata each change stands alone.
        Long order = e.source().transactionOrder();
        if (order != null) {
            g.writeNumberField("seq", order);
            g.writeNullField("size");
            g.writeNullField("idx");
        } else {
            g.writeNumberField("seq", 1);
            g.writeNumberField("size", 1);
            g.writeStringField("idx", "1/1");
        }
        g.writeStringField("table", (e.database() == null ? "" : e.database() + ".") + e.table());
        g.writeStringField("posttime", time(e.eventTimestampMs() != null ? e.eventTimestampMs() : e.bestTimestampMs()));
        g.writeEndObject();
    }

    private String time(long epochMs) {
        // yyyy-MM-ddTHH:mm:ss, whole seconds
        String text = ValueText.dateTime(LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), settings.zone()), 0);
        return text.replace(' ', 'T');
    }

    private void writeText(JsonGenerator g, ColumnDef col, Object v) throws IOException {
        g.writeStringField(col.name(), ValueText.text(col, v, settings.zone(), ValueText.BytesEncoding.BASE64));
    }

    private static String op(ChangeEvent e) {
        switch (e.operation()) {
            case UPDATE: return "upd";
            case DELETE: return "del";
            case TRUNCATE: return "truncate";
            case DDL: return "ddl";
            default: return "ins";
        }
    }

    @Override
    public byte[] writeKey(String topic, Schema keySchema, Object key) {
        return Keys.joinedValues(keySchema, key,
                (col, v) -> ValueText.text(col, v, settings.zone(), ValueText.BytesEncoding.BASE64));
    }
}
