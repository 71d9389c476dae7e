package io.obkc.verifier.core;

import java.util.List;

import io.obkc.verifier.model.TableResult;

/** Everything a run found, plus its cost. */
public record VerifyReport(List<Outcome> tables, long elapsedMillis, long sourceQueries, long targetQueries,
        long sourceResultBytes, long targetResultBytes, long sourceServerBytes, long targetServerBytes) {

    /** One table's result and the plan it was compared with (null when the table could not be planned). */
    public record Outcome(TableResult result, TablePlan plan) {
    }

    public boolean consistent() {
        return tables.stream().allMatch(o -> o.result().status.consistent());
    }

    public boolean anyError() {
        return tables.stream().anyMatch(o -> o.result().status == io.obkc.verifier.model.TableStatus.ERROR);
    }

    public long rowsCompared() {
        return tables.stream().mapToLong(o -> o.result().sourceRows).sum();
    }
}
