package io.obkc.sink.event;

/** What a change event asks the sink to do with its table. */
public enum ChangeOperation {
    /** Insert or update to the given after image (Debezium op c, r, u, or a flat record). */
    UPSERT,
    /** Delete by key, or by before image for tables without a key (op d, or a tombstone). */
    DELETE,
    /** TRUNCATE TABLE (op t). */
    TRUNCATE
}
