package io.obkc.converters.format;

import org.apache.kafka.connect.data.Schema;

import io.obkc.converters.event.ChangeEvent;

/** Serializes change events (values) and record keys into one format's bytes. */
public interface FormatWriter {

    /** The message value; null when the format has no representation for this event (e.g. Canal heartbeats). */
    byte[] writeValue(ChangeEvent event);

    /** The message key the format expects, from the Connect key (usually Debezium's key struct). */
    byte[] writeKey(String topic, Schema keySchema, Object key);
}
