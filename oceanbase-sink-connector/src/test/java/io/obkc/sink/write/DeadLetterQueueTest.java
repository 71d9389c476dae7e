package io.obkc.sink.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class DeadLetterQueueTest {
    private static SinkRecord record(long offset) {
        return new SinkRecord("t", 0, null, null, null, null, offset);
    }

    @Test
    void everyDeadLetterIsCountedAndTheOneOverBudgetIsNotSent() {
        List<String> sent = new ArrayList<>();
        SinkMetrics metrics = new SinkMetrics("test");
        DeadLetterBudget budget = new DeadLetterBudget(2, -1, 1000);
        DeadLetterQueue taskThread = new DeadLetterQueue((r, e) -> {
            sent.add(r.kafkaOffset() + ": " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }, budget, metrics);
        // The writer thread's queue shares budget and metrics with the task thread's.
        DeadLetterQueue writerThread = taskThread.withReporter((r, e) -> {
            sent.add(r.kafkaOffset() + " (writer): " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        });
        taskThread.send(record(1), "Cannot read the record of topic t partition 0 offset 1: no schema", null);
        writerThread.send(record(2), "Cannot write the record of topic t partition 0 offset 2 to table d.t (key id=2): error 1406", null);
        assertThat(metrics.deadLettered()).isEqualTo(2);
        assertThatThrownBy(() -> writerThread.send(record(3), "third", null)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("dlq.max.records=2");
        assertThat(metrics.deadLettered()).isEqualTo(2);
        assertThat(sent).containsExactly("1: Cannot read the record of topic t partition 0 offset 1: no schema",
                "2 (writer): Cannot write the record of topic t partition 0 offset 2 to table d.t (key id=2): error 1406");
    }

    @Test
    void withoutAReporterTheTaskFailsNamingTheRecord() {
        DeadLetterQueue off = new DeadLetterQueue(null, new DeadLetterBudget(-1, -1, 1), new SinkMetrics("test"));
        assertThat(off.enabled()).isFalse();
        assertThatThrownBy(() -> off.send(record(4), "Cannot write the record of topic t partition 0 offset 4", null))
                .isInstanceOf(ConnectException.class).hasMessageContaining("offset 4").hasMessageContaining("errors.tolerance=all");
    }
}
