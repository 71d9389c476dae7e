package io.obkc.sink.write;

import java.util.ArrayDeque;
import java.util.Locale;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * How many records a task may send to the dead letter queue before it fails: a dead letter queue is not a
 * success, and a pipeline that dead-letters everything must not look healthy. Two limits, each off when
 * negative: the count since the task started ({@code dlq.max.records}), and the share of dead-lettered records
 * among the last {@code dlq.ratio.window} records the task was given ({@code dlq.max.ratio}), judged once at
 * least {@link #MIN_RECORDS_FOR_RATIO} records (or the whole window, if smaller) were seen. Shared by the task
 * thread and the writer thread.
 */
public final class DeadLetterBudget {
    static final int MIN_RECORDS_FOR_RATIO = 100;

    private final long maxRecords;
    private final double maxRatio;
    private final int window;
    private long seen;
    private long total;
    /** The value of {@link #seen} when each dead letter of the current window was charged, oldest first. */
    private final ArrayDeque<Long> recent = new ArrayDeque<>();

    /**
     * @param maxRecords most dead letters since the task started; negative: no limit
     * @param maxRatio   largest share of dead letters in the window; negative: no limit
     * @param window     records the share is measured over
     */
    public DeadLetterBudget(long maxRecords, double maxRatio, int window) {
        this.maxRecords = maxRecords;
        this.maxRatio = maxRatio;
        this.window = Math.max(1, window);
    }

    /** Counts records the task was given (row data, or records it could not read). */
    public synchronized void recordsSeen(int n) {
        seen += n;
    }

    /**
     * Charges one dead letter, or throws when it would exceed a limit; the record is then not sent and its
     * offset not committed, so it comes again once the task is fixed and restarted.
     */
    public synchronized void charge() {
        long count = total + 1;
        if (maxRecords >= 0 && count > maxRecords) {
            throw new ConnectException("The task would send its record number " + count + " to the dead letter queue, more than "
                    + "dlq.max.records=" + maxRecords + " since it started. A dead letter queue is not a success: read the reasons in the "
                    + "dead-lettered records' __connect.errors.exception.message header and fix the cause, then restart the task. To accept "
                    + "more, raise dlq.max.records (-1 removes the limit).");
        }
        long windowStart = seen - window;
        while (!recent.isEmpty() && recent.peekFirst() <= windowStart) {
            recent.pollFirst();
        }
        long inWindow = Math.min(seen, window);
        long dead = recent.size() + 1L;
        if (maxRatio >= 0 && inWindow >= Math.min(window, MIN_RECORDS_FOR_RATIO) && dead > maxRatio * inWindow) {
            throw new ConnectException(String.format(Locale.ROOT, "The task would send %d of the last %d records it was given to the dead "
                    + "letter queue, more than dlq.max.ratio=%s of them (dlq.ratio.window=%d). A dead letter queue is not a success: read the "
                    + "reasons in the dead-lettered records' __connect.errors.exception.message header and fix the cause, then restart the "
                    + "task. To accept more, raise dlq.max.ratio (-1 removes the limit).", dead, inWindow, maxRatio, window));
        }
        total = count;
        recent.addLast(seen);
    }

    public synchronized long total() {
        return total;
    }
}
