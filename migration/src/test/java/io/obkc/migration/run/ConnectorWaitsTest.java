package io.obkc.migration.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.obkc.migration.connect.ConnectRestClient;

/**
 * ConnectorWaits against a fake Connect REST API whose statuses lag the target state as a real worker's do: after a
 * configuration update of a stopped connector the worker restarts it, and its status reads UNASSIGNED for a moment
 * before STOPPED again. This is what made MariaDbBothDirectionsIT fail in CI: reverse read UNASSIGNED, skipped the
 * resume, and the forward sink stayed STOPPED.
 */
class ConnectorWaitsTest {
    /** A connector as the fake worker holds it: its target state, and how many more status reads show UNASSIGNED. */
    private static final class FakeConnector {
        volatile String target = "STOPPED";
        final AtomicInteger unassignedReads = new AtomicInteger();
        volatile boolean taskFails;

        String status() {
            if (unassignedReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return "UNASSIGNED";
            }
            return target;
        }
    }

    private final Map<String, FakeConnector> connectors = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ConnectRestClient client;
    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text, true);

    @BeforeEach
    void startFakeWorker() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/connectors/", this::handle);
        server.start();
        client = new ConnectRestClient("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopFakeWorker() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String[] parts = ex.getRequestURI().getPath().split("/");   // "", "connectors", name, action
        String name = parts[2];
        String action = parts.length > 3 ? parts[3] : "";
        calls.add(ex.getRequestMethod() + " " + name + " " + action);
        FakeConnector c = connectors.get(name);
        if (c == null) {
            reply(ex, 404, "{\"error_code\":404,\"message\":\"Connector " + name + " not found\"}");
            return;
        }
        switch (ex.getRequestMethod() + " " + action) {
            case "PUT resume" -> {
                c.target = "RUNNING";
                reply(ex, 202, "");
            }
            case "GET status" -> {
                String state = c.status();
                String task = "RUNNING".equals(state)
                        ? ",\"tasks\":[{\"id\":0,\"state\":\"" + (c.taskFails ? "FAILED\",\"trace\":\"boom: wrong password" : "RUNNING")
                                + "\",\"worker_id\":\"w\"}]"
                        : ",\"tasks\":[]";
                reply(ex, 200, "{\"name\":\"" + name + "\",\"connector\":{\"state\":\"" + state + "\",\"worker_id\":\"w\"}" + task + "}");
            }
            default -> reply(ex, 405, "{\"message\":\"not in the fake\"}");
        }
    }

    private static void reply(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    @Test
    void resumesAConnectorWhoseStatusStillReadsUnassignedAfterItsConfigurationUpdate() {
        FakeConnector sink = new FakeConnector();
        sink.unassignedReads.set(3);      // the worker is restarting it after the PUT of its configuration
        FakeConnector source = new FakeConnector();
        connectors.put("fwd-sink", sink);
        connectors.put("fwd-source", source);

        int r = new ConnectorWaits(client, out, Duration.ofSeconds(5)).resumeAndAwaitRunning(List.of("fwd-sink", "fwd-source"));

        assertThat(r).as("output: %s", text).isEqualTo(ProjectRunner.OK);
        assertThat(calls).contains("PUT fwd-sink resume", "PUT fwd-source resume");
        assertThat(sink.target).isEqualTo("RUNNING");
    }

    @Test
    void resumingARunningConnectorLeavesItRunning() {
        FakeConnector running = new FakeConnector();
        running.target = "RUNNING";
        connectors.put("c", running);

        assertThat(new ConnectorWaits(client, out, Duration.ofSeconds(5)).resumeAndAwaitRunning(List.of("c"))).isEqualTo(ProjectRunner.OK);
    }

    @Test
    void aConnectorThatNeverRunsIsReportedWithItsStateAfterTheTimeout() {
        FakeConnector stuck = new FakeConnector();
        stuck.unassignedReads.set(Integer.MAX_VALUE);
        connectors.put("stuck", stuck);

        int r = new ConnectorWaits(client, out, Duration.ofMillis(600)).awaitRunning(List.of("stuck"));

        assertThat(r).isEqualTo(ProjectRunner.NOT_OK);
        assertThat(text.toString()).contains("connectors not RUNNING after").contains("stuck UNASSIGNED");
    }

    @Test
    void aFailedTaskEndsTheWaitWithItsTrace() {
        FakeConnector failing = new FakeConnector();
        failing.taskFails = true;
        connectors.put("bad", failing);

        int r = new ConnectorWaits(client, out, Duration.ofSeconds(5)).resumeAndAwaitRunning(List.of("bad"));

        assertThat(r).isEqualTo(ProjectRunner.NOT_OK);
        assertThat(text.toString()).contains("connector bad FAILED").contains("boom: wrong password");
    }
}
