package io.obkc.schema.convert;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The outcome of converting a source schema: one report per object, in creation order. */
public final class ConversionResult {
    public final String sourceEngine;
    public final String sourceVersion;
    public final String targetVersion;
    /** Target databases to create (in order). */
    public final Set<String> databases = new LinkedHashSet<>();
    public final List<ObjectReport> tables = new ArrayList<>();
    public final List<ObjectReport> views = new ArrayList<>();
    public final List<ObjectReport> others = new ArrayList<>();

    public ConversionResult(String sourceEngine, String sourceVersion, String targetVersion) {
        this.sourceEngine = sourceEngine;
        this.sourceVersion = sourceVersion;
        this.targetVersion = targetVersion;
    }

    public List<ObjectReport> all() {
        List<ObjectReport> out = new ArrayList<>(tables);
        out.addAll(views);
        out.addAll(others);
        return out;
    }

    public ObjectReport table(String source) {
        return tables.stream().filter(r -> r.source.equals(source)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + source + " in the result"));
    }

    public boolean anyFailed() {
        return all().stream().anyMatch(ObjectReport::failed);
    }
}
