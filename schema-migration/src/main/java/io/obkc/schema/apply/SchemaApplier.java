package io.obkc.schema.apply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.obkc.common.sql.Identifiers;
import io.obkc.schema.convert.ConversionResult;
import io.obkc.schema.convert.DeferredObject;
import io.obkc.schema.convert.HiddenKey;
import io.obkc.schema.convert.ObjectReport;
import io.obkc.schema.convert.RowKey;

/**
 * Runs converted DDL on the target, idempotently: every object is looked up in {@code information_schema} before it
 * is created, so re-running after a partial failure creates only what is missing. Each statement is one object, so
 * nothing is half-applied: an object is either there (CREATED / ALREADY_EXISTS) or FAILED with the server's message.
 */
public final class SchemaApplier {
    public static final String CREATED = "CREATED";
    public static final String ALREADY_EXISTS = "ALREADY_EXISTS";
    public static final String MERGED = "MERGED_INTO_EXISTING_TARGET";

    private final Connection target;

    public SchemaApplier(Connection target) {
        this.target = target;
    }

    public void apply(ConversionResult result) throws SQLException {
        keepKeyZero();
        Map<String, String> dbErrors = new HashMap<>();
        for (String db : result.databases) {
            try (Statement s = target.createStatement()) {
                s.execute(new io.obkc.schema.convert.OceanBaseDdlWriter().createDatabase(db));
            } catch (SQLException e) {
                dbErrors.put(db, "cannot create database " + db + ": " + message(e));
            }
        }
        for (ObjectReport r : result.tables) {
            if (r.failed()) {
                continue;
            }
            if (r.ddl.isEmpty()) {
                r.apply = MERGED;
                continue;
            }
            String db = r.targetTable.database;
            if (dbErrors.containsKey(db)) {
                r.apply = "FAILED: " + dbErrors.get(db);
                continue;
            }
            applyOne(r, () -> tableExists(db, r.targetTable.name));
        }
        // Views may depend on views: create in passes until no progress.
        List<ObjectReport> pending = new ArrayList<>(result.views.stream().filter(v -> !v.failed() && !v.ddl.isEmpty()).toList());
        Map<ObjectReport, String> lastError = new LinkedHashMap<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (var it = pending.iterator(); it.hasNext();) {
                ObjectReport v = it.next();
                String[] name = splitTarget(v.target);
                if (tableExists(name[0], name[1])) {
                    v.apply = ALREADY_EXISTS;
                    it.remove();
                    progress = true;
                    continue;
                }
                try (Statement s = target.createStatement()) {
                    s.execute(v.ddl.get(0));
                    v.apply = CREATED;
                    it.remove();
                    progress = true;
                } catch (SQLException e) {
                    lastError.put(v, message(e));
                }
            }
        }
        for (ObjectReport v : pending) {
            v.apply = "FAILED: view " + v.source + " -> " + v.target + ": the target rejected " + v.ddl.get(0) + " -> "
                    + lastError.get(v) + "; source definition: " + (v.sourceDefinition == null ? "?" : v.sourceDefinition.strip());
        }
    }

    /** Creates deferred objects of one phase that are not there yet; returns one outcome line per object. */
    public List<String> applyDeferred(List<DeferredObject> objects, String phase) throws SQLException {
        keepKeyZero();
        List<String> out = new ArrayList<>();
        for (DeferredObject d : objects) {
            if (!d.phase().equals(phase)) {
                continue;
            }
            String what = d.type() + " " + d.database() + "." + d.table() + "." + d.name();
            if (deferredExists(d)) {
                out.add(what + ": " + ALREADY_EXISTS);
                continue;
            }
            try (Statement s = target.createStatement()) {
                s.execute(d.ddl());
                out.add(what + ": " + CREATED);
            } catch (SQLException e) {
                out.add(what + ": FAILED: " + message(e));
            }
        }
        return out;
    }

    /** The column the sink's ordering guard adds to tables with a secondary unique key (oceanbase-sink-connector). */
    public static final String SINK_POSITION_COLUMN = "__obkc_src_pos";

    /**
     * At switchover, after the deferred constraints: drops what the migration added for itself, the hidden key columns
     * (with their unique index) of tables that had no usable key, and the sink's source-position column, from every
     * migrated table. Idempotent. Run it once the forward sink is stopped: a running sink adds its column back.
     */
    public List<String> dropMigrationHelpers(List<HiddenKey> hiddenKeys, List<RowKey> migratedTables) throws SQLException {
        List<String> out = new ArrayList<>();
        for (HiddenKey h : hiddenKeys) {
            String what = "HIDDEN_KEY " + h.database() + "." + h.table() + "." + h.column();
            if (!columnExists(h.database(), h.table(), h.column())) {
                out.add(what + ": ALREADY_DROPPED");
                continue;
            }
            // Two statements: OceanBase refuses a DROP INDEX and a DROP COLUMN in one ALTER TABLE (error 1235).
            String table = Identifiers.quoteMysql(h.database()) + "." + Identifiers.quoteMysql(h.table());
            try (Statement s = target.createStatement()) {
                if (h.index() != null && exists("SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                        + "AND INDEX_NAME = ?", h.database(), h.table(), h.index())) {
                    s.execute("ALTER TABLE " + table + " DROP INDEX " + Identifiers.quoteMysql(h.index()));
                }
                s.execute("ALTER TABLE " + table + " DROP COLUMN " + Identifiers.quoteMysql(h.column()));
                out.add(what + ": DROPPED");
            } catch (SQLException e) {
                out.add(what + ": FAILED: " + message(e));
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RowKey t : migratedTables) {
            if (!seen.add(t.database() + "\u0000" + t.table()) || !columnExists(t.database(), t.table(), SINK_POSITION_COLUMN)) {
                continue;
            }
            String what = "SINK_COLUMN " + t.database() + "." + t.table() + "." + SINK_POSITION_COLUMN;
            try (Statement s = target.createStatement()) {
                s.execute("ALTER TABLE " + Identifiers.quoteMysql(t.database()) + "."
                        + Identifiers.quoteMysql(t.table()) + " DROP COLUMN "
                        + Identifiers.quoteMysql(SINK_POSITION_COLUMN));
                out.add(what + ": DROPPED");
            } catch (SQLException e) {
                out.add(what + ": FAILED: " + message(e));
            }
        }
        return out;
    }

    private boolean columnExists(String database, String table, String column) throws SQLException {
        return exists("SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?",
                database, table, column);
    }

    /**
     * Adds NO_AUTO_VALUE_ON_ZERO to the session's sql_mode (keeping the server's other modes): without it a key 0
     * written into an AUTO_INCREMENT column in this session would silently get the next sequence value instead.
     */
    private void keepKeyZero() throws SQLException {
        try (Statement s = target.createStatement()) {
            s.execute(KEEP_KEY_ZERO);
        }
    }

    static final String KEEP_KEY_ZERO = "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'NO_AUTO_VALUE_ON_ZERO')";

    private interface Check {
        boolean exists() throws SQLException;
    }

    private void applyOne(ObjectReport r, Check exists) throws SQLException {
        if (exists.exists()) {
            r.apply = ALREADY_EXISTS;
            return;
        }
        try (Statement s = target.createStatement()) {
            for (String sql : r.ddl) {
                s.execute(sql);
            }
            r.apply = CREATED;
        } catch (SQLException e) {
            r.apply = "FAILED: " + message(e);
        }
    }

    public boolean tableExists(String db, String table) throws SQLException {
        return exists("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", db, table);
    }

    private boolean deferredExists(DeferredObject d) throws SQLException {
        return switch (d.type()) {
            case "INDEX" -> exists("SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                    + "AND INDEX_NAME = ?", d.database(), d.table(), d.name());
            default -> exists("SELECT 1 FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                    + "AND CONSTRAINT_NAME = ?", d.database(), d.table(), d.name());
        };
    }

    private boolean exists(String sql, String... args) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String[] splitTarget(String target) {
        int dot = target.indexOf('.');
        return new String[] {target.substring(0, dot), target.substring(dot + 1)};
    }

    static String message(SQLException e) {
        return "[" + e.getErrorCode() + "/" + e.getSQLState() + "] " + e.getMessage();
    }
}
