package io.obkc.converters.format;

import org.apache.kafka.connect.errors.DataException;

import io.obkc.converters.event.ChangeEvent;
import io.obkc.converters.event.SourceInfo;

/**
 * OMS's {@code allMetaData.storeDataSequence}, which OMS consumers use as a checkpoint: they drop every record at
 * or below the last one they processed. It must therefore grow strictly along the log, also across task restarts
 * (when Connect replays from the last committed source offset). A counter in the converter cannot do that; the
 * source log position can, because it is what the source connector itself resumes from:
 * <ul>
 *   <li>MySQL/MariaDB binlog: {@code fileIndex << 44 | position << 12 | row}: 19 bits of file index (524,287
 *       files), 32 bits of position (binlog files stay below 4 GiB), 12 bits of row within the event (a rows event
 *       is cut at binlog_row_event_max_size, 8 KiB by default, and every row takes at least two bytes);</li>
 *   <li>PostgreSQL: the LSN, a 64-bit log position.</li>
 *   <li>OBKC's OceanBase source in changelog mode (no binlog file, {@code source.scn} set): {@code scnMicros << 12 | i},
 *       the commit version in microseconds (about 2^51 today) and i, the event's place in its transaction
 *       ({@code transaction.total_order} - 1, from provide.transaction.metadata=true; 0 without it). Restart-safe,
 *       because both come from the event. When that would not grow (a transaction of more than 4,096 events, two
 *       transactions committed within one microsecond, or no transaction metadata) the value is the previous one
 *       plus 1, with a WARN: still increasing, but a replay after a restart may then number those events lower
 *       than before, and an OMS consumer would drop them as already seen.</li>
 * </ul>
 * A position outside these ranges is refused (a DataException naming it) rather than wrapped. Records without a
 * log position (flat records, sources without one) fall back to OMS's own layout, {@code {seconds}{5-digit
 * counter}}, made non-decreasing within the task; that fallback is not restart-safe, which docs/formats.md says.
 */
final class StoreDataSequence {

    private static final long MAX_FILE_INDEX = (1L << 19) - 1;
    private static final long MAX_POSITION = (1L << 32) - 1;
    private static final int MAX_ROW = (1 << 12) - 1;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StoreDataSequence.class);
    private long lastFallback = Long.MIN_VALUE;
    private long lastScnSequence = Long.MIN_VALUE;
    private boolean warnedScnBump;

    /** The sequence of an incremental record. */
    long next(ChangeEvent e) {
        SourceInfo s = e.source();
        if ((s.binlogFile() == null || s.binlogFile().isEmpty()) && s.scn() != null) {
            return fromScn(s.scn(), s.transactionOrder());
        }
        if (s.binlogFile() != null && s.binlogPosition() != null) {
            return fromBinlog(s.binlogFile(), s.binlogPosition(), s.binlogRow() == null ? 0 : s.binlogRow());
        }
        if (s.lsn() != null) {
            return s.lsn();
        }
        long candidate = Math.floorDiv(e.bestTimestampMs(), 1000L) * 100_000L;
        lastFallback = Math.max(candidate, lastFallback == Long.MIN_VALUE ? candidate : lastFallback + 1);
        return lastFallback;
    }

    long fromScn(long scn, Long totalOrder) {
        long index = totalOrder == null ? 0 : totalOrder - 1;
        long candidate = index >= 0 && index <= MAX_ROW ? Math.floorDiv(scn, 1000L) << 12 | index : Long.MIN_VALUE;
        if (candidate <= lastScnSequence) {
            if (!warnedScnBump) {
                warnedScnBump = true;
                LOG.warn("storeDataSequence for the OceanBase change at SCN {} (transaction order {}) continues from the previous value: a "
                        + "transaction of more than 4,096 events, two commits within one microsecond, or events without transaction metadata "
                        + "(set provide.transaction.metadata=true on the source). Such values are not restart-safe (docs/formats.md).", scn, totalOrder);
            }
            candidate = lastScnSequence + 1;
        }
        lastScnSequence = candidate;
        return candidate;
    }

    static long fromBinlog(String file, long position, int row) {
        int dot = file.lastIndexOf('.');
        long index;
        try {
            index = Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException ex) {
            throw new DataException("Binlog file name '" + file + "' has no numeric index; cannot derive "
                    + "storeDataSequence from it", ex);
        }
        if (index > MAX_FILE_INDEX || position < 0 || position > MAX_POSITION || row < 0 || row > MAX_ROW) {
            throw new DataException("Binlog position " + file + ":" + position + " row " + row + " is beyond the "
                    + "range storeDataSequence encodes (file index " + MAX_FILE_INDEX + ", position " + MAX_POSITION
                    + ", row " + MAX_ROW + "); disable store.data.sequence.enable or rotate the source's binlog index");
        }
        return index << 44 | position << 12 | row;
    }
}
