package io.obkc.verifier.core;

import java.util.List;

import io.obkc.verifier.model.TableInfo;

/**
 * What is compared for one table: the columns present on both sides (source order) and the key columns
 * (a prefix-free subset of {@code columns}); an empty key means a keyless multiset comparison.
 */
public record TablePlan(TableInfo source, TableInfo target, List<ColumnPair> columns, List<ColumnPair> key,
        int updatedColumnIndex) {

    public boolean keyed() {
        return !key.isEmpty();
    }

    public int indexOf(ColumnPair p) {
        return columns.indexOf(p);
    }
}
