package io.obkc.migration.connect;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.obkc.migration.project.ProjectException;

/** The few Kafka Connect REST calls a project needs; each is idempotent (PUT config creates or updates). */
public final class ConnectRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ConnectRestClient(String url) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    public record TaskState(int id, String state, String trace) {
    }

    public record ConnectorState(String name, String state, List<TaskState> tasks) {
        public boolean running() {
            return "RUNNING".equals(state) && !tasks.isEmpty() && tasks.stream().allMatch(t -> "RUNNING".equals(t.state()));
        }

        public boolean failed() {
            return "FAILED".equals(state) || tasks.stream().anyMatch(t -> "FAILED".equals(t.state()));
        }
    }

    /** The worker's plugin classes: connectors, converters and transforms (connectorsOnly=false, KIP-769). */
    public List<String> pluginClasses() {
        JsonNode plugins = send("GET", "connector-plugins?connectorsOnly=false", null, 200).orElseThrow();
        List<String> out = new ArrayList<>();
        plugins.forEach(p -> out.add(p.path("class").asText()));
        return out;
    }

    /** Creates the connector or updates its configuration (PUT /connectors/{name}/config). */
    public void putConfig(String name, Map<String, String> config) {
        send("PUT", "connectors/" + name + "/config", config, 200, 201);
    }

    public Optional<Map<String, String>> config(String name) {
        return send("GET", "connectors/" + name + "/config", null, 200, 404)
                .map(n -> JSON.convertValue(n, JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class)));
    }

    public Optional<ConnectorState> status(String name) {
        return send("GET", "connectors/" + name + "/status", null, 200, 404).map(n -> {
            List<TaskState> tasks = new ArrayList<>();
            n.path("tasks").forEach(t -> tasks.add(new TaskState(t.path("id").asInt(), t.path("state").asText(),
                    t.hasNonNull("trace") ? t.get("trace").asText() : null)));
            return new ConnectorState(name, n.path("connector").path("state").asText(), tasks);
        });
    }

    /**
     * The connector's committed source offsets (GET /connectors/{name}/offsets, Kafka 3.5+): empty while it has committed
     * none, or when the connector does not exist.
     */
    public List<JsonNode> offsets(String name) {
        List<JsonNode> out = new ArrayList<>();
        send("GET", "connectors/" + name + "/offsets", null, 200, 404).ifPresent(n -> n.path("offsets").forEach(out::add));
        return out;
    }

    /** Stops the connector and its tasks but keeps configuration and offsets (PUT /connectors/{name}/stop). */
    public void stop(String name) {
        send("PUT", "connectors/" + name + "/stop", null, 202, 204, 404);
    }

    /** Resumes a stopped or paused connector. */
    public void resume(String name) {
        send("PUT", "connectors/" + name + "/resume", null, 202, 204, 404);
    }

    /**
     * Forgets a stopped connector's offsets (DELETE /connectors/{name}/offsets, Kafka 3.6+), so a connector created again
     * under the same name starts from scratch instead of resuming an old position. False when the worker refused.
     */
    public boolean resetOffsets(String name) {
        try {
            send("DELETE", "connectors/" + name + "/offsets", null, 200, 202, 404);
            return true;
        } catch (ProjectException e) {
            return false;
        }
    }

    public void delete(String name) {
        send("DELETE", "connectors/" + name, null, 200, 204, 404);
    }

    /** Restarts failed tasks (and the connector if it failed). */
    public void restartFailed(String name) {
        send("POST", "connectors/" + name + "/restart?includeTasks=true&onlyFailed=true", null, 200, 202, 204, 404);
    }

    private Optional<JsonNode> send(String method, String path, Object body, int... okCodes) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        try {
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (int ok : okCodes) {
                if (r.statusCode() == ok) {
                    if (r.statusCode() == 404 || r.body() == null || r.body().isBlank()) {
                        return r.statusCode() == 404 ? Optional.empty() : Optional.of(JSON.createObjectNode());
                    }
                    return Optional.of(JSON.readTree(r.body()));
                }
            }
            throw new ProjectException(method + " " + base.resolve(path) + " answered " + r.statusCode() + ": " + message(r.body()));
        } catch (IOException e) {
            throw new ProjectException("Kafka Connect REST API at " + base + " is not reachable (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "); start it "
                    + "(scripts/run-dev.sh) or set connect.url in the project file", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProjectException("interrupted calling " + base.resolve(path), e);
        }
    }

    private static String message(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n.hasNonNull("message") ? n.get("message").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }
}
