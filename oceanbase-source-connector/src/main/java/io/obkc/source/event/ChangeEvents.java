package io.obkc.source.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds the connector's records: change events in Debezium's envelope, transaction BEGIN/END records and
 * heartbeats. Every capture mode produces its records here, so the output is one format.
 */
public final class ChangeEvents {
    public static final Schema TX_KEY = SchemaBuilder.struct().name("io.debezium.connector.common.TransactionMetadataKey")
            .field("id", Schema.STRING_SCHEMA).build();
    public static final Schema TX_COLLECTION = SchemaBuilder.struct().name("event.collection")
            .field("data_collection", Schema.STRING_SCHEMA)
            .field("event_count", Schema.INT64_SCHEMA).build();
    public static final Schema TX_VALUE = SchemaBuilder.struct().name("io.debezium.connector.common.TransactionMetadataValue")
            .field("status", Schema.STRING_SCHEMA)
            .field("id", Schema.STRING_SCHEMA)
            .field("event_count", Schema.OPTIONAL_INT64_SCHEMA)
            .field("data_collections", SchemaBuilder.array(TX_COLLECTION).optional().build())
            .field("ts_ms", Schema.INT64_SCHEMA)
            .build();
    public static final Schema HEARTBEAT_KEY = SchemaBuilder.struct().name("io.debezium.connector.common.ServerNameKey")
            .field("serverName", Schema.STRING_SCHEMA).build();
    public static final Schema HEARTBEAT_VALUE = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
            .field("ts_ms", Schema.INT64_SCHEMA).build();

    private final String serverName;
    private final String tenant;
    private final Map<String, String> partition;

    public ChangeEvents(String serverName, String tenant) {
        this.serverName = serverName;
        this.tenant = tenant;
        this.partition = Map.of("server", serverName);
    }

    public Map<String, String> partition() {
        return partition;
    }

    /** One change event: op is c, u, d or r; before/after as the op needs them. */
    public SourceRecord change(TableSchema t, String op, Struct before, Struct after, SourceBlock source, Map<String, ?> offset,
            Struct transaction) {
        Struct key = t.key(after != null ? after : before);
        Instant now = Instant.now();
        long nowUs = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
        Struct v = new Struct(t.envelopeSchema())
                .put("before", before)
                .put("after", after)
                .put("source", source.toStruct(serverName, tenant))
                .put("transaction", transaction)
                .put("op", op)
                .put("ts_ms", nowUs / 1_000L)
                .put("ts_us", nowUs)
                .put("ts_ns", nowUs * 1_000L);
        return new SourceRecord(partition, offset, t.topic(), null, t.keySchema(), key, t.envelopeSchema(), v, source.tsNs() / 1_000_000L);
    }

    /** The tombstone after a delete: the key and a null value, so compacted topics drop the row. */
    public SourceRecord tombstone(TableSchema t, Struct before, Map<String, ?> offset) {
        return new SourceRecord(partition, offset, t.topic(), null, t.keySchema(), t.key(before), null, null);
    }

    public static Struct transactionBlock(String id, long totalOrder, long collectionOrder) {
        return new Struct(TableSchema.TRANSACTION_BLOCK).put("id", id).put("total_order", totalOrder)
                .put("data_collection_order", collectionOrder);
    }

    public SourceRecord transactionBegin(String id, long tsMs, Map<String, ?> offset) {
        Struct v = new Struct(TX_VALUE).put("status", "BEGIN").put("id", id).put("ts_ms", tsMs);
        return new SourceRecord(partition, offset, serverName + ".transaction", null, TX_KEY, new Struct(TX_KEY).put("id", id), TX_VALUE, v,
                tsMs);
    }

    public SourceRecord transactionEnd(String id, long tsMs, long eventCount, Map<String, Long> perCollection, Map<String, ?> offset) {
        List<Struct> cols = perCollection.entrySet().stream()
                .map(e -> new Struct(TX_COLLECTION).put("data_collection", e.getKey()).put("event_count", e.getValue())).toList();
        Struct v = new Struct(TX_VALUE).put("status", "END").put("id", id).put("event_count", eventCount).put("data_collections", cols)
                .put("ts_ms", tsMs);
        return new SourceRecord(partition, offset, serverName + ".transaction", null, TX_KEY, new Struct(TX_KEY).put("id", id), TX_VALUE, v,
                tsMs);
    }

    public SourceRecord heartbeat(String topic, Map<String, ?> offset) {
        long now = System.currentTimeMillis();
        return new SourceRecord(partition, offset, topic, null, HEARTBEAT_KEY, new Struct(HEARTBEAT_KEY).put("serverName", serverName),
                HEARTBEAT_VALUE, new Struct(HEARTBEAT_VALUE).put("ts_ms", now), now);
    }
}
