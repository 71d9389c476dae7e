package io.obkc.converters.format;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.connect.data.Schema;

import com.fasterxml.jackson.core.JsonGenerator;

import io.obkc.converters.event.ChangeEvent;
import io.obkc.converters.event.ColumnDef;
import io.obkc.converters.event.DdlKind;

/**
 * Canal's FlatMessage JSON, one row per message: {@code id, database, table, pkNames, isDdl, type, es, ts, sql,
 * sqlType, mysqlType, data, old, gtid}. Values are strings as Canal writes them (see {@link #text}); {@code sqlType}
 * is the JDBC code Canal reports, with its per-value promotion of large unsigned integers; {@code mysqlType} is the
 * full type text with ENUM/SET value lists; {@code old} holds the before-values of the changed columns only.
 */
final class CanalWriter implements FormatWriter {

    private final FormatSettings settings;
    // FlatMessage.id is Canal's batch id; here a per-converter counter, which is as ordered as Canal's.
    private final AtomicLong batchId = new AtomicLong();

    CanalWriter(FormatSettings settings) {
        this.settings = settings;
    }

    @Override
    public byte[] writeValue(ChangeEvent e) {
        switch (e.operation()) {
            case HEARTBEAT:
                return null; // FlatMessage has no heartbeat
            case DDL:
            case TRUNCATE:
                return writeDdl(e);
            default:
                return writeRow(e);
        }
    }

    private byte[] writeRow(ChangeEvent e) {
        List<ColumnDef> columns = e.columns();
        return JsonOutput.write(g -> {
            g.writeStartObject();
            writeHeader(g, e, false, type(e));
            g.writeStringField("sql", "");
            g.writeObjectFieldStart("sqlType");
            Object[] current = e.currentImage();
            for (int i = 0; i < columns.size(); i++) {
                g.writeNumberField(columns.get(i).name(), SqlTypes.jdbcType(columns.get(i), current[i]));
            }
            g.writeEndObject();
            g.writeObjectFieldStart("mysqlType");
            for (ColumnDef col : columns) {
                g.writeStringField(col.name(), col.mysqlType());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("data");
            writeImage(g, e, e.currentImage(), null);
            g.writeEndArray();
            if (e.before() != null && e.after() != null) {
                g.writeArrayFieldStart("old");
                writeImage(g, e, e.before(), e.after());
                g.writeEndArray();
            } else {
                g.writeNullField("old");
            }
            g.writeStringField("gtid", e.source().gtid() == null ? "" : e.source().gtid());
            g.writeEndObject();
        });
    }

    private byte[] writeDdl(ChangeEvent e) {
        return JsonOutput.write(g -> {
            g.writeStartObject();
            writeHeader(g, e, true, ddlType(e.ddlKind()));
            g.writeStringField("sql", e.ddl());
            g.writeNullField("sqlType");
            g.writeNullField("mysqlType");
            g.writeNullField("data");
            g.writeNullField("old");
            g.writeStringField("gtid", e.source().gtid() == null ? "" : e.source().gtid());
            g.writeEndObject();
        });
    }

    private void writeHeader(JsonGenerator g, ChangeEvent e, boolean ddl, String type) throws IOException {
        g.writeNumberField("id", batchId.incrementAndGet());
        g.writeStringField("database", e.database());
        g.writeStringField("table", e.table());
        if (ddl || e.keyColumns().isEmpty()) {
            g.writeNullField("pkNames");
        } else {
            g.writeArrayFieldStart("pkNames");
            for (String k : e.keyColumns()) {
                g.writeString(k);
            }
            g.writeEndArray();
        }
        g.writeBooleanField("isDdl", ddl);
        g.writeStringField("type", type);
        g.writeNumberField("es", e.bestTimestampMs());
        g.writeNumberField("ts", e.eventTimestampMs() != null ? e.eventTimestampMs() : e.bestTimestampMs());
    }

    /** Writes one row object; with {@code compareTo} set, only the columns whose value differs from it. */
    private void writeImage(JsonGenerator g, ChangeEvent e, Object[] image, Object[] compareTo)
            throws IOException {
        List<ColumnDef> columns = e.columns();
        String where = " in table " + e.database() + "." + e.table();
        g.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            if (compareTo != null && Objects.deepEquals(image[i], compareTo[i])) {
                continue;
            }
            ColumnDef col = columns.get(i);
            g.writeStringField(col.name(), text(col, image[i], where));
        }
        g.writeEndObject();
    }

    /**
     * A value as Canal writes it (alibaba/canal LogEventConvert): BIT(n) as its unsigned number, ENUM as its
     * 1-based index, SET as its bitmask, binary as ISO-8859-1 text, everything else as MySQL text.
     */
    private String text(ColumnDef col, Object v, String where) {
        if (v == null) {
            return null;
        }
        if (col.isBit() && v instanceof byte[] bits) {
            return BitValues.toNumber(bits).toString();
        }
        if ((col.isEnum() || col.isSet()) && v instanceof String name) {
            return EnumValues.number(col, name, where).toString();
        }
        return ValueText.text(col, v, settings.zone(), ValueText.BytesEncoding.ISO_8859_1);
    }

    private static String type(ChangeEvent e) {
        switch (e.operation()) {
            case UPDATE: return "UPDATE";
            case DELETE: return "DELETE";
            default: return "INSERT"; // snapshot reads are inserts to a Canal consumer
        }
    }

    /** Canal's DDL event types (CanalEntry.EventType). */
    static String ddlType(DdlKind kind) {
        switch (kind) {
            case CREATE_TABLE: return "CREATE";
            case ALTER_TABLE: return "ALTER";
            case DROP_TABLE: return "ERASE";
            case TRUNCATE_TABLE: return "TRUNCATE";
            case RENAME_TABLE: return "RENAME";
            case CREATE_INDEX: return "CINDEX";
            case DROP_INDEX: return "DINDEX";
            default: return "QUERY";
        }
    }

    @Override
    public byte[] writeKey(String topic, Schema keySchema, Object key) {
        return Keys.joinedValues(keySchema, key, (col, v) -> text(col, v, " in the key on topic " + topic));
    }
}
