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
 * Reads OMS Default messages. Column types come from {@code __light_type} (DefaultExtendColumnType); without it
 * every column is read as a string, since plain Default carries no types.
 */
final class OmsDefaultReader implements FormatReader {

    private final FormatSettings settings;
    private final EnvelopeBuilder envelopes = new EnvelopeBuilder("oms");

    OmsDefaultReader(FormatSettings settings) {
        this.settings = settings;
    }

    @Override
    public SchemaAndValue readValue(String topic, byte[] value) {
        JsonNode root = JsonOutput.read(value);
        JsonNode meta = root.path("allMetaData");
        String db = textOrNull(meta.get("db"));
        String tenant = null;
        String dbType = textOrNull(meta.get("dbType"));
        if (db != null && db.indexOf('.') > 0 && dbType != null
                && (dbType.startsWith("OB_") || dbType.equals("OCEANBASE") || dbType.equals("OB_IN_ORACLE_MODE"))) {
            // OMS names an OceanBase database {tenant}.{database}; the tenant goes to source.tenant.
            tenant = db.substring(0, db.indexOf('.'));
            db = db.substring(db.indexOf('.') + 1);
        }
        String table = textOrNull(meta.get("table_name"));
        String seconds = textOrNull(meta.get("timestamp"));
        Long tsMs = seconds == null ? null : Long.parseLong(seconds) * 1000L;
        String recordType = root.path("recordType").asText("");
        JsonNode prev = root.get("prevStruct");
        JsonNode post = root.get("postStruct");
        switch (recordType) {
            case "DDL":
                return envelopes.schemaChange(db, table, post.path("ddl").asText(null), tsMs);
            case "HEARTBEAT":
                return envelopes.heartbeat(tsMs == null ? 0L : tsMs);
            case "INSERT":
            case "ROW":
            case "UPDATE":
            case "DELETE":
                break;
            default:
                throw new DataException("Unknown OMS recordType '" + recordType + "'");
        }
        JsonNode typed = isObject(post) ? post : prev;
        List<ColumnDef> columns = columns(typed);
        String where = " in table " + db + "." + table;
        Object[] before = isObject(prev) ? image(columns, prev, where) : null;
        Object[] after = isObject(post) ? image(columns, post, where) : null;
        Operation op = recordType.equals("INSERT") ? Operation.CREATE
                : recordType.equals("ROW") ? Operation.READ
                : recordType.equals("UPDATE") ? Operation.UPDATE : Operation.DELETE;
        return envelopes.rowChange(tenant, null, db, table, op, columns, before, after, tsMs, tsMs);
    }

    private static List<ColumnDef> columns(JsonNode image) {
        JsonNode types = image.path(OmsDefaultWriter.LIGHT_TYPE);
        List<ColumnDef> columns = new ArrayList<>();
        Iterator<String> names = image.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.equals(OmsDefaultWriter.LIGHT_TYPE)) {
                continue;
            }
            JsonNode type = types.get(name);
            if (type == null) {
                columns.add(new ColumnDef(name, ColumnKind.STRING, "varchar", null, null, true));
                continue;
            }
            String schemaType = type.path("schemaType").asText("VARCHAR");
            StringBuilder text = new StringBuilder(schemaType);
            if (type.hasNonNull("precision")) {
                text.append('(').append(type.get("precision").asInt());
                if (type.hasNonNull("scale")) {
                    text.append(',').append(type.get("scale").asInt());
                }
                text.append(')');
            } else if (type.hasNonNull("length")) {
                text.append('(').append(type.get("length").asInt()).append(')');
            }
            columns.add(moveUnsigned(name, text.toString()));
        }
        return columns;
    }

    /** {@code INT UNSIGNED(10)} is not MySQL type text; put the length before the modifier. */
    private static ColumnDef moveUnsigned(String name, String text) {
        int space = text.indexOf(' ');
        int paren = text.indexOf('(');
        if (space > 0 && paren > space) {
            text = text.substring(0, space) + text.substring(paren) + text.substring(space, paren);
        }
        // OMS writes ENUM and SET values as their names.
        return SqlTypes.withNamedEnums(SqlTypes.parse(name, text));
    }

    private Object[] image(List<ColumnDef> columns, JsonNode node, String where) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            ColumnDef col = columns.get(i);
            String text = textOrNull(node.get(col.name()));
            if (text != null && col.isBit()) {
                values[i] = bit(col, text, where);
            } else if (text != null && col.kind() == ColumnKind.TIMESTAMP) {
                values[i] = ValueText.parseEpochSeconds(text);
            } else {
                values[i] = ValueText.parse(col, text, settings.zone(), ValueText.BytesEncoding.BASE64);
            }
        }
        return values;
    }

    /** OMS's BIT: Base64 of MySQL's big-endian bytes ("AQ==" is b'1'). */
    private static Object bit(ColumnDef col, String text, String where) {
        byte[] be;
        try {
            be = java.util.Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new org.apache.kafka.connect.errors.DataException("BIT column " + col.name() + where
                    + " holds '" + text + "', which is not OMS's Base64", e);
        }
        java.math.BigInteger n = new java.math.BigInteger(1, be);
        if (col.kind() == ColumnKind.BOOLEAN) {
            if (n.bitLength() > 1) {
                throw new org.apache.kafka.connect.errors.DataException("BIT(1) column " + col.name() + where
                        + " holds " + n);
            }
            return n.signum() != 0;
        }
        return BitValues.fromNumber(col, n, where);
    }

    private static boolean isObject(JsonNode n) {
        return n != null && n.isObject();
    }

    static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
