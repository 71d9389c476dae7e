package io.obkc.rocketmq.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what a consumer read from a topic against what the source database did: per key, the row versions in queue
 * order. Each key's messages must sit in one queue, tagged with the table and keyed with the id.
 */
final class DeliveryCheck {
    private DeliveryCheck() {
    }

    /** The messages of one table (by tag), parsed, grouped by key in queue order. */
    static Map<String, List<RowEvent>> byKey(List<RocketMqTestClient.Read> reads, String table, RowEvent.Format format) {
        Map<String, List<RowEvent>> out = new LinkedHashMap<>();
        Map<String, Integer> queueOfKey = new HashMap<>();
        for (RocketMqTestClient.Read r : reads) {
            if (!table.equals(r.tags())) {
                continue;
            }
            RowEvent e = RowEvent.parse(format, r.body());
            assertThat(r.keys()).as("message keys of %s", r.body()).isEqualTo(e.id());
            Integer q = queueOfKey.putIfAbsent(e.id(), r.queueId());
            assertThat(q == null ? r.queueId() : q).as("queue of key %s (all its changes in one queue)", e.id()).isEqualTo(r.queueId());
            out.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e);
        }
        return out;
    }

    static int count(Map<String, List<RowEvent>> byKey) {
        return byKey.values().stream().mapToInt(List::size).sum();
    }

    /** Exactly the expected changes per key, in order, no more (no failure happened, so no duplicate is allowed). */
    static void assertExactly(Map<String, List<RowEvent>> actual, Map<String, List<RowEvent>> expected) {
        assertThat(actual.keySet()).as("keys").containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String key : expected.keySet()) {
            assertThat(actual.get(key)).as("changes of key %s, in queue order", key).containsExactlyElementsOf(expected.get(key));
        }
    }

    /**
     * At least once, in order: every expected change is there; the first occurrences come in the expected order; a
     * repeat is only of a change already seen (a replay after a failure), never a change out of order. Returns the
     * number of repeats.
     */
    static int assertAtLeastOnceInOrder(Map<String, List<RowEvent>> actual, Map<String, List<RowEvent>> expected) {
        assertThat(actual.keySet()).as("keys").containsExactlyInAnyOrderElementsOf(expected.keySet());
        int repeats = 0;
        for (String key : expected.keySet()) {
            List<RowEvent> firsts = new ArrayList<>();
            Set<RowEvent> seen = new HashSet<>();
            for (RowEvent e : actual.get(key)) {
                if (seen.add(e)) {
                    firsts.add(e);
                } else {
                    repeats++;
                }
            }
            assertThat(firsts).as("first deliveries of key %s, in queue order", key).containsExactlyElementsOf(expected.get(key));
        }
        return repeats;
    }
}
