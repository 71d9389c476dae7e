package io.obkc.verifier.dialect;

import java.util.List;
import java.util.Map;

import io.obkc.common.rules.ObjectName;
import io.obkc.verifier.model.ColumnInfo;
import io.obkc.verifier.model.TableInfo;

/** Picks the chunking key: the primary key, else the first unique key whose columns are all NOT NULL. */
final class KeyChooser {
    private KeyChooser() {
    }

    static TableInfo build(ObjectName name, List<ColumnInfo> columns, Map<String, List<String>> uniqueIndexes,
            String primaryName, long rows) {
        List<String> pk = uniqueIndexes.get(primaryName);
        if (pk != null) {
            return new TableInfo(name, columns, List.copyOf(pk), "PRIMARY KEY", rows);
        }
        for (Map.Entry<String, List<String>> e : uniqueIndexes.entrySet()) {
            boolean allNotNull = e.getValue().stream().allMatch(col -> columns.stream()
                    .anyMatch(c -> c.name().equals(col) && !c.nullable()));
            if (allNotNull) {
                return new TableInfo(name, columns, List.copyOf(e.getValue()), "UNIQUE KEY " + e.getKey(), rows);
            }
        }
        return new TableInfo(name, columns, List.of(), "none", rows);
    }
}
