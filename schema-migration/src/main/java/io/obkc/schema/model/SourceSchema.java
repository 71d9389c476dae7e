package io.obkc.schema.model;

import java.util.ArrayList;
import java.util.List;

import io.obkc.common.rules.ObjectName;

/** Everything a reader found for the selected objects. */
public final class SourceSchema {
    public enum Engine {
        MYSQL, POSTGRESQL
    }

    public final Engine engine;
    public final String serverVersion;
    public final List<TableDef> tables = new ArrayList<>();
    public final List<ViewDef> views = new ArrayList<>();
    public final List<OtherObject> others = new ArrayList<>();
    /** PostgreSQL: the columns (names, types) of the selected views, so that views on views know their types. */
    public final List<TableDef> viewColumns = new ArrayList<>();
    /** PostgreSQL: selected partitions whose root table is selected too; their rows belong to the root. */
    public final List<ObjectName> foldedPartitions = new ArrayList<>();

    public SourceSchema(Engine engine, String serverVersion) {
        this.engine = engine;
        this.serverVersion = serverVersion;
    }
}
