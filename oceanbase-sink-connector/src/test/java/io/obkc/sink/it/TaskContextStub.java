package io.obkc.sink.it;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * The framework side of a sink task driven directly by a test, minimal: a fixed assignment, a dead letter queue only
 * when given a reporter, the last backoff asked for, and no plugin metrics.
 */
final class TaskContextStub implements SinkTaskContext {
    private final Set<TopicPartition> assignment;
    private final ErrantRecordReporter reporter;
    /** The backoff the task asked of the worker last (SinkTaskContext.timeout), 0 if none. */
    volatile long timeoutMs;

    TaskContextStub(Set<TopicPartition> assignment) {
        this(assignment, null);
    }

    TaskContextStub(Set<TopicPartition> assignment, ErrantRecordReporter reporter) {
        this.assignment = Set.copyOf(assignment);
        this.reporter = reporter;
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
    }

    @Override
    public void timeout(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return reporter;
    }

    @Override
    public PluginMetrics pluginMetrics() {
        throw new UnsupportedOperationException("no plugin metrics in this test");
    }
}
