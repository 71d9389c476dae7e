package io.obkc.converters.format;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/** Reads a format's bytes back into Debezium-style Connect data. */
public interface FormatReader {

    /**
     * A Debezium-style envelope struct (before/after/source/op/ts_ms) for row changes, a
     * {@code SchemaChangeValue} struct for DDL, a heartbeat struct, or {@link SchemaAndValue#NULL}.
     */
    SchemaAndValue readValue(String topic, byte[] value);

    /** The key; by default the key bytes as a string. */
    default SchemaAndValue readKey(String topic, byte[] key) {
        return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, new String(key, StandardCharsets.UTF_8));
    }
}
