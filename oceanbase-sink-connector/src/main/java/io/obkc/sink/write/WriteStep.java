package io.obkc.sink.write;

import java.util.List;

import io.obkc.sink.event.ChangeEvent;
import io.obkc.sink.table.TableDefinition;

/** One SQL action of a flush, on one table. Steps run in order; each keeps its events' order. */
public sealed interface WriteStep {
    TableDefinition table();

    List<ChangeEvent> events();

    /** INSERT (or upsert) of the after images; all events have the same column set. */
    record InsertRows(TableDefinition table, List<String> fields, boolean upsert, List<ChangeEvent> events) implements WriteStep {
    }

    /**
     * UPDATE of the given columns by primary key, one row per event; a row the key does not find is refused. For rows
     * whose other columns must stay as the target has them (unchanged TOASTed values).
     */
    record UpdateColumns(TableDefinition table, List<String> fields, List<ChangeEvent> events) implements WriteStep {
    }

    /** DELETE by primary key of every event's key. */
    record DeleteByKey(TableDefinition table, List<ChangeEvent> events) implements WriteStep {
    }

    /** DELETE of one row equal to the before image in every column: the path for tables without a key. */
    record DeleteByImage(TableDefinition table, List<ChangeEvent> events) implements WriteStep {
    }

    /** TRUNCATE TABLE. It commits implicitly, so the executor commits the work before it first. */
    record Truncate(TableDefinition table, List<ChangeEvent> events) implements WriteStep {
    }
}
