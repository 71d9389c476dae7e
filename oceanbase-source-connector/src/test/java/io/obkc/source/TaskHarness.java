package io.obkc.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Drives an {@link OceanBaseSourceTask} directly, as the Connect worker would: polls, and "commits" the offset of the
 * last record handed out when asked (the offset store is a map that outlives the task, as Kafka's does).
 */
public final class TaskHarness implements AutoCloseable {
    /** The offsets a worker would have committed; shared by the tasks of one test to simulate restarts. */
    public static final class OffsetStore {
        final Map<Map<String, ?>, Map<String, Object>> offsets = new ConcurrentHashMap<>();

        public Map<Map<String, ?>, Map<String, Object>> offsetsForTest() {
            return offsets;
        }
    }

    private final OffsetStore store;
    private final OceanBaseSourceTask task = new OceanBaseSourceTask();
    private final List<SourceRecord> received = new ArrayList<>();
    private SourceRecord lastHandedOut;

    public TaskHarness(OffsetStore store, Map<String, String> config) {
        this.store = store;
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return config;
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                return null;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        Map<String, Object> o = store.offsets.get(partition);
                        return o == null ? null : new HashMap<>(o);
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
        });
        task.start(config);
    }

    /** Polls until {@code done} holds for the records received so far (all of them, since start). */
    public List<SourceRecord> pollUntil(Predicate<List<SourceRecord>> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(received)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " with " + received.size() + " records: " + describe(received));
            }
            List<SourceRecord> batch = task.poll();
            if (batch != null && !batch.isEmpty()) {
                received.addAll(batch);
                lastHandedOut = batch.get(batch.size() - 1);
            }
        }
        return received;
    }

    public List<SourceRecord> received() {
        return received;
    }

    /** Stores the offset of the last record polled, as the worker's offset flush would, then calls the task's commit(). */
    public void commit() throws InterruptedException {
        if (lastHandedOut != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> o = (Map<String, Object>) lastHandedOut.sourceOffset();
            store.offsets.put(lastHandedOut.sourcePartition(), new HashMap<>(o));
        }
        task.commit();
    }

    static String describe(List<SourceRecord> rs) {
        StringBuilder sb = new StringBuilder();
        Map<String, Integer> flags = new java.util.TreeMap<>();
        for (SourceRecord r : rs) {
            if (r.value() instanceof org.apache.kafka.connect.data.Struct v && v.schema().field("source") != null) {
                flags.merge(v.getStruct("source").getString("snapshot") + "/" + v.getString("op"), 1, Integer::sum);
            }
        }
        sb.append("snapshot flag/op counts: ").append(flags);
        for (int i = Math.max(0, rs.size() - 10); i < rs.size(); i++) {
            sb.append("\n  ").append(rs.get(i).topic()).append(' ').append(rs.get(i).value());
        }
        return sb.toString();
    }

    @Override
    public void close() {
        task.stop();
    }
}
