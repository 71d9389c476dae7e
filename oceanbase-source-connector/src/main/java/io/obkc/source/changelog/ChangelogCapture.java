package io.obkc.source.changelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.obkc.common.rules.ObjectName;
import io.obkc.source.ChangeCapture;
import io.obkc.source.OceanBaseSourceConfig;
import io.obkc.source.SourceConnections;
import io.obkc.source.SourceMetrics;
import io.obkc.source.event.ChangeEvents;
import io.obkc.source.event.SchemaChanges;
import io.obkc.source.event.SourceBlock;
import io.obkc.source.event.TableSchema;
import io.obkc.source.schema.ColumnTypes;
import io.obkc.source.schema.TableCatalog;
import io.obkc.source.schema.TableDef;

/**
 * The SQL-only capture mode ({@code capture.mode=changelog}), for any OceanBase including seekdb: triggers on the captured
 * tables write every row change into a change-log table; the task reads that table in commit order, (ORA_ROWSCN,
 * conn_id, seq), and deletes what Kafka Connect has committed. The initial snapshot reads every table AS OF SNAPSHOT at one
 * SCN taken after the triggers were installed; streaming then starts after that SCN, so the seam has no gap and no
 * duplicate. See docs/oceanbase-source-connector.md for what the mode cannot see and what it costs.
 */
public final class ChangelogCapture implements ChangeCapture {
    private static final Logger LOG = LoggerFactory.getLogger(ChangelogCapture.class);

    private OceanBaseSourceConfig config;
    private SourceTaskContext context;
    private Connection conn;
    private Connection purgeConn;
    private ChangeEvents events;
    private ChangelogSchema changelog;
    private SourceMetrics metrics;
    private final Map<String, TableSchema> tables = new TreeMap<>();

    private SnapshotState snapshot;
    private StreamPosition position;
    private OpenTransaction tx;
    private Map<String, ?> lastOffset;
    private long lastHeartbeat = System.currentTimeMillis();
    private String pollSql;
    private ColumnTypes types;
    private String tenant;
    private long lastStructureCheck;
    private volatile boolean stopping;

    /** The snapshot in progress: the SCN, tables still to read (name order) and where the current one stands. */
    private static final class SnapshotState {
        final long scn;
        final List<String> remaining;
        String lastNonEmpty;
        List<String> afterKey;
        boolean firstPending;
        ResultSet streamed;

        SnapshotState(long scn, List<String> remaining) {
            this.scn = scn;
            this.remaining = remaining;
        }
    }

    @Override
    public void start(OceanBaseSourceConfig config, SourceTaskContext context) throws Exception {
        this.config = config;
        this.context = context;
        LOG.info("Starting change-log capture from {} (tables {}, change log {}.{})", SourceConnections.describe(config),
                config.tables(), config.changelogDatabase(), config.changelogTable());
        conn = SourceConnections.open(config);
        metrics = SourceMetrics.register(config.topicPrefix());
        tenant = TenantDetector.tenant(conn, config);
        events = new ChangeEvents(config.topicPrefix(), tenant);
        changelog = new ChangelogSchema(config.changelogDatabase(), config.changelogTable());
        types = new ColumnTypes(new ColumnTypes.Options(config.decimalHandling(), config.bigintUnsignedHandling(),
                config.propagateSourceTypes()));
        for (ObjectName n : TableCatalog.selectedTables(conn, config.tables(), config.changelogDatabase())) {
            TableDef def = TableCatalog.load(conn, n.database(), n.table());
            tables.put(def.id(), new TableSchema(config.topicPrefix(), def, types));
        }
        if (tables.isEmpty()) {
            LOG.warn("table.include.list '{}' selects no table on {}", config.getString(OceanBaseSourceConfig.TABLE_INCLUDE),
                    SourceConnections.describe(config));
        }
        pollSql = "SELECT seq, ORA_ROWSCN, conn_id, db, tbl, op, structure, before_img, after_img, " + ChangelogSchema.ORIGIN_COLUMN + " FROM " + changelog.qualifiedTable()
                + " WHERE ORA_ROWSCN > ? OR (ORA_ROWSCN = ? AND (conn_id > ? OR (conn_id = ? AND seq > ?)))"
                + " ORDER BY ORA_ROWSCN, conn_id, seq LIMIT " + config.maxBatchSize();

        Map<String, Object> offset = context.offsetStorageReader().offset(events.partition());
        ChangelogInstaller installer = new ChangelogInstaller(changelog);
        if (offset == null) {
            LOG.info("No stored offset: installing the change log, then {}", config.snapshotMode() == OceanBaseSourceConfig.SnapshotMode.INITIAL
                    ? "a snapshot" : "streaming from now");
            install(installer, true);
            ChangelogInstaller.awaitOlderTransactions(conn, config.openTransactionsWaitMs(), List.copyOf(tables.keySet()));
            long scn = currentScn();
            if (config.snapshotMode() == OceanBaseSourceConfig.SnapshotMode.INITIAL) {
                startSnapshot(scn, new ArrayList<>(tables.keySet()), null, true);
            } else {
                position = StreamPosition.after(scn);
            }
        } else {
            install(installer, false);
            if (ChangelogOffsets.isSnapshot(offset)) {
                long scn = ChangelogOffsets.num(offset, "snapshot_scn");
                String table = offset.get("snapshot_table").toString();
                List<String> remaining = new ArrayList<>(tables.keySet().stream().filter(t -> t.compareTo(table) >= 0).toList());
                if (!remaining.isEmpty() && !remaining.get(0).equals(table)) {
                    throw new ConnectException("The stored offset says the snapshot was reading " + table + ", which is no longer "
                            + "captured; delete the connector's offsets to start over");
                }
                LOG.info("Resuming the snapshot at SCN {} in {} after key {}", scn, table, offset.get("snapshot_key"));
                startSnapshot(scn, remaining, ChangelogOffsets.snapshotKey(offset), false);
            } else {
                position = ChangelogOffsets.position(offset);
                tx = ChangelogOffsets.transaction(offset);
                LOG.info("Resuming the change stream after {}", position);
            }
            lastOffset = offset;
        }
    }

    /**
     * Makes sure the change log and every captured table's triggers exist. On a first start (nothing emitted yet) it
     * installs what is missing. On a restart a missing or outdated trigger means changes may have gone unrecorded: the
     * task fails rather than stream on with a silent gap.
     */
    private void install(ChangelogInstaller installer, boolean fresh) throws SQLException {
        boolean auto = config.changelogInstall() == OceanBaseSourceConfig.ChangelogInstall.AUTO;
        if (!installer.tableExists(conn)) {
            if (!auto || !fresh) {
                throw new ConnectException("The change-log table " + changelog.qualifiedTable() + " does not exist"
                        + (fresh ? "; create it (changelog.install=auto does)" : " although the task has stored offsets; changes are lost. "
                                + "Delete the connector's offsets to snapshot again"));
            }
            installer.installTable(conn);
        }
        if (!installer.hasOriginColumn(conn)) {
            // A change log of an earlier version: its triggers keep writing (the column is nullable), and are replaced below.
            if (!auto) {
                throw new ConnectException("The change-log table " + changelog.qualifiedTable() + " has no column "
                        + ChangelogSchema.ORIGIN_COLUMN + " (created by an earlier version); add it (changelog.install=auto does): "
                        + changelog.addOriginColumn());
            }
            installer.addOriginColumn(conn);
        }
        for (TableSchema t : tables.values()) {
            ChangelogInstaller.TriggerState state = installer.state(conn, t.table());
            if (state == ChangelogInstaller.TriggerState.CURRENT) {
                continue;
            }
            if (!fresh && state == ChangelogInstaller.TriggerState.MISSING) {
                throw new ConnectException("The change-log triggers of " + t.table().id() + " are missing although the task has stored "
                        + "offsets: changes since may be unrecorded. Delete the connector's offsets to snapshot again");
            }
            if (!auto) {
                throw new ConnectException("The change-log triggers of " + t.table().id() + " are " + state.name().toLowerCase()
                        + "; install them (changelog.install=auto does): " + String.join("; ", changelog.createTriggers(t.table())));
            }
            if (!fresh && state == ChangelogInstaller.TriggerState.OUTDATED) {
                // Altered while the task was stopped (or triggers of an earlier format that record no origin): the triggers of the old structure kept recording; rows they wrote are
                // completed from flashback reads (see emit), and the new triggers are created before the old ones go.
                LOG.warn("{} changed its structure while the task was stopped, or its change-log triggers are of an earlier format; "
                        + "rebuilding them (no schema-change event: an old structure is not known)", t.table().id());
            }
            installer.installTriggers(conn, t.table());
        }
    }

    private long currentScn() throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT current_scn()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void startSnapshot(long scn, List<String> remaining, List<String> afterKey, boolean first) throws SQLException {
        snapshot = new SnapshotState(scn, remaining);
        snapshot.afterKey = afterKey;
        snapshot.firstPending = first;
        for (String id : remaining) {
            if (SnapshotReader.hasRows(conn, tables.get(id).table(), scn)) {
                snapshot.lastNonEmpty = id;
            }
        }
        metrics.snapshotStarted(tables.size());
        LOG.info("Snapshot at SCN {} of {} tables", scn, remaining.size());
        if (snapshot.lastNonEmpty == null) {
            finishSnapshot();
        }
    }

    private void finishSnapshot() {
        LOG.info("Snapshot at SCN {} done; streaming changes committed after it", snapshot.scn);
        position = StreamPosition.after(snapshot.scn);
        snapshot = null;
        metrics.snapshotDone();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        try {
            if (snapshot != null) {
                return snapshotPage();
            }
            return stream();
        } catch (SQLException e) {
            if (stopping) {
                return null;
            }
            throw new ConnectException("Reading OceanBase failed: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- snapshot

    private List<SourceRecord> snapshotPage() throws SQLException {
        String id = snapshot.remaining.get(0);
        TableSchema t = tables.get(id);
        TableDef def = t.table();
        List<String[]> rows;
        boolean more;
        boolean pageable = SnapshotReader.pageable(def);
        if (pageable) {
            SnapshotReader.Page page = SnapshotReader.page(conn, def, snapshot.scn, snapshot.afterKey, config.snapshotChunkSize());
            rows = page.rows();
            more = page.more();
        } else {
            if (snapshot.streamed == null) {
                snapshot.streamed = SnapshotReader.stream(conn, def, snapshot.scn);
            }
            rows = new ArrayList<>();
            int n = def.columns().size();
            more = false;
            while (rows.size() < config.snapshotChunkSize()) {
                if (!snapshot.streamed.next()) {
                    break;
                }
                String[] r = new String[n];
                for (int i = 0; i < n; i++) {
                    r[i] = snapshot.streamed.getString(i + 1);
                }
                rows.add(r);
            }
            if (rows.size() == config.snapshotChunkSize()) {
                more = true;
            } else {
                snapshot.streamed.close();
                snapshot.streamed = null;
            }
        }
        boolean lastTable = id.equals(snapshot.lastNonEmpty);
        List<SourceRecord> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            Struct after = t.row(c -> r[def.columns().indexOf(c)]);
            boolean veryLast = lastTable && !more && i == rows.size() - 1;
            String flag = snapshot.firstPending ? "first" : veryLast ? "last" : "true";
            snapshot.firstPending = false;
            List<String> key = pageable ? SnapshotReader.keyTexts(def, r) : null;
            Map<String, ?> offset = veryLast ? ChangelogOffsets.stream(StreamPosition.after(snapshot.scn), null)
                    : ChangelogOffsets.snapshot(snapshot.scn, id, key);
            out.add(events.change(t, "r", null, after, SourceBlock.changelog(flag, def.database(), def.table(), snapshot.scn, null),
                    offset, null));
            metrics.snapshotRow(id);
            lastOffset = offset;
            if (pageable) {
                snapshot.afterKey = key;
            }
        }
        if (!more) {
            metrics.snapshotTableDone();
            snapshot.remaining.remove(0);
            snapshot.afterKey = null;
            if (snapshot.remaining.isEmpty() || lastTable) {
                finishSnapshot();
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- streaming

    private record LogRow(long seq, long scn, long conn, String db, String tbl, String op, String structure, String before, String after,
            String origin) {
        StreamPosition position() {
            return new StreamPosition(scn, conn, seq);
        }

        /**
         * Whether this row was written by a trigger of the format before origins (origin NULL) and {@code other} is the same
         * change recorded by the current trigger next to it: both fire while the triggers are being replaced.
         */
        boolean legacyTwinOf(LogRow other) {
            return origin == null && other != null && other.origin != null && other.scn == scn && other.conn == conn
                    && other.db.equals(db) && other.tbl.equals(tbl) && other.op.equals(op) && other.structure.equals(structure)
                    && Objects.equals(other.before, before) && Objects.equals(other.after, after);
        }
    }

    private List<SourceRecord> stream() throws SQLException, InterruptedException {
        List<SourceRecord> out = new ArrayList<>();
        long started = System.currentTimeMillis();
        if (started - lastStructureCheck >= config.structureCheckIntervalMs()) {
            checkStructures(out);
            lastStructureCheck = started;
        }
        List<LogRow> rows = readLog();
        if (!rows.isEmpty() && structuresChanged(rows, out)) {
            // A table changed structure before or while its rows were read: the triggers of the old structure may have
            // recorded rows after the DDL without the new columns. Read again, now decoding with the new structure and
            // completing older rows from flashback reads.
            rows = readLog();
        }
        boolean full = rows.size() >= config.maxBatchSize();
        for (int i = 0; i < rows.size(); i++) {
            LogRow row = rows.get(i);
            if (row.origin() == null) {
                LogRow next = i + 1 < rows.size() ? rows.get(i + 1) : null;
                if (next == null && full && i > 0) {
                    // Its twin from the current triggers may be the first row of the next read: decide then.
                    rows = rows.subList(0, i);
                    break;
                }
                if (row.legacyTwinOf(next) || row.legacyTwinOf(i > 0 ? rows.get(i - 1) : null)) {
                    position = row.position();
                    continue;
                }
            }
            TableSchema t = tables.get(row.db() + "." + row.tbl());
            if (t != null && !t.table().structureHash().equals(row.structure())) {
                t = refresh(t, out);
                if (!t.table().structureHash().equals(row.structure())) {
                    LogRow next = i + 1 < rows.size() ? rows.get(i + 1) : null;
                    if (next == null && full && i > 0) {
                        // Its twin from the newer triggers may be the first row of the next read: decide then.
                        rows = rows.subList(0, i);
                        break;
                    }
                    if (next != null && isTwin(row, next, t)) {
                        position = row.position();
                        continue;
                    }
                }
            }
            emit(row, out);
        }
        boolean caughtUp = !full;
        if (caughtUp && tx != null) {
            // Fewer rows than asked: the read saw every transaction committed up to its snapshot, so the open one is whole.
            endTransaction(out);
        }
        long now = System.currentTimeMillis();
        if (config.heartbeatIntervalMs() > 0 && now - lastHeartbeat >= config.heartbeatIntervalMs()) {
            Map<String, ?> offset = lastOffset != null ? lastOffset : ChangelogOffsets.stream(position, null);
            out.add(events.heartbeat(config.heartbeatTopic(), offset));
            lastHeartbeat = now;
        }
        if (rows.isEmpty()) {
            metrics.caughtUp(now);
            if (out.isEmpty()) {
                Thread.sleep(config.pollIntervalMs());
                return null;
            }
        }
        return out;
    }

    /**
     * Checks, after reading, the structure of every table the rows belong to. Checking after the read (not before) is what
     * makes it safe: a DDL that committed before the read's snapshot is seen here.
     */
    private boolean structuresChanged(List<LogRow> rows, List<SourceRecord> out) throws SQLException {
        boolean changed = false;
        for (String id : rows.stream().map(r -> r.db() + "." + r.tbl()).distinct().toList()) {
            TableSchema t = tables.get(id);
            if (t != null && refresh(t, out) != t) {
                changed = true;
            }
        }
        return changed;
    }

    /** Compares every captured table's structure with information_schema; a changed one is refreshed (see {@link #refresh}). */
    private void checkStructures(List<SourceRecord> out) throws SQLException {
        for (TableSchema t : List.copyOf(tables.values())) {
            refresh(t, out);
        }
    }

    /**
     * Reloads a table's definition; when its structure changed, installs the triggers of the new structure (before dropping
     * the old ones), emits a schema-change event and returns the new schema.
     */
    private TableSchema refresh(TableSchema t, List<SourceRecord> out) throws SQLException {
        TableDef now = TableCatalog.load(conn, t.table().database(), t.table().table());
        if (now.structureHash().equals(t.table().structureHash())) {
            return t;
        }
        LOG.info("{} changed structure ({} -> {}): {}", now.id(), t.table().structureHash(), now.structureHash(),
                SchemaChanges.alterStatement(t.table(), now));
        new ChangelogInstaller(changelog).installTriggers(conn, now);
        TableSchema fresh = new TableSchema(config.topicPrefix(), now, types);
        tables.put(now.id(), fresh);
        Map<String, ?> offset = lastOffset != null ? lastOffset : ChangelogOffsets.stream(position, tx);
        out.add(SchemaChanges.alter(events, config.topicPrefix(), tenant, t.table(), now,
                SourceBlock.changelog(null, now.database(), now.table(), currentScn(), null), offset));
        return fresh;
    }

    /**
     * Whether {@code next} is the same change as {@code row} recorded by the triggers of the newer structure (both fire while
     * the triggers are being replaced): same transaction, table and operation, and the same text for every column both have.
     */
    private static boolean isTwin(LogRow row, LogRow next, TableSchema t) {
        if (next.scn() != row.scn() || next.conn() != row.conn() || !next.db().equals(row.db()) || !next.tbl().equals(row.tbl())
                || !next.op().equals(row.op()) || !t.table().structureHash().equals(next.structure())) {
            return false;
        }
        return sameCommonColumns(row.before(), next.before()) && sameCommonColumns(row.after(), next.after());
    }

    private static boolean sameCommonColumns(String older, String newer) {
        if (older == null || newer == null) {
            return older == null && newer == null;
        }
        Map<String, String> a = image(older);
        Map<String, String> b = image(newer);
        for (Map.Entry<String, String> e : a.entrySet()) {
            if (b.containsKey(e.getKey()) && !Objects.equals(b.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private List<LogRow> readLog() throws SQLException {
        List<LogRow> rows = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(pollSql)) {
            ps.setLong(1, position.scn());
            ps.setLong(2, position.scn());
            ps.setLong(3, position.conn());
            ps.setLong(4, position.conn());
            ps.setLong(5, position.seq());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new LogRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)));
                }
            }
        }
        return rows;
    }

    private void emit(LogRow row, List<SourceRecord> out) {
        StreamPosition p = row.position();
        if (p.compareTo(position) <= 0) {
            throw new ConnectException("Change-log row " + row.seq() + " at " + p + " is not after the last position " + position
                    + "; commit order would be broken");
        }
        if (row.origin() != null && config.excludedOrigins().contains(row.origin())) {
            // Written by a session marked with an excluded origin (e.g. the sink of the other direction): left out, so a
            // change is never sent back where it came from. A transaction before it is complete: it sorts before this row.
            if (tx != null && !tx.covers(row.scn(), row.conn())) {
                endTransaction(out);
            }
            position = p;
            lastOffset = ChangelogOffsets.stream(p, tx);
            return;
        }
        TableSchema t = tables.get(row.db() + "." + row.tbl());
        if (config.transactionMetadata() && (tx == null || !tx.covers(row.scn(), row.conn()))) {
            if (tx != null) {
                endTransaction(out);
            }
            tx = new OpenTransaction(OpenTransaction.id(row.scn(), row.conn()), row.scn(), row.conn());
            // BEGIN's offset is still before the transaction's first row, so a restart re-reads that row (into the restored transaction).
            lastOffset = ChangelogOffsets.stream(position, tx);
            out.add(events.transactionBegin(tx.id(), row.scn() / 1_000_000L, lastOffset));
        }
        // The offset before this row. A row can become several records (a key change: delete, tombstone, create; a delete:
        // delete, tombstone) and Kafka Connect may commit the offset of any one of them; all but the row's last record
        // carry this offset, so a restart after such a commit reads the row again instead of skipping the rest of it.
        Map<String, ?> beforeRow = ChangelogOffsets.stream(position, tx);
        position = p;
        if (t == null) {
            // A table no longer captured (or a foreign row): advance past it.
            lastOffset = ChangelogOffsets.stream(p, tx);
            return;
        }
        TableDef def = t.table();
        Map<String, String> beforeImage = row.before() == null ? null : image(row.before());
        Map<String, String> afterImage = row.after() == null ? null : image(row.after());
        if (!def.structureHash().equals(row.structure())) {
            // Written by the triggers of an earlier structure: complete the columns they did not know from flashback reads.
            beforeImage = complete(def, row, beforeImage, row.scn() - 1, "before");
            afterImage = complete(def, row, afterImage, row.scn(), "after");
        }
        Struct before = beforeImage == null ? null : t.row(beforeImage);
        Struct after = afterImage == null ? null : t.row(afterImage);
        SourceBlock source = SourceBlock.changelog("false", def.database(), def.table(), row.scn(), row.conn());
        String op = row.op();
        if ("u".equals(op) && def.primaryKey().size() > 0 && !Objects.equals(t.key(before), t.key(after))) {
            // A key change: delete of the old key, then create of the new one, as Debezium's MySQL connector emits it.
            add(out, t, "d", before, null, source, p, beforeRow, false);
            add(out, t, "c", null, after, source, p, beforeRow, true);
        } else {
            add(out, t, op, before, after, source, p, beforeRow, true);
        }
        metrics.change(row.scn() / 1_000_000L);
    }

    /**
     * Adds the columns an image lacks, read from the row AS OF SNAPSHOT {@code scn} (the commit version of the change for an
     * after image, the version just before it for a before image). Fails when the row is not there at that version.
     */
    private Map<String, String> complete(TableDef def, LogRow row, Map<String, String> image, long scn, String which) {
        if (image == null) {
            return null;
        }
        List<io.obkc.source.schema.ColumnDef> missing = def.columns().stream().filter(c -> !image.containsKey(c.name())).toList();
        if (missing.isEmpty()) {
            return image;
        }
        if (def.primaryKey().isEmpty()) {
            throw new ConnectException("Change-log row " + row.seq() + " of " + def.id() + " lacks the columns " + names(missing)
                    + " (written before the triggers were rebuilt for the new structure) and the table has no primary key to read "
                    + "them by; re-snapshot the table");
        }
        try {
            Map<String, String> found = SnapshotReader.readRow(conn, def, scn, missing, image);
            if (found == null) {
                throw new ConnectException("Change-log row " + row.seq() + " of " + def.id() + " lacks the columns " + names(missing)
                        + " and the row " + keyText(def, image) + " is not there AS OF SNAPSHOT " + scn + " to read its " + which
                        + " image from; re-snapshot the table");
            }
            Map<String, String> out = new HashMap<>(image);
            out.putAll(found);
            metrics.imageCompleted();
            return out;
        } catch (SQLException e) {
            throw new ConnectException("Cannot read " + names(missing) + " of " + def.id() + " " + keyText(def, image) + " AS OF SNAPSHOT "
                    + scn + ": " + e.getMessage(), e);
        }
    }

    private static String names(List<io.obkc.source.schema.ColumnDef> cols) {
        return cols.stream().map(io.obkc.source.schema.ColumnDef::name).toList().toString();
    }

    private static String keyText(TableDef def, Map<String, String> image) {
        StringBuilder sb = new StringBuilder("(");
        for (String k : def.primaryKey()) {
            sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(image.get(k));
        }
        return sb.append(')').toString();
    }

    /**
     * Adds one change event (and its tombstone after a delete). Only the last record of the change-log row carries the
     * row's own position; the others carry {@code beforeRow} (see {@link #emit}).
     */
    private void add(List<SourceRecord> out, TableSchema t, String op, Struct before, Struct after, SourceBlock source, StreamPosition p,
            Map<String, ?> beforeRow, boolean lastOfRow) {
        Struct block = null;
        if (tx != null) {
            long[] order = tx.next(t.table().id());
            block = ChangeEvents.transactionBlock(tx.id(), order[0], order[1]);
        }
        Map<String, ?> atRow = ChangelogOffsets.stream(p, tx);
        boolean tombstone = "d".equals(op) && config.tombstonesOnDelete();
        out.add(events.change(t, op, before, after, source, lastOfRow && !tombstone ? atRow : beforeRow, block));
        if (tombstone) {
            out.add(events.tombstone(t, before, lastOfRow ? atRow : beforeRow));
        }
        lastOffset = atRow;
    }

    private void endTransaction(List<SourceRecord> out) {
        OpenTransaction done = tx.finished();
        lastOffset = ChangelogOffsets.stream(position, done);
        out.add(events.transactionEnd(done.id(), done.scn() / 1_000_000L, done.events(), done.perCollection(), lastOffset));
        tx = null;
    }

    private static Map<String, String> image(String json) {
        try {
            JsonNode n = ChangelogOffsets.JSON.readTree(json);
            Map<String, String> m = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            }
            return m;
        } catch (Exception e) {
            throw new ConnectException("Unreadable row image in the change log: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- purge

    /**
     * Deletes the change-log rows at or before the offset Kafka Connect has committed (read back from the offset store,
     * so never a row whose change is not safely recorded in Kafka).
     */
    @Override
    public void commit() {
        if (!config.changelogPurge() || stopping) {
            return;
        }
        Map<String, Object> committed = context.offsetStorageReader().offset(events.partition());
        if (committed == null || ChangelogOffsets.isSnapshot(committed) || committed.get("scn") == null) {
            return;
        }
        StreamPosition p = ChangelogOffsets.position(committed);
        synchronized (this) {
            try {
                if (purgeConn == null || purgeConn.isClosed()) {
                    purgeConn = SourceConnections.open(config);
                }
                try (PreparedStatement ps = purgeConn.prepareStatement("DELETE FROM " + changelog.qualifiedTable()
                        + " WHERE ORA_ROWSCN < ? OR (ORA_ROWSCN = ? AND (conn_id < ? OR (conn_id = ? AND seq <= ?)))")) {
                    ps.setLong(1, p.scn());
                    ps.setLong(2, p.scn());
                    ps.setLong(3, p.conn());
                    ps.setLong(4, p.conn());
                    ps.setLong(5, p.seq());
                    int n = ps.executeUpdate();
                    if (n > 0) {
                        LOG.debug("Purged {} consumed change-log rows up to {}", n, p);
                    }
                }
            } catch (SQLException e) {
                // Not fatal: the rows are purged at the next commit.
                LOG.warn("Could not purge consumed change-log rows up to {}: {}", p, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        closeQuietly(conn);
        synchronized (this) {
            closeQuietly(purgeConn);
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // closing
            }
        }
    }

    /** For tests: the tables being captured. */
    public Map<String, TableSchema> tables() {
        return new LinkedHashMap<>(tables);
    }
}
