package io.obkc.verifier.core;

import io.obkc.verifier.model.TableResult;

/** Receives progress events; must be thread-safe. */
public interface Progress {
    Progress NONE = new Progress() {
    };

    default void start(int tables, long estimatedRows) {
    }

    default void tableStarted(String table) {
    }

    default void rows(long n) {
    }

    default void tableDone(TableResult result) {
    }

    default void finish() {
    }
}
