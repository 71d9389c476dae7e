package io.obkc.bench.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The few Connect REST calls the harness needs, against one worker's REST port. */
final class ConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI base;

    ConnectRest(String host, int port) {
        this.base = URI.create("http://" + host + ":" + port + "/");
    }

    boolean isUp() {
        try {
            return send(HttpRequest.newBuilder(base.resolve("connectors")).GET()).statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    void putConfig(String connector, Map<String, String> config) {
        try {
            HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("connectors/" + connector + "/config"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("PUT config of " + connector + ": " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the connector is gone (404) or was deleted. */
    boolean delete(String connector) {
        int code = send(HttpRequest.newBuilder(base.resolve("connectors/" + connector)).DELETE()).statusCode();
        return code == 204 || code == 404;
    }

    boolean exists(String connector) {
        return send(HttpRequest.newBuilder(base.resolve("connectors/" + connector)).GET()).statusCode() == 200;
    }

    JsonNode status(String connector) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("connectors/" + connector + "/status")).GET());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("status of " + connector + ": " + r.statusCode() + " " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source offsets the worker committed for the connector ({@code GET /connectors/NAME/offsets}). */
    JsonNode offsets(String connector) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("connectors/" + connector + "/offsets")).GET());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("offsets of " + connector + ": " + r.statusCode() + " " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connector and all {@code tasks} tasks RUNNING. */
    boolean allRunning(String connector, int tasks) {
        JsonNode s = status(connector);
        if (!"RUNNING".equals(s.path("connector").path("state").asText())) {
            return false;
        }
        int running = 0;
        for (JsonNode t : s.path("tasks")) {
            if ("RUNNING".equals(t.path("state").asText())) {
                running++;
            }
        }
        return running == tasks && s.path("tasks").size() == tasks;
    }

    /** Restarts each FAILED task and answers the first line of each trace (empty when none failed). */
    List<String> restartFailedTasks(String connector) {
        List<String> failures = new ArrayList<>();
        JsonNode s = status(connector);
        for (JsonNode t : s.path("tasks")) {
            if ("FAILED".equals(t.path("state").asText())) {
                String trace = t.path("trace").asText("");
                failures.add(connector + " task " + t.path("id").asInt() + ": " + firstLines(trace));
                send(HttpRequest.newBuilder(base.resolve("connectors/" + connector + "/tasks/" + t.path("id").asInt() + "/restart"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
            }
        }
        if ("FAILED".equals(s.path("connector").path("state").asText())) {
            failures.add(connector + ": " + firstLines(s.path("connector").path("trace").asText("")));
            send(HttpRequest.newBuilder(base.resolve("connectors/" + connector + "/restart")).POST(HttpRequest.BodyPublishers.noBody()));
        }
        return failures;
    }

    /** The exception line and the first "Caused by" line: enough to tell failures apart in the report. */
    private static String firstLines(String trace) {
        String[] lines = trace.split("\n");
        StringBuilder b = new StringBuilder(lines.length > 0 ? lines[0].trim() : "");
        for (String l : lines) {
            if (l.startsWith("Caused by")) {
                b.append(" / ").append(l.trim());
                break;
            }
        }
        return b.length() > 400 ? b.substring(0, 400) : b.toString();
    }

    private HttpResponse<String> send(HttpRequest.Builder req) {
        try {
            return http.send(req.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
