package io.obkc.converters.format;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

import com.fasterxml.jackson.databind.JsonNode;

import io.obkc.converters.json.ConnectJson;

/**
 * Reads Debezium JSON as JsonConverter writes it: with an embedded schema ({@code {"schema","payload"}}) the
 * original Connect schema and value come back exactly; without one (schemas.enable=false, or TiCDC's debezium
 * protocol read without its schema) a struct schema is inferred from the JSON. Either way the envelope's own
 * structure (before/after/source/op/ts_ms) is kept, so the result is already what a Debezium-aware sink expects.
 */
final class DebeziumReader implements FormatReader {

    DebeziumReader(FormatSettings settings) {
    }

    @Override
    public SchemaAndValue readValue(String topic, byte[] value) {
        return read(JsonOutput.read(value));
    }

    @Override
    public SchemaAndValue readKey(String topic, byte[] key) {
        return read(JsonOutput.read(key));
    }

    private static SchemaAndValue read(JsonNode root) {
        if (root == null || root.isNull()) {
            return SchemaAndValue.NULL;
        }
        if (root.isObject() && root.size() == 2 && root.has("schema") && root.has("payload")) {
            JsonNode schemaNode = root.get("schema");
            if (schemaNode.isNull()) {
                return ConnectJson.inferStruct(root.get("payload"));
            }
            Schema schema = ConnectJson.readSchema(schemaNode);
            return new SchemaAndValue(schema, ConnectJson.readValue(schema, root.get("payload")));
        }
        return ConnectJson.inferStruct(root);
    }
}
