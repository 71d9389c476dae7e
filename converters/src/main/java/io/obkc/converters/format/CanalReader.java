package io.obkc.converters.format;

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
 * Reads Canal FlatMessage JSON and TiCDC's canal-json (the same shape plus a {@code _tidb} block, which is
 * ignored). Column types come from {@code mysqlType}. A message must hold one row: Canal may batch several rows
 * of a table into one FlatMessage, and a converter can return only one record, so such messages fail loudly
 * instead of losing rows.
 */
final class CanalReader implements FormatReader {

    private final FormatSettings settings;
    private final EnvelopeBuilder envelopes = new EnvelopeBuilder("canal");

    CanalReader(FormatSettings settings) {
        this.settings = settings;
    }

    @Override
    public SchemaAndValue readValue(String topic, byte[] value) {
        JsonNode root = JsonOutput.read(value);
        String db = OmsDefaultReader.textOrNull(root.get("database"));
        String table = OmsDefaultReader.textOrNull(root.get("table"));
        Long es = root.hasNonNull("es") ? root.get("es").asLong() : null;
        Long ts = root.hasNonNull("ts") ? Long.valueOf(root.get("ts").asLong()) : es;
        String type = root.path("type").asText("");
        if (root.path("isDdl").asBoolean(false)) {
            return envelopes.schemaChange(db, table, OmsDefaultReader.textOrNull(root.get("sql")), es);
        }
        Operation op;
        switch (type) {
            case "INSERT": op = Operation.CREATE; break;
            case "UPDATE": op = Operation.UPDATE; break;
            case "DELETE": op = Operation.DELETE; break;
            default:
                throw new DataException("Unsupported Canal message type '" + type + "'");
        }
        JsonNode data = root.path("data");
        if (!data.isArray() || data.size() != 1) {
            throw new DataException("Canal message for " + db + "." + table + " holds " + data.size()
                    + " rows; only single-row messages can be converted to one record");
        }
        JsonNode row = data.get(0);
        List<ColumnDef> columns = columns(root.path("mysqlType"), row);
        Object[] image = image(columns, row);
        switch (op) {
            case DELETE:
                return envelopes.rowChange(db, table, op, columns, image, null, es, ts);
            case UPDATE: {
                JsonNode old = root.path("old");
                Object[] before = image.clone();
                if (old.isArray() && old.size() > 0) {
                    JsonNode changed = old.get(0);
                    for (int i = 0; i < columns.size(); i++) {
                        if (changed.has(columns.get(i).name())) {
                            before[i] = parse(columns.get(i), changed.get(columns.get(i).name()));
                        }
                    }
                }
                return envelopes.rowChange(db, table, op, columns, before, image, es, ts);
            }
            default:
                return envelopes.rowChange(db, table, op, columns, null, image, es, ts);
        }
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

    private Object[] image(List<ColumnDef> columns, JsonNode row) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = parse(columns.get(i), row.get(columns.get(i).name()));
        }
        return values;
    }

    private Object parse(ColumnDef col, JsonNode node) {
        return ValueText.parse(col, OmsDefaultReader.textOrNull(node), settings.zone(),
                ValueText.BytesEncoding.ISO_8859_1);
    }
}
