package io.obkc.verifier.model;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Result of verifying one table; filled in concurrently by chunk workers, hence synchronized. */
public final class TableResult {
    public String source;
    public String target;
    public TableStatus status = TableStatus.CONSISTENT;
    public String keyKind;
    public long sourceRows;
    public long targetRows;
    public long chunks;
    public long chunksDiffering;
    public long missingInTarget;
    public long extraInTarget;
    public long differentRows;
    public long skippedRecent;
    public long elapsedMillis;
    public List<String> schemaDifferences = new ArrayList<>();
    public String error;
    /** True when more differences were found than kept (see --max-differences). */
    public boolean differencesTruncated;
    @JsonIgnore
    public final List<Difference> differences = new ArrayList<>();

    public TableResult() {
    }

    public TableResult(String source, String target) {
        this.source = source;
        this.target = target;
    }

    public synchronized void addChunk(long srcRows, long tgtRows, boolean differing) {
        chunks++;
        sourceRows += srcRows;
        targetRows += tgtRows;
        if (differing) {
            chunksDiffering++;
        }
    }

    public synchronized void addDifference(Difference d, int max) {
        switch (d.kind()) {
            case MISSING_IN_TARGET -> missingInTarget++;
            case EXTRA_IN_TARGET -> extraInTarget++;
            case DIFFERENT_COLUMNS -> differentRows++;
        }
        if (differences.size() < max) {
            differences.add(d);
        } else {
            differencesTruncated = true;
        }
    }

    public synchronized void addSkippedRecent() {
        skippedRecent++;
    }

    /** Replaces the differences (after a re-check round), recounting the kinds. */
    public synchronized void replaceDifferences(List<Difference> ds) {
        differences.clear();
        missingInTarget = 0;
        extraInTarget = 0;
        differentRows = 0;
        for (Difference d : ds) {
            addDifference(d, Integer.MAX_VALUE);
        }
    }

    public synchronized List<Difference> differencesSnapshot() {
        return List.copyOf(differences);
    }

    public synchronized long mismatches() {
        return missingInTarget + extraInTarget + differentRows;
    }

    /** Sets the final status from what was found, unless an error or missing table was already recorded. */
    public synchronized void settle() {
        if (status == TableStatus.ERROR || status == TableStatus.MISSING_IN_TARGET) {
            return;
        }
        if (!schemaDifferences.isEmpty()) {
            status = TableStatus.SCHEMA_DIFFERENCE;
        } else if (mismatches() == 0 && sourceRows != targetRows && skippedRecent == 0) {
            // Never CONSISTENT with differing counts: if no differing row explains them, say so.
            status = TableStatus.INCONSISTENT;
            if (error == null) {
                error = "row counts differ (source " + sourceRows + ", target " + targetRows
                        + ") but no differing row was identified; verify the table again";
            }
        } else {
            status = mismatches() == 0 ? TableStatus.CONSISTENT : TableStatus.INCONSISTENT;
        }
    }
}
