package io.obkc.migration.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import io.obkc.migration.project.LoadedProject;

/**
 * The project's marker table, {@code obkc_mig_<name>.obkc_marker (id, ts, token)}, on the source and (same name) on the
 * target. Debezium's heartbeat upserts row 'heartbeat' with the source clock in ms, so target ts against the source's
 * clock is the lag (to within the heartbeat interval); switchover writes row 'switchover' with a fresh token and waits
 * for it on the target. The marker table is captured and routed like any selected table.
 */
public final class Markers {
    public static final String HEARTBEAT = "heartbeat";
    public static final String SWITCHOVER = "switchover";
    /** full-load: bulk: a change for the source connector to commit its start position with. */
    public static final String BULK_LOAD = "bulk-load";

    private final LoadedProject p;

    public Markers(LoadedProject p) {
        this.p = p;
    }

    public record Row(long ts, String token) {
    }

    public void ensureSource(Connection src) throws SQLException {
        try (Statement st = src.createStatement()) {
            if (p.postgres()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + pg(p.markerDatabase()));
                st.execute("CREATE TABLE IF NOT EXISTS " + sourceTable()
                        + " (id VARCHAR(64) PRIMARY KEY, ts BIGINT NOT NULL, token VARCHAR(64))");
            } else {
                st.execute("CREATE DATABASE IF NOT EXISTS " + my(p.markerDatabase()));
                st.execute("CREATE TABLE IF NOT EXISTS " + sourceTable()
                        + " (id VARCHAR(64) PRIMARY KEY, ts BIGINT NOT NULL, token VARCHAR(64))");
            }
        }
    }

    public void ensureTarget(Connection tgt) throws SQLException {
        try (Statement st = tgt.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + my(p.markerDatabase()));
            st.execute("CREATE TABLE IF NOT EXISTS " + targetTable() + " (id VARCHAR(64) PRIMARY KEY, ts BIGINT NOT NULL, token VARCHAR(64))");
        }
    }

    public long sourceNowMillis(Connection src) throws SQLException {
        String sql = p.postgres() ? "SELECT (extract(epoch from clock_timestamp())*1000)::bigint" : "SELECT ROUND(UNIX_TIMESTAMP(NOW(3))*1000)";
        try (Statement st = src.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Upserts the marker row on the source with the source's clock; returns that ts. */
    public long write(Connection src, String id, String token) throws SQLException {
        long ts = sourceNowMillis(src);
        String sql = p.postgres()
                ? "INSERT INTO " + sourceTable() + " (id, ts, token) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET ts = EXCLUDED.ts, token = EXCLUDED.token"
                : "INSERT INTO " + sourceTable() + " (id, ts, token) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE ts = VALUES(ts), token = VALUES(token)";
        try (PreparedStatement ps = src.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.setLong(2, ts);
            ps.setString(3, token);
            ps.executeUpdate();
        }
        if (!src.getAutoCommit()) {
            src.commit();
        }
        return ts;
    }

    public Optional<Row> readTarget(Connection tgt, String id) throws SQLException {
        try (PreparedStatement ps = tgt.prepareStatement("SELECT ts, token FROM " + targetTable() + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            // No marker table on the target yet: nothing applied.
            if (e.getErrorCode() == 1146 || e.getErrorCode() == 1049) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void dropSource(Connection src) throws SQLException {
        try (Statement st = src.createStatement()) {
            st.execute(p.postgres() ? "DROP SCHEMA IF EXISTS " + pg(p.markerDatabase()) + " CASCADE" : "DROP DATABASE IF EXISTS " + my(p.markerDatabase()));
        }
    }

    public void dropTarget(Connection tgt) throws SQLException {
        try (Statement st = tgt.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + my(p.markerDatabase()));
        }
    }

    private String sourceTable() {
        return p.postgres() ? pg(p.markerDatabase()) + "." + pg(LoadedProject.MARKER_TABLE) : targetTable();
    }

    private String targetTable() {
        return my(p.markerDatabase()) + "." + my(LoadedProject.MARKER_TABLE);
    }

    private static String my(String n) {
        return io.obkc.common.sql.Identifiers.quoteMysql(n);
    }

    private static String pg(String n) {
        return io.obkc.common.sql.Identifiers.quotePostgres(n);
    }
}
