package io.obkc.schema.convert;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.obkc.schema.model.IndexDef;
import io.obkc.schema.model.TableDef;

/** What a {@link TypeMapper} may need while mapping the columns of one table; collects warnings. */
public final class MappingContext {
    private final TableDef table;
    private final TargetCapabilities target;
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> indexedColumns = new HashSet<>();

    public MappingContext(TableDef table, TargetCapabilities target) {
        this.table = table;
        this.target = target;
        for (IndexDef i : table.indexes) {
            i.parts().stream().filter(p -> p.column() != null).forEach(p -> indexedColumns.add(p.column()));
        }
    }

    public TableDef table() {
        return table;
    }

    public TargetCapabilities target() {
        return target;
    }

    public boolean isIndexed(String column) {
        return indexedColumns.contains(column);
    }

    public void warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    public List<String> warnings() {
        return warnings;
    }
}
