package io.obkc.sink.event;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

import io.obkc.sink.table.TableId;

/**
 * One row change, normalised from a Debezium envelope, a flat record or a tombstone.
 *
 * @param key          the key struct (fields = key columns), or null when there is no key
 * @param before       the row before the change (updates and deletes of envelopes), or null
 * @param after        the row after the change (upserts), or null
 * @param rowSchema    the row's schema (after's, else before's), or null for key-only deletes
 */
public record ChangeEvent(SinkRecord record, TableId table, ChangeOperation operation, Struct key, Struct before,
        Struct after, Schema rowSchema) {

    public String describeOrigin() {
        return "topic " + record.topic() + " partition " + record.kafkaPartition() + " offset " + record.kafkaOffset();
    }

    /** The key for messages: the key struct's fields, else "(none)". */
    public String describeKey() {
        if (key == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        for (org.apache.kafka.connect.data.Field f : key.schema().fields()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.name()).append('=').append(key.get(f));
        }
        return sb.toString();
    }
}
