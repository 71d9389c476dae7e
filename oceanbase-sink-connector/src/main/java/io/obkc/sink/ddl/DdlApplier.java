package io.obkc.sink.ddl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.common.sql.Identifiers;
import io.obkc.sink.ddl.DdlConverter.TargetDdl;
import io.obkc.sink.table.TableId;
import io.obkc.sink.table.TableManager;
import io.obkc.sink.write.ConnectionFactory;
import io.obkc.sink.write.SqlErrors;

/**
 * Applies schema change events to OceanBase: converts the statement, applies each resulting action
 * under its class's policy on a connection of its own in autocommit mode (DDL commits implicitly),
 * forgets the cached definitions of the tables it touched, and records every outcome in the audit
 * table. Callers must have committed all earlier row changes first.
 */
public final class DdlApplier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DdlApplier.class);

    /** Outcomes as written to the audit table. */
    public enum Outcome { APPLIED, NOOP, SKIPPED_BY_POLICY, NOT_SYNCHRONIZED, REJECTED }

    private final ConnectionFactory connections;
    private final DdlConverter converter;
    private final TableManager tables;
    private final Map<DdlClass, DdlPolicy> policies;
    private final boolean failUnsupported;
    private final TableId auditTable;
    private final String connectorName;
    private final int maxRetries;
    private final long retryBackoffMs;
    private Connection conn;
    private boolean auditReady;

    public DdlApplier(ConnectionFactory connections, DdlConverter converter, TableManager tables, Map<DdlClass, DdlPolicy> policies,
            boolean failUnsupported, TableId auditTable, String connectorName, int maxRetries, long retryBackoffMs) {
        this.connections = connections;
        this.converter = converter;
        this.tables = tables;
        this.policies = new EnumMap<>(policies);
        this.failUnsupported = failUnsupported;
        this.auditTable = auditTable;
        this.connectorName = connectorName;
        this.maxRetries = maxRetries;
        this.retryBackoffMs = retryBackoffMs;
    }

    /** Parses "db.table" (either part may be `quoted`); empty gives null. */
    public static TableId parseAuditTable(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        ParsedDdl parsed = DdlParser.parse("TRUNCATE TABLE " + value.trim());
        if (!(parsed instanceof ParsedDdl.TruncateTable t)) {
            throw new ConnectException("Cannot read ddl.audit.table '" + value + "'; write it as database.table");
        }
        return new TableId(t.table().database(), t.table().table());
    }

    /** One action's result, for the audit table and for tests. */
    public record Result(TargetDdl action, Outcome outcome, String reason) {
    }

    public List<Result> apply(SchemaChange change) {
        ParsedDdl parsed = DdlParser.parse(change.ddl());
        if (change.snapshot() && !(parsed instanceof ParsedDdl.CreateTable)) {
            // Snapshots replay the schema (DROP/CREATE DATABASE, USE ...) for Debezium's history, not as changes to apply.
            LOG.debug("Ignoring snapshot schema event: {}", change.describe());
            return List.of();
        }
        for (int attempt = 0;; attempt++) {
            try {
                return applyOnce(change, parsed);
            } catch (SQLException e) {
                close();
                if (!SqlErrors.isTransient(e) || attempt >= maxRetries) {
                    throw new ConnectException("Cannot apply the DDL of " + origin(change) + " (" + change.describe() + "): " + SqlErrors.describe(e), e);
                }
                LOG.warn("Transient failure applying DDL (retry {}/{}): {}", attempt + 1, maxRetries, SqlErrors.describe(e));
                sleep(Math.min(30_000, retryBackoffMs << Math.min(attempt, 10)));
            }
        }
    }

    private List<Result> applyOnce(SchemaChange change, ParsedDdl parsed) throws SQLException {
        Connection c = connection();
        String key = eventKey(change);
        if (auditTable != null && alreadyRecorded(c, key)) {
            LOG.info("Schema change of {} was already handled (found in {}); not applying it again: {}", origin(change), auditTable, change.describe());
            return List.of();
        }
        List<TargetDdl> actions;
        try {
            actions = converter.convert(change, parsed, new JdbcTargetState(c));
        } catch (TargetStateException e) {
            throw (SQLException) e.getCause();
        }
        List<Result> results = new ArrayList<>();
        try {
            for (TargetDdl a : actions) {
                results.add(applyAction(c, change, a));
            }
        } finally {
            // Whatever happened, the touched tables' cached definitions may be stale now.
            if (actions.stream().anyMatch(a -> a.ddlClass() == DdlClass.RENAME_TABLE)) {
                tables.invalidate();
            } else {
                actions.stream().filter(a -> a.table() != null).forEach(a -> tables.invalidate(a.table()));
            }
        }
        record(c, change, key, results);
        return results;
    }

    private Result applyAction(Connection c, SchemaChange change, TargetDdl a) throws SQLException {
        DdlPolicy policy = policies.getOrDefault(a.ddlClass(), DdlPolicy.APPLY);
        String what = a.ddlClass().keyPart().replace('.', ' ').toUpperCase(Locale.ROOT) + (a.table() == null ? "" : " on table " + a.table());
        if (policy == DdlPolicy.FAIL) {
            throw new ConnectException("DDL " + what + " from " + origin(change) + " is not allowed: " + a.ddlClass().policyKey()
                    + "=fail. Statement: " + a.sourceText());
        }
        if (a.ddlClass() == DdlClass.OTHER) {
            LOG.info("Not synchronizing DDL ({}) from {}: {}", a.note(), origin(change), a.sourceText());
            return new Result(a, Outcome.NOT_SYNCHRONIZED, a.note());
        }
        if (policy == DdlPolicy.SKIP) {
            LOG.info("Skipping DDL {} ({}=skip): {}", what, a.ddlClass().policyKey(), a.sourceText());
            return new Result(a, Outcome.SKIPPED_BY_POLICY, a.ddlClass().policyKey() + "=skip");
        }
        if (a.unsupported() != null) {
            return rejected(change, a, what, "cannot be converted: " + a.unsupported(), null);
        }
        if (a.isNoop()) {
            LOG.info("DDL {} needs no change on the target ({}): {}", what, a.note(), a.sourceText());
            return new Result(a, Outcome.NOOP, a.note());
        }
        try (Statement s = c.createStatement()) {
            for (String sql : a.sql()) {
                LOG.info("Applying DDL {} from {}: {}", what, origin(change), sql);
                s.execute(sql);
            }
        } catch (SQLException e) {
            if (SqlErrors.isTransient(e)) {
                throw e;
            }
            return rejected(change, a, what, "OceanBase rejected it: " + SqlErrors.describe(e), e);
        }
        return new Result(a, Outcome.APPLIED, a.note());
    }

    private Result rejected(SchemaChange change, TargetDdl a, String what, String reason, SQLException cause) {
        String message = "DDL " + what + " from " + origin(change) + " " + reason + ". Source statement: " + a.sourceText()
                + (a.sql().isEmpty() ? "" : ". Converted: " + String.join("; ", a.sql()));
        if (failUnsupported) {
            throw new ConnectException(message + ". Apply an equivalent change on the target by hand and set ddl.unsupported.policy=skip_and_record "
                    + "(or " + a.ddlClass().policyKey() + "=skip) to go on.", cause);
        }
        LOG.warn("{}; skipped (ddl.unsupported.policy=skip_and_record){}", message, auditTable == null ? "" : ", recorded in " + auditTable);
        return new Result(a, Outcome.REJECTED, reason);
    }

    private static String origin(SchemaChange change) {
        return "topic " + change.record().topic() + " partition " + change.record().kafkaPartition() + " offset " + change.record().kafkaOffset();
    }

    /** Stable across redelivery: the source position and the statement (snapshot events share a position). */
    static String eventKey(SchemaChange change) {
        String where = change.position() != null ? change.position().file() + ":" + change.position().pos()
                : change.record().topic() + "-" + change.record().kafkaPartition() + "@" + change.record().kafkaOffset();
        return where + ":" + sha256(String.valueOf(change.databaseName()) + "\n" + String.valueOf(change.ddl())).substring(0, 16);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void ensureAuditTable(Connection c) throws SQLException {
        if (auditReady || auditTable == null) {
            return;
        }
        try (Statement s = c.createStatement()) {
            if (auditTable.database() != null && !auditTable.database().isEmpty()) {
                s.execute("CREATE DATABASE IF NOT EXISTS " + Identifiers.quoteMysql(auditTable.database()) + " DEFAULT CHARACTER SET utf8mb4");
            }
            s.execute("CREATE TABLE IF NOT EXISTS " + auditTable.quoted() + " (\n"
                    + "  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,\n"
                    + "  recorded_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),\n"
                    + "  connector VARCHAR(255) NULL,\n"
                    + "  event_key VARCHAR(512) NOT NULL,\n"
                    + "  source_topic VARCHAR(255) NULL,\n"
                    + "  source_partition INT NULL,\n"
                    + "  source_offset BIGINT NULL,\n"
                    + "  source_database VARCHAR(255) NULL,\n"
                    + "  statement_class VARCHAR(32) NOT NULL,\n"
                    + "  target_table VARCHAR(512) NULL,\n"
                    + "  outcome VARCHAR(32) NOT NULL,\n"
                    + "  reason TEXT NULL,\n"
                    + "  source_ddl LONGTEXT NULL,\n"
                    + "  target_sql LONGTEXT NULL,\n"
                    + "  KEY idx_event_key (event_key)\n"
                    + ") DEFAULT CHARSET = utf8mb4");
        }
        auditReady = true;
    }

    private boolean alreadyRecorded(Connection c, String key) throws SQLException {
        ensureAuditTable(c);
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + auditTable.quoted() + " WHERE event_key = ? AND connector = ? LIMIT 1")) {
            ps.setString(1, key);
            ps.setString(2, connectorName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void record(Connection c, SchemaChange change, String key, List<Result> results) throws SQLException {
        if (auditTable == null || results.isEmpty()) {
            return;
        }
        ensureAuditTable(c);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + auditTable.quoted() + " (connector, event_key, source_topic, source_partition, "
                + "source_offset, source_database, statement_class, target_table, outcome, reason, source_ddl, target_sql) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Result r : results) {
                ps.setString(1, connectorName);
                ps.setString(2, key);
                ps.setString(3, change.record().topic());
                ps.setObject(4, change.record().kafkaPartition());
                ps.setLong(5, change.record().kafkaOffset());
                ps.setString(6, change.databaseName());
                ps.setString(7, r.action().ddlClass().name());
                ps.setString(8, r.action().table() == null ? null : r.action().table().toString());
                ps.setString(9, r.outcome().name());
                ps.setString(10, r.reason());
                ps.setString(11, change.ddl());
                ps.setString(12, r.action().sql().isEmpty() ? null : String.join(";\n", r.action().sql()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private Connection connection() throws SQLException {
        if (conn == null) {
            conn = connections.open();
            conn.setAutoCommit(true);
        }
        return conn;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // Already broken.
            }
            conn = null;
        }
    }

    /** The target's current state, read from information_schema. */
    static final class JdbcTargetState implements DdlConverter.TargetState {
        private final Connection c;

        JdbcTargetState(Connection c) {
            this.c = c;
        }

        @Override
        public boolean tableExists(TableId table) {
            return exists("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", table);
        }

        @Override
        public boolean columnExists(TableId table, String column) {
            return exists("SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND LOWER(COLUMN_NAME) = LOWER(?)",
                    table, column);
        }

        @Override
        public boolean indexExists(TableId table, String index) {
            return exists("SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND LOWER(INDEX_NAME) = LOWER(?)",
                    table, index);
        }

        private boolean exists(String sql, TableId table, String... more) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, table.database() == null || table.database().isEmpty() ? c.getCatalog() : table.database());
                ps.setString(2, table.table());
                for (int i = 0; i < more.length; i++) {
                    ps.setString(3 + i, more[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            } catch (SQLException e) {
                throw new TargetStateException(e);
            }
        }
    }

    /** Carries an SQLException out of the TargetState interface; unwrapped by apply. */
    static final class TargetStateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TargetStateException(SQLException cause) {
            super(cause);
        }
    }
}
