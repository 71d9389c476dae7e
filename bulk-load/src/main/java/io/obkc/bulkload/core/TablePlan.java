package io.obkc.bulkload.core;

import java.util.List;

import io.obkc.common.rules.ObjectName;

/**
 * One table to copy: the columns (generated columns left out: the target computes them) and the primary key, in key
 * order, each a member of {@code columns}.
 */
public record TablePlan(SourceKind kind, ObjectName source, ObjectName target, List<Column> columns, List<Column> key,
        long estimatedRows) {
}
