package io.obkc.sink;

import java.util.List;

import io.obkc.sink.ddl.SchemaChange;
import io.obkc.sink.event.ChangeEvent;

/** What the writer does for one put(), in order: row-change batches, each one transaction, and schema changes between them. */
sealed interface TaskStep {
    /** Row changes written and committed together. */
    record Rows(List<ChangeEvent> events) implements TaskStep {
    }

    /** A schema change; it commits implicitly, so it never shares a transaction with rows. */
    record ApplySchemaChange(SchemaChange change) implements TaskStep {
    }
}
