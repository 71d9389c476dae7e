package io.obkc.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.obkc.sink.event.ChangeEvent;

/**
 * Cuts a put()'s classified records into {@link TaskStep}s: row-change batches of at most batch.size records, and
 * schema changes between them. Records the {@link WriteHold} keeps back, and every record after them, are held;
 * the offsets returned cover only the records before the first held one.
 *
 * <p>With transaction-aligned apply, a batch is not cut while a source transaction in it has records further on
 * (they may be interleaved with other partitions' records), so it can grow past batch.size: each source
 * transaction then commits in one target transaction.
 */
final class BatchBuilder {
    private final int batchSize;
    /** The source transaction of a record, or null; null itself when batches may be cut anywhere. */
    private final Function<TaskRecord, String> transactionOf;

    BatchBuilder(int batchSize) {
        this(batchSize, null);
    }

    BatchBuilder(int batchSize, Function<TaskRecord, String> transactionOf) {
        this.batchSize = batchSize;
        this.transactionOf = transactionOf;
    }

    /** The steps to write, and per partition the next offset to commit once they are written. */
    record Plan(List<TaskStep> steps, Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    Plan build(List<TaskRecord> records, WriteHold hold) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        List<TaskStep> steps = new ArrayList<>();
        List<ChangeEvent> batch = new ArrayList<>(Math.min(records.size(), batchSize));
        Map<String, Integer> lastOfTransaction = lastIndexOfEachTransaction(records);
        // The batch may be cut after index i only when i >= openUntil: no transaction in it has records further on.
        int openUntil = -1;
        TaskRecord last = null;
        for (int i = 0; i < records.size(); i++) {
            TaskRecord r = records.get(i);
            if (r.ddl() != null) {
                if (hold.mustHoldSchemaChange(r.ddl(), records.size() - i)) {
                    hold.hold(records.subList(i, records.size()));
                    break;
                }
                // Earlier row changes are committed first; the DDL commits implicitly and must not split a data transaction.
                addRows(steps, batch);
                batch = new ArrayList<>();
                steps.add(new TaskStep.ApplySchemaChange(r.ddl()));
                hold.schemaChangeApplied();
            } else if (r.event() != null) {
                if (hold.mustHoldRowChange(r, records.size() - i)) {
                    hold.hold(records.subList(i, records.size()));
                    break;
                }
                batch.add(r.event());
                String tx = transactionOf == null ? null : transactionOf.apply(r);
                if (tx != null) {
                    openUntil = Math.max(openUntil, lastOfTransaction.get(tx));
                }
                if (batch.size() >= batchSize && i >= openUntil) {
                    addRows(steps, batch);
                    batch = new ArrayList<>();
                }
            }
            // The offset to commit per partition is its last record's: noted when the partition changes (and at the end),
            // not for every record, which built a TopicPartition and an OffsetAndMetadata per record.
            if (last != null && !samePartition(last, r)) {
                offsets.put(last.partition(), new OffsetAndMetadata(last.record().originalKafkaOffset() + 1));
            }
            last = r;
        }
        if (last != null) {
            offsets.put(last.partition(), new OffsetAndMetadata(last.record().originalKafkaOffset() + 1));
        }
        addRows(steps, batch);
        return new Plan(steps, offsets);
    }

    private static boolean samePartition(TaskRecord a, TaskRecord b) {
        return java.util.Objects.equals(a.record().originalKafkaPartition(), b.record().originalKafkaPartition())
                && java.util.Objects.equals(a.record().originalTopic(), b.record().originalTopic());
    }

    private Map<String, Integer> lastIndexOfEachTransaction(List<TaskRecord> records) {
        Map<String, Integer> last = new HashMap<>();
        if (transactionOf != null) {
            for (int i = 0; i < records.size(); i++) {
                String tx = records.get(i).event() == null ? null : transactionOf.apply(records.get(i));
                if (tx != null) {
                    last.put(tx, i);
                }
            }
        }
        return last;
    }

    private static void addRows(List<TaskStep> steps, List<ChangeEvent> batch) {
        if (!batch.isEmpty()) {
            steps.add(new TaskStep.Rows(batch));
        }
    }
}
