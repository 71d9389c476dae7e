package io.obkc.sink;

import java.util.List;
import java.util.concurrent.Future;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.sink.ddl.SchemaChange;
import io.obkc.sink.event.ChangeEventExtractor;
import io.obkc.sink.event.RowBatchRecords;
import io.obkc.sink.write.DeadLetterQueue;
import io.obkc.sink.write.SinkMetrics;

/**
 * Reads each record of a put() as a row change, a schema change (with DDL sync on) or nothing to write. A record
 * that cannot be read goes to the dead letter queue under errors.tolerance=all, else it fails the task naming it.
 */
final class RecordClassifier {
    private static final Logger LOG = LoggerFactory.getLogger(RecordClassifier.class);

    private final ChangeEventExtractor extractor;
    private final boolean ddlSync;
    private final DeadLetterQueue deadLetters;
    private final SinkMetrics metrics;

    RecordClassifier(ChangeEventExtractor extractor, boolean ddlSync, DeadLetterQueue deadLetters, SinkMetrics metrics) {
        this.extractor = extractor;
        this.ddlSync = ddlSync;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /**
     * Classifies a record, or each row of a multi-row message ({@link RowBatchRecords}) in order. A batch that cannot
     * be split goes to the dead letter queue (errors.tolerance=all) or fails the task, like any unreadable record.
     */
    List<TaskRecord> classifyAll(SinkRecord record, List<Future<Void>> reported) {
        if (!RowBatchRecords.isRowBatch(record)) {
            return List.of(classify(record, reported));
        }
        List<SinkRecord> rows;
        try {
            rows = RowBatchRecords.expand(record, extractor.keysFromValues());
        } catch (DataException e) {
            reported.add(deadLetters.send(record, e.getMessage(), e));
            return List.of(TaskRecord.nothingToWrite(record));
        }
        if (rows.isEmpty()) {
            return List.of(TaskRecord.nothingToWrite(record));
        }
        List<TaskRecord> out = new java.util.ArrayList<>(rows.size());
        for (SinkRecord r : rows) {
            out.add(classify(r, reported));
        }
        return out;
    }

    /** {@link #classifyAll(SinkRecord, List)} into {@code out}, without a list per record for the common single-row record. */
    void classifyAll(SinkRecord record, List<Future<Void>> reported, List<TaskRecord> out) {
        if (!RowBatchRecords.isRowBatch(record)) {
            out.add(classify(record, reported));
        } else {
            out.addAll(classifyAll(record, reported));
        }
    }

    /** @param reported collects the dead letter queue's futures; the caller waits for them before committing offsets */
    TaskRecord classify(SinkRecord record, List<Future<Void>> reported) {
        try {
            if (ddlSync && SchemaChange.isSchemaChange(record)) {
                return new TaskRecord(record, null, SchemaChange.from(record));
            }
            ChangeEventExtractor.Result r = extractor.extract(record);
            if (r.event() != null) {
                return new TaskRecord(record, r.event(), null);
            }
            metrics.recordNotRowData();
            LOG.debug("Skipping {} record at {}-{}@{}", r.skipReason(), record.topic(), record.kafkaPartition(), record.kafkaOffset());
            return TaskRecord.nothingToWrite(record);
        } catch (DataException e) {
            String message = "Cannot read the record of topic " + record.topic() + " partition " + record.kafkaPartition() + " offset "
                    + record.kafkaOffset() + ": " + e.getMessage();
            reported.add(deadLetters.send(record, message, e));
            return TaskRecord.nothingToWrite(record);
        }
    }
}
