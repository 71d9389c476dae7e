package io.obkc.sink.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import io.obkc.common.connect.StructValues;
import io.obkc.common.sql.Identifiers;
import io.obkc.sink.event.ChangeEvent;
import io.obkc.sink.ordering.OrderingGuard;
import io.obkc.sink.ordering.SourceOrder;
import io.obkc.sink.table.TableDefinition;

/**
 * Runs {@link WriteStep}s on one connection with multi-row statements. Prepared statements are kept
 * per SQL text, so a steady stream reuses a handful of them and never parses SQL per row.
 */
public final class StepExecutor implements AutoCloseable {
    /** MySQL protocol's limit on placeholders per statement. */
    private static final int MAX_PLACEHOLDERS = 65_535;
    private static final int STATEMENT_CACHE_SIZE = 128;

    private final Connection conn;
    private final int rowsPerStatement;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() > STATEMENT_CACHE_SIZE) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };
    private long statementsExecuted;

    /** Null when the ordering guard is off (ordering.guard.enabled=false). */
    private final OrderingGuard guard;

    public StepExecutor(Connection conn, int rowsPerStatement) {
        this(conn, rowsPerStatement, null);
    }

    public StepExecutor(Connection conn, int rowsPerStatement, OrderingGuard guard) {
        this.conn = conn;
        this.rowsPerStatement = rowsPerStatement;
        this.guard = guard;
    }

    public long statementsExecuted() {
        return statementsExecuted;
    }

    /** Keyless deletes (and updates' delete halves) since the last call that matched no row on the target. */
    private final List<ChangeEvent> unmatchedDeletes = new ArrayList<>();

    /** Returns and forgets the keyless deletes that matched no row; called after a commit (or a rollback, to discard). */
    public List<ChangeEvent> drainUnmatchedDeletes() {
        List<ChangeEvent> out = List.copyOf(unmatchedDeletes);
        unmatchedDeletes.clear();
        return out;
    }

    public void execute(WriteStep step) throws SQLException {
        if (step instanceof WriteStep.InsertRows s) {
            insertRows(s);
        } else if (step instanceof WriteStep.UpdateColumns s) {
            updateColumns(s);
        } else if (step instanceof WriteStep.DeleteByKey s) {
            deleteByKey(s);
        } else if (step instanceof WriteStep.DeleteByImage s) {
            deleteByImage(s);
        } else if (step instanceof WriteStep.Truncate s) {
            truncate(s);
        } else {
            throw new IllegalArgumentException("Unknown step " + step);
        }
    }

    private void insertRows(WriteStep.InsertRows step) throws SQLException {
        if (guard != null && step.upsert() && OrderingGuard.applies(step.table()) && step.table().hasColumn(OrderingGuard.COLUMN)) {
            insertRowsGuarded(step);
        } else {
            insertRows(step, step.events(), false);
        }
    }

    /**
     * Upserts into a table with secondary unique keys (see {@link OrderingGuard}): conflicts resolved, then one
     * multi-row statement. If the statement still meets a conflict the look-up could not see, the run is applied one
     * change at a time, each looked up against what the ones before it wrote; a conflict then is another task's
     * concurrent write, and the batch is retried.
     */
    private void insertRowsGuarded(WriteStep.InsertRows step) throws SQLException {
        TableDefinition def = step.table();
        List<ChangeEvent> kept = guard.resolve(conn, def, step.events());
        try {
            insertRows(step, kept, true);
            return;
        } catch (SQLException e) {
            if (!OrderingGuard.isConflict(e, def)) {
                throw e;
            }
        }
        for (ChangeEvent e : kept) {
            List<ChangeEvent> one = guard.resolve(conn, def, List.of(e));
            try {
                insertRows(step, one, true);
            } catch (SQLException ex) {
                if (OrderingGuard.isConflict(ex, def)) {
                    throw new java.sql.SQLTransientException("Unique key conflict on " + def.id() + " with a row another task wrote "
                            + "concurrently, for " + e.describeOrigin() + "; retrying: " + ex.getMessage(), ex);
                }
                throw ex;
            }
        }
    }

    private void insertRows(WriteStep.InsertRows step, List<ChangeEvent> events, boolean guarded) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        TableDefinition def = step.table();
        List<String> fields = step.fields();
        Schema rowSchema = step.events().get(0).after().schema();
        List<String> columns = new ArrayList<>(fields.size());
        StringBuilder rowPlaceholders = new StringBuilder("(");
        for (int i = 0; i < fields.size(); i++) {
            columns.add(def.column(fields.get(i)).name());
            rowPlaceholders.append(i == 0 ? "" : ",").append(ValueConverter.placeholder(rowSchema.field(fields.get(i)).schema()));
        }
        if (guarded) {
            columns.add(OrderingGuard.COLUMN);
            rowPlaceholders.append(",?");
        }
        rowPlaceholders.append(')');
        String head = "INSERT INTO " + def.id().quoted() + " (" + String.join(",", columns.stream().map(Identifiers::quoteMysql).toList())
                + ") VALUES ";
        String tail = guarded ? OrderingGuard.onDuplicateKeyUpdate(def, columns) : step.upsert() ? onDuplicateKeyUpdate(def, columns) : "";
        int maxRows = Math.max(1, Math.min(rowsPerStatement, MAX_PLACEHOLDERS / columns.size()));
        for (int from = 0; from < events.size(); from += maxRows) {
            int n = Math.min(maxRows, events.size() - from);
            PreparedStatement ps = prepare(insertSql(head, rowPlaceholders.toString(), tail, n));
            int p = 1;
            for (int r = from; r < from + n; r++) {
                Struct after = events.get(r).after();
                RowBinding binding = rowBinding(after.schema(), fields);
                for (int c = 0; c < binding.fields.length; c++) {
                    // Never Struct.get: it answers the schema's default for a NULL, which would turn SET c=NULL into the default.
                    bind(binding.binders[c], ps, p++, binding.valueOf(after, c), events.get(r), binding.fields[c]);
                }
                if (guarded) {
                    ps.setBigDecimal(p++, SourceOrder.of(events.get(r).record()));
                }
            }
            ps.executeUpdate();
            statementsExecuted++;
        }
    }

    /** Binds a value; a value the sink cannot turn into SQL is refused naming its record, table, key and column. */
    private static void bind(ValueConverter.Binder binder, PreparedStatement ps, int index, Object value, ChangeEvent e, Field field)
            throws SQLException {
        try {
            binder.bind(ps, index, value);
        } catch (DataException ex) {
            throw new DataException("Column " + field.name() + " of table " + e.table() + " (key " + e.describeKey() + ", " + e.describeOrigin()
                    + "): " + ex.getMessage(), ex);
        }
    }

    /**
     * One UPDATE per event of the given columns, by primary key. An UPDATE that finds no row is refused: these rows
     * leave some columns to the target (unchanged TOASTed values), and an insert would have to invent them.
     */
    private void updateColumns(WriteStep.UpdateColumns step) throws SQLException {
        TableDefinition def = step.table();
        List<String> pk = def.primaryKey();
        List<String> sets = new ArrayList<>();
        List<String> setFields = new ArrayList<>();
        Schema rowSchema = step.events().get(0).after().schema();
        for (String f : step.fields()) {
            TableDefinition.Column col = def.column(f);
            if (pk.stream().noneMatch(k -> k.equalsIgnoreCase(col.name()))) {
                sets.add(Identifiers.quoteMysql(col.name()) + "=" + ValueConverter.placeholder(rowSchema.field(f).schema()));
                setFields.add(f);
            }
        }
        if (sets.isEmpty()) {
            String q = Identifiers.quoteMysql(pk.get(0));
            sets.add(q + "=" + q);
        }
        String where = String.join(" AND ", pk.stream().map(c -> Identifiers.quoteMysql(c) + "=?").toList());
        PreparedStatement ps = prepare("UPDATE " + def.id().quoted() + " SET " + String.join(",", sets) + " WHERE " + where);
        for (ChangeEvent e : step.events()) {
            Struct after = e.after();
            int p = 1;
            for (String f : setFields) {
                Field field = after.schema().field(f);
                bind(ValueConverter.binder(field.schema()), ps, p++, StructValues.valueOf(after, field), e, field);
            }
            List<Object> key = new ArrayList<>(pk.size());
            for (String k : pk) {
                Object v = keyValue(e, k, e.after(), e.key());
                key.add(v);
                ps.setObject(p++, v);
            }
            int found = ps.executeUpdate();
            statementsExecuted++;
            if (found == 0 && !rowExists(def, where, key)) {
                throw new DataException("Row change of " + e.describeOrigin() + " for table " + def.id() + " (key " + e.describeKey()
                        + ") leaves column(s) " + missing(e, step.fields()) + " unchanged: the source sent its unavailable-value placeholder "
                        + "(PostgreSQL did not log their unchanged TOASTed values), and the target has no row with that key to keep them from. "
                        + "The row is not written; set REPLICA IDENTITY FULL on the source table, or re-snapshot it.");
            }
        }
    }

    private boolean rowExists(TableDefinition def, String where, List<Object> key) throws SQLException {
        PreparedStatement ps = prepare("SELECT 1 FROM " + def.id().quoted() + " WHERE " + where);
        for (int i = 0; i < key.size(); i++) {
            ps.setObject(i + 1, key.get(i));
        }
        try (java.sql.ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private static List<String> missing(ChangeEvent e, List<String> written) {
        List<String> out = new ArrayList<>();
        for (Field f : e.after().schema().fields()) {
            if (!written.contains(f.name())) {
                out.add(f.name());
            }
        }
        return out;
    }

    /** The fields of a row schema in statement order, with their binders. */
    private static final class RowBinding {
        final Schema schema;
        final List<String> names;
        final Field[] fields;
        final ValueConverter.Binder[] binders;

        RowBinding(Schema schema, List<String> names) {
            this.schema = schema;
            this.names = names;
            this.fields = new Field[names.size()];
            this.binders = new ValueConverter.Binder[names.size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = schema.field(names.get(i));
                binders[i] = ValueConverter.binder(fields[i].schema());
            }
        }

        /** The row's value of field {@code i}, NULL kept NULL (StructValues). The row's schema is this binding's schema. */
        Object valueOf(Struct row, int i) {
            return StructValues.valueOf(row, fields[i]);
        }
    }

    /** Multi-row INSERT texts already built, per statement head, row placeholders, tail and row count. */
    private record InsertShape(String head, String row, String tail, int rows) {
    }

    private final Map<InsertShape, String> insertTexts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InsertShape, String> eldest) {
            return size() > STATEMENT_CACHE_SIZE;
        }
    };

    /**
     * The text of an INSERT of {@code rows} rows, built once per shape: the same String instance each time, so the
     * statement cache finds it by its cached hash and by identity instead of hashing and comparing a new text of
     * several kilobytes per statement.
     */
    private String insertSql(String head, String row, String tail, int rows) {
        return insertTexts.computeIfAbsent(new InsertShape(head, row, tail, rows),
                k -> k.head() + String.join(",", java.util.Collections.nCopies(k.rows(), k.row())) + k.tail());
    }

    private RowBinding lastBinding;

    /**
     * Resolving fields and binders once per row schema (rows of one table share one Schema instance)
     * keeps per-row work to reading values and binding them.
     */
    private RowBinding rowBinding(Schema schema, List<String> names) {
        RowBinding b = lastBinding;
        if (b == null || b.schema != schema || (b.names != names && !b.names.equals(names))) {
            b = new RowBinding(schema, names);
            lastBinding = b;
        }
        return b;
    }

    /** Non-key columns take the new row's value; a table that is all key still needs a no-op update clause. */
    private static String onDuplicateKeyUpdate(TableDefinition def, List<String> columns) {
        List<String> sets = new ArrayList<>();
        for (String c : columns) {
            if (def.primaryKey().stream().noneMatch(k -> k.equalsIgnoreCase(c))) {
                String q = Identifiers.quoteMysql(c);
                sets.add(q + "=VALUES(" + q + ")");
            }
        }
        if (sets.isEmpty()) {
            String q = Identifiers.quoteMysql(def.primaryKey().get(0));
            sets.add(q + "=" + q);
        }
        return " ON DUPLICATE KEY UPDATE " + String.join(",", sets);
    }

    private void deleteByKey(WriteStep.DeleteByKey step) throws SQLException {
        TableDefinition def = step.table();
        List<String> pk = def.primaryKey();
        String one = pk.size() == 1 ? "?" : "(" + String.join(" AND ", pk.stream().map(c -> Identifiers.quoteMysql(c) + "=?").toList()) + ")";
        int maxRows = Math.max(1, Math.min(rowsPerStatement, MAX_PLACEHOLDERS / pk.size()));
        List<ChangeEvent> events = step.events();
        for (int from = 0; from < events.size(); from += maxRows) {
            int n = Math.min(maxRows, events.size() - from);
            String where = pk.size() == 1
                    ? Identifiers.quoteMysql(pk.get(0)) + " IN (" + String.join(",", java.util.Collections.nCopies(n, one)) + ")"
                    : String.join(" OR ", java.util.Collections.nCopies(n, one));
            PreparedStatement ps = prepare("DELETE FROM " + def.id().quoted() + " WHERE " + where);
            int p = 1;
            for (int r = from; r < from + n; r++) {
                ChangeEvent e = events.get(r);
                for (String k : pk) {
                    ps.setObject(p++, keyValue(e, k, e.key(), e.before()));
                }
            }
            ps.executeUpdate();
            statementsExecuted++;
        }
    }

    /** The key column's value from the first of these images that has it (a delete's key, else its before image). */
    private static Object keyValue(ChangeEvent e, String column, Struct... images) {
        for (Struct s : images) {
            if (s == null) {
                continue;
            }
            for (Field f : s.schema().fields()) {
                if (f.name().equalsIgnoreCase(column)) {
                    return ValueConverter.toJdbc(f.schema(), StructValues.valueOf(s, f));
                }
            }
        }
        throw new DataException("Row change of " + e.describeOrigin() + " for table " + e.table() + " carries no value for primary key column "
                + column + " in its " + (e.after() == null ? "key or before image" : "key or after image") + "; the row cannot be found on the target");
    }

    private void deleteByImage(WriteStep.DeleteByImage step) throws SQLException {
        TableDefinition def = step.table();
        for (ChangeEvent e : step.events()) {
            Struct before = e.before();
            List<String> predicates = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (Field f : before.schema().fields()) {
                TableDefinition.Column col = def.column(f.name());
                if (col == null) {
                    continue;
                }
                String placeholder = ValueConverter.placeholder(f.schema());
                if ("json".equals(col.dataType())) {
                    placeholder = "CAST(? AS JSON)";
                }
                predicates.add(Identifiers.quoteMysql(col.name()) + " <=> " + placeholder);
                values.add(ValueConverter.toJdbc(f.schema(), StructValues.valueOf(before, f)));
            }
            PreparedStatement ps = prepare("DELETE FROM " + def.id().quoted() + " WHERE " + String.join(" AND ", predicates) + " LIMIT 1");
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            if (ps.executeUpdate() == 0) {
                // The target has no row equal to the before image: it differs from the source already. Said, never silent.
                unmatchedDeletes.add(e);
            }
            statementsExecuted++;
        }
    }

    private void truncate(WriteStep.Truncate step) throws SQLException {
        // TRUNCATE is DDL and commits implicitly; commit explicitly first so the order is plain to see.
        conn.commit();
        try (Statement s = conn.createStatement()) {
            s.execute("TRUNCATE TABLE " + step.table().id().quoted());
        }
        statementsExecuted++;
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = conn.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignored) {
            // Closing a cached statement of a dead connection cannot fail in a way we can act on.
        }
    }

    @Override
    public void close() {
        statements.values().forEach(StepExecutor::closeQuietly);
        statements.clear();
    }
}
