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

    /**
     * Every record a message holds, in order: one per row for formats that put several rows in one message
     * (Canal), else the one {@link #readValue} returns. Markers without rows give an empty list.
     */
    default java.util.List<SchemaAndValue> readValues(String topic, byte[] value) {
        SchemaAndValue one = readValue(topic, value);
        return one == null || one.value() == null ? java.util.List.of() : java.util.List.of(one);
    }

    /** The key; by default the key bytes as a string. */
    default SchemaAndValue readKey(String topic, byte[] key) {
        return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, new String(key, StandardCharsets.UTF_8));
    }
}
