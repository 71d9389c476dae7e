package io.obkc.sink.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;

import io.obkc.sink.OceanBaseSinkConnectorConfig.NoPrimaryKeyPolicy;
import io.obkc.sink.event.ChangeEvent;
import io.obkc.sink.event.ChangeOperation;
import io.obkc.sink.table.TableDefinition;
import io.obkc.sink.table.TableId;

/**
 * Turns a flush's change events into SQL steps. Per table, events keep their order: consecutive
 * events of one kind form one run (one multi-row statement family), and a change of kind starts a
 * new run. Multi-row INSERT ... ON DUPLICATE KEY UPDATE applies its rows in order, so a key that
 * repeats inside a run ends at its last image, and a delete followed by a re-insert of the same key
 * comes out right. Nothing is reordered across kinds, so this holds whatever the key collation.
 */
public final class WritePlanner {
    private final boolean upsert;
    private final boolean deleteEnabled;
    private final boolean truncateEnabled;
    private final NoPrimaryKeyPolicy noKeyPolicy;
    private final UnavailableValues unavailable;

    public WritePlanner(boolean upsert, boolean deleteEnabled, boolean truncateEnabled, NoPrimaryKeyPolicy noKeyPolicy) {
        this(upsert, deleteEnabled, truncateEnabled, noKeyPolicy, UnavailableValues.of(null));
    }

    public WritePlanner(boolean upsert, boolean deleteEnabled, boolean truncateEnabled, NoPrimaryKeyPolicy noKeyPolicy,
            UnavailableValues unavailable) {
        this.upsert = upsert;
        this.deleteEnabled = deleteEnabled;
        this.truncateEnabled = truncateEnabled;
        this.noKeyPolicy = noKeyPolicy;
        this.unavailable = unavailable;
    }

    /** What the planner left out on purpose (disabled deletes or truncates), for metrics and logs. */
    public record Plan(List<WriteStep> steps, List<ChangeEvent> skipped) {
    }

    /**
     * @param definitions target table definitions; an event whose table has none (a delete on a missing table)
     *                    has nothing to change and is skipped.
     */
    public Plan plan(List<ChangeEvent> events, Map<TableId, TableDefinition> definitions) {
        Map<TableId, List<ChangeEvent>> byTable = new LinkedHashMap<>();
        TableId lastTable = null;
        List<ChangeEvent> lastList = null;
        for (ChangeEvent e : events) {
            if (e.table() != lastTable) {
                // One map lookup per run of a table's events, not per event.
                lastTable = e.table();
                lastList = byTable.computeIfAbsent(lastTable, t -> new ArrayList<>());
            }
            lastList.add(e);
        }
        List<WriteStep> steps = new ArrayList<>();
        List<ChangeEvent> skipped = new ArrayList<>();
        for (Map.Entry<TableId, List<ChangeEvent>> entry : byTable.entrySet()) {
            TableDefinition def = definitions.get(entry.getKey());
            if (def == null) {
                skipped.addAll(entry.getValue());
                continue;
            }
            planTable(def, entry.getValue(), steps, skipped);
        }
        return new Plan(steps, skipped);
    }

    private void planTable(TableDefinition def, List<ChangeEvent> events, List<WriteStep> steps, List<ChangeEvent> skipped) {
        boolean keyed = def.hasPrimaryKey();
        if (!keyed && noKeyPolicy == NoPrimaryKeyPolicy.FAIL) {
            throw new ConnectException("Target table " + def.id() + " has no primary key and no.primary.key.policy=fail; add a primary key "
                    + "or set no.primary.key.policy=match_all_columns");
        }
        RunBuilder run = new RunBuilder(def, steps);
        for (ChangeEvent e : events) {
            switch (e.operation()) {
                case UPSERT -> {
                    List<String> unchanged = unavailable.fieldsIn(e.after());
                    boolean keyChanged = keyed && keyChanged(def, e);
                    if (!unchanged.isEmpty()) {
                        if (!keyed || keyChanged) {
                            throw new DataException("Row change of " + e.describeOrigin() + " for table " + def.id() + " (key " + e.describeKey()
                                    + ") leaves column(s) " + unchanged + " unchanged (the source sent its unavailable-value placeholder: "
                                    + "PostgreSQL did not log their unchanged TOASTed values), but " + (keyed ? "its key changed" : "the table has no primary key")
                                    + ", so the sink cannot keep them. Set REPLICA IDENTITY FULL on the source table.");
                        }
                        // The target keeps those columns: UPDATE the others by key instead of an upsert that would write the placeholder.
                        run.add(RunKind.UPDATE, e, fieldNamesExcept(e, unchanged));
                        continue;
                    }
                    if (!keyed && e.before() != null) {
                        // An update of a keyless row: remove the old image, then insert the new one.
                        run.add(RunKind.DELETE_BY_IMAGE, e, null);
                    } else if (keyChanged) {
                        // The key changed (readers of Canal, Maxwell and OMS formats send that as one update): the old row goes, in
                        // the same transaction as the new one's upsert.
                        run.add(RunKind.DELETE_BY_KEY, new ChangeEvent(e.record(), e.table(), ChangeOperation.DELETE, null, e.before(), null,
                                e.before().schema()), null);
                    }
                    run.add(RunKind.INSERT, e, fieldNames(e));
                }
                case DELETE -> {
                    if (!deleteEnabled) {
                        skipped.add(e);
                    } else if (keyed) {
                        run.add(RunKind.DELETE_BY_KEY, e, null);
                    } else {
                        if (e.before() == null) {
                            throw new ConnectException("Delete for table " + def.id() + " (no primary key) from " + e.describeOrigin()
                                    + " has no before image to match; the source must log full row images (binlog_row_image=FULL, REPLICA IDENTITY FULL)");
                        }
                        run.add(RunKind.DELETE_BY_IMAGE, e, null);
                    }
                }
                case TRUNCATE -> {
                    if (!truncateEnabled) {
                        skipped.add(e);
                    } else {
                        run.add(RunKind.TRUNCATE, e, null);
                    }
                }
            }
        }
        run.close();
    }

    /** True when the update's before image has every key column and one of them differs from the after image. */
    static boolean keyChanged(TableDefinition def, ChangeEvent e) {
        if (e.before() == null) {
            return false;
        }
        for (String k : def.primaryKey()) {
            Field b = field(e.before(), k);
            Field a = field(e.after(), k);
            if (b == null || a == null) {
                return false;
            }
            if (!Objects.deepEquals(normalise(e.before().get(b)), normalise(e.after().get(a)))) {
                return true;
            }
        }
        return false;
    }

    private static Object normalise(Object v) {
        return v instanceof java.nio.ByteBuffer bb ? java.util.Arrays.copyOfRange(bb.array(), bb.arrayOffset() + bb.position(),
                bb.arrayOffset() + bb.limit()) : v;
    }

    private static Field field(org.apache.kafka.connect.data.Struct s, String column) {
        for (Field f : s.schema().fields()) {
            if (f.name().equalsIgnoreCase(column)) {
                return f;
            }
        }
        return null;
    }

    private List<String> fieldNamesExcept(ChangeEvent e, List<String> left) {
        List<String> names = new ArrayList<>(fieldNames(e));
        names.removeAll(left);
        return names;
    }

    /** The field names of a row schema, once per schema instance (rows of one table share it). */
    private record SchemaFields(org.apache.kafka.connect.data.Schema schema, List<String> names) {
    }

    private SchemaFields lastFields;

    /**
     * The after image's field names, in schema order (unmodifiable). The same list instance for every row of one
     * schema, so consecutive inserts compare their column sets by identity instead of name by name.
     */
    private List<String> fieldNames(ChangeEvent e) {
        org.apache.kafka.connect.data.Schema schema = e.after().schema();
        SchemaFields f = lastFields;
        if (f == null || f.schema() != schema) {
            List<String> names = new ArrayList<>(schema.fields().size());
            for (Field field : schema.fields()) {
                names.add(field.name());
            }
            f = new SchemaFields(schema, java.util.Collections.unmodifiableList(names));
            lastFields = f;
        }
        return f.names();
    }

    private enum RunKind { INSERT, UPDATE, DELETE_BY_KEY, DELETE_BY_IMAGE, TRUNCATE }

    /** Accumulates consecutive events of one kind (and, for inserts, one column set) into a step. */
    private final class RunBuilder {
        private final TableDefinition def;
        private final List<WriteStep> out;
        private RunKind kind;
        private List<String> fields;
        private List<ChangeEvent> events = new ArrayList<>();

        RunBuilder(TableDefinition def, List<WriteStep> out) {
            this.def = def;
            this.out = out;
        }

        void add(RunKind k, ChangeEvent e, List<String> f) {
            // Keyless deletes match one row each; they never share a statement. Truncates never merge either.
            boolean sameRun = k == kind && k != RunKind.TRUNCATE && (f == null || f.equals(fields));
            if (!sameRun) {
                close();
                kind = k;
                fields = f;
            }
            events.add(e);
        }

        void close() {
            if (events.isEmpty()) {
                return;
            }
            List<ChangeEvent> evs = List.copyOf(events);
            out.add(switch (kind) {
                case INSERT -> new WriteStep.InsertRows(def, fields, upsert && def.hasPrimaryKey(), evs);
                case UPDATE -> new WriteStep.UpdateColumns(def, fields, evs);
                case DELETE_BY_KEY -> new WriteStep.DeleteByKey(def, evs);
                case DELETE_BY_IMAGE -> new WriteStep.DeleteByImage(def, evs);
                case TRUNCATE -> new WriteStep.Truncate(def, evs);
            });
            events = new ArrayList<>();
            kind = null;
        }
    }
}
