package io.obkc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class WritePipelineTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);
    private static final Map<TopicPartition, OffsetAndMetadata> OFFSETS = Map.of(TP, new OffsetAndMetadata(10));

    @Test
    void pipelinedOffsetsAreHandedOutOnlyAfterTheJobHasRun() throws Exception {
        try (WritePipeline p = new WritePipeline(true, null, "test-writer")) {
            CountDownLatch release = new CountDownLatch(1);
            List<String> ran = new ArrayList<>();
            assertThat(p.submit(() -> {
                await(release);
                ran.add(Thread.currentThread().getName());
            }, OFFSETS)).as("nothing is committed when submit returns").isEmpty();
            release.countDown();
            assertThat(p.await()).isEqualTo(OFFSETS);
            assertThat(ran).containsExactly("test-writer");
            assertThat(p.await()).as("handed out once").isEmpty();
        }
    }

    @Test
    void inlineJobsRunOnTheCallersThreadAndTheirErrorsPropagate() {
        try (WritePipeline p = new WritePipeline(false, null, "unused")) {
            List<String> ran = new ArrayList<>();
            assertThat(p.submit(() -> ran.add(Thread.currentThread().getName()), OFFSETS)).isEqualTo(OFFSETS);
            assertThat(ran).containsExactly(Thread.currentThread().getName());
            assertThatThrownBy(() -> p.submit(() -> {
                throw new ConnectException("boom");
            }, OFFSETS)).hasMessage("boom");
        }
    }

    @Test
    void aFailedJobFailsEveryLaterAwaitAndHandsOutNoOffsets() {
        try (WritePipeline p = new WritePipeline(true, null, "test-writer")) {
            p.submit(() -> {
                throw new ConnectException("table t rejected the record at offset 7");
            }, OFFSETS);
            assertThatThrownBy(p::await).isInstanceOf(ConnectException.class).hasMessageContaining("offset 7");
            assertThatThrownBy(p::await).as("sticky").hasMessageContaining("offset 7");
        }
    }

    @Test
    void aJobFailedOnATransientErrorIsReportedOnceForTheTaskToRetry() {
        try (WritePipeline p = new WritePipeline(true, null, "test-writer")) {
            p.submit(() -> {
                throw new org.apache.kafka.connect.errors.RetriableException("connection lost");
            }, OFFSETS);
            assertThatThrownBy(p::await).isInstanceOf(org.apache.kafka.connect.errors.RetriableException.class);
            assertThat(p.await()).as("not sticky, and its offsets are not handed out").isEmpty();
            assertThat(p.submit(() -> { }, OFFSETS)).isEmpty();
            assertThat(p.await()).isEqualTo(OFFSETS);
        }
    }

    @Test
    void deadLetterReportsAreMadeOnTheThreadThatAwaits() throws Exception {
        List<String> reportedOn = new ArrayList<>();
        ErrantRecordReporter reporter = (record, error) -> {
            reportedOn.add(Thread.currentThread().getName() + ":" + record.kafkaOffset() + ":" + error.getMessage());
            return CompletableFuture.completedFuture(null);
        };
        try (WritePipeline p = new WritePipeline(true, reporter, "test-writer")) {
            ErrantRecordReporter forJobs = p.reporterForJobs();
            p.submit(() -> {
                Future<Void> f = forJobs.report(new SinkRecord("t", 0, null, null, null, null, 3), new RuntimeException("bad"));
                try {
                    f.get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new ConnectException(e);
                }
            }, OFFSETS);
            assertThat(p.await()).isEqualTo(OFFSETS);
            assertThat(reportedOn).containsExactly(Thread.currentThread().getName() + ":3:bad");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
