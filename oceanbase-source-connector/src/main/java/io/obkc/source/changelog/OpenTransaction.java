package io.obkc.source.changelog;

import java.util.LinkedHashMap;
import java.util.Map;

/** A source transaction being emitted: id {@code <scn>:<conn_id>}, its event count so far and per table. */
public final class OpenTransaction {
    private final String id;
    private final long scn;
    private final long conn;
    private long events;
    private final Map<String, Long> perCollection = new LinkedHashMap<>();
    private boolean done;

    public OpenTransaction(String id, long scn, long conn) {
        this.id = id;
        this.scn = scn;
        this.conn = conn;
    }

    public static String id(long scn, long conn) {
        return scn + ":" + conn;
    }

    public boolean covers(long rowScn, long rowConn) {
        return scn == rowScn && conn == rowConn;
    }

    /** Counts one more event of a table; returns {total_order, data_collection_order}. */
    public long[] next(String collection) {
        events++;
        long c = perCollection.merge(collection, 1L, Long::sum);
        return new long[] {events, c};
    }

    void restore(long events, Map<String, Long> counts) {
        this.events = events;
        perCollection.putAll(counts);
    }

    public OpenTransaction finished() {
        OpenTransaction t = new OpenTransaction(id, scn, conn);
        t.restore(events, perCollection);
        t.done = true;
        return t;
    }

    /** A copy, so an offset map keeps the counts as of its record. */
    public OpenTransaction copy() {
        OpenTransaction t = new OpenTransaction(id, scn, conn);
        t.restore(events, perCollection);
        t.done = done;
        return t;
    }

    public String id() {
        return id;
    }

    public long scn() {
        return scn;
    }

    public long events() {
        return events;
    }

    public Map<String, Long> perCollection() {
        return perCollection;
    }

    public boolean done() {
        return done;
    }
}
