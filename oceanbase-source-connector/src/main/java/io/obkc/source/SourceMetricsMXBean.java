package io.obkc.source;

import java.util.Map;

/** JMX view of a source task: {@code io.obkc.source:type=source-task,server=<topic.prefix>}. */
public interface SourceMetricsMXBean {
    /** Change and snapshot rows emitted since the task started. */
    long getRowsCaptured();

    long getSnapshotRowsCaptured();

    /** Rows read so far per table in the running or last snapshot. */
    Map<String, Long> getSnapshotRowsPerTable();

    /** Tables whose snapshot is complete, of {@link #getSnapshotTablesTotal()}. */
    int getSnapshotTablesCompleted();

    int getSnapshotTablesTotal();

    boolean isSnapshotRunning();

    /** Change-log rows of an earlier table structure whose missing columns were read AS OF SNAPSHOT (changelog mode). */
    long getImagesCompletedFromFlashback();

    /** Now minus the commit time of the last change emitted; -1 before the first change. */
    long getMilliSecondsBehindSource();
}
