package io.obkc.source.changelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.source.schema.TableDef;

/** Installs (or checks) the change-log table and the triggers of the captured tables. */
public final class ChangelogInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(ChangelogInstaller.class);

    /** What is installed for one table. */
    public enum TriggerState { MISSING, CURRENT, OUTDATED }

    private final ChangelogSchema schema;

    public ChangelogInstaller(ChangelogSchema schema) {
        this.schema = schema;
    }

    public void installTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(schema.createDatabase());
            s.execute(schema.createTable());
        }
    }

    public boolean tableExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, schema.database());
            ps.setString(2, schema.table());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether the change-log table has the origin column (tables created before origins were recorded do not). */
    public boolean hasOriginColumn(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? "
                + "AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, schema.database());
            ps.setString(2, schema.table());
            ps.setString(3, ChangelogSchema.ORIGIN_COLUMN);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void addOriginColumn(Connection c) throws SQLException {
        LOG.info("Adding the column {} to the change-log table {} (created by an earlier version)", ChangelogSchema.ORIGIN_COLUMN,
                schema.qualifiedTable());
        try (Statement s = c.createStatement()) {
            s.execute(schema.addOriginColumn());
        }
    }

    /** Whether the three triggers of a table exist and were built for its current structure. */
    public TriggerState state(Connection c, TableDef t) throws SQLException {
        List<String> found = triggers(c, t);
        if (found.isEmpty()) {
            return TriggerState.MISSING;
        }
        for (String suffix : ChangelogSchema.TRIGGER_SUFFIXES) {
            if (!found.contains(schema.triggerName(t, suffix).toLowerCase(Locale.ROOT))) {
                return TriggerState.OUTDATED;
            }
        }
        return found.size() == ChangelogSchema.TRIGGER_SUFFIXES.length ? TriggerState.CURRENT : TriggerState.OUTDATED;
    }

    /** The names (lower case) of this change log's triggers on a table, of any structure. */
    private List<String> triggers(Connection c, TableDef t) throws SQLException {
        List<String> found = new ArrayList<>();
        String prefix = schema.triggerPrefix(t).toLowerCase(Locale.ROOT);
        try (PreparedStatement ps = c.prepareStatement("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS "
                + "WHERE TRIGGER_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?")) {
            ps.setString(1, t.database());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String n = rs.getString(1).toLowerCase(Locale.ROOT);
                    if (n.startsWith(prefix)) {
                        found.add(n);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Installs the triggers for the table's current structure, then drops this change log's triggers of other structures.
     * While both exist a change is recorded twice, once per structure; the reader drops the older twin, so no change is
     * unrecorded at any moment.
     */
    public void installTriggers(Connection c, TableDef t) throws SQLException {
        List<String> existing = triggers(c, t);
        try (Statement s = c.createStatement()) {
            // OceanBase resolves the trigger body in the current database, even with qualified names.
            s.execute("USE " + io.obkc.common.sql.Identifiers.quoteMysql(t.database()));
            List<String> current = new ArrayList<>();
            for (String suffix : ChangelogSchema.TRIGGER_SUFFIXES) {
                current.add(schema.triggerName(t, suffix).toLowerCase(Locale.ROOT));
            }
            List<String> create = schema.createTriggers(t);
            for (int i = 0; i < create.size(); i++) {
                if (!existing.contains(current.get(i))) {
                    LOG.info("Installing change-log trigger on {}: {}", t.id(), abbreviate(create.get(i)));
                    s.execute(create.get(i));
                }
            }
            for (String old : existing) {
                if (!current.contains(old)) {
                    LOG.info("Dropping the change-log trigger {} of an earlier structure of {}", old, t.id());
                    s.execute(schema.dropTrigger(t, old));
                }
            }
        }
    }

    /**
     * Waits until every transaction that was open when the triggers had been installed has ended: changes such a
     * transaction made before its table had triggers are recorded nowhere, and it may commit after the snapshot SCN.
     */
    public static void awaitOlderTransactions(Connection c, long timeoutMs, List<String> tables) throws SQLException, InterruptedException {
        Timestamp installed;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT NOW(6)")) {
            rs.next();
            installed = rs.getTimestamp(1);
        }
        String view = transactionsView(c);
        if (view == null) {
            LOG.warn("Neither oceanbase.GV$OB_TRANSACTION_SCHEDULERS nor V$OB_TRANSACTION_SCHEDULERS is readable: cannot wait for "
                    + "transactions that began before the change-log triggers on {}; changes they made before the triggers existed "
                    + "are lost if they commit after the snapshot", tables);
            return;
        }
        long deadline = System.currentTimeMillis() + timeoutMs;
        String sql = "SELECT SESSION_ID, ACTIVE_TIME FROM " + view + " WHERE ACTIVE_TIME < ? AND SESSION_ID <> CONNECTION_ID()";
        while (true) {
            StringBuilder open = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setTimestamp(1, installed);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        open.append(open.length() == 0 ? "" : ", ").append("session ").append(rs.getLong(1)).append(" since ")
                                .append(rs.getString(2));
                    }
                }
            }
            if (open.length() == 0) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new ConnectException("Transactions that began before the change-log triggers were installed are still open ("
                        + open + "); their earlier changes would be in neither the snapshot nor the change log. End them and "
                        + "restart the task, or raise changelog.open.transactions.wait.ms");
            }
            LOG.info("Waiting for transactions older than the change-log triggers to end: {}", open);
            Thread.sleep(200);
        }
    }

    private static String transactionsView(Connection c) {
        for (String v : List.of("oceanbase.GV$OB_TRANSACTION_SCHEDULERS", "oceanbase.V$OB_TRANSACTION_SCHEDULERS")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + v + " WHERE 1 = 0")) {
                return v;
            } catch (SQLException e) {
                // Try the next one.
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
