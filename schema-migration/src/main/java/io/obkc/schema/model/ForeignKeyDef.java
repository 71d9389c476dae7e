package io.obkc.schema.model;

import java.util.List;

/** A foreign key; {@code onDelete}/{@code onUpdate} are SQL actions ({@code CASCADE}, {@code SET NULL}, ...). */
public record ForeignKeyDef(String name, List<String> columns, String refDatabase, String refTable, List<String> refColumns,
        String onDelete, String onUpdate) {
    public ForeignKeyDef {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }
}
