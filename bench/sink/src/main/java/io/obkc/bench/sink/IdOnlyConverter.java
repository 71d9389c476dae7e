package io.obkc.bench.sink;

import java.nio.ByteBuffer;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Benchmark-only converter for the {@code --formats id} mode: a record carries just the row id (8 bytes) and this
 * converter rebuilds the very same key Struct or Debezium envelope Struct that JsonConverter would have produced
 * from the JSON form. Parsing costs next to nothing, so the run measures the sink (and Kafka), not JSON parsing.
 * Never meant for real pipelines.
 */
public final class IdOnlyConverter implements Converter {
    private boolean isKey;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        long id = isKey ? ((Struct) value).getInt64("id") : ((Struct) value).getStruct("after").getInt64("id");
        return ByteBuffer.allocate(8).putLong(id).array();
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null || value.length != 8) {
            throw new DataException("IdOnlyConverter expects 8-byte ids");
        }
        long id = ByteBuffer.wrap(value).getLong();
        // Rows are only ever produced as ids 1..N; "snapshot" is "true" for all of them here (first/last are cosmetic).
        return isKey ? new SchemaAndValue(BenchRows.KEY_SCHEMA, BenchRows.key(id))
                : new SchemaAndValue(BenchRows.ENVELOPE_SCHEMA, BenchRows.snapshotEnvelope(id, Long.MAX_VALUE, 1_700_000_000_000L));
    }
}
