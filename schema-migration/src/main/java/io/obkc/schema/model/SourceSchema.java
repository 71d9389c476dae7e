package io.obkc.schema.model;

import java.util.ArrayList;
import java.util.List;

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

    public SourceSchema(Engine engine, String serverVersion) {
        this.engine = engine;
        this.serverVersion = serverVersion;
    }
}
