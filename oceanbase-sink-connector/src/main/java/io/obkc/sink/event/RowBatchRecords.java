package io.obkc.sink.event;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Several row changes that arrived in one message: Canal puts all rows of a multi-row statement in one message, and the
 * bundle's Canal reader (converters) hands them on together, in order, as one {@code io.obkc.converters.RowBatch.Envelope}
 * struct ({@code op=batch}, the envelopes in {@code rows}), because a Connect converter returns one record per message.
 * The sink writes each row as its own change event. Recognised by name, so the sink does not depend on the converters.
 */
public final class RowBatchRecords {
    public static final String ROW_BATCH_NAME = "io.obkc.converters.RowBatch.Envelope";

    private RowBatchRecords() {
    }

    public static boolean isRowBatch(SinkRecord record) {
        return record.valueSchema() != null && ROW_BATCH_NAME.equals(record.valueSchema().name()) && record.value() instanceof Struct;
    }

    /**
     * The rows of a batch as records of their own: same topic, partition and offset, each with one envelope as its value.
     *
     * @param keyFromValue whether the sink keys rows from their values (primary.key.mode=record_value or none); with
     *                     record_key, one message key cannot stand for several rows' keys, and a batch is refused
     */
    public static List<SinkRecord> expand(SinkRecord record, boolean keyFromValue) {
        Struct batch = (Struct) record.value();
        Field rowsField = batch.schema().field("rows");
        if (rowsField == null || rowsField.schema().type() != Schema.Type.ARRAY) {
            throw new DataException("Record of topic " + record.topic() + " offset " + record.kafkaOffset() + " is a " + ROW_BATCH_NAME
                    + " without a rows array");
        }
        List<?> rows = batch.getArray("rows");
        if (rows == null || rows.isEmpty()) {
            return List.of();
        }
        if (rows.size() > 1 && !keyFromValue && record.key() != null) {
            throw new DataException("Record of topic " + record.topic() + " offset " + record.kafkaOffset() + " carries " + rows.size()
                    + " rows of one multi-row message under one message key, which cannot be the key of each row. Set "
                    + "primary.key.mode=record_value and primary.key.fields to the key columns (Canal's pkNames).");
        }
        Schema envelope = rowsField.schema().valueSchema();
        List<SinkRecord> out = new ArrayList<>(rows.size());
        for (Object row : rows) {
            out.add(record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), envelope, row,
                    record.timestamp(), record.headers()));
        }
        return out;
    }
}
