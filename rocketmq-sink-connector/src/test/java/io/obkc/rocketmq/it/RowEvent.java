package io.obkc.rocketmq.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One row change as a RocketMQ consumer reads it from a message body, in the tests' tables {@code (id INT PRIMARY KEY,
 * v INT, ...)}: the key, whether the row was written or deleted, and the row's {@code v} (its version). Parsed with a
 * plain JSON reader from each format's documented layout, not with OBKC's own readers.
 */
record RowEvent(String id, boolean delete, int v) {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Format {
        /** OMS Default: {prevStruct, postStruct, recordType}, values as text. */
        OMS_DEFAULT,
        /** Canal FlatMessage: {type, data:[{...}]}, values as text. */
        CANAL,
        /** Kafka's JsonConverter without schemas on a Debezium envelope: {before, after, op}. */
        DEBEZIUM_JSON
    }

    static RowEvent parse(Format format, String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return switch (format) {
                case OMS_DEFAULT -> {
                    boolean delete = "DELETE".equals(n.path("recordType").asText());
                    JsonNode row = delete ? n.get("prevStruct") : n.get("postStruct");
                    yield new RowEvent(row.get("id").asText(), delete, Integer.parseInt(row.get("v").asText()));
                }
                case CANAL -> {
                    JsonNode data = n.get("data");
                    if (data.size() != 1) {
                        throw new AssertionError("one row per message expected: " + body);
                    }
                    JsonNode row = data.get(0);
                    yield new RowEvent(row.get("id").asText(), "DELETE".equals(n.path("type").asText()),
                            Integer.parseInt(row.get("v").asText()));
                }
                case DEBEZIUM_JSON -> {
                    boolean delete = "d".equals(n.path("op").asText());
                    JsonNode row = delete ? n.get("before") : n.get("after");
                    yield new RowEvent(row.get("id").asText(), delete, row.get("v").asInt());
                }
            };
        } catch (Exception e) {
            throw new AssertionError("Could not read a " + format + " row change from: " + body, e);
        }
    }
}
