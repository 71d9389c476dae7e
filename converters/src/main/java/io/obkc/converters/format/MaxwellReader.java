package io.obkc.converters.format;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import com.fasterxml.jackson.databind.JsonNode;

import io.obkc.converters.event.ColumnDef;
import io.obkc.converters.event.ColumnKind;
import io.obkc.converters.event.Operation;

/**
 * Reads Maxwell JSON. Maxwell carries no column types, so they are inferred from the JSON: integers are BIGINT,
 * other numbers DECIMAL with the scale they were written with (lossless for DECIMAL and DOUBLE), booleans BIT(1),
 * objects and arrays JSON, and strings text. Temporal and binary columns therefore come back as their text.
 */
final class MaxwellReader implements FormatReader {

    private final EnvelopeBuilder envelopes = new EnvelopeBuilder("maxwell");

    MaxwellReader(FormatSettings settings) {
    }

    @Override
    public SchemaAndValue readValue(String topic, byte[] value) {
        JsonNode root = JsonOutput.read(value);
        String db = OmsDefaultReader.textOrNull(root.get("database"));
        String table = OmsDefaultReader.textOrNull(root.get("table"));
        String type = root.path("type").asText("");
        if (type.startsWith("table-") || type.startsWith("database-")) {
            return envelopes.schemaChange(db, table, OmsDefaultReader.textOrNull(root.get("sql")),
                    root.hasNonNull("ts") ? root.get("ts").asLong() : null);
        }
        Long tsMs = root.hasNonNull("ts") ? root.get("ts").asLong() * 1000L : null;
        Operation op;
        switch (type) {
            case "insert": op = Operation.CREATE; break;
            case "bootstrap-insert": op = Operation.READ; break;
            case "update": op = Operation.UPDATE; break;
            case "delete": op = Operation.DELETE; break;
            case "bootstrap-start":
            case "bootstrap-complete":
                return SchemaAndValue.NULL; // markers without rows
            default:
                throw new DataException("Unsupported Maxwell type '" + type + "'");
        }
        JsonNode data = root.path("data");
        List<ColumnDef> columns = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            columns.add(inferColumn(f.getKey(), f.getValue(), root.path("old").get(f.getKey())));
        }
        Object[] image = image(columns, data);
        switch (op) {
            case DELETE:
                return envelopes.rowChange(db, table, op, columns, image, null, tsMs, tsMs);
            case UPDATE: {
                Object[] before = image.clone();
                JsonNode old = root.path("old");
                for (int i = 0; i < columns.size(); i++) {
                    if (old.has(columns.get(i).name())) {
                        before[i] = value(columns.get(i), old.get(columns.get(i).name()));
                    }
                }
                return envelopes.rowChange(db, table, op, columns, before, image, tsMs, tsMs);
            }
            default:
                return envelopes.rowChange(db, table, op, columns, null, image, tsMs, tsMs);
        }
    }

    private static ColumnDef inferColumn(String name, JsonNode node, JsonNode oldNode) {
        // A null in the new image says nothing of the type; the old value may.
        JsonNode sample = (node == null || node.isNull()) && oldNode != null ? oldNode : node;
        if (sample == null || sample.isNull() || sample.isTextual()) {
            return new ColumnDef(name, ColumnKind.STRING, "text", null, null, true);
        }
        if (sample.isBoolean()) {
            return new ColumnDef(name, ColumnKind.BOOLEAN, "bit", 1, null, true);
        }
        if (sample.isIntegralNumber()) {
            return new ColumnDef(name, ColumnKind.INTEGER, "bigint", null, null, true);
        }
        if (sample.isNumber()) {
            BigDecimal d = sample.decimalValue();
            int scale = Math.max(d.scale(), 0);
            return new ColumnDef(name, ColumnKind.DECIMAL, "decimal", Math.max(d.precision(), scale), scale, true);
        }
        return new ColumnDef(name, ColumnKind.JSON, "json", null, null, true);
    }

    private static Object[] image(List<ColumnDef> columns, JsonNode row) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(columns.get(i), row.get(columns.get(i).name()));
        }
        return values;
    }

    private static Object value(ColumnDef col, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        switch (col.kind()) {
            case BOOLEAN: return node.asBoolean();
            case INTEGER: return node.asLong();
            case DECIMAL: return node.decimalValue().setScale(col.scale(), java.math.RoundingMode.UNNECESSARY);
            case JSON: return node.toString();
            default: return node.isValueNode() ? node.asText() : node.toString();
        }
    }

    /** Maxwell's key: a struct of the {@code pk.*} values, named after them without the prefix. */
    @Override
    public SchemaAndValue readKey(String topic, byte[] key) {
        JsonNode root = JsonOutput.read(key);
        SchemaBuilder b = SchemaBuilder.struct().name("io.obkc.converters.MaxwellKey");
        List<String> names = new ArrayList<>();
        List<ColumnDef> columns = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().startsWith("pk.")) {
                ColumnDef col = inferColumn(f.getKey().substring(3), f.getValue(), null);
                columns.add(col);
                names.add(f.getKey());
                b.field(col.name(), io.obkc.converters.event.DebeziumSchemas.schemaFor(col));
            }
        }
        Schema schema = b.build();
        Struct struct = new Struct(schema);
        for (int i = 0; i < columns.size(); i++) {
            ColumnDef col = columns.get(i);
            struct.put(col.name(), io.obkc.converters.event.DebeziumSchemas.connectValue(
                    schema.field(col.name()).schema(), col, value(col, root.get(names.get(i)))));
        }
        return new SchemaAndValue(schema, struct);
    }
}
