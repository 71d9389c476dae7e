package io.obkc.source;

import java.util.List;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;

/**
 * One capture mode: what {@link OceanBaseSourceTask} runs for {@code capture.mode}. A mode snapshots (when asked) and
 * streams, and builds its records with {@link io.obkc.source.event.ChangeEvents} so every mode emits one format.
 * The task calls {@link #start} once, then {@link #poll} from one thread, {@link #commit} after Kafka Connect has
 * committed offsets, and {@link #close} at the end.
 */
public interface ChangeCapture extends AutoCloseable {

    void start(OceanBaseSourceConfig config, SourceTaskContext context) throws Exception;

    /** The next records, or an empty list / null after waiting up to poll.interval.ms when there is nothing new. */
    List<SourceRecord> poll() throws InterruptedException;

    /** Kafka Connect has committed the offsets of the records it acknowledged; a mode may now release what they cover. */
    default void commit() throws InterruptedException {
    }

    @Override
    void close();
}
