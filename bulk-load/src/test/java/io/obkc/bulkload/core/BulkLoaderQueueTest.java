package io.obkc.bulkload.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.junit.jupiter.api.Test;

/** The end markers reach the copy threads even when the thread handing them over was interrupted. */
class BulkLoaderQueueTest {
    @Test
    void anInterruptedThreadStillPutsAndKeepsItsInterrupt() {
        BlockingQueue<String> q = new ArrayBlockingQueue<>(2);
        boolean stillInterrupted = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            Thread.currentThread().interrupt();
            BulkLoader.putUninterruptibly(q, "END");
            return Thread.interrupted();
        });
        assertThat(q).containsExactly("END");
        assertThat(stillInterrupted).isTrue();
    }
}
