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
 * Reads Maxwell JSON. Maxwell carries no column types: they come from {@code column.types} where configured, and
 * are otherwise inferred from the JSON (see {@link #inferColumn}). Without declared types, temporal and binary
 * columns come back as their text (binary as Maxwell's Base64) and BIT as its number.
 */
final class MaxwellReader implements FormatReader {

    private final FormatSettings settings;
    private final EnvelopeBuilder envelopes = new EnvelopeBuilder("maxwell");

    MaxwellReader(FormatSettings settings) {
        this.settings = settings;
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
                throw new DataException("Unsupported Maxwell type '" + type + "' for " + db + "." + table);
        }
        JsonNode data = root.path("data");
        JsonNode old = root.path("old");
        List<ColumnDef> columns = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String declared = settings.columnTypes().typeOf(db, table, f.getKey());
            columns.add(declared != null ? SqlTypes.withNamedEnums(SqlTypes.parse(f.getKey(), declared))
                    : inferColumn(f.getKey(), f.getValue(), old.get(f.getKey())));
        }
        String where = " in table " + db + "." + table;
        Long xid = root.path("xid").canConvertToLong() ? root.get("xid").asLong() : null;
        Object[] image = image(columns, data, where);
        switch (op) {
            case DELETE:
                return envelopes.rowChange(null, xid, db, table, op, columns, image, null, tsMs, tsMs);
            case UPDATE: {
                // data.merge(old) is the row before (Maxwell's docs); a changed key thus reaches the sink as one
                // update whose before-image holds the old key.
                Object[] before = image.clone();
                for (int i = 0; i < columns.size(); i++) {
                    if (old.has(columns.get(i).name())) {
                        before[i] = value(columns.get(i), old.get(columns.get(i).name()), where);
                    }
                }
                return envelopes.rowChange(null, xid, db, table, op, columns, before, image, tsMs, tsMs);
            }
            default:
                return envelopes.rowChange(null, xid, db, table, op, columns, null, image, tsMs, tsMs);
        }
    }

    /**
     * A column's type from its values in {@code data} and {@code old}: integers BIGINT (DECIMAL(20,0) when one is
     * beyond the signed 64-bit range, as BIGINT UNSIGNED values are), other numbers a DECIMAL whose scale each
     * value keeps (Maxwell writes DECIMAL and DOUBLE with the digits they have), booleans BIT(1), objects JSON,
     * arrays SET or JSON, strings text.
     */
    private static ColumnDef inferColumn(String name, JsonNode node, JsonNode oldNode) {
        JsonNode[] samples = {node, oldNode};
        boolean number = false;
        boolean fraction = false;
        boolean wide = false;
        JsonNode sample = null;
        for (JsonNode n : samples) {
            if (n == null || n.isNull()) {
                continue;
            }
            if (sample == null) {
                sample = n;
            }
            if (n.isNumber()) {
                number = true;
                fraction |= !n.isIntegralNumber();
                wide |= n.isIntegralNumber() && !n.canConvertToLong();
            }
        }
        if (sample == null || sample.isTextual()) {
            return new ColumnDef(name, ColumnKind.STRING, "text", null, null, true);
        }
        if (sample.isBoolean()) {
            return new ColumnDef(name, ColumnKind.BOOLEAN, "bit", 1, null, true);
        }
        if (number) {
            if (fraction) {
                return new ColumnDef(name, ColumnKind.DECIMAL, "decimal", null, null, true);
            }
            return wide ? new ColumnDef(name, ColumnKind.DECIMAL, "bigint unsigned", 20, 0, true)
                    : new ColumnDef(name, ColumnKind.INTEGER, "bigint", null, null, true);
        }
        return new ColumnDef(name, ColumnKind.JSON, "json", null, null, true);
    }

    private Object[] image(List<ColumnDef> columns, JsonNode row, String where) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(columns.get(i), row.get(columns.get(i).name()), where);
        }
        return values;
    }

    private Object value(ColumnDef col, JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (col.isBit() && col.kind() == ColumnKind.BYTES) {
                return BitValues.fromNumber(col, node.bigIntegerValue(), where);
            }
            if (col.isSet() && node.isArray()) {
                List<String> members = new ArrayList<>();
                node.forEach(m -> members.add(m.asText()));
                if (col.kind() != ColumnKind.STRING) {
                    throw new DataException("SET column " + col.name() + where + " holds names " + members
                            + " but its declared type lists no values; declare it as set('a','b',...) in column.types");
                }
                return String.join(",", members);
            }
            switch (col.kind()) {
                case BOOLEAN: return node.isNumber() ? node.asLong() != 0 : node.asBoolean();
                case INTEGER: return node.canConvertToLong() ? node.asLong() : Long.valueOf(node.asText());
                case DECIMAL: return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText());
                case FLOAT: return node.asDouble();
                case JSON: return node.toString();
                case BYTES: return java.util.Base64.getDecoder().decode(node.asText());
                case STRING: return node.isValueNode() ? node.asText() : node.toString();
                default:
                    return ValueText.parse(col, node.asText(), settings.zone(), ValueText.BytesEncoding.BASE64);
            }
        } catch (RuntimeException e) {
            if (e instanceof DataException) {
                throw e;
            }
            throw new DataException("Cannot read " + node + " as " + col.mysqlType() + " for column " + col.name()
                    + where, e);
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
                    schema.field(col.name()).schema(), col, value(col, root.get(names.get(i)), " in a key on topic " + topic)));
        }
        return new SchemaAndValue(schema, struct);
    }
}
