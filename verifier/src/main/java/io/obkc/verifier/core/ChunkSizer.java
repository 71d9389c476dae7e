package io.obkc.verifier.core;

/**
 * Adapts the rows per chunk so one checksum query takes about the target time: an exponentially weighted
 * moving average of the observed rows per millisecond. The size may grow 16x on the first observation (the
 * initial size is a guess) and 4x on later ones, and shrinks at most 2x per observation.
 */
public final class ChunkSizer {
    private final long targetMillis;
    private final long min;
    private final long max;
    private double rowsPerMilli = -1;
    private long rows;

    public ChunkSizer(long initialRows, long targetMillis, long min, long max) {
        this.targetMillis = Math.max(1, targetMillis);
        this.min = Math.max(1, min);
        this.max = Math.max(this.min, max);
        this.rows = clamp(initialRows);
    }

    public synchronized long rows() {
        return rows;
    }

    public synchronized void observe(long chunkRows, long millis) {
        if (chunkRows < Math.min(rows / 4, 100)) {
            return; // a tail chunk says little about speed
        }
        double rate = chunkRows / (double) Math.max(1, millis);
        boolean first = rowsPerMilli < 0;
        rowsPerMilli = first ? rate : 0.3 * rate + 0.7 * rowsPerMilli;
        long wanted = (long) (rowsPerMilli * targetMillis);
        rows = clamp(Math.max(rows / 2, Math.min(rows * (first ? 16 : 4), wanted)));
    }

    private long clamp(long n) {
        return Math.max(min, Math.min(max, n));
    }
}
