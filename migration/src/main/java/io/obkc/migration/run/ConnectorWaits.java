package io.obkc.migration.run;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.obkc.migration.connect.ConnectRestClient;
import io.obkc.migration.project.ProjectException;

/**
 * Waiting, through the Connect REST API, for connectors to reach a state. A connector's status lags its target state:
 * while the worker restarts it (after a configuration update, a resume, a rebalance) the status reads UNASSIGNED or the
 * old state for a while, so a decision is never taken on one status read. Resuming is done unconditionally, since the
 * worker keeps the target state and resuming a running connector changes nothing.
 */
final class ConnectorWaits {
    private final ConnectRestClient connect;
    private final PrintWriter out;
    private final Duration timeout;

    ConnectorWaits(ConnectRestClient connect, PrintWriter out, Duration timeout) {
        this.connect = connect;
        this.out = out;
        this.timeout = timeout;
    }

    /**
     * Sets the target state of every named connector to RUNNING, whatever its status reads now, then waits until each one
     * and all its tasks run.
     */
    int resumeAndAwaitRunning(List<String> names) {
        names.forEach(connect::resume);
        return awaitRunning(names);
    }

    /** {@link ProjectRunner#OK} once every named connector and all its tasks run; NOT_OK on a failure or the timeout. */
    int awaitRunning(List<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean all = true;
            for (String n : names) {
                Optional<ConnectRestClient.ConnectorState> s = connect.status(n);
                if (s.isPresent() && s.get().failed()) {
                    String trace = s.get().tasks().stream().filter(t -> t.trace() != null).map(ConnectRestClient.TaskState::trace)
                            .findFirst().orElse("(connector failed; see the worker log)");
                    out.println("connector " + n + " FAILED:\n" + trace);
                    return ProjectRunner.NOT_OK;
                }
                all &= s.isPresent() && s.get().running();
            }
            if (all) {
                return ProjectRunner.OK;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder states = new StringBuilder();
                for (String n : names) {
                    states.append(states.isEmpty() ? "" : ", ").append(n).append(' ')
                            .append(connect.status(n).map(ConnectRestClient.ConnectorState::state).orElse("absent"));
                }
                out.println("connectors not RUNNING after " + timeout.toSeconds() + " s (" + states + "); see status");
                return ProjectRunner.NOT_OK;
            }
            pause(200);
        }
    }

    /** Returns once the connector is STOPPED or gone, or after the timeout. */
    void awaitStopped(String name) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ConnectRestClient.ConnectorState> s = connect.status(name);
            if (s.isEmpty() || "STOPPED".equals(s.get().state())) {
                return;
            }
            pause(250);
        }
    }

    /** Sleeps between the polls of a wait with a deadline; an interrupt ends the command. */
    static void pause(long ms) {
        try {
            Thread.sleep(ms); // polling interval of a wait with a deadline, not a synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProjectException("interrupted");
        }
    }
}
