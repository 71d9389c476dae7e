package io.obkc.source.changelog;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The source offsets of the change-log mode (partition {@code {"server": <topic.prefix>}}):
 * <ul>
 * <li>while snapshotting: {@code snapshot_scn} (the snapshot's SCN), {@code snapshot_table} ({@code db.table} being
 * read; the tables before it, in name order, are done) and {@code snapshot_key} (JSON array of the primary-key texts of
 * the last row emitted; absent for tables without a primary key, which are re-read from their start on a restart);</li>
 * <li>streaming: {@code scn}, {@code conn}, {@code seq}: the {@link StreamPosition} of the last change emitted
 * (after the snapshot: {@code scn} = snapshot SCN with conn and seq at Long.MAX_VALUE), and with transaction metadata
 * {@code tx_id}, {@code tx_events}, {@code tx_collections} (JSON object of table to event count) of the open transaction
 * and {@code tx_done} once its END record was emitted.</li>
 * </ul>
 */
public final class ChangelogOffsets {
    static final ObjectMapper JSON = new ObjectMapper();

    private ChangelogOffsets() {
    }

    public static Map<String, Object> snapshot(long scn, String table, List<String> key) {
        Map<String, Object> m = new HashMap<>();
        m.put("snapshot_scn", scn);
        m.put("snapshot_table", table);
        if (key != null) {
            m.put("snapshot_key", toJson(key));
        }
        return m;
    }

    public static Map<String, Object> stream(StreamPosition p, OpenTransaction tx) {
        Map<String, Object> m = new HashMap<>();
        m.put("scn", p.scn());
        m.put("conn", p.conn());
        m.put("seq", p.seq());
        if (tx != null) {
            m.put("tx_id", tx.id());
            m.put("tx_events", tx.events());
            m.put("tx_collections", toJson(tx.perCollection()));
            m.put("tx_done", tx.done());
        }
        return m;
    }

    public static boolean isSnapshot(Map<String, ?> o) {
        return o != null && o.get("snapshot_scn") != null;
    }

    public static StreamPosition position(Map<String, ?> o) {
        return new StreamPosition(num(o, "scn"), num(o, "conn"), num(o, "seq"));
    }

    /** The open transaction an offset recorded, or null. */
    public static OpenTransaction transaction(Map<String, ?> o) {
        if (o.get("tx_id") == null || Boolean.TRUE.equals(o.get("tx_done"))) {
            return null;
        }
        String id = o.get("tx_id").toString();
        int colon = id.indexOf(':');
        OpenTransaction tx = new OpenTransaction(id, Long.parseLong(id.substring(0, colon)), Long.parseLong(id.substring(colon + 1)));
        try {
            Map<String, Long> cols = JSON.readValue(o.get("tx_collections").toString(), new TypeReference<LinkedHashMap<String, Long>>() {
            });
            tx.restore(num(o, "tx_events"), cols);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unreadable tx_collections in the stored offset: " + o.get("tx_collections"), e);
        }
        return tx;
    }

    public static List<String> snapshotKey(Map<String, ?> o) {
        Object k = o.get("snapshot_key");
        if (k == null) {
            return null;
        }
        try {
            return JSON.readValue(k.toString(), new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unreadable snapshot_key in the stored offset: " + k, e);
        }
    }

    static long num(Map<String, ?> o, String k) {
        Object v = o.get(k);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("The stored offset " + o + " lacks the number " + k);
        }
        return n.longValue();
    }

    static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
