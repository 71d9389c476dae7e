package io.obkc.sink.write;

import java.util.concurrent.Future;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the sink sends a record to the dead letter queue: it checks the {@link DeadLetterBudget}, counts
 * the record in {@link SinkMetrics}, logs why, and hands it to the worker's reporter. Without a reporter
 * (errors.tolerance is not all, or a worker without one) it is disabled and callers fail the task instead.
 */
public final class DeadLetterQueue {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueue.class);

    private final ErrantRecordReporter reporter;
    private final DeadLetterBudget budget;
    private final SinkMetrics metrics;

    public DeadLetterQueue(ErrantRecordReporter reporter, DeadLetterBudget budget, SinkMetrics metrics) {
        this.reporter = reporter;
        this.budget = budget;
        this.metrics = metrics;
    }

    public boolean enabled() {
        return reporter != null;
    }

    /** This queue with another reporter (the writer thread's hand-over), sharing budget and metrics. */
    public DeadLetterQueue withReporter(ErrantRecordReporter other) {
        return new DeadLetterQueue(other, budget, metrics);
    }

    /**
     * Sends the record with a message naming table, key, column and reason. Throws when the queue is disabled
     * or its budget is spent; the caller's task then fails and the record's offset is not committed.
     */
    public Future<Void> send(SinkRecord record, String message, Throwable cause) {
        if (reporter == null) {
            throw new ConnectException(message + ". Fix the data or the table, or set errors.tolerance=all with "
                    + "errors.deadletterqueue.topic.name to route such records to a dead letter queue.", cause);
        }
        budget.charge();
        LOG.warn("{}; sending it to the dead letter queue", message);
        Future<Void> f = reporter.report(record, new ConnectException(message, cause));
        metrics.recordDeadLettered();
        return f;
    }
}
