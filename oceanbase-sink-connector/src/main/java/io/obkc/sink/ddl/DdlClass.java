package io.obkc.sink.ddl;

import java.util.Locale;

/**
 * The statement classes DDL synchronization tells apart; each has its own policy,
 * {@code ddl.<class>.policy} (for example {@code ddl.add.column.policy}).
 */
public enum DdlClass {
    CREATE_TABLE("apply"),
    DROP_TABLE("apply"),
    RENAME_TABLE("apply"),
    TRUNCATE_TABLE("apply"),
    ADD_COLUMN("apply"),
    DROP_COLUMN("apply"),
    MODIFY_COLUMN("apply"),
    CHANGE_COLUMN("apply"),
    ADD_INDEX("apply"),
    DROP_INDEX("apply"),
    /** Everything else: table options, partitions, foreign keys, checks, views, databases, routines... never applied. */
    OTHER("skip");

    private final String defaultPolicy;

    DdlClass(String defaultPolicy) {
        this.defaultPolicy = defaultPolicy;
    }

    public String defaultPolicy() {
        return defaultPolicy;
    }

    /** "add.column" */
    public String keyPart() {
        return name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** "ddl.add.column.policy" */
    public String policyKey() {
        return "ddl." + keyPart() + ".policy";
    }
}
