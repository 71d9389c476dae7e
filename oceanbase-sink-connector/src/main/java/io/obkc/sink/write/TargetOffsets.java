package io.obkc.sink.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.obkc.common.sql.Identifiers;
import io.obkc.sink.event.ChangeEvent;

/**
 * The Kafka offsets of the row changes a connector has applied, kept in the target database and advanced in the
 * same transaction as the rows (offsets.storage.table). Kafka's own offset commit runs after the database commit,
 * so a crash between the two makes the worker deliver committed records again; plain upserts absorb that, but an
 * INSERT into a table without a primary key would duplicate rows, and a delete-by-image would remove a second one.
 * With the offsets in the target:
 * <ul>
 * <li>a redelivered record below the stored offset of its partition is recognised and not applied again: every row
 * change takes effect exactly once, keyed or not;</li>
 * <li>the stored offset is advanced with a compare-and-set against the value this task last read or wrote. When another
 * task has written the partition since (a rebalance moved it while this task's batch was in flight), the set fails,
 * the transaction is rolled back, the stored offsets are read again and the batch is filtered anew: a task that lost a
 * partition cannot commit its stale batch over the new owner's work.</li>
 * </ul>
 */
public final class TargetOffsets {
    private static final Logger LOG = LoggerFactory.getLogger(TargetOffsets.class);

    /** Raised inside a transaction when another task advanced one of its partitions first. */
    public static final class StaleOffsetsException extends SQLException {
        StaleOffsetsException(String message) {
            super(message);
        }
    }

    private final String database;
    private final String table;
    private final String connector;
    /** Next offset to apply per partition, as last read from or written to the table (-1: no row yet). */
    private final Map<TopicPartition, Long> known = new HashMap<>();
    /** Kafka timestamp of the last applied record per partition, as stored (absent: unknown). */
    private final Map<TopicPartition, Long> knownTimestamp = new HashMap<>();
    /** Partitions whose stored offset belongs to an earlier incarnation of the topic: nothing of it is skipped. */
    private final java.util.Set<TopicPartition> reset = new java.util.HashSet<>();
    private boolean tableReady;
    private long skipped;

    /** @param qualifiedTable {@code db.table} */
    public TargetOffsets(String qualifiedTable, String connector) {
        List<String> parts = io.obkc.common.debezium.DebeziumTableIds.split(qualifiedTable);
        if (parts.size() != 2 || parts.get(0).isEmpty() || parts.get(1).isEmpty()) {
            throw new IllegalArgumentException("offsets.storage.table must be <database>.<table>, not " + qualifiedTable);
        }
        this.database = parts.get(0);
        this.table = parts.get(1);
        this.connector = connector;
    }

    /** Records not applied again because the target already had them. */
    public synchronized long skipped() {
        return skipped;
    }

    /** Forgets what is known of these partitions (they were assigned anew): the next write reads them again. */
    public synchronized void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(this::forget);
    }

    private void forget(TopicPartition tp) {
        known.remove(tp);
        knownTimestamp.remove(tp);
        reset.remove(tp);
    }

    private String qualified() {
        return Identifiers.quoteMysql(database) + "." + Identifiers.quoteMysql(table);
    }

    /**
     * The events that the target has not applied yet, in order; reads the stored offsets of partitions not known yet.
     * Run before the transaction's writes.
     */
    public synchronized List<ChangeEvent> unapplied(Connection conn, List<ChangeEvent> events) throws SQLException {
        ensureTable(conn);
        List<TopicPartition> unknown = new ArrayList<>();
        for (ChangeEvent e : events) {
            TopicPartition tp = partition(e);
            if (!known.containsKey(tp) && !unknown.contains(tp)) {
                unknown.add(tp);
            }
        }
        if (!unknown.isEmpty()) {
            read(conn, unknown);
        }
        List<ChangeEvent> out = new ArrayList<>(events.size());
        for (ChangeEvent e : events) {
            TopicPartition tp = partition(e);
            if (!reset.contains(tp) && e.record().originalKafkaOffset() < known.get(tp) && producedAfterLastApplied(tp, e)) {
                // Below the stored offset, yet produced after the last record applied: the topic was re-created, or its
                // offsets belong to another Kafka cluster (a dev cluster started afresh). The stored offset says nothing here.
                LOG.warn("Record at offset {} of {} is below the stored offset {} in {} but was produced after the last record applied "
                        + "there: the topic was re-created or the Kafka cluster is new; applying its records and replacing the stored offset",
                        e.record().originalKafkaOffset(), tp, known.get(tp), qualified());
                reset.add(tp);
            }
            if (reset.contains(tp) || e.record().originalKafkaOffset() >= known.get(tp)) {
                out.add(e);
            } else {
                skipped++;
            }
        }
        if (out.size() < events.size()) {
            LOG.info("{} redelivered record(s) were already applied to the target (offsets in {}); not applied again. If the topic "
                    + "was re-created or its offsets reset on purpose, delete this connector's rows from {} first, or they stay skipped",
                    events.size() - out.size(), qualified(), qualified());
        }
        return out;
    }

    /**
     * True when the record was produced after the last record applied from its partition, or when that time is not
     * known (a row written without one): a stored offset whose records cannot be told apart from this one's is not
     * trusted to skip anything. Re-applying is the safe side: it is what the sink does without the offsets table.
     */
    private boolean producedAfterLastApplied(TopicPartition tp, ChangeEvent e) {
        Long last = knownTimestamp.get(tp);
        Long ts = e.record().timestamp();
        return ts != null && (last == null || ts > last);
    }

    /** What {@link #advance} wrote per partition: the next offset and the Kafka timestamp of the last record (if any). */
    public record Advance(Map<TopicPartition, Long> next, Map<TopicPartition, Long> lastTimestamp) {
    }

    /**
     * Advances the stored offsets past these events, inside the caller's transaction; hand the result to
     * {@link #committed} after the commit.
     *
     * @throws StaleOffsetsException when another task has written one of the partitions since this task read it
     */
    public synchronized Advance advance(Connection conn, List<ChangeEvent> events) throws SQLException {
        Map<TopicPartition, Long> next = new HashMap<>();
        Map<TopicPartition, Long> lastTimestamp = new HashMap<>();
        for (ChangeEvent e : events) {
            TopicPartition tp = partition(e);
            if (e.record().originalKafkaOffset() + 1 > next.getOrDefault(tp, Long.MIN_VALUE)) {
                next.put(tp, e.record().originalKafkaOffset() + 1);
                if (e.record().timestamp() != null) {
                    lastTimestamp.put(tp, e.record().timestamp());
                } else {
                    lastTimestamp.remove(tp);
                }
            }
        }
        for (Map.Entry<TopicPartition, Long> n : next.entrySet()) {
            Long knownNext = known.get(n.getKey());
            if (knownNext == null) {
                // Forgotten meanwhile: the partition was assigned anew while this batch was being written.
                throw new StaleOffsetsException("Partition " + n.getKey() + " was reassigned while this batch was written");
            }
            long expected = knownNext;
            int changed;
            if (expected < 0) {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + qualified()
                        + " (connector_name, topic, kafka_partition, next_offset, last_record_ts) VALUES (?, ?, ?, ?, ?)")) {
                    bindKey(ps, n.getKey());
                    ps.setLong(4, n.getValue());
                    ps.setObject(5, lastTimestamp.get(n.getKey()));
                    changed = ps.executeUpdate();
                } catch (SQLException e) {
                    if (e.getErrorCode() != 1062) {
                        throw e;
                    }
                    changed = 0;
                }
            } else {
                try (PreparedStatement ps = conn.prepareStatement("UPDATE " + qualified()
                        + " SET next_offset = ?, last_record_ts = ? WHERE connector_name = ? AND topic = ? AND kafka_partition = ? AND next_offset = ?")) {
                    ps.setLong(1, n.getValue());
                    ps.setObject(2, lastTimestamp.get(n.getKey()));
                    ps.setString(3, connector);
                    ps.setString(4, n.getKey().topic());
                    ps.setInt(5, n.getKey().partition());
                    ps.setLong(6, expected);
                    changed = ps.executeUpdate();
                }
            }
            if (changed != 1) {
                forget(n.getKey());
                throw new StaleOffsetsException("Partition " + n.getKey() + " was written by another task since this task read its offset "
                        + expected + " from " + qualified() + " (a rebalance moved it)");
            }
        }
        return new Advance(next, lastTimestamp);
    }

    /** After the transaction that {@link #advance}d them committed. */
    public synchronized void committed(Advance written) {
        known.putAll(written.next());
        for (TopicPartition tp : written.next().keySet()) {
            reset.remove(tp);
            Long ts = written.lastTimestamp().get(tp);
            if (ts != null) {
                knownTimestamp.put(tp, ts);
            } else {
                knownTimestamp.remove(tp);
            }
        }
    }

    /** After the transaction of these events rolled back: what was read of their partitions may be stale. */
    public synchronized void rolledBack(List<ChangeEvent> events) {
        events.forEach(e -> forget(partition(e)));
    }

    private void read(Connection conn, List<TopicPartition> partitions) throws SQLException {
        for (TopicPartition tp : partitions) {
            known.put(tp, -1L);
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT topic, kafka_partition, next_offset, last_record_ts FROM " + qualified()
                + " WHERE connector_name = ?")) {
            ps.setString(1, connector);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TopicPartition tp = new TopicPartition(rs.getString(1), rs.getInt(2));
                    if (partitions.contains(tp)) {
                        known.put(tp, rs.getLong(3));
                        long ts = rs.getLong(4);
                        if (!rs.wasNull()) {
                            knownTimestamp.put(tp, ts);
                        }
                    }
                }
            }
        }
    }

    private void ensureTable(Connection conn) throws SQLException {
        if (tableReady) {
            return;
        }
        try (Statement s = conn.createStatement()) {
            createTable(s);
        } catch (SQLException e) {
            throw new SQLException("Cannot create the offsets table " + qualified() + " (offsets.storage.table): " + e.getMessage()
                    + ". Grant the sink's user CREATE, SELECT, INSERT and UPDATE on that database, or point offsets.storage.table at a "
                    + "database it may write", e.getSQLState(), e.getErrorCode(), e);
        }
        tableReady = true;
    }

    private void createTable(Statement s) throws SQLException {
        {
            s.execute("CREATE DATABASE IF NOT EXISTS " + Identifiers.quoteMysql(database));
            s.execute("CREATE TABLE IF NOT EXISTS " + qualified() + " (connector_name VARCHAR(255) NOT NULL, topic VARCHAR(255) NOT NULL, "
                    + "kafka_partition INT NOT NULL, next_offset BIGINT NOT NULL, last_record_ts BIGINT NULL, "
                    + "updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), "
                    + "PRIMARY KEY (connector_name, topic, kafka_partition)) DEFAULT CHARSET = utf8mb4 COLLATE utf8mb4_bin "
                    + "COMMENT 'OBKC sink: Kafka offsets of applied row changes (offsets.storage.table)'");
            // A table made by an earlier version lacks the timestamp column: add it (NULL: unknown, nothing is reset on it).
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                    + Identifiers.quoteMysqlString(database) + " AND TABLE_NAME = " + Identifiers.quoteMysqlString(table)
                    + " AND COLUMN_NAME = 'last_record_ts'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    s.execute("ALTER TABLE " + qualified() + " ADD COLUMN last_record_ts BIGINT NULL");
                }
            }
        }
    }

    private void bindKey(PreparedStatement ps, TopicPartition tp) throws SQLException {
        ps.setString(1, connector);
        ps.setString(2, tp.topic());
        ps.setInt(3, tp.partition());
    }

    private static TopicPartition partition(ChangeEvent e) {
        return new TopicPartition(e.record().originalTopic(), e.record().originalKafkaPartition());
    }
}
