package io.obkc.sink;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

import io.obkc.sink.ddl.SchemaChange;
import io.obkc.sink.event.BinlogPosition;
import io.obkc.sink.event.ChangeEvent;
import io.obkc.sink.event.SourceBlock;

/**
 * One record of a put(), classified: a row change ({@link #event}), a schema change to apply ({@link #ddl}), or,
 * when both are null, a record with nothing to write (not row data, or sent to the dead letter queue).
 */
record TaskRecord(SinkRecord record, ChangeEvent event, SchemaChange ddl) {
    static TaskRecord nothingToWrite(SinkRecord record) {
        return new TaskRecord(record, null, null);
    }

    TopicPartition partition() {
        return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }

    /** Binlog position of the row change or schema change (MySQL family), or null; a row change's is read with {@code sourceBlock}. */
    BinlogPosition position(SourceBlock sourceBlock) {
        return ddl != null ? ddl.position() : sourceBlock.binlogPosition(record.value());
    }
}
