package io.obkc.bulkload.core;

import java.util.List;

/** What a bulk load did: rows written per table, rows refused or failed (with key, column and reason), time. */
public record LoadReport(List<TableOutcome> tables, List<String> failures, long failedRows, String fatal, long elapsedMillis) {
    public record TableOutcome(String source, String target, long rows, long chunks) {
    }

    public long rows() {
        return tables.stream().mapToLong(TableOutcome::rows).sum();
    }

    public boolean ok() {
        return failedRows == 0 && fatal == null;
    }
}
