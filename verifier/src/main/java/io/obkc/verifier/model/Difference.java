package io.obkc.verifier.model;

import java.util.List;
import java.util.Map;

/**
 * One differing row.
 *
 * @param key            the row key (for keyless tables: the full canonical row)
 * @param columns        names of the differing columns (DIFFERENT_COLUMNS only)
 * @param sourceValues   canonical texts of the differing columns on the source (null entries are SQL NULL)
 * @param targetValues   same on the target
 * @param sourceRow      the whole source row (column name to value), used for correction SQL; null when absent
 */
public record Difference(DiffKind kind, Key key, List<String> columns, List<String> sourceValues,
        List<String> targetValues, Map<String, RowValue> sourceRow, Map<String, RowValue> targetRow) {
}
