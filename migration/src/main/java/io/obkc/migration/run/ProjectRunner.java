package io.obkc.migration.run;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.obkc.migration.connect.ConnectRestClient;
import io.obkc.migration.connect.ConnectorPlan;
import io.obkc.migration.connect.KafkaFigures;
import io.obkc.migration.precheck.Check;
import io.obkc.migration.precheck.Prechecks;
import io.obkc.migration.precheck.SelectedTables;
import io.obkc.migration.project.JdbcUrl;
import io.obkc.migration.project.LoadedProject;
import io.obkc.migration.project.Project;
import io.obkc.migration.project.ProjectException;
import io.obkc.migration.state.ProjectState;
import io.obkc.migration.tools.ToolRunner;

/**
 * The subcommands' work. Each one reads the state file, skips phases recorded as done, and records each phase as it
 * completes, so running a subcommand again (after success, a failure or a crash of the CLI) continues where it stopped
 * and repeats nothing that is not idempotent anyway (PUT of a connector configuration, CREATE ... IF NOT EXISTS).
 */
public final class ProjectRunner {
    public static final int OK = 0;
    public static final int NOT_OK = 1;
    public static final int ERROR = 2;

    /** Connectors need this long to reach RUNNING after a PUT before start reports them as not running. */
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(90);
    /** full-load: bulk: how long start waits for the source connector's first committed offset. */
    private static final Duration OFFSET_TIMEOUT = Duration.ofSeconds(180);

    private final LoadedProject p;
    private final ConnectRestClient connect;
    private final ProjectState state;
    private final PrintWriter out;
    private final ConnectorWaits waits;
    private long startNanos = System.nanoTime();

    public ProjectRunner(LoadedProject p, PrintWriter out) {
        this.p = p;
        this.connect = new ConnectRestClient(p.project().connect.url);
        this.state = ProjectState.load(p.stateFile());
        this.out = out;
        this.waits = new ConnectorWaits(connect, out, RUNNING_TIMEOUT);
    }

    public ConnectRestClient connect() {
        return connect;
    }

    public ProjectState state() {
        return state;
    }

    public void saveState() {
        state.save(p.stateFile());
    }

    private void done(String phase) {
        state.markDone(phase);
        saveState();
    }

    public List<Check> precheck() {
        return new Prechecks(p).run(connect);
    }

    // ---- start ------------------------------------------------------------------------------------------------------

    public int start(boolean skipPrecheck) {
        startNanos = System.nanoTime();
        if (state.isDone("released")) {
            throw new ProjectException("project " + p.name() + " was released; to migrate again, move " + p.workDir()
                    + " away (it holds the state) and run start");
        }
        if (state.isDone("switchover")) {
            throw new ProjectException("project " + p.name() + " was switched over; start would resume the forward sync. Use reverse, "
                    + "or release and begin a new project");
        }
        if (!skipPrecheck && !state.isDone("connectors")) {
            List<Check> blockers = precheck().stream().filter(c -> c.level() == Check.Level.BLOCKER).toList();
            if (!blockers.isEmpty()) {
                out.println("precheck found " + blockers.size() + " blocker(s); start refused:");
                blockers.forEach(c -> out.println("  BLOCKER " + c.subject() + ": " + c.detail() + "\n          fix: " + c.fix()));
                return NOT_OK;
            }
        }
        Project pr = p.project();
        if (pr.steps.contains(Project.Step.SCHEMA) && !state.isDone("schema")) {
            out.println("[schema] migrating the schema (obkc-schema-migrate)");
            ToolRunner.Result r = ToolRunner.run(ToolRunner.SCHEMA_MIGRATION, schemaArgs(false).toArray(String[]::new));
            out.print(r.out());
            out.print(r.err());
            if (r.exitCode() != 0) {
                out.println("[schema] obkc-schema-migrate exited " + r.exitCode() + "; fix the objects it names and run start again");
                return r.exitCode() == 1 ? NOT_OK : ERROR;
            }
            done("schema");
            out.println("[schema] done at " + elapsed());
        }
        if (!pr.steps.contains(Project.Step.FULL) && !pr.steps.contains(Project.Step.INCREMENTAL)) {
            out.println("no full or incremental step: nothing more to start");
            return OK;
        }
        List<String> captured;
        try (Connection src = p.openSource(); Connection tgt = p.openTarget()) {
            Markers m = new Markers(p);
            m.ensureSource(src);
            m.ensureTarget(tgt);
            captured = new ArrayList<>(SelectedTables.sourceDatabases(SelectedTables.read(p, src)));
        } catch (SQLException e) {
            throw new ProjectException("preparing the marker table " + p.markerDatabase() + "." + LoadedProject.MARKER_TABLE + ": " + e.getMessage(), e);
        }
        captured.add(p.markerDatabase());
        ConnectorPlan plan = new ConnectorPlan(p);
        if (p.bulkFullLoad()) {
            if (!state.isDone("bulk-load")) {
                int r = bulkLoad(plan, captured);
                if (r != OK) {
                    return r;
                }
            }
            if (!pr.steps.contains(Project.Step.INCREMENTAL)) {
                out.println("[bulk-load] full load done; no incremental step: nothing more to start");
                return OK;
            }
        }
        // Sink first: it must be subscribed before the source's first records, though either order is safe.
        connect.putConfig(p.sinkConnector(), plan.sink());
        connect.putConfig(p.sourceConnector(), plan.source(captured));
        if (state.isDone("stopped")) {
            connect.resume(p.sinkConnector());
            connect.resume(p.sourceConnector());
            state.forget("stopped");
        }
        out.println("[connectors] " + p.sourceConnector() + " and " + p.sinkConnector() + " configured at " + pr.connect.url);
        int running = waits.awaitRunning(List.of(p.sourceConnector(), p.sinkConnector()));
        if (running == OK) {
            done("connectors");
            out.println("[connectors] running; watch with: obkc-migrate status --project " + p.file());
        }
        return running;
    }

    /**
     * full-load: bulk. 1. The source connector starts with snapshot.mode=no_data: Debezium records the binlog/WAL position
     * and captures every change from there. 2. Once it has committed that position (an offset; a marker row written on the
     * source makes sure there is a change to commit), 3. obkc-bulk-load copies the rows. 4. The caller then creates the
     * sink, which replays the changes since the position over the copied rows: inserts and updates are upserts and deletes
     * are idempotent, so rows changed during the copy end with their latest value, and no change is lost (no gap). Each
     * step is recorded; a resumed start repeats only the copy if it had not finished (upserts: harmless).
     */
    private int bulkLoad(ConnectorPlan plan, List<String> captured) {
        Project pr = p.project();
        boolean incremental = pr.steps.contains(Project.Step.INCREMENTAL);
        if (incremental && !state.isDone("bulk-load.position")) {
            connect.putConfig(p.sourceConnector(), plan.source(captured));
            if (state.isDone("stopped")) {
                connect.resume(p.sourceConnector());
            }
            int running = waits.awaitRunning(List.of(p.sourceConnector()));
            if (running != OK) {
                return running;
            }
            out.println("[bulk-load] " + p.sourceConnector() + " runs without a snapshot; waiting for it to commit its start position");
            if (!awaitCommittedOffset(p.sourceConnector())) {
                return NOT_OK;
            }
            done("bulk-load.position");
            out.println("[bulk-load] start position committed at " + elapsed());
        }
        out.println("[bulk-load] copying the rows (obkc-bulk-load, " + pr.options.bulkLoadThreads + " threads, "
                + pr.options.bulkLoadChunkRows + " rows per range)");
        long t0 = System.nanoTime();
        ToolRunner.Result r = ToolRunner.run(ToolRunner.BULK_LOAD, ToolRunner.bulkLoadArgs(p, false));
        out.print(r.out());
        out.print(r.err());
        if (r.exitCode() != 0) {
            out.println("[bulk-load] obkc-bulk-load exited " + r.exitCode() + "; fix what it names and run start again (the copy "
                    + "is repeated; its upserts leave each row once)" + (incremental ? "; the source connector keeps capturing" : ""));
            return r.exitCode() == 1 ? NOT_OK : ERROR;
        }
        done("bulk-load");
        out.println("[bulk-load] copy done in " + String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9) + " s, at "
                + elapsed()
                + (incremental ? "; creating the sink, which replays the changes captured since the recorded position" : ""));
        return OK;
    }

    /** Polls GET /connectors/{name}/offsets (a wait with a deadline); a marker row gives Debezium a change to commit. */
    private boolean awaitCommittedOffset(String connector) {
        long deadline = System.nanoTime() + OFFSET_TIMEOUT.toNanos();
        Markers m = new Markers(p);
        long nextMarker = 0;
        try (Connection src = p.openSource()) {
            while (true) {
                if (!connect.offsets(connector).isEmpty()) {
                    return true;
                }
                failIfFailed(connector);
                if (System.nanoTime() > deadline) {
                    out.println("[bulk-load] " + connector + " committed no offset within " + OFFSET_TIMEOUT.toSeconds()
                            + " s; see status and the worker log (offset.flush.interval.ms), then run start again");
                    return false;
                }
                if (System.nanoTime() > nextMarker) {
                    m.write(src, Markers.BULK_LOAD, UUID.randomUUID().toString());
                    nextMarker = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
                pause(200);
            }
        } catch (SQLException e) {
            throw new ProjectException("writing the marker row on the source: " + e.getMessage(), e);
        }
    }

    /** Seconds since this start began, for the phase messages. */
    private String elapsed() {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    List<String> schemaArgs(boolean applyDeferredSwitchover) {
        Project pr = p.project();
        List<String> a = new ArrayList<>();
        if (!applyDeferredSwitchover) {
            a.addAll(List.of("--source-url", pr.source.url, "--source-user", pr.source.user, "--source-password=" + p.sourcePassword()));
            pr.objects.include.forEach(r -> a.addAll(List.of("--include", r)));
            pr.objects.exclude.forEach(r -> a.addAll(List.of("--exclude", r)));
            a.addAll(List.of("--index-creation", pr.options.indexCreation));
        } else {
            a.addAll(List.of("--apply-deferred", "switchover"));
        }
        a.addAll(List.of("--target-url", pr.target.url, "--target-user", pr.target.user, "--target-password=" + p.targetPassword(),
                "--state-dir", p.workDir().resolve("schema").toString()));
        return a;
    }

    // ---- verify -----------------------------------------------------------------------------------------------------

    /** Runs obkc-verify online (re-checking rows in flight); its JSON summary goes to {@code jsonOut} when given. */
    public ToolRunner.Result verify(boolean json) {
        Project pr = p.project();
        // The verifier reads host, port and database from the URLs and asks the server what it is (MySQL, MariaDB, OceanBase).
        List<String> a = new ArrayList<>(List.of("--source-url", pr.source.url, "--source-user", pr.source.user,
                "--source-password=" + p.sourcePassword(), "--target-url", pr.target.url, "--target-user", pr.target.user,
                "--target-password=" + p.targetPassword(), "--include", p.includeRules(),
                "--report-dir", p.workDir().resolve("verify").toString(),
                "--recheck-seconds", String.valueOf(pr.options.verifyRecheckSeconds), "--progress", "none"));
        if (!pr.objects.exclude.isEmpty()) {
            a.addAll(List.of("--exclude", p.excludeRules()));
        }
        if (json) {
            a.add("--json");
        }
        ToolRunner.Result r = ToolRunner.run(ToolRunner.VERIFIER, a.toArray(String[]::new));
        state.lastVerifyExit = r.exitCode();
        if (r.exitCode() == 0) {
            state.markDone("verify");
        }
        saveState();
        return r;
    }

    // ---- switchover -------------------------------------------------------------------------------------------------

    /**
     * 1. catch-up proof (marker row written on the source arrives on the target within the lag threshold), 2. final
     * verification, 3. forward connectors stopped, 4. deferred FKs/CHECKs restored and helper columns dropped, 5. what
     * is left to do by hand. Each phase is recorded; a second run continues with the first phase not done.
     */
    public int switchover() {
        Project pr = p.project();
        if (!state.isDone("connectors")) {
            throw new ProjectException("switchover needs the forward sync running: run start first");
        }
        if (!state.isDone("switchover.catch-up")) {
            out.println("[switchover 1/4] catch-up proof: stop the application's writes to the source now; writing a marker on the source");
            long lag = catchUpProof();
            if (lag < 0) {
                return NOT_OK;
            }
            out.println("[switchover 1/4] the target applied the marker " + lag + " ms after it was written (threshold "
                    + pr.options.lagThresholdMs + " ms)");
            done("switchover.catch-up");
        }
        if (!state.isDone("switchover.verify")) {
            out.println("[switchover 2/4] final verification (obkc-verify)");
            ToolRunner.Result r = verify(false);
            out.print(r.out());
            if (r.exitCode() != 0) {
                out.print(r.err());
                out.println("[switchover 2/4] verification found " + (r.exitCode() == 1 ? "differences" : "an error")
                        + " (report in " + p.workDir().resolve("verify") + "); fix them and run switchover again");
                return r.exitCode() == 1 ? NOT_OK : ERROR;
            }
            done("switchover.verify");
        }
        if (!state.isDone("switchover.stop-forward")) {
            out.println("[switchover 3/4] stopping the forward connectors (configuration and offsets kept)");
            connect.stop(p.sourceConnector());
            connect.stop(p.sinkConnector());
            done("switchover.stop-forward");
        }
        if (!state.isDone("switchover.deferred")) {
            if (pr.steps.contains(Project.Step.SCHEMA)) {
                out.println("[switchover 4/4] restoring deferred foreign keys and CHECKs, dropping hidden key columns and helper indexes");
                ToolRunner.Result r = ToolRunner.run(ToolRunner.SCHEMA_MIGRATION, schemaArgs(true).toArray(String[]::new));
                out.print(r.out());
                if (r.exitCode() != 0) {
                    out.print(r.err());
                    out.println("[switchover 4/4] obkc-schema-migrate --apply-deferred switchover exited " + r.exitCode()
                            + "; fix what it names and run switchover again");
                    return r.exitCode() == 1 ? NOT_OK : ERROR;
                }
            }
            done("switchover.deferred");
        }
        done("switchover");
        out.println("[switchover] done. Still to do by hand:");
        out.println("  - point the applications' connections at the target (" + JdbcUrl.redact(pr.target.url) + ")");
        out.println("  - create triggers, stored routines and events on the target (the schema migration reports them as skipped)");
        out.println("  - check AUTO_INCREMENT / sequence next values on the target against the source's");
        out.println("  - grant the application users on the target");
        if (pr.steps.contains(Project.Step.REVERSE)) {
            out.println("  - then: obkc-migrate reverse --project " + p.file() + (p.bothDirections() ? " (both directions)"
                    : " (one direction at a time, see docs)"));
        }
        return OK;
    }

    /** The milliseconds the last marker took to arrive, or -1 when none arrived within the threshold before the timeout. */
    private long catchUpProof() {
        Project pr = p.project();
        Markers m = new Markers(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(pr.options.catchUpTimeoutSeconds).toNanos();
        long best = -1;
        try (Connection src = p.openSource(); Connection tgt = p.openTarget()) {
            while (System.nanoTime() < deadline) {
                String token = UUID.randomUUID().toString();
                long written = System.nanoTime();
                m.write(src, Markers.SWITCHOVER, token);
                while (System.nanoTime() < deadline) {
                    failIfFailed(p.sourceConnector());
                    failIfFailed(p.sinkConnector());
                    Optional<Markers.Row> r = m.readTarget(tgt, Markers.SWITCHOVER);
                    if (r.isPresent() && token.equals(r.get().token())) {
                        long ms = Duration.ofNanos(System.nanoTime() - written).toMillis();
                        if (ms <= pr.options.lagThresholdMs) {
                            return ms;
                        }
                        best = ms;
                        out.println("  marker arrived after " + ms + " ms, over the threshold: still catching up, trying again");
                        break;
                    }
                    pause(200);
                }
            }
        } catch (SQLException e) {
            throw new ProjectException("catch-up proof: " + e.getMessage(), e);
        }
        out.println("[switchover 1/4] no marker arrived within " + pr.options.lagThresholdMs + " ms before the timeout of "
                + pr.options.catchUpTimeoutSeconds + " s" + (best < 0 ? " (none arrived at all: check status)" : " (last: " + best + " ms)"));
        return -1;
    }

    private void failIfFailed(String connector) {
        Optional<ConnectRestClient.ConnectorState> s = connect.status(connector);
        if (s.isEmpty() || s.get().failed()) {
            throw new ProjectException("connector " + connector + (s.isEmpty() ? " does not exist" : " FAILED") + ": see status");
        }
    }

    // ---- stop / release ---------------------------------------------------------------------------------------------

    public int stop() {
        for (String n : List.of(p.reverseSourceConnector(), p.reverseSinkConnector(), p.sourceConnector(), p.sinkConnector())) {
            if (connect.status(n).isPresent()) {
                connect.stop(n);
                out.println("stopped " + n + " (configuration and offsets kept; start resumes it)");
            }
        }
        if (state.isDone("connectors")) {
            done("stopped");
        }
        return OK;
    }

    /**
     * Deletes the connectors, the reverse source's change-log triggers and table, the PostgreSQL slot and publication, the
     * marker tables and the project's topics.
     */
    public int release() {
        if (state.isDone("reverse") || connect.status(p.reverseSourceConnector()).isPresent()) {
            // Where the reverse source keeps its change log: its live configuration, else where this version puts it.
            Optional<Map<String, String>> cfg = connect.config(p.reverseSourceConnector());
            if (cfg.isPresent()) {
                state.reverseChangeLog = cfg.get().getOrDefault("changelog.database", "obkc_cdc") + "."
                        + cfg.get().getOrDefault("changelog.table", "change_log");
            } else if (state.reverseChangeLog == null) {
                state.reverseChangeLog = p.markerDatabase() + "." + LoadedProject.REVERSE_CHANGE_LOG;
            }
            saveState();
        }
        for (String n : List.of(p.reverseSourceConnector(), p.reverseSinkConnector(), p.sourceConnector(), p.sinkConnector())) {
            if (connect.status(n).isEmpty()) {
                continue;
            }
            // Offsets outlive a deleted connector: one created again under this name would resume the old position
            // (a source would skip its snapshot). They can be reset only while the connector is stopped.
            connect.stop(n);
            waits.awaitStopped(n);
            if (!connect.resetOffsets(n)) {
                out.println("warning: the worker did not reset the offsets of " + n + " (Kafka Connect before 3.6?); "
                        + "do not reuse the project name " + p.name());
            }
            connect.delete(n);
            out.println("deleted connector " + n + " and its offsets");
        }
        if (state.reverseChangeLog != null) {
            // After the connectors are gone, so no task re-creates a trigger; before the marker database is dropped.
            int dot = state.reverseChangeLog.indexOf('.');
            dropReverseChangeLog(state.reverseChangeLog.substring(0, dot), state.reverseChangeLog.substring(dot + 1));
        }
        try (Connection src = p.openSource()) {
            if (p.postgres()) {
                awaitSlotInactive(src);
                try (Statement st = src.createStatement()) {
                    st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                            + p.pgSlot().replace("'", "''") + "'");
                    st.execute("DROP PUBLICATION IF EXISTS " + io.obkc.common.sql.Identifiers.quotePostgres(p.pgSlot()));
                }
                out.println("dropped replication slot and publication " + p.pgSlot() + " (if any)");
            }
            new Markers(p).dropSource(src);
        } catch (SQLException e) {
            throw new ProjectException("release on the source: " + e.getMessage(), e);
        }
        try (Connection tgt = p.openTarget()) {
            new Markers(p).dropTarget(tgt);
        } catch (SQLException e) {
            throw new ProjectException("release on the target: " + e.getMessage(), e);
        }
        out.println("dropped the marker tables " + p.markerDatabase() + " on source and target");
        try (KafkaFigures kafka = new KafkaFigures(p.project().connect.kafkaBootstrap)) {
            List<String> deleted = kafka.deleteTopics(Pattern.compile("(__debezium-heartbeat\\.)?" + Pattern.quote(p.topicPrefix())
                    + "([.-].*|_rev([.-].*)?)?"));
            out.println("deleted " + deleted.size() + " topic(s) " + deleted);
        }
        done("released");
        return OK;
    }

    private void awaitSlotInactive(Connection src) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Statement st = src.createStatement(); var rs = st.executeQuery(
                    "SELECT active FROM pg_replication_slots WHERE slot_name = '" + p.pgSlot().replace("'", "''") + "'")) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return;
                }
            }
            pause(500);
        }
    }

    // ---- reverse ----------------------------------------------------------------------------------------------------

    /**
     * Reverse incremental after switchover (tested with a MariaDB source: MariaDbMigrationProjectIT one direction at a time,
     * MariaDbBothDirectionsIT both at once). reverse-mode one-direction: the forward connectors stay stopped, so nothing is
     * carried both ways. both-directions: the forward connectors are resumed once the reverse pair runs, and loops are cut
     * by markers on both sides: the forward sink's OceanBase sessions set @obkc_origin, which the reverse source's change-log
     * triggers record and leave out; the reverse sink's MariaDB/MySQL sessions run with sql_log_bin=0, so the forward
     * Debezium source never reads its writes (docs/migration-guide.md, "Loop prevention").
     */
    public int reverse() {
        boolean both = p.bothDirections();
        out.println(both ? "NOTE: reverse-mode both-directions: the forward connectors are resumed after the reverse pair runs; rows "
                + "must not be written on both sides at once (no conflict resolution, docs/migration-guide.md)."
                : "NOTE: reverse incremental runs one direction at a time (the forward connectors stay stopped); set options.reverse-mode: "
                        + "both-directions to keep the forward direction running (docs/migration-guide.md).");
        if (p.postgres()) {
            throw new ProjectException("reverse incremental into PostgreSQL needs a PostgreSQL sink, which this bundle does not have");
        }
        if (!state.isDone("switchover")) {
            throw new ProjectException("reverse runs after the switchover: run switchover first");
        }
        if (both && state.isDone("reverse") && !state.isDone("reverse.both-directions")) {
            // The one-direction reverse sink wrote into the binlog; a resumed forward source would re-apply those old changes.
            throw new ProjectException("reverse already runs one direction at a time: its writes are in the source's binlog, and a "
                    + "resumed forward source would re-apply them over newer changes. Switching an existing project to both-directions "
                    + "is not supported; release it and begin a new project");
        }
        if (!both) {
            for (String n : List.of(p.sourceConnector(), p.sinkConnector())) {
                Optional<ConnectRestClient.ConnectorState> s = connect.status(n);
                if (s.isPresent() && !"STOPPED".equals(s.get().state())) {
                    throw new ProjectException("forward connector " + n + " is " + s.get().state() + "; reverse-mode one-direction runs only "
                            + "while the forward direction is stopped (that is what keeps changes from looping): obkc-migrate stop, then "
                            + "reverse; or set options.reverse-mode: both-directions");
                }
            }
        }
        List<SelectedTables.Table> tables;
        try (Connection src = p.openSource()) {
            tables = SelectedTables.read(p, src);
        } catch (SQLException e) {
            throw new ProjectException("reading the selected tables: " + e.getMessage(), e);
        }
        List<String> targetTables = tables.stream().map(t -> quoteRule(t.target().database()) + "." + quoteRule(t.target().table())).toList();
        List<String> inverse = tables.stream().map(t -> quoteRule(t.target().database()) + "." + quoteRule(t.target().table()) + "="
                + quoteRule(t.source().database()) + "." + quoteRule(t.source().table())).toList();
        ConnectorPlan plan = new ConnectorPlan(p);
        Map<String, String> reverseSource = plan.reverseSource(targetTables);
        keepChangeLogLocation(reverseSource);
        connect.putConfig(p.reverseSinkConnector(), plan.reverseSink(inverse));
        connect.putConfig(p.reverseSourceConnector(), reverseSource);
        int r = waits.awaitRunning(List.of(p.reverseSourceConnector(), p.reverseSinkConnector()));
        if (r != OK) {
            return r;
        }
        done("reverse");
        out.println("[reverse] " + p.reverseSourceConnector() + " -> " + p.reverseSinkConnector() + " running: OceanBase changes flow back to "
                + JdbcUrl.redact(p.project().source.url));
        if (both) {
            // The forward sink's configuration carries its origin marker (projects started by an earlier version lack it);
            // it is written while the sink is stopped, so no forward change reaches OceanBase unmarked.
            // Resumed whatever their status reads: right after the PUT the worker restarts the stopped sink, and its status
            // reads UNASSIGNED for a moment; a resume decided on that read was skipped and the sink stayed STOPPED.
            connect.putConfig(p.sinkConnector(), plan.sink());
            r = waits.resumeAndAwaitRunning(List.of(p.sinkConnector(), p.sourceConnector()));
            if (r == OK) {
                done("reverse.both-directions");
                out.println("[reverse] " + p.sourceConnector() + " -> " + p.sinkConnector() + " resumed: both directions run");
            }
        }
        return r;
    }

    /**
     * A reverse source created by an earlier version keeps its change log where it is (obkc_cdc.change_log by default):
     * moved, the running task would find no change log for its stored offsets.
     */
    private void keepChangeLogLocation(Map<String, String> config) {
        connect.config(p.reverseSourceConnector()).ifPresent(existing -> {
            config.put("changelog.database", existing.getOrDefault("changelog.database", "obkc_cdc"));
            config.put("changelog.table", existing.getOrDefault("changelog.table", "change_log"));
        });
    }

    /**
     * Removes what the reverse source installed on OceanBase: the change-log triggers on the captured tables (found by the
     * change-log table their body writes to) and the change-log table (its database too when that is left empty).
     */
    private void dropReverseChangeLog(String database, String table) {
        String target = io.obkc.common.sql.Identifiers.quoteMysql(database, table);
        List<String> dropped = new ArrayList<>();
        try (Connection tgt = p.openTarget()) {
            List<String[]> triggers = new ArrayList<>();
            try (var ps = tgt.prepareStatement("SELECT TRIGGER_SCHEMA, TRIGGER_NAME FROM information_schema.TRIGGERS "
                    + "WHERE ACTION_STATEMENT LIKE ?")) {
                ps.setString(1, "%" + target.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        triggers.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            try (Statement st = tgt.createStatement()) {
                for (String[] t : triggers) {
                    st.execute("DROP TRIGGER IF EXISTS " + io.obkc.common.sql.Identifiers.quoteMysql(t[0], t[1]));
                    dropped.add(t[0] + "." + t[1]);
                }
                st.execute("DROP TABLE IF EXISTS " + target);
                boolean empty;
                try (var rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                        + database.replace("'", "''") + "'")) {
                    rs.next();
                    empty = rs.getLong(1) == 0;
                }
                if (empty && !database.equals(p.markerDatabase())) {
                    st.execute("DROP DATABASE IF EXISTS " + io.obkc.common.sql.Identifiers.quoteMysql(database));
                }
            }
        } catch (SQLException e) {
            throw new ProjectException("release: removing the reverse change log " + target + " and its triggers: " + e.getMessage(), e);
        }
        out.println("dropped the reverse change log " + target + " and " + dropped.size() + " change-log trigger(s) " + dropped);
    }

    private static String quoteRule(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static void pause(long ms) {
        ConnectorWaits.pause(ms);
    }
}
