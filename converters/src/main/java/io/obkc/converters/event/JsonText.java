package io.obkc.converters.event;

import org.apache.kafka.connect.data.Schema;

import io.obkc.converters.json.ConnectJson;

/** Renders nested Connect values (geometries, arrays) as compact JSON text so that any format can carry them. */
final class JsonText {

    private JsonText() {
    }

    static String of(Schema schema, Object value) {
        return ConnectJson.toJsonText(schema, value);
    }
}
