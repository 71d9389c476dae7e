package io.obkc.schema.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.obkc.schema.convert.ConversionResult;
import io.obkc.schema.convert.DeferredObject;
import io.obkc.schema.convert.HiddenKey;
import io.obkc.schema.convert.ObjectReport;
import io.obkc.schema.convert.RowKey;

/**
 * {@code <state-dir>/deferred-objects.json}: what schema migration left for later steps (format in
 * docs/schema-migration.md). Written whole on every run, atomically (temp file + move).
 */
public final class StateFile {
    public static final String FILE_NAME = "deferred-objects.json";
    public static final int FORMAT_VERSION = 1;

    /** The file's content. */
    public record State(int formatVersion, String generatedAt, String sourceEngine, String sourceVersion, String targetVersion,
            List<DeferredObject> deferredObjects, List<HiddenKey> hiddenKeys, List<RowKey> rowKeys) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StateFile() {
    }

    public static State of(ConversionResult result) {
        List<DeferredObject> deferred = new ArrayList<>();
        List<HiddenKey> hidden = new ArrayList<>();
        List<RowKey> keys = new ArrayList<>();
        for (ObjectReport r : result.tables) {
            if (r.failed()) {
                continue;
            }
            deferred.addAll(r.deferred);
            if (r.hiddenKey != null) {
                hidden.add(r.hiddenKey);
            }
            if (r.rowKey != null) {
                keys.add(r.rowKey);
            }
        }
        return new State(FORMAT_VERSION, Instant.now().toString(), result.sourceEngine, result.sourceVersion,
                result.targetVersion, deferred, hidden, keys);
    }

    public static Path write(Path dir, State state) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        JSON.writeValue(tmp.toFile(), state);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    public static State read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), State.class);
    }
}
