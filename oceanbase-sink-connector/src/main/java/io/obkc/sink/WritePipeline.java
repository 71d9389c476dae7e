package io.obkc.sink;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Runs the task's write jobs, either inline or on one writer thread of the task's own.
 *
 * <p>Pipelined, {@code put()} hands the batch's job to the writer thread and returns, so the worker
 * fetches and converts the next batch while the database applies this one (the two took turns on
 * the task thread before, and each waited for the other). At most one job is in flight: the next
 * {@code put()}, {@code preCommit()} and {@code close()} first wait for it. The offsets of a job are
 * handed out only after the job has committed, so {@code preCommit} never reports unwritten data.
 * A job that fails makes every later {@link #await()} throw its error, so the task fails on its next
 * {@code put()} and nothing after the failure is written; except a {@link RetriableException}, which
 * {@link #await()} throws once, for the task to retry the job.
 *
 * <p>The dead letter queue is reported from the task thread only: the writer thread queues its
 * reports and {@link #await()} hands them to the worker's reporter (whose thread safety Kafka Connect
 * does not promise), then gives the writer the reporter's future to wait on.
 */
final class WritePipeline implements AutoCloseable {
    private static final Object DONE = new Object();

    /** A report the writer thread asks the task thread to make. */
    private record DeadLetter(SinkRecord record, Throwable error, CompletableFuture<Future<Void>> handedOver) {
    }

    private final boolean pipelined;
    private final ErrantRecordReporter reporter;
    private final ExecutorService writerThread;
    /** DeadLetter requests from the running job, then DONE when it has ended. */
    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();

    private boolean inFlight;
    private Map<TopicPartition, OffsetAndMetadata> inFlightOffsets = Map.of();
    private volatile Throwable failure;

    /** @param reporter the worker's dead letter queue reporter, or null when errors.tolerance is not all */
    WritePipeline(boolean pipelined, ErrantRecordReporter reporter, String threadName) {
        this.pipelined = pipelined;
        this.reporter = reporter;
        this.writerThread = pipelined ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** The reporter the write jobs must use: the worker's own when inline, a hand-over to the task thread when pipelined. */
    ErrantRecordReporter reporterForJobs() {
        if (reporter == null || !pipelined) {
            return reporter;
        }
        return (record, error) -> {
            CompletableFuture<Future<Void>> handedOver = new CompletableFuture<>();
            signals.add(new DeadLetter(record, error, handedOver));
            try {
                return handedOver.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while handing a record to the dead letter queue", e);
            } catch (ExecutionException e) {
                throw new ConnectException("Could not send a record to the dead letter queue: " + e.getCause(), e.getCause());
            }
        };
    }

    /**
     * Runs a job that writes records up to {@code offsets}. Inline, it runs now and its errors propagate;
     * pipelined, it starts on the writer thread and {@link #await()} returns its offsets once it has committed.
     * The previous job must have been awaited.
     */
    Map<TopicPartition, OffsetAndMetadata> submit(Runnable job, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (inFlight) {
            throw new IllegalStateException("a write job is still in flight");
        }
        if (!pipelined) {
            job.run();
            return offsets;
        }
        inFlight = true;
        inFlightOffsets = offsets;
        writerThread.execute(() -> {
            try {
                job.run();
            } catch (Throwable t) {
                failure = t;
            } finally {
                signals.add(DONE);
            }
        });
        return Map.of();
    }

    /**
     * Waits for the job in flight, serving its dead letter reports meanwhile, and returns the offsets it
     * committed (empty when none was in flight). Throws the error of a failed job, now and on every later call;
     * a {@link RetriableException} only once.
     */
    Map<TopicPartition, OffsetAndMetadata> await() {
        if (inFlight) {
            try {
                for (Object s = signals.take(); s != DONE; s = signals.take()) {
                    DeadLetter d = (DeadLetter) s;
                    try {
                        d.handedOver().complete(reporter.report(d.record(), d.error()));
                    } catch (RuntimeException e) {
                        d.handedOver().completeExceptionally(e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while waiting for the writer thread", e);
            }
            inFlight = false;
        }
        Throwable f = failure;
        if (f instanceof RetriableException re) {
            // The task retries that job itself; later jobs may run, and its offsets are not handed out.
            failure = null;
            inFlightOffsets = Map.of();
            throw re;
        }
        if (f != null) {
            if (f instanceof RuntimeException re) {
                throw re;
            }
            throw new ConnectException("The writer thread failed: " + f, f);
        }
        Map<TopicPartition, OffsetAndMetadata> done = inFlightOffsets;
        inFlightOffsets = Map.of();
        return done;
    }

    /** Waits for the job in flight (its error is not rethrown: the task is stopping) and ends the writer thread. */
    @Override
    public void close() {
        if (writerThread == null) {
            return;
        }
        try {
            await();
        } catch (RuntimeException ignored) {
            // Already reported by put(), or the task is being stopped anyway; nothing more is written.
        } finally {
            writerThread.shutdownNow();
            try {
                writerThread.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
