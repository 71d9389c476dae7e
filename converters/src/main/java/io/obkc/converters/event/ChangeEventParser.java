package io.obkc.converters.event;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import io.obkc.common.connect.StructValues;

/**
 * Turns a Connect record value into a {@link ChangeEvent}. Understands:
 * <ul>
 *   <li>Debezium envelopes: a struct with {@code op} and {@code before}/{@code after}/{@code source};</li>
 *   <li>Debezium schema-change records: schema name ending in {@code SchemaChangeValue};</li>
 *   <li>heartbeats: schema name containing {@code Heartbeat};</li>
 *   <li>flat rows, e.g. after {@code ExtractNewRecordState}: every field is a column, except the
 *       {@code __op}, {@code __db}, {@code __table}, {@code __source_ts_ms}, {@code __ts_ms} and
 *       {@code __deleted} metadata fields that SMT adds. Database and table come from those fields or else
 *       from the topic's last two dot-separated segments.</li>
 * </ul>
 */
public final class ChangeEventParser {

    private final KeyColumns keyColumns;

    public ChangeEventParser(KeyColumns keyColumns) {
        this.keyColumns = keyColumns;
    }

    /** Null for a tombstone. */
    public ChangeEvent parse(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Struct struct)) {
            throw new DataException("OMS format converters need Struct values with a schema; got "
                    + value.getClass().getName() + " on topic " + topic);
        }
        Schema s = struct.schema();
        String name = s.name() == null ? "" : s.name();
        if (name.endsWith("SchemaChangeValue")) {
            return parseSchemaChange(struct);
        }
        if (name.equals("io.obkc.converters.RowBatch.Envelope")) {
            // Several rows read from one multi-row Canal message; one record cannot become several messages.
            throw new DataException("Record on topic " + topic + " is a batch of rows read from one multi-row Canal "
                    + "message; a converter writes one message per record, so it cannot be written as one. Read such "
                    + "messages with OmsFormatConverter.toConnectDataRows, or keep them in Canal format.");
        }
        if (name.contains("Heartbeat")) {
            Long ts = s.field("ts_ms") != null ? struct.getInt64("ts_ms") : null;
            return ChangeEvent.builder(Operation.HEARTBEAT).eventTimestampMs(ts).sourceTimestampMs(ts)
                    .original(s, struct).build();
        }
        if (s.field("op") != null && (s.field("after") != null || s.field("before") != null)) {
            return parseEnvelope(struct);
        }
        return parseFlat(topic, struct);
    }

    private ChangeEvent parseEnvelope(Struct envelope) {
        Schema s = envelope.schema();
        Operation op = Operation.fromDebeziumCode(envelope.getString("op"));
        Struct before = (Struct) envelope.get("before");
        Struct after = (Struct) envelope.get("after");
        Struct source = s.field("source") != null ? (Struct) envelope.get("source") : null;
        Struct transaction = s.field("transaction") != null ? (Struct) envelope.get("transaction") : null;
        Schema rowSchema = s.field("after") != null ? s.field("after").schema() : s.field("before").schema();

        List<ColumnDef> columns = columnsOf(rowSchema);
        String db = source == null ? null : string(source, "db");
        String table = source == null ? null : string(source, "table");
        return ChangeEvent.builder(op)
                .database(db)
                .schema(source == null ? null : string(source, "schema"))
                .table(table)
                .sourceTimestampMs(source == null ? null : int64(source, "ts_ms"))
                .eventTimestampMs(s.field("ts_ms") != null ? envelope.getInt64("ts_ms") : null)
                .columns(columns)
                .before(image(columns, before))
                .after(image(columns, after))
                .keyColumns(keyColumns.resolve(db, table, columns))
                .ddl(op == Operation.TRUNCATE ? "TRUNCATE TABLE " + quote(db) + "." + quote(table) : null)
                .ddlKind(op == Operation.TRUNCATE ? DdlKind.TRUNCATE_TABLE : null)
                .source(sourceInfo(source, transaction))
                .original(s, envelope)
                .build();
    }

    private ChangeEvent parseSchemaChange(Struct change) {
        Schema s = change.schema();
        Struct source = s.field("source") != null ? (Struct) change.get("source") : null;
        String db = s.field("databaseName") != null ? change.getString("databaseName") : null;
        if (db == null && source != null) {
            db = string(source, "db");
        }
        String table = source == null ? null : string(source, "table");
        Object tableChanges = s.field("tableChanges") != null ? change.get("tableChanges") : null;
        if (table == null && tableChanges instanceof List<?> list && !list.isEmpty()
                && list.get(0) instanceof Struct tc && tc.schema().field("id") != null) {
            table = lastIdPart(tc.getString("id"));
        }
        return ChangeEvent.builder(Operation.DDL)
                .database(db)
                .schema(s.field("schemaName") != null ? change.getString("schemaName") : null)
                .table(table)
                .sourceTimestampMs(source == null ? null : int64(source, "ts_ms"))
                .eventTimestampMs(s.field("ts_ms") != null ? change.getInt64("ts_ms") : null)
                .ddl(change.getString("ddl"))
                .source(sourceInfo(source, null))
                .original(s, change)
                .build();
    }

    private ChangeEvent parseFlat(String topic, Struct row) {
        Schema s = row.schema();
        List<ColumnDef> columns = new ArrayList<>();
        List<Field> dataFields = new ArrayList<>();
        for (Field f : s.fields()) {
            if (!f.name().startsWith("__")) {
                columns.add(ConnectColumns.columnOf(f));
                dataFields.add(f);
            }
        }
        Object[] image = new Object[columns.size()];
        for (int i = 0; i < image.length; i++) {
            Field f = dataFields.get(i);
            image[i] = ConnectColumns.canonicalValue(columns.get(i).kind(), f.schema(), StructValues.valueOf(row, f));
        }
        String[] topicParts = topic == null ? new String[0] : topic.split("\\.");
        String db = metaString(row, "__db", topicParts.length >= 2 ? topicParts[topicParts.length - 2] : null);
        String table = metaString(row, "__table", topicParts.length >= 1 ? topicParts[topicParts.length - 1] : null);
        boolean deleted = "true".equals(metaString(row, "__deleted", "false"));
        String opCode = metaString(row, "__op", deleted ? "d" : "c");
        Operation op = Operation.fromDebeziumCode(opCode);
        boolean isDelete = op == Operation.DELETE;
        return ChangeEvent.builder(op)
                .database(db)
                .table(table)
                .sourceTimestampMs(s.field("__source_ts_ms") != null ? (Long) row.get("__source_ts_ms") : null)
                .eventTimestampMs(s.field("__ts_ms") != null ? (Long) row.get("__ts_ms") : null)
                .columns(columns)
                .before(isDelete || op == Operation.UPDATE ? image : null)
                .after(isDelete ? null : image)
                .keyColumns(keyColumns.resolve(db, table, columns))
                .original(s, row)
                .build();
    }

    /** Column definitions of a row schema. */
    public static List<ColumnDef> columnsOf(Schema rowSchema) {
        List<ColumnDef> columns = new ArrayList<>(rowSchema.fields().size());
        for (Field f : rowSchema.fields()) {
            columns.add(ConnectColumns.columnOf(f));
        }
        return columns;
    }

    private static Object[] image(List<ColumnDef> columns, Struct row) {
        if (row == null) {
            return null;
        }
        List<Field> fields = row.schema().fields();
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Field f = fields.get(i);
            values[i] = ConnectColumns.canonicalValue(columns.get(i).kind(), f.schema(), StructValues.valueOf(row, f));
        }
        return values;
    }

    private static SourceInfo sourceInfo(Struct source, Struct transaction) {
        if (source == null && transaction == null) {
            return SourceInfo.EMPTY;
        }
        return new SourceInfo(
                string(source, "connector"),
                string(source, "name"),
                source == null ? null : asString(field(source, "snapshot")),
                string(source, "gtid"),
                string(source, "file"),
                int64(source, "pos"),
                source != null && field(source, "row") instanceof Number n ? n.intValue() : null,
                int64(source, "server_id"),
                int64(source, "lsn"),
                int64(source, "txId"),
                string(transaction, "id"),
                int64(transaction, "total_order"),
                string(source, "tenant"),
                int64(source, "scn"));
    }

    private static Object field(Struct s, String name) {
        return s == null || s.schema().field(name) == null ? null : s.get(name);
    }

    private static String string(Struct s, String name) {
        return asString(field(s, name));
    }

    private static String asString(Object v) {
        return v == null ? null : v.toString();
    }

    private static Long int64(Struct s, String name) {
        return field(s, name) instanceof Number n ? n.longValue() : null;
    }

    private static String metaString(Struct row, String name, String fallback) {
        Object v = field(row, name);
        return v == null ? fallback : v.toString();
    }

    private static String quote(String identifier) {
        return identifier == null ? "``" : "`" + identifier.replace("`", "``") + "`";
    }

    /** The table part of a Debezium table id such as {@code "db"."table"} or {@code db.table}. */
    private static String lastIdPart(String id) {
        if (id == null) {
            return null;
        }
        int dot = id.lastIndexOf('.');
        String last = dot < 0 ? id : id.substring(dot + 1);
        return last.replace("\"", "");
    }
}
