package io.obkc.source.changelog;

/**
 * A place in the change log's commit order: rows are read ordered by (ORA_ROWSCN, conn_id, seq). ORA_ROWSCN is the
 * commit version of the transaction that wrote the change-log row; conn_id tells apart transactions that committed
 * with the same version; seq keeps a transaction's rows in the order its statements wrote them.
 */
public record StreamPosition(long scn, long conn, long seq) implements Comparable<StreamPosition> {

    /** The position just after everything committed at or before {@code scn}. */
    public static StreamPosition after(long scn) {
        return new StreamPosition(scn, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    @Override
    public int compareTo(StreamPosition o) {
        int c = Long.compare(scn, o.scn);
        if (c == 0) {
            c = Long.compare(conn, o.conn);
        }
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
