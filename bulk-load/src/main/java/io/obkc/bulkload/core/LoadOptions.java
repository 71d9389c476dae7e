package io.obkc.bulkload.core;

/** Tuning of a bulk load. */
public final class LoadOptions {
    /** Copy threads: each reads chunks from the source and writes them to the target with its own two connections. */
    public int threads = 4;
    /** Rows per primary key range read in one query. */
    public int chunkRows = 20_000;
    /** Rows per multi-row INSERT statement (capped so a statement binds at most 65,535 values). */
    public int batchRows = 500;
    /** Rows refused or failed before the load stops (all are counted until then). */
    public int maxFailures = 100;
}
