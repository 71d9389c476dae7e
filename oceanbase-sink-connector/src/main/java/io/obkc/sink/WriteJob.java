package io.obkc.sink;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The steps of one put() and the offsets they cover. It remembers how far it got, so a job that failed on a
 * transient error resumes at the step that failed: the steps before it are committed (row batches) or applied
 * (schema changes) and are not run twice.
 */
final class WriteJob implements Runnable {
    private final List<TaskStep> steps;
    private final Map<TopicPartition, OffsetAndMetadata> offsets;
    private final Consumer<TaskStep> executor;
    private int next;

    WriteJob(List<TaskStep> steps, Map<TopicPartition, OffsetAndMetadata> offsets, Consumer<TaskStep> executor) {
        this.steps = steps;
        this.offsets = offsets;
        this.executor = executor;
    }

    Map<TopicPartition, OffsetAndMetadata> offsets() {
        return offsets;
    }

    @Override
    public void run() {
        while (next < steps.size()) {
            executor.accept(steps.get(next));
            next++;
        }
    }
}
