package io.obkc.verifier.core;

import java.nio.file.Path;

/** Tuning and behaviour of a verification run (the CLI maps its options onto these fields). */
public final class VerifyOptions {
    /** Connections (and query threads) per database. */
    public int connectionsPerSide = 2;
    /** Tables verified at the same time. */
    public int tableParallelism = 2;
    /** Target duration of one chunk checksum query; the chunk size adapts towards it. */
    public long chunkTargetMillis = 500;
    public long initialChunkRows = 10_000;
    public long minChunkRows = 500;
    public long maxChunkRows = 2_000_000;
    /** Differing ranges with at most this many rows are fetched and compared row by row; larger ones are bisected. */
    public long rowFetchThreshold = 1_000;
    /**
     * Row hash of the chunk checksums: {@code auto} (CRC32 when both engines are MySQL-family, else MD5), {@code crc32}
     * or {@code md5} (60 bits, every engine; about twice the database CPU). See {@link io.obkc.verifier.dialect.RowHash}.
     */
    public String rowHash = "auto";
    /** Load guard: maximum queries per second per database (0 = unlimited). */
    public double maxQueriesPerSecond = 0;
    /** Load guard: pause after each chunk is scheduled, per table. */
    public long pauseBetweenChunksMillis = 0;
    /** Order and bound string keys bytewise on both sides (safe across collations); false = native collation. */
    public boolean binaryStringKeys = true;
    /** Online mode: keep re-checking differing rows for up to this long (0 = off). */
    public long recheckSeconds = 0;
    public long recheckIntervalMillis = 1_000;
    /** Online mode: name of an update-timestamp column; rows changed within {@link #skipRecentSeconds} are skipped. */
    public String updatedColumn;
    public long skipRecentSeconds = 0;
    /** Differences kept in memory and reports per table (all are counted). */
    public int maxDifferences = 100_000;
    /** Keyless tables larger than this are not compared row by row (their checksum still is). */
    public long maxKeylessRows = 2_000_000;
    /** Checkpoint file to write (null = none); with {@link #resume} it is read first. */
    public Path checkpointFile;
    public boolean resume;
    /** Hook called before each re-check round (tests use it to simulate replication catching up). */
    public RecheckListener recheckListener = (table, round) -> { };

    @FunctionalInterface
    public interface RecheckListener {
        void beforeRound(String table, int round) throws Exception;
    }
}
