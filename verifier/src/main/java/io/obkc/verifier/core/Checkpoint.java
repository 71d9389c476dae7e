package io.obkc.verifier.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.obkc.verifier.model.Difference;
import io.obkc.verifier.model.TableResult;

/**
 * Progress saved so an interrupted run can resume: per table, either its final result, or the upper key bound
 * of the last chunk such that it and every chunk before it are finished, with their counts and differences.
 * Written atomically (temporary file, then rename), at most once a second and at the end of every table.
 */
public final class Checkpoint {
    /** Saved state of one table. */
    public static final class TableState {
        public boolean done;
        /** Upper bound of the finished prefix of chunks; null with chunks > 0 and !done cannot happen. */
        public List<String> lastBound;
        public long sourceRows;
        public long targetRows;
        public long chunks;
        public long chunksDiffering;
        public long skippedRecent;
        public List<Difference> differences = new ArrayList<>();
        public TableResult result;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Map<String, TableState> tables = new LinkedHashMap<>();
    private transient Path file;
    private transient long lastSave;

    public static Checkpoint open(Path file, boolean resume) {
        Checkpoint cp = new Checkpoint();
        if (resume && file != null && Files.isRegularFile(file)) {
            try {
                cp = JSON.readValue(file.toFile(), Checkpoint.class);
            } catch (IOException e) {
                throw new VerifyException("Cannot read checkpoint file " + file + ": " + e.getMessage(), e);
            }
        }
        cp.file = file;
        return cp;
    }

    public synchronized TableState get(String table) {
        return tables.get(table);
    }

    public synchronized void put(String table, TableState state, boolean force) {
        tables.put(table, state);
        long now = System.currentTimeMillis();
        if (file != null && (force || now - lastSave >= 1000)) {
            lastSave = now;
            write();
        }
    }

    private void write() {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new VerifyException("Cannot write checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }
}
