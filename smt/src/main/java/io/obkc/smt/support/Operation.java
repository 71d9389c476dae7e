package io.obkc.smt.support;

import java.util.Locale;

/**
 * What a change record does, as the DML filter names it. Debezium's {@code op} codes map onto the
 * first five; DDL and tombstones are recognised from the record's shape, not from {@code op}.
 */
public enum Operation {
    INSERT("c"),
    UPDATE("u"),
    DELETE("d"),
    READ("r"),
    TRUNCATE("t"),
    DDL(null),
    TOMBSTONE(null);

    private final String debeziumCode;

    Operation(String debeziumCode) {
        this.debeziumCode = debeziumCode;
    }

    /** The operation of a Debezium {@code op} code, or null for codes we do not filter on (e.g. {@code m}). */
    public static Operation fromDebeziumCode(String code) {
        if (code == null) {
            return null;
        }
        for (Operation o : values()) {
            if (code.equals(o.debeziumCode)) {
                return o;
            }
        }
        return null;
    }

    /**
     * Parses a configured operation name. Accepts the long names (insert, update, delete, read,
     * truncate, ddl, tombstone), the Debezium codes (c, u, d, r, t) and the aliases create and snapshot.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Operation parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "insert": case "create": case "c":
                return INSERT;
            case "update": case "u":
                return UPDATE;
            case "delete": case "d":
                return DELETE;
            case "read": case "snapshot": case "r":
                return READ;
            case "truncate": case "t":
                return TRUNCATE;
            case "ddl":
                return DDL;
            case "tombstone":
                return TOMBSTONE;
            default:
                throw new IllegalArgumentException("Unknown operation '" + text.trim()
                        + "'; use insert (c), update (u), delete (d), read (r, snapshot), truncate (t), ddl or tombstone");
        }
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
