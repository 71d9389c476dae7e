package io.obkc.migration.status;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.obkc.common.rules.ObjectName;
import io.obkc.common.sql.Identifiers;
import io.obkc.migration.connect.ConnectRestClient;
import io.obkc.migration.connect.KafkaFigures;
import io.obkc.migration.precheck.SelectedTables;
import io.obkc.migration.project.LoadedProject;
import io.obkc.migration.project.Project;
import io.obkc.migration.project.ProjectException;
import io.obkc.migration.run.Markers;
import io.obkc.migration.state.ProjectState;

/**
 * Gathers {@link StatusReport}: connector and task states from the REST API, per-table row counts on both sides (exact
 * below {@link #EXACT_COUNT_LIMIT} estimated rows, else the servers' statistics), the lag from the heartbeat marker,
 * the sink's consumer lag and the DLQ size from Kafka. Reads only; the ETA uses the previous run's counts from the
 * state file.
 */
public final class StatusCollector {
    static final long EXACT_COUNT_LIMIT = 1_000_000;

    private final LoadedProject p;
    private final ConnectRestClient connect;

    public StatusCollector(LoadedProject p, ConnectRestClient connect) {
        this.p = p;
        this.connect = connect;
    }

    public StatusReport collect(ProjectState state) {
        List<String> notes = new ArrayList<>();
        List<StatusReport.Connector> connectors = new ArrayList<>();
        boolean allRunning = true;
        boolean any = false;
        for (String name : List.of(p.sourceConnector(), p.sinkConnector(), p.reverseSourceConnector(), p.reverseSinkConnector())) {
            Optional<ConnectRestClient.ConnectorState> s = connect.status(name);
            if (s.isEmpty()) {
                if (name.equals(p.sourceConnector()) || name.equals(p.sinkConnector())) {
                    connectors.add(new StatusReport.Connector(name, "ABSENT", List.of(), null));
                    allRunning = false;
                }
                continue;
            }
            any = true;
            ConnectRestClient.ConnectorState cs = s.get();
            String error = cs.tasks().stream().filter(t -> t.trace() != null).map(t -> "task " + t.id() + ": " + firstLine(t.trace()))
                    .findFirst().orElse(null);
            connectors.add(new StatusReport.Connector(name, cs.state(),
                    cs.tasks().stream().map(t -> t.id() + ":" + t.state()).toList(), error));
            if ((name.equals(p.sourceConnector()) || name.equals(p.sinkConnector())) && !cs.running()) {
                allRunning = false;
            }
        }
        List<StatusReport.Table> tables = new ArrayList<>();
        Long lag = null;
        try (Connection src = p.openSource(); Connection tgt = p.openTarget()) {
            long now = System.currentTimeMillis();
            for (SelectedTables.Table t : SelectedTables.read(p, src)) {
                long estimate = estimate(src, t.source(), true);
                boolean exact = estimate < EXACT_COUNT_LIMIT;
                long sRows = exact ? count(src, t.source(), true) : estimate;
                long tRows = exact ? count(tgt, t.target(), false) : estimate(tgt, t.target(), false);
                ProjectState.RowSample prev = state.rowSamples.get(t.target().toString());
                Double rate = null;
                Long eta = null;
                if (prev != null && now > prev.atMillis() && tRows > prev.rows()) {
                    rate = (tRows - prev.rows()) * 1000.0 / (now - prev.atMillis());
                    eta = sRows > tRows ? Math.round((sRows - tRows) / rate) : 0L;
                } else if (tRows >= sRows) {
                    eta = 0L;
                }
                state.rowSamples.put(t.target().toString(), new ProjectState.RowSample(tRows, now));
                double pct = sRows == 0 ? 100.0 : Math.min(100.0, 100.0 * tRows / sRows);
                tables.add(new StatusReport.Table(t.source().toString(), t.target().toString(), sRows, tRows, exact,
                        Math.round(pct * 10) / 10.0, rate, eta));
            }
            Markers markers = new Markers(p);
            Optional<Markers.Row> hb = markers.readTarget(tgt, Markers.HEARTBEAT);
            if (hb.isPresent()) {
                lag = Math.max(0, markers.sourceNowMillis(src) - hb.get().ts());
            }
        } catch (SQLException e) {
            notes.add("database figures unavailable: " + e.getMessage());
        } catch (ProjectException e) {
            notes.add(e.getMessage());
        }
        Long behind = null;
        Long dlq = null;
        try (KafkaFigures kafka = new KafkaFigures(p.project().connect.kafkaBootstrap)) {
            dlq = kafka.records(p.dlqTopic());
            behind = kafka.consumerLag("connect-" + p.sinkConnector(), p.sinkTopicsRegex());
        } catch (ProjectException e) {
            notes.add(e.getMessage());
        }
        if (behind != null && behind > 0) {
            notes.add("sink records behind counts from the sink's last offset commit (offset.flush.interval.ms), so it trails");
        }
        if (dlq != null && dlq > 0) {
            notes.add(dlq + " record(s) in the dead letter queue " + p.dlqTopic() + ": read their headers (__connect.errors.*) for table, key and reason");
        }
        if (!any) {
            notes.add("no connector exists yet: run start");
        }
        boolean caughtUp = allRunning && lag != null && lag <= p.project().options.lagThresholdMs;
        return new StatusReport(p.name(), steps(state, allRunning), connectors, tables, lag, p.project().options.lagThresholdMs,
                behind, dlq, caughtUp, notes);
    }

    private List<StatusReport.Step> steps(ProjectState state, boolean running) {
        List<StatusReport.Step> out = new ArrayList<>();
        for (Project.Step s : p.project().steps) {
            String key = s.name().toLowerCase(Locale.ROOT);
            String phase = switch (s) {
                case SCHEMA -> "schema";
                case FULL, INCREMENTAL -> "connectors";
                case VERIFY -> "verify";
                case SWITCHOVER -> "switchover";
                case REVERSE -> "reverse";
            };
            if (s == Project.Step.FULL && p.bulkFullLoad()) {
                // full-load: bulk: the copy is the full step; it is done or not, never "running" as a connector.
                out.add(new StatusReport.Step(key, state.isDone("bulk-load") ? "done" : "pending", state.done.get("bulk-load")));
                continue;
            }
            String st = state.isDone(phase) ? (s == Project.Step.FULL || s == Project.Step.INCREMENTAL)
                    ? (state.isDone("stopped") ? "stopped" : running ? "running" : "not running") : "done" : "pending";
            out.add(new StatusReport.Step(key, st, state.done.get(phase)));
        }
        return out;
    }

    private long estimate(Connection c, ObjectName t, boolean source) throws SQLException {
        String sql = source && p.postgres()
                ? "SELECT GREATEST(c.reltuples, 0)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = ? AND c.relname = ?"
                : "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, t.database());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private long count(Connection c, ObjectName t, boolean source) throws SQLException {
        String table = source && p.postgres() ? Identifiers.quotePostgres(t.database(), t.table()) : Identifiers.quoteMysql(t.database(), t.table());
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if (!source && (e.getErrorCode() == 1146 || e.getErrorCode() == 1049)) {
                return 0; // not created yet
            }
            throw e;
        }
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
