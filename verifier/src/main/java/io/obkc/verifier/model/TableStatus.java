package io.obkc.verifier.model;

/** Outcome of one table. */
public enum TableStatus {
    CONSISTENT, INCONSISTENT, SCHEMA_DIFFERENCE, MISSING_IN_TARGET, ERROR;

    public boolean consistent() {
        return this == CONSISTENT;
    }
}
