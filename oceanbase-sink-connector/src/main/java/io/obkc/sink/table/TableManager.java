package io.obkc.sink.table;

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

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.common.sql.Identifiers;
import io.obkc.sink.event.ChangeEvent;

/**
 * Knows the target tables: reads their definition from information_schema, creates missing ones and
 * adds missing columns. DDL commits implicitly in MySQL mode, so callers run {@link #prepare} before
 * they open a data transaction.
 */
public final class TableManager {
    private static final Logger LOG = LoggerFactory.getLogger(TableManager.class);

    private final boolean autoCreate;
    private final boolean autoEvolve;
    private final Map<TableId, TableDefinition> cache = new HashMap<>();

    public TableManager(boolean autoCreate, boolean autoEvolve) {
        this.autoCreate = autoCreate;
        this.autoEvolve = autoEvolve;
    }

    /** Forgets cached definitions, for example after a reconnect or an error that may come from a changed table. */
    public void invalidate() {
        cache.clear();
    }

    public void invalidate(TableId id) {
        cache.remove(id);
    }

    /** Makes sure the event's table exists and has every column the event carries; returns its definition. */
    public TableDefinition prepare(Connection conn, ChangeEvent event) throws SQLException {
        TableId id = event.table();
        TableDefinition def = cache.get(id);
        if (def == null) {
            def = read(conn, id);
            if (def == null) {
                if (event.rowSchema() == null) {
                    // Key-only delete or truncate of a table that does not exist: nothing to delete.
                    return null;
                }
                if (!autoCreate) {
                    throw new ConnectException("Target table " + id + " does not exist and auto.create=false; create it or set auto.create=true");
                }
                create(conn, id, event);
                def = read(conn, id);
                if (def == null) {
                    throw new ConnectException("Created table " + id + " but cannot read it back from information_schema");
                }
            }
            cache.put(id, def);
        }
        if (event.rowSchema() != null) {
            List<Field> missing = new ArrayList<>();
            for (Field f : event.rowSchema().fields()) {
                if (!def.hasColumn(f.name())) {
                    missing.add(f);
                }
            }
            if (!missing.isEmpty()) {
                if (!autoEvolve) {
                    throw new ConnectException("Target table " + id + " has no column(s) " + missing.stream().map(Field::name).toList()
                            + " that records of " + event.describeOrigin() + " carry; add them, set auto.evolve=true, or drop the fields with the ReplaceField SMT");
                }
                addColumns(conn, id, missing);
                def = read(conn, id);
                cache.put(id, def);
            }
        }
        return def;
    }

    /** Reads a table's columns and primary key, or returns null when it does not exist. */
    public static TableDefinition read(Connection conn, TableId id) throws SQLException {
        List<TableDefinition.Column> columns = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS "
                        + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schemaOf(conn, id));
            ps.setString(2, id.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new TableDefinition.Column(rs.getString(1), rs.getString(2).toLowerCase(java.util.Locale.ROOT),
                            rs.getString(3), "YES".equalsIgnoreCase(rs.getString(4))));
                }
            }
        }
        if (columns.isEmpty()) {
            return null;
        }
        List<String> pk = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                        + "AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX")) {
            ps.setString(1, schemaOf(conn, id));
            ps.setString(2, id.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pk.add(rs.getString(1));
                }
            }
        }
        return new TableDefinition(id, columns, pk);
    }

    private static String schemaOf(Connection conn, TableId id) throws SQLException {
        return id.database() == null || id.database().isEmpty() ? conn.getCatalog() : id.database();
    }

    private void create(Connection conn, TableId id, ChangeEvent event) throws SQLException {
        Schema row = event.rowSchema();
        Struct key = event.key();
        List<String> keyColumns = new ArrayList<>();
        if (key != null) {
            for (Field f : key.schema().fields()) {
                keyColumns.add(f.name());
            }
        }
        Map<String, String> columnDdl = new LinkedHashMap<>();
        for (Field f : row.fields()) {
            boolean isKey = keyColumns.stream().anyMatch(k -> k.equalsIgnoreCase(f.name()));
            String type = ColumnTypeMapper.sqlType(f.schema(), isKey);
            boolean notNull = isKey || !f.schema().isOptional();
            columnDdl.put(f.name(), Identifiers.quoteMysql(f.name()) + " " + type + (notNull ? " NOT NULL" : " NULL"));
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(id.quoted()).append(" (\n  ");
        sql.append(String.join(",\n  ", columnDdl.values()));
        List<String> pk = keyColumns.stream().filter(k -> row.field(k) != null).toList();
        if (!pk.isEmpty()) {
            sql.append(",\n  PRIMARY KEY (").append(String.join(", ", pk.stream().map(Identifiers::quoteMysql).toList())).append(")");
        }
        sql.append("\n) DEFAULT CHARSET = utf8mb4");
        try (Statement s = conn.createStatement()) {
            if (id.database() != null && !id.database().isEmpty()) {
                s.execute("CREATE DATABASE IF NOT EXISTS " + Identifiers.quoteMysql(id.database()) + " DEFAULT CHARACTER SET utf8mb4");
            }
            LOG.info("Creating target table {} for records of {}:\n{}", id, event.describeOrigin(), sql);
            s.execute(sql.toString());
        } catch (SQLException e) {
            throw new SQLException("Cannot create table " + id + ": " + e.getMessage() + "\nDDL was:\n" + sql, e.getSQLState(), e.getErrorCode(), e);
        }
    }

    private void addColumns(Connection conn, TableId id, List<Field> fields) throws SQLException {
        List<String> clauses = new ArrayList<>();
        for (Field f : fields) {
            // Added columns are nullable: existing rows have no value for them.
            clauses.add("ADD COLUMN " + Identifiers.quoteMysql(f.name()) + " " + ColumnTypeMapper.sqlType(f.schema(), false) + " NULL");
        }
        String sql = "ALTER TABLE " + id.quoted() + " " + String.join(", ", clauses);
        LOG.info("Evolving target table {}: {}", id, sql);
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }
}
