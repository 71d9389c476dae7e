package io.obkc.schema.convert;

/**
 * An object not created during schema migration, recorded in the state file for a later step.
 *
 * @param type {@code FOREIGN_KEY}, {@code CHECK} or {@code INDEX}
 * @param phase {@code after-full-load} (indexes) or {@code switchover} (foreign keys, checks)
 * @param ddl the statement that creates it on the target
 */
public record DeferredObject(String type, String database, String table, String name, String phase, String ddl) {
    public static final String AFTER_FULL_LOAD = "after-full-load";
    public static final String SWITCHOVER = "switchover";
}
