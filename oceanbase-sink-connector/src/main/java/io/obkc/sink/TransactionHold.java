package io.obkc.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.sink.event.TransactionMetadata;
import io.obkc.sink.write.SinkMetrics;

/**
 * Transaction-aligned apply (transaction.aligned.enabled=true): records of a source transaction are handed on only
 * when all of them have arrived, so the {@link BatchBuilder} can write the transaction in one target transaction.
 *
 * <p>Debezium's END record of a transaction counts its events per table. A transaction is complete when the END
 * has arrived and as many of its change events as the END counts for the subscribed tables. Its records (and the
 * END) are then released together; until then they, and every later record of their partitions, are held, so
 * offsets are never committed past a record that is not written, and the partition order is kept. A transaction
 * whose records sit behind another, incomplete transaction's in some partition waits for that one too.
 *
 * <p>Records held longer than the wait, or more than the limit, are released as they are: the task would
 * otherwise stall (for example when a filter drops some of a transaction's events, or the transaction topic is not
 * subscribed). Each such transaction is logged and counted (metric transactions-released-incomplete-total), never silent.
 */
final class TransactionHold {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionHold.class);

    /** A held record and what it is to the hold: a data event of {@link #txId}, an END of it, or neither. */
    private record Entry(TaskRecord record, String txId, boolean end, long since) {
        TopicPartition partition() {
            return record.partition();
        }
    }

    private final long waitMs;
    private final int maxHeld;
    /** Whether a data collection ("db.table") of an END counts, given the END's topic: is its row topic subscribed? */
    private final CollectionFilter collections;

    private final List<Entry> held = new ArrayList<>();
    /** Per open transaction: data events seen (held or released). */
    private final Map<String, Long> seen = new HashMap<>();
    /** Per transaction whose END has arrived: the events to wait for. */
    private final Map<String, Long> expected = new HashMap<>();
    private final SinkMetrics metrics;

    /** Maps an END record's topic and a data collection to whether this connector consumes that collection's events. */
    interface CollectionFilter {
        boolean counts(String transactionTopic, String dataCollection);

        /** Debezium names row topics {@code <prefix>.<db>.<table>} and the transaction topic {@code <prefix>.transaction}. */
        static CollectionFilter subscribed(Predicate<String> subscribedTopic) {
            return (txTopic, collection) -> {
                int dot = txTopic.lastIndexOf('.');
                String prefix = dot < 0 ? "" : txTopic.substring(0, dot + 1);
                return subscribedTopic.test(prefix + collection);
            };
        }
    }

    TransactionHold(long waitMs, int maxHeld, CollectionFilter collections, SinkMetrics metrics) {
        this.metrics = metrics;
        this.waitMs = waitMs;
        this.maxHeld = maxHeld;
        this.collections = collections;
    }

    int heldCount() {
        return held.size();
    }

    /**
     * Takes a put()'s records (in arrival order) and returns those to write now, in order: the earlier held records
     * and these, except records of transactions not complete yet and everything after them in their partitions.
     */
    List<TaskRecord> admit(List<TaskRecord> records) {
        long now = System.currentTimeMillis();
        List<Entry> all = new ArrayList<>(held);
        held.clear();
        for (TaskRecord r : records) {
            TransactionMetadata.End end = TransactionMetadata.end(r.record());
            if (end != null) {
                long n = 0;
                for (Map.Entry<String, Long> c : end.perCollection().entrySet()) {
                    if (collections.counts(r.record().originalTopic(), c.getKey())) {
                        n += c.getValue();
                    }
                }
                expected.put(end.id(), n);
                all.add(new Entry(r, end.id(), true, now));
                continue;
            }
            String tx = TransactionMetadata.transactionId(r.record());
            if (tx != null) {
                seen.merge(tx, 1L, Long::sum);
            }
            all.add(new Entry(r, tx, false, now));
        }
        boolean expired = !all.isEmpty() && (now - all.get(0).since() >= waitMs || all.size() > maxHeld);
        if (expired) {
            return releaseAll(all, now);
        }
        Set<String> admissible = admissible(all);
        List<TaskRecord> out = new ArrayList<>(all.size());
        Set<TopicPartition> blocked = new HashSet<>();
        for (Entry e : all) {
            if (blocked.contains(e.partition()) || (e.txId() != null && !admissible.contains(e.txId()))) {
                blocked.add(e.partition());
                held.add(e);
            } else {
                out.add(e.record());
            }
        }
        for (String tx : admissible) {
            seen.remove(tx);
            expected.remove(tx);
        }
        return out;
    }

    /**
     * The complete transactions none of whose records sits behind a record that must wait. A fixpoint: holding one
     * transaction can block a record of another in the same partition, which must then wait too.
     */
    private Set<String> admissible(List<Entry> all) {
        Set<String> ok = new HashSet<>();
        for (Entry e : all) {
            if (e.txId() != null && isComplete(e.txId())) {
                ok.add(e.txId());
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<TopicPartition> blocked = new HashSet<>();
            Set<String> hit = new LinkedHashSet<>();
            for (Entry e : all) {
                boolean waits = e.txId() != null && !ok.contains(e.txId());
                if (blocked.contains(e.partition())) {
                    if (e.txId() != null && ok.contains(e.txId())) {
                        hit.add(e.txId());
                    }
                } else if (waits) {
                    blocked.add(e.partition());
                }
            }
            if (!hit.isEmpty()) {
                ok.removeAll(hit);
                changed = true;
            }
        }
        return ok;
    }

    private boolean isComplete(String tx) {
        Long want = expected.get(tx);
        return want != null && seen.getOrDefault(tx, 0L) >= want;
    }

    private List<TaskRecord> releaseAll(List<Entry> all, long now) {
        Set<String> incomplete = new LinkedHashSet<>();
        for (Entry e : all) {
            if (e.txId() != null && !isComplete(e.txId())) {
                incomplete.add(e.txId());
            }
        }
        if (!incomplete.isEmpty()) {
            metrics.recordTransactionsReleasedIncomplete(incomplete.size());
            LOG.warn("Writing {} held records although source transaction(s) {} are not complete: they waited {} ms (transaction.aligned.wait.ms={}) "
                    + "or {} records were held (limit {}). Readers of the target may see part of these transactions. Causes: a filter drops some of "
                    + "their events, their tables' topics or the transaction topic are not all consumed by this task, or a transaction is larger "
                    + "than the limit.", all.size(), abbreviate(incomplete), now - all.get(0).since(), waitMs, all.size(), maxHeld);
        }
        List<TaskRecord> out = new ArrayList<>(all.size());
        for (Entry e : all) {
            out.add(e.record());
            if (e.txId() != null) {
                // Start afresh: later events of these transactions are counted again against their END, if it comes.
                seen.remove(e.txId());
                if (e.end()) {
                    expected.remove(e.txId());
                }
            }
        }
        return out;
    }

    private static String abbreviate(Collection<String> ids) {
        List<String> l = new ArrayList<>(ids);
        return l.size() <= 5 ? l.toString() : l.subList(0, 5) + " and " + (l.size() - 5) + " more";
    }

    /** The task gives up these partitions: their held records go (the next owner reads them again) and are no longer counted. */
    void dropPartitions(Collection<TopicPartition> closed) {
        Set<TopicPartition> gone = new HashSet<>(closed);
        held.removeIf(e -> {
            if (!gone.contains(e.partition())) {
                return false;
            }
            if (e.end()) {
                expected.remove(e.txId());
            } else if (e.txId() != null) {
                seen.computeIfPresent(e.txId(), (k, v) -> v <= 1 ? null : v - 1);
            }
            return true;
        });
    }

    /** The transaction of each record ({@code null} when none): the {@link BatchBuilder} must not cut inside one. */
    static String transactionOf(TaskRecord r) {
        TransactionMetadata.End end = TransactionMetadata.end(r.record());
        return end != null ? null : TransactionMetadata.transactionId(r.record());
    }
}
