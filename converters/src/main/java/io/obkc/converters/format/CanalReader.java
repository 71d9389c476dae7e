package io.obkc.converters.format;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

import com.fasterxml.jackson.databind.JsonNode;

import io.obkc.converters.event.ColumnDef;
import io.obkc.converters.event.ColumnKind;
import io.obkc.converters.event.Operation;

/**
 * Reads Canal FlatMessage JSON and TiCDC's canal-json (the same shape plus a {@code _tidb} block). Column types
 * come from {@code mysqlType}: Canal's full text ({@code decimal(10,4)}, {@code enum('a','b')}) or TiCDC's bare
 * names ({@code decimal}, {@code bit}), for which the scale or width stays unknown and values keep their own.
 *
 * <p>Canal puts every row of one statement into one message; {@link #readValues} gives one envelope per row, in
 * order ({@code old[i]} belongs to {@code data[i]}). {@link #readValue} returns the single envelope, or all of them
 * as one {@link EnvelopeBuilder#ROW_BATCH_NAME} record. TiCDC's {@code TIDB_WATERMARK} messages become heartbeats
 * (a sink skips them), at the watermark's physical time.
 *
 * <p>Values as Canal writes them: BIT and SET as unsigned numbers (bitmask), ENUM as its 1-based index, binary as
 * ISO-8859-1 text, BIGINT UNSIGNED up to 2^64-1.
 */
final class CanalReader implements FormatReader {

    private final FormatSettings settings;
    private final EnvelopeBuilder envelopes = new EnvelopeBuilder("canal");

    CanalReader(FormatSettings settings) {
        this.settings = settings;
    }

    @Override
    public SchemaAndValue readValue(String topic, byte[] value) {
        List<SchemaAndValue> records = readValues(topic, value);
        if (records.isEmpty()) {
            throw new DataException("Canal row message on topic " + topic + " holds no rows");
        }
        return EnvelopeBuilder.rowsOf(records);
    }

    @Override
    public List<SchemaAndValue> readValues(String topic, byte[] value) {
        JsonNode root = JsonOutput.read(value);
        String db = OmsDefaultReader.textOrNull(root.get("database"));
        String table = OmsDefaultReader.textOrNull(root.get("table"));
        Long es = root.hasNonNull("es") ? root.get("es").asLong() : null;
        Long ts = root.hasNonNull("ts") ? Long.valueOf(root.get("ts").asLong()) : es;
        String type = root.path("type").asText("");
        if (root.path("isDdl").asBoolean(false)) {
            return List.of(envelopes.schemaChange(db, table, OmsDefaultReader.textOrNull(root.get("sql")), es));
        }
        Operation op;
        switch (type) {
            case "INSERT": op = Operation.CREATE; break;
            case "UPDATE": op = Operation.UPDATE; break;
            case "DELETE": op = Operation.DELETE; break;
            case "TIDB_WATERMARK":
                return List.of(envelopes.heartbeat(watermarkMillis(root, es)));
            default:
                throw new DataException("Unsupported Canal message type '" + type + "' for " + db + "." + table);
        }
        JsonNode data = root.path("data");
        if (!data.isArray() || data.isEmpty()) {
            throw new DataException("Canal " + type + " message for " + db + "." + table + " has no rows in 'data'");
        }
        JsonNode old = root.path("old");
        List<ColumnDef> columns = columns(root.path("mysqlType"), data.get(0));
        List<SchemaAndValue> records = new ArrayList<>(data.size());
        for (int r = 0; r < data.size(); r++) {
            Object[] image = image(db, table, columns, data.get(r));
            switch (op) {
                case DELETE:
                    records.add(envelopes.rowChange(db, table, op, columns, image, null, es, ts));
                    break;
                case UPDATE: {
                    // Canal's old holds the changed columns' previous values (TiCDC: all columns); the rest are
                    // unchanged. A changed key column makes the before-image carry the old key, so a sink deletes it.
                    Object[] before = image.clone();
                    JsonNode changed = old.isArray() && old.size() > r ? old.get(r) : null;
                    if (changed != null) {
                        for (int i = 0; i < columns.size(); i++) {
                            if (changed.has(columns.get(i).name())) {
                                before[i] = parse(db, table, columns.get(i), changed.get(columns.get(i).name()));
                            }
                        }
                    }
                    records.add(envelopes.rowChange(db, table, op, columns, before, image, es, ts));
                    break;
                }
                default:
                    records.add(envelopes.rowChange(db, table, op, columns, null, image, es, ts));
            }
        }
        return records;
    }

    /** TiCDC's watermark is a TSO: physical milliseconds shifted left by 18 logical bits. */
    private static long watermarkMillis(JsonNode root, Long es) {
        JsonNode tso = root.path("_tidb").get("watermarkTs");
        if (tso != null && tso.canConvertToLong()) {
            return tso.asLong() >>> 18;
        }
        return es == null ? 0L : es;
    }

    private static List<ColumnDef> columns(JsonNode mysqlTypes, JsonNode row) {
        List<ColumnDef> columns = new ArrayList<>();
        Iterator<String> names = mysqlTypes.isObject() && mysqlTypes.size() > 0 ? mysqlTypes.fieldNames()
                : row.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode type = mysqlTypes.get(name);
            columns.add(type == null ? new ColumnDef(name, ColumnKind.STRING, "varchar", null, null, true)
                    : SqlTypes.parse(name, type.asText()));
        }
        return columns;
    }

    private Object[] image(String db, String table, List<ColumnDef> columns, JsonNode row) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = parse(db, table, columns.get(i), row.get(columns.get(i).name()));
        }
        return values;
    }

    private Object parse(String db, String table, ColumnDef col, JsonNode node) {
        String text = OmsDefaultReader.textOrNull(node);
        if (text == null) {
            return null;
        }
        String where = " in table " + db + "." + table;
        try {
            if (col.isBit() && col.kind() == ColumnKind.BYTES) {
                return BitValues.fromNumber(col, new BigInteger(text), where);
            }
            if ((col.isEnum() || col.isSet()) && col.kind() == ColumnKind.STRING) {
                return EnumValues.names(col, text, where);
            }
        } catch (NumberFormatException e) {
            throw new DataException("Cannot read '" + text + "' as " + col.mysqlType() + " for column " + col.name()
                    + where, e);
        }
        return ValueText.parse(col, text, settings.zone(), ValueText.BytesEncoding.ISO_8859_1);
    }
}
