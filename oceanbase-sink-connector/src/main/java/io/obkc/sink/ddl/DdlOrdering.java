package io.obkc.sink.ddl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.obkc.sink.event.BinlogPosition;

/**
 * Restores source (binlog) order between schema changes and row changes inside one batch the worker
 * delivers. The schema change topic and the table topics are different partitions, and the consumer
 * may hand over a table's row changes that the source logged after a DDL before the DDL itself. Each
 * partition's records are already in source order, so the batch is rebuilt as a merge of the
 * per-partition sequences by binlog position: the order inside a partition never changes, and across
 * partitions the record logged first goes first. A record without a position (another source type,
 * a tombstone) goes as early as its own partition allows.
 */
public final class DdlOrdering {
    private DdlOrdering() {
    }

    /**
     * @param partition the item's topic partition (any key with equals)
     * @param position  the item's binlog position, or null when unknown
     */
    public static <T> List<T> order(List<T> items, Function<T, Object> partition, Function<T, BinlogPosition> position) {
        Map<Object, Deque<T>> byPartition = new LinkedHashMap<>();
        for (T item : items) {
            byPartition.computeIfAbsent(partition.apply(item), k -> new ArrayDeque<>()).add(item);
        }
        if (byPartition.size() <= 1) {
            return items;
        }
        List<T> out = new ArrayList<>(items.size());
        while (out.size() < items.size()) {
            Deque<T> best = null;
            BinlogPosition bestPos = null;
            for (Deque<T> q : byPartition.values()) {
                if (q.isEmpty()) {
                    continue;
                }
                BinlogPosition p = position.apply(q.peekFirst());
                if (p == null) {
                    best = q;
                    break;
                }
                if (best == null || p.compareTo(bestPos) < 0) {
                    best = q;
                    bestPos = p;
                }
            }
            out.add(best.pollFirst());
        }
        return out;
    }
}
