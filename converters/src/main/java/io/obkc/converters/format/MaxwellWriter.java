package io.obkc.converters.format;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import com.fasterxml.jackson.core.JsonGenerator;

import io.obkc.common.connect.StructValues;
import io.obkc.converters.event.ChangeEvent;
import io.obkc.converters.event.ColumnDef;
import io.obkc.converters.event.ConnectColumns;

/**
 * Maxwell's JSON: {@code database, table, type, ts (seconds), xid, commit, data, old}. Values are typed JSON:
 * numbers for integers, floats and decimals, booleans for BIT(1), embedded JSON for JSON columns, Base64 for
 * binary, MySQL text for temporals (TIMESTAMP in the configured zone, UTC by default as Maxwell does).
 * DDL messages are {@code table-create / table-alter / table-drop / database-create / database-drop} with
 * {@code sql} and a millisecond {@code ts}, without Maxwell's {@code def}/{@code old} schema dumps.
 */
final class MaxwellWriter implements FormatWriter {

    private final FormatSettings settings;

    MaxwellWriter(FormatSettings settings) {
        this.settings = settings;
    }

    @Override
    public byte[] writeValue(ChangeEvent e) {
        switch (e.operation()) {
            case HEARTBEAT:
            case TRUNCATE:
                return null; // Maxwell emits neither
            case DDL:
                return writeDdl(e);
            default:
                return writeRow(e);
        }
    }

    private byte[] writeRow(ChangeEvent e) {
        List<ColumnDef> columns = e.columns();
        return JsonOutput.write(g -> {
            g.writeStartObject();
            g.writeStringField("database", e.database());
            g.writeStringField("table", e.table());
            g.writeStringField("type", rowType(e));
            g.writeNumberField("ts", Math.floorDiv(e.bestTimestampMs(), 1000L));
            if (e.operation() != io.obkc.converters.event.Operation.READ) {
                writeTransaction(g, e);
            }
            g.writeObjectFieldStart("data");
            Object[] image = e.currentImage();
            for (int i = 0; i < columns.size(); i++) {
                g.writeFieldName(columns.get(i).name());
                writeValue(g, columns.get(i), image[i]);
            }
            g.writeEndObject();
            if (e.before() != null && e.after() != null) {
                g.writeObjectFieldStart("old");
                for (int i = 0; i < columns.size(); i++) {
                    if (!Objects.deepEquals(e.before()[i], e.after()[i])) {
                        g.writeFieldName(columns.get(i).name());
                        writeValue(g, columns.get(i), e.before()[i]);
                    }
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    private byte[] writeDdl(ChangeEvent e) {
        String type = ddlType(e);
        if (type == null) {
            return null;
        }
        return JsonOutput.write(g -> {
            g.writeStartObject();
            g.writeStringField("type", type);
            g.writeStringField("database", e.database());
            if (type.startsWith("table-")) {
                g.writeStringField("table", e.table());
            }
            g.writeNumberField("ts", e.bestTimestampMs());
            g.writeStringField("sql", e.ddl());
            g.writeEndObject();
        });
    }

    /**
     * Maxwell's transaction fields: {@code xid} on every row, {@code xoffset} (the row's 0-based place in its
     * transaction) on rows before the last, {@code commit:true} on the last. A change event does not say whether it
     * is its transaction's last (Debezium announces the end on its own transaction topic), so with a known
     * transaction the rows carry {@code xid} and, from Debezium's {@code transaction.total_order}, {@code xoffset},
     * and no {@code commit}; a consumer groups rows by {@code xid}. Without any transaction id each row is its own
     * transaction and gets {@code commit:true}. Bootstrap rows carry neither, as in Maxwell.
     */
    private static void writeTransaction(JsonGenerator g, ChangeEvent e) throws IOException {
        Long xid = numericTransactionId(e);
        if (xid == null) {
            g.writeBooleanField("commit", true);
            return;
        }
        g.writeNumberField("xid", xid);
        Long order = e.source().transactionOrder();
        if (order != null) {
            g.writeNumberField("xoffset", order - 1);
        }
    }

    /**
     * Maxwell's {@code xid} is MySQL's numeric XID, which Debezium does not expose; a numeric transaction id
     * (PostgreSQL txId, or a numeric Debezium transaction id) stands in, and otherwise the field is left out
     * rather than filled with a GTID that consumers would misread.
     */
    static Long numericTransactionId(ChangeEvent e) {
        if (e.source().sourceTxId() != null) {
            return e.source().sourceTxId();
        }
        String id = e.source().transactionId();
        if (id == null) {
            id = e.source().gtid();
        }
        if (id == null) {
            return null;
        }
        // A MySQL GTID (and Debezium's MySQL transaction id, which is the GTID) is uuid:number; the number
        // counts the server's transactions, as Maxwell's xid does.
        int colon = id.lastIndexOf(':');
        String digits = colon < 0 ? id : id.substring(colon + 1);
        if (!digits.isEmpty() && digits.length() < 19 && digits.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(digits);
        }
        return null;
    }

    private static String rowType(ChangeEvent e) {
        switch (e.operation()) {
            case READ: return "bootstrap-insert";
            case UPDATE: return "update";
            case DELETE: return "delete";
            default: return "insert";
        }
    }

    private static String ddlType(ChangeEvent e) {
        switch (e.ddlKind()) {
            case CREATE_TABLE: return "table-create";
            case ALTER_TABLE:
            case RENAME_TABLE:
            case CREATE_INDEX:
            case DROP_INDEX: return "table-alter";
            case DROP_TABLE: return "table-drop";
            case CREATE_DATABASE: return "database-create";
            case DROP_DATABASE: return "database-drop";
            default: return null; // Maxwell has no message for other statements (TRUNCATE, views, ...)
        }
    }

    void writeValue(JsonGenerator g, ColumnDef col, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        switch (col.kind()) {
            case BOOLEAN:
                if (col.isBit()) {
                    g.writeNumber((Boolean) v ? 1 : 0); // Maxwell's BitColumnDef: the number, BIT(1) too
                } else {
                    g.writeBoolean((Boolean) v);
                }
                break;
            case INTEGER:
                g.writeNumber((Long) v);
                break;
            case FLOAT:
                g.writeNumber((Double) v);
                break;
            case DECIMAL:
                g.writeNumber((BigDecimal) v);
                break;
            case JSON:
                g.writeRawValue((String) v);
                break;
            case BYTES:
                if (col.isBit()) {
                    g.writeNumber(BitValues.toNumber((byte[]) v));
                } else {
                    g.writeString(Base64.getEncoder().encodeToString((byte[]) v));
                }
                break;
            case STRING:
                if (col.isSet()) {
                    // Maxwell's SetColumnDef: a JSON array of the members
                    g.writeStartArray();
                    String members = (String) v;
                    if (!members.isEmpty()) {
                        for (String m : members.split(",", -1)) {
                            g.writeString(m);
                        }
                    }
                    g.writeEndArray();
                } else {
                    g.writeString((String) v);
                }
                break;
            case TIME:
                g.writeString(ValueText.time((Duration) v, col.fractionalDigits()));
                break;
            case DATETIME:
                g.writeString(ValueText.dateTime((LocalDateTime) v, col.fractionalDigits()));
                break;
            case TIMESTAMP:
                g.writeString(ValueText.dateTime(LocalDateTime.ofInstant((Instant) v, settings.zone()),
                        col.fractionalDigits()));
                break;
            default:
                g.writeString(v.toString());
                break;
        }
    }

    /** Maxwell's key: {@code {"database":..,"table":..,"pk.<col>":value,...}}; db and table from the topic. */
    @Override
    public byte[] writeKey(String topic, Schema keySchema, Object key) {
        if (key == null) {
            return null;
        }
        String[] dbTable = Keys.databaseAndTable(topic);
        return JsonOutput.write(g -> {
            g.writeStartObject();
            g.writeStringField("database", dbTable[0]);
            g.writeStringField("table", dbTable[1]);
            if (key instanceof Struct struct) {
                for (Field f : struct.schema().fields()) {
                    ColumnDef col = ConnectColumns.columnOf(f);
                    g.writeFieldName("pk." + f.name());
                    writeValue(g, col, ConnectColumns.canonicalValue(col.kind(), f.schema(), StructValues.valueOf(struct, f)));
                }
            }
            g.writeEndObject();
        });
    }
}
