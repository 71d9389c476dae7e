package io.obkc.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.sink.ddl.DdlConverter;
import io.obkc.sink.ddl.DdlParser;
import io.obkc.sink.ddl.SchemaChange;
import io.obkc.sink.event.BinlogPosition;
import io.obkc.sink.event.SourceBlock;
import io.obkc.sink.table.TableId;

/**
 * Records fetched but not yet written, held so that schema changes and row changes of a table are applied in the
 * source's order although they arrive on different topics (see docs/ddl-sync.md, "Ordering"). Two reasons to hold:
 * a schema change waits for the table's row changes logged before it; a row change whose columns changed waits for
 * the schema change that made them. Either waits at most ddl.ordering.wait.ms, and at most 10 x batch.size records
 * are held.
 */
final class WriteHold {
    private static final Logger LOG = LoggerFactory.getLogger(WriteHold.class);

    /** Null when DDL sync is off: nothing is ever held. */
    private final DdlConverter ddlConverter;
    private final long waitMs;
    private final int maxHeld;

    /** Held records in source order. */
    private final List<TaskRecord> held = new ArrayList<>();
    private long heldSince;
    /** Highest binlog position of a row change seen per target table: proves its earlier rows have arrived. */
    private final Map<TableId, BinlogPosition> lastRowPosition = new HashMap<>();
    /** Per target table, the shape of its last row change since the last schema change. */
    private final Map<TableId, RowShape> rowShapes = new HashMap<>();

    /** The task thread's reader of source blocks (binlog positions). */
    private final SourceBlock sourceBlock;

    WriteHold(DdlConverter ddlConverter, long waitMs, int maxHeld, SourceBlock sourceBlock) {
        this.ddlConverter = ddlConverter;
        this.sourceBlock = sourceBlock;
        this.waitMs = waitMs;
        this.maxHeld = maxHeld;
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /** Takes the held records out, to go first in the next put(). */
    List<TaskRecord> release() {
        List<TaskRecord> out = new ArrayList<>(held);
        held.clear();
        return out;
    }

    void hold(List<TaskRecord> records) {
        held.addAll(records);
    }

    /** Remembers the newest binlog position of each table's row changes among these records. */
    void notePositions(List<TaskRecord> records) {
        if (ddlConverter == null) {
            // Only mustHoldSchemaChange reads them, and without DDL sync it holds nothing.
            return;
        }
        // The newest position per run of one table's records, merged once per run: the same maxima as merging every record.
        TableId runTable = null;
        BinlogPosition runMax = null;
        for (TaskRecord r : records) {
            BinlogPosition p = r.event() != null ? sourceBlock.binlogPosition(r.record().value()) : null;
            if (p == null) {
                continue;
            }
            TableId t = r.event().table();
            if (runTable != null && !runTable.equals(t)) {
                mergePosition(runTable, runMax);
                runMax = null;
            }
            runTable = t;
            runMax = runMax == null || p.compareTo(runMax) > 0 ? p : runMax;
        }
        if (runTable != null) {
            mergePosition(runTable, runMax);
        }
    }

    private void mergePosition(TableId table, BinlogPosition p) {
        lastRowPosition.merge(table, p, (x, y) -> x.compareTo(y) >= 0 ? x : y);
    }

    /** A schema change is being applied: the hold timer restarts, and row shapes seen before it say nothing about rows after it. */
    void schemaChangeApplied() {
        heldSince = 0;
        rowShapes.clear();
    }

    /**
     * The task gives up these partitions: their held records are dropped (their offsets were never committed, so
     * the partitions' next owner reads them again). Held records of partitions the task keeps stay held, in order:
     * rewinding them instead would take effect only at the next poll, after newer records had been written.
     */
    void dropPartitions(Collection<TopicPartition> closed) {
        Set<TopicPartition> gone = new HashSet<>(closed);
        held.removeIf(r -> gone.contains(r.partition()));
        if (held.isEmpty()) {
            heldSince = 0;
        }
    }

    /**
     * True when a schema change should wait for row changes of its table that the source logged before it but that
     * have not arrived yet: no row of the table logged after the DDL has been seen, and neither the wait time has
     * passed nor too many records are held.
     */
    boolean mustHoldSchemaChange(SchemaChange ddl, int wouldHold) {
        if (ddlConverter == null || ddl.snapshot() || ddl.position() == null || waitMs <= 0) {
            return false;
        }
        TableId table;
        try {
            table = ddlConverter.tableToWaitFor(ddl, DdlParser.parse(ddl.ddl()));
        } catch (DataException e) {
            return false;
        }
        if (table == null) {
            return false;
        }
        BinlogPosition seen = lastRowPosition.get(table);
        if (seen != null && seen.compareTo(ddl.position()) > 0) {
            return false;
        }
        if (holdExpired(wouldHold)) {
            return false;
        }
        LOG.debug("Holding schema change for {} until its earlier row changes arrive: {}", table, ddl.describe());
        return true;
    }

    /** The columns a table's row changes last carried: a new set means the source changed the table. */
    private record RowShape(Schema schema, Set<String> columns) {
        static RowShape of(Schema schema) {
            Set<String> names = new HashSet<>();
            schema.fields().forEach(f -> names.add(f.name()));
            return new RowShape(schema, names);
        }
    }

    /**
     * True when a row change carries other columns than the table's earlier rows, and no schema change has arrived
     * since: the ALTER that made them is on the schema change topic and may not have been fetched yet. Applying the
     * row first would let auto.evolve add a renamed column, and the ALTER would then fail (or, for a CHANGE COLUMN,
     * leave the data split over two columns). So the row, and the records after it, wait for the schema change, at
     * most the wait time. Only for sources with binlog positions, with DDL sync on.
     */
    boolean mustHoldRowChange(TaskRecord record, int wouldHold) {
        Schema schema = record.event().rowSchema();
        if (ddlConverter == null || waitMs <= 0 || schema == null) {
            return false;
        }
        TableId table = record.event().table();
        RowShape known = rowShapes.get(table);
        // The common case, a row of the schema instance seen before, costs one map lookup and no source parsing.
        if (known != null && known.schema() == schema) {
            return false;
        }
        RowShape shape = RowShape.of(schema);
        if (known == null || known.columns().equals(shape.columns()) || record.position(sourceBlock) == null) {
            rowShapes.put(table, shape);
            return false;
        }
        if (holdExpired(wouldHold)) {
            LOG.info("Row changes of {} now carry columns {} (before: {}) and no schema change for it arrived within {} ms; writing them "
                    + "(auto.evolve adds missing columns)", table, shape.columns(), known.columns(), waitMs);
            heldSince = 0;
            rowShapes.put(table, shape);
            return false;
        }
        LOG.debug("Holding row changes of {} with new columns {} until the schema change that made them arrives", table, shape.columns());
        return true;
    }

    /** True when the records held since {@link #heldSince} (which this starts) have waited long enough, or would be too many. */
    private boolean holdExpired(int wouldHold) {
        long now = System.currentTimeMillis();
        if (heldSince == 0) {
            heldSince = now;
        }
        return now - heldSince >= waitMs || wouldHold > maxHeld;
    }
}
