package io.obkc.migration.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.obkc.migration.project.ProjectException;

/**
 * What the CLI has done for a project, kept in {@code <name>.obkc/state.json} next to the project file. Every
 * subcommand reads it first and writes it after each finished phase (atomically: temp file, then rename), so a run
 * after a crash of the CLI continues with the first phase not recorded as done. The state records facts, not
 * intentions: a phase is written only after it completed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class ProjectState {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Finished phases with the time they finished, e.g. "schema", "connectors", "switchover.catch-up". */
    public Map<String, String> done = new LinkedHashMap<>();
    /** The last switchover marker written to the source (so a resumed run waits for the same marker). */
    public String switchoverMarker;
    /** Per target table: rows and time of the previous status run, for the ETA. */
    public Map<String, RowSample> rowSamples = new LinkedHashMap<>();
    /** Exit code and report directory of the last verification. */
    public Integer lastVerifyExit;
    /** database.table of the reverse source's change log, noted by release before the connector is deleted. */
    public String reverseChangeLog;

    public record RowSample(long rows, long atMillis) {
    }

    public boolean isDone(String phase) {
        return done.containsKey(phase);
    }

    public void markDone(String phase) {
        done.put(phase, Instant.now().toString());
    }

    public void forget(String phase) {
        done.remove(phase);
    }

    public static ProjectState load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new ProjectState();
        }
        try {
            return JSON.readValue(file.toFile(), ProjectState.class);
        } catch (IOException e) {
            throw new ProjectException("state file " + file + " is unreadable (" + e.getMessage() + "); move it away to start over");
        }
    }

    public void save(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ProjectException("cannot write the state file " + file + ": " + e.getMessage(), e);
        }
    }
}
