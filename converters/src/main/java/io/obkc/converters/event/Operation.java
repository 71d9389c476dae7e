package io.obkc.converters.event;

/**
 * What a change event does. Mirrors Debezium's {@code op} codes, plus the two record kinds Debezium sends
 * on their own topics (schema changes and heartbeats), because every OMS format has a shape for them too.
 */
public enum Operation {
    /** Debezium {@code c}: a row inserted while streaming. */
    CREATE("c"),
    /** Debezium {@code r}: a row read by the snapshot (OMS calls this full migration). */
    READ("r"),
    UPDATE("u"),
    DELETE("d"),
    /** Debezium {@code t}: the table was truncated; there are no row images. */
    TRUNCATE("t"),
    /** A schema-change record ({@code ...SchemaChangeValue}). */
    DDL(null),
    /** A heartbeat record; carries only a timestamp. */
    HEARTBEAT(null);

    private final String debeziumCode;

    Operation(String debeziumCode) {
        this.debeziumCode = debeziumCode;
    }

    /** The {@code op} value Debezium uses, or null for records that are not data events. */
    public String debeziumCode() {
        return debeziumCode;
    }

    public boolean isRowChange() {
        return this == CREATE || this == READ || this == UPDATE || this == DELETE;
    }

    public static Operation fromDebeziumCode(String code) {
        if (code != null) {
            for (Operation op : values()) {
                if (code.equals(op.debeziumCode)) {
                    return op;
                }
            }
        }
        throw new IllegalArgumentException("Unknown Debezium op code: " + code);
    }
}
