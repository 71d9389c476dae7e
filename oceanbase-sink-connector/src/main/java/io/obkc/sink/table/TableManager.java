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
import io.obkc.common.types.MysqlTypeMapping;
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
    /** Row schemas already compared with the table for widening (identity), so a steady stream checks once. */
    private final Map<TableId, Schema> widenChecked = new HashMap<>();

    private final boolean widen;

    public TableManager(boolean autoCreate, boolean autoEvolve) {
        this(autoCreate, autoEvolve, true);
    }

    /** @param widen with autoEvolve, widen columns to the records' wider propagated source types */
    public TableManager(boolean autoCreate, boolean autoEvolve, boolean widen) {
        this.autoCreate = autoCreate;
        this.autoEvolve = autoEvolve;
        this.widen = widen;
    }

    /** Forgets cached definitions, for example after a reconnect or an error that may come from a changed table. */
    public void invalidate() {
        cache.clear();
        widenChecked.clear();
    }

    public void invalidate(TableId id) {
        cache.remove(id);
        widenChecked.remove(id);
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
                    // Seen with several tasks auto-creating one table at once: CREATE TABLE IF NOT EXISTS returns while
                    // another session's CREATE is still being published, and information_schema does not list it yet.
                    // Transient, so the batch is retried (with backoff, on a fresh connection) instead of failing the task.
                    throw new java.sql.SQLTransientException("Created table " + id + " but information_schema does not show it yet "
                            + "(another task may be creating it at the same time)");
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
            if (autoEvolve && widen && widenChecked.get(id) != event.rowSchema()) {
                if (widen(conn, def, event)) {
                    def = read(conn, id);
                    cache.put(id, def);
                }
                widenChecked.put(id, event.rowSchema());
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
        Map<String, List<String>> unique = new LinkedHashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                        + "AND NON_UNIQUE = 0 ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
            ps.setString(1, schemaOf(conn, id));
            ps.setString(2, id.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if ("PRIMARY".equals(rs.getString(1))) {
                        pk.add(rs.getString(2));
                    } else {
                        unique.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
            }
        }
        return new TableDefinition(id, columns, pk, List.copyOf(unique.values()));
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

    /**
     * Widens target columns whose source column, as the record's propagated source type shows
     * (column.propagate.source.type / datatype.propagate.source.type), is now wider. Never narrows.
     */
    private boolean widen(Connection conn, TableDefinition def, ChangeEvent event) throws SQLException {
        boolean changed = false;
        for (Field f : event.rowSchema().fields()) {
            Map<String, String> params = f.schema().parameters();
            if (params == null || !params.containsKey(ColumnTypeMapper.SOURCE_TYPE)) {
                continue;
            }
            TableDefinition.Column col = def.column(f.name());
            if (col == null) {
                continue;
            }
            boolean key = def.primaryKey().stream().anyMatch(k -> k.equalsIgnoreCase(f.name()));
            String wider = TypeWidening.widerType(col.columnType(), ColumnTypeMapper.sqlType(f.schema(), key), ColumnTypeMapper.declaresSize(f.schema()));
            if (wider != null) {
                modifyType(conn, def.id(), col, wider, event);
                changed = true;
            }
        }
        return changed;
    }

    /** ALTER TABLE MODIFY to a new type, keeping nullability, default, auto-increment, ON UPDATE, collation and comment. */
    private void modifyType(Connection conn, TableId id, TableDefinition.Column col, String type, ChangeEvent event) throws SQLException {
        String dflt = null;
        String extra = "";
        String comment = null;
        String collation = null;
        try (PreparedStatement ps = conn.prepareStatement("SELECT COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT, COLLATION_NAME FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, schemaOf(conn, id));
            ps.setString(2, id.table());
            ps.setString(3, col.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    dflt = rs.getString(1);
                    extra = rs.getString(2) == null ? "" : rs.getString(2).toLowerCase(java.util.Locale.ROOT);
                    comment = rs.getString(3);
                    collation = rs.getString(4);
                }
            }
        }
        StringBuilder sql = new StringBuilder("ALTER TABLE ").append(id.quoted()).append(" MODIFY COLUMN ").append(Identifiers.quoteMysql(col.name()))
                .append(' ').append(type);
        if (collation != null && (type.startsWith("VARCHAR") || type.startsWith("CHAR") || type.endsWith("TEXT"))) {
            sql.append(" COLLATE ").append(collation);
        }
        sql.append(col.nullable() ? " NULL" : " NOT NULL");
        // A widened DATETIME/TIMESTAMP keeps CURRENT_TIMESTAMP defaults, at the new precision: OceanBase, like MySQL,
        // rejects TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP (error 1067).
        TypeWidening.Parsed parsedType = TypeWidening.parse(type);
        Integer fsp = parsedType == null ? null : parsedType.p1();
        if (dflt != null) {
            boolean expr = MysqlTypeMapping.isCurrentTimestamp(dflt);
            sql.append(" DEFAULT ").append(expr ? currentTimestamp(fsp) : Identifiers.quoteMysqlString(dflt));
        }
        if (extra.contains("auto_increment")) {
            sql.append(" AUTO_INCREMENT");
        }
        if (extra.contains("on update current_timestamp")) {
            sql.append(" ON UPDATE ").append(currentTimestamp(fsp));
        }
        if (comment != null && !comment.isEmpty()) {
            sql.append(" COMMENT ").append(Identifiers.quoteMysqlString(comment));
        }
        LOG.info("Widening column {}.{} from {} to {} (records of {} carry the wider source type): {}", id, col.name(), col.columnType(), type,
                event.describeOrigin(), sql);
        try (Statement s = conn.createStatement()) {
            s.execute(sql.toString());
        }
    }

    /**
     * Adds a column the sink itself keeps (such as the ordering guard's source position) when the table lacks it;
     * returns the table's definition afterwards.
     */
    public TableDefinition ensureColumn(Connection conn, TableDefinition def, String column, String sqlType, String comment) throws SQLException {
        if (def.hasColumn(column)) {
            return def;
        }
        String sql = "ALTER TABLE " + def.id().quoted() + " ADD COLUMN " + Identifiers.quoteMysql(column) + " " + sqlType + " NULL COMMENT "
                + Identifiers.quoteMysqlString(comment);
        LOG.info("Adding column {} to target table {}: {}", column, def.id(), sql);
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            // Another task may have added it a moment ago.
            TableDefinition now = read(conn, def.id());
            if (now == null || !now.hasColumn(column)) {
                throw e;
            }
        }
        TableDefinition now = read(conn, def.id());
        cache.put(def.id(), now);
        return now;
    }

    private static String currentTimestamp(Integer fsp) {
        return fsp == null || fsp == 0 ? "CURRENT_TIMESTAMP" : "CURRENT_TIMESTAMP(" + fsp + ")";
    }

    private void addColumns(Connection conn, TableId id, List<Field> fields) throws SQLException {
        List<String> clauses = new ArrayList<>();
        for (Field f : fields) {
            clauses.add("ADD COLUMN " + addedColumnDefinition(f));
        }
        String sql = "ALTER TABLE " + id.quoted() + " " + String.join(", ", clauses);
        LOG.info("Evolving target table {}: {}", id, sql);
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * The definition of a column that auto.evolve adds: nullable (rows written with the older schema have no value
     * for it), with the field's default when its schema has one, so that existing rows get that default as they do
     * on the source ({@code ADD COLUMN c INT NOT NULL DEFAULT 5}, issue 9 item 6).
     */
    static String addedColumnDefinition(Field f) {
        String type = ColumnTypeMapper.sqlType(f.schema(), false);
        String dflt = defaultLiteral(f.schema(), type);
        return Identifiers.quoteMysql(f.name()) + " " + type + " NULL" + (dflt == null ? "" : " DEFAULT " + dflt);
    }

    /**
     * The field's Connect default as an SQL literal, or null when there is none or it cannot be trusted. Temporal
     * defaults are left out: Debezium turns {@code DEFAULT CURRENT_TIMESTAMP} into the epoch, which would be a wrong
     * value for the existing rows (they stay NULL, see docs/oceanbase-sink-connector.md). OceanBase takes no default on
     * TEXT, BLOB, JSON and spatial columns.
     */
    static String defaultLiteral(Schema schema, String sqlType) {
        Object d = schema.defaultValue();
        if (d == null || MysqlTypeMapping.isLobLike(MysqlTypeMapping.baseOf(sqlType)) || isTemporal(schema)) {
            return null;
        }
        Object v = io.obkc.sink.write.ValueConverter.toJdbc(schema, d);
        if (v instanceof java.math.BigDecimal bd) {
            return bd.toPlainString();
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof byte[] bytes) {
            return "X'" + java.util.HexFormat.of().formatHex(bytes) + "'";
        }
        return v instanceof String str ? Identifiers.quoteMysqlString(str) : null;
    }

    private static boolean isTemporal(Schema schema) {
        String n = schema.name();
        return n != null && !n.equals("io.debezium.time.Year") && (n.startsWith("io.debezium.time.") || n.equals(org.apache.kafka.connect.data.Date.LOGICAL_NAME)
                || n.equals(org.apache.kafka.connect.data.Time.LOGICAL_NAME) || n.equals(org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME));
    }
}
