package io.obkc.migration.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.obkc.common.rules.ObjectMatcher;

/** Reads and validates a project file (YAML; JSON is YAML too). Every refusal names the key and what to write. */
public final class ProjectLoader {
    /** Project names become connector, topic, database and slot names: keep them to one safe alphabet. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private ProjectLoader() {
    }

    public static LoadedProject load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ProjectException("project file " + file + " does not exist");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Project p;
        try {
            p = yaml.readValue(file.toFile(), Project.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ProjectException(file + ": unknown key '" + e.getPropertyName() + "' at " + e.getPathReference()
                    + "; known keys: " + e.getKnownPropertyIds());
        } catch (IOException e) {
            throw new ProjectException(file + ": " + e.getMessage());
        }
        if (p == null) {
            throw new ProjectException(file + " is empty");
        }
        validate(p, file);
        return new LoadedProject(p, file.toAbsolutePath(), password(p.source, "source", file), password(p.target, "target", file));
    }

    private static void validate(Project p, Path file) {
        if (p.name == null || !NAME.matcher(p.name).matches()) {
            throw new ProjectException(file + ": 'name' must be 1-40 characters a-z, 0-9 and _, starting with a letter (it names "
                    + "connectors, topics and the marker database), got " + (p.name == null ? "nothing" : "'" + p.name + "'"));
        }
        if (p.source.type == null) {
            throw new ProjectException(file + ": 'source.type' must be mariadb, mysql or postgresql");
        }
        require(p.source.url, "source.url", file);
        String expected = p.source.type.mysqlFamily() ? "jdbc:mysql://" : "jdbc:postgresql://";
        if (!p.source.url.startsWith(expected)) {
            throw new ProjectException(file + ": 'source.url' of a " + p.source.type.verifierName() + " source must start with "
                    + expected + ", got " + JdbcUrl.redact(p.source.url));
        }
        require(p.source.user, "source.user", file);
        require(p.target.url, "target.url", file);
        if (!p.target.url.startsWith("jdbc:mysql://") && !p.target.url.startsWith("jdbc:oceanbase://")) {
            throw new ProjectException(file + ": 'target.url' must be jdbc:mysql://host:port/ of the OceanBase MySQL-mode tenant");
        }
        require(p.target.user, "target.user", file);
        if (p.objects.include.isEmpty()) {
            throw new ProjectException(file + ": 'objects.include' needs at least one rule, e.g. - \"shop.*\" (docs/matching-rules.md)");
        }
        try {
            ObjectMatcher.parse(String.join("\n", p.objects.include), String.join("\n", p.objects.exclude));
        } catch (IllegalArgumentException e) {
            throw new ProjectException(file + ": invalid rule in 'objects': " + e.getMessage());
        }
        if (p.steps.isEmpty()) {
            throw new ProjectException(file + ": 'steps' is empty; list some of schema, full, incremental, verify, switchover, reverse");
        }
        if (p.options.tasks < 1 || p.options.partitions < 1) {
            throw new ProjectException(file + ": 'options.tasks' and 'options.partitions' must be at least 1");
        }
        if (p.options.reverseMode == Project.ReverseMode.BOTH_DIRECTIONS && p.source.type == Project.SourceType.POSTGRESQL) {
            throw new ProjectException(file + ": 'options.reverse-mode: both-directions' needs a MySQL-family source (there is no "
                    + "PostgreSQL sink for the reverse direction)");
        }
        if (p.options.bulkLoadThreads < 1 || p.options.bulkLoadChunkRows < 1) {
            throw new ProjectException(file + ": 'options.bulk-load-threads' and 'options.bulk-load-chunk-rows' must be at least 1");
        }
        if (!List.of("before", "after").contains(p.options.indexCreation)) {
            throw new ProjectException(file + ": 'options.index-creation' must be before or after");
        }
        require(p.connect.url, "connect.url", file);
        require(p.connect.kafkaBootstrap, "connect.kafka-bootstrap", file);
    }

    private static void require(String v, String key, Path file) {
        if (v == null || v.isBlank()) {
            throw new ProjectException(file + ": '" + key + "' is required");
        }
    }

    /** The password from password-env, password-file (first line, relative to the project file) or password; never logged. */
    private static String password(Project.Endpoint e, String role, Path file) {
        if (e.passwordEnv != null) {
            String v = System.getenv(e.passwordEnv);
            if (v == null) {
                throw new ProjectException(file + ": '" + role + ".password-env': environment variable " + e.passwordEnv + " is not set");
            }
            return v;
        }
        if (e.passwordFile != null) {
            Path f = file.toAbsolutePath().getParent().resolve(e.passwordFile);
            try {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                return lines.isEmpty() ? "" : lines.get(0);
            } catch (IOException ex) {
                throw new ProjectException(file + ": '" + role + ".password-file': cannot read " + f + " (" + ex.getMessage() + ")");
            }
        }
        return e.password == null ? "" : e.password;
    }
}
