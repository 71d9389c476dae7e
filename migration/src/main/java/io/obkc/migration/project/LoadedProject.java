package io.obkc.migration.project;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.obkc.common.rules.ObjectMatcher;

/**
 * A validated project with its resolved passwords and the names every subcommand derives from the project name, so
 * that a second run (or a run after a crash) finds the same connectors, topics, marker tables and state files.
 */
public record LoadedProject(Project project, Path file, String sourcePassword, String targetPassword) {
    public String name() {
        return project.name;
    }

    public Project.SourceType sourceType() {
        return project.source.type;
    }

    public boolean postgres() {
        return project.source.type == Project.SourceType.POSTGRESQL;
    }

    /** Everything the CLI keeps between runs lives in one directory next to the project file. */
    public Path workDir() {
        return file.getParent().resolve(project.name + ".obkc");
    }

    public Path stateFile() {
        return workDir().resolve("state.json");
    }

    public String sourceConnector() {
        return project.name + "-source";
    }

    public String sinkConnector() {
        return project.name + "-sink";
    }

    public String reverseSourceConnector() {
        return project.name + "-reverse-source";
    }

    public String reverseSinkConnector() {
        return project.name + "-reverse-sink";
    }

    public String topicPrefix() {
        return "obkc_" + project.name;
    }

    public String dlqTopic() {
        return topicPrefix() + "-dlq";
    }

    public String reverseTopicPrefix() {
        return topicPrefix() + "_rev";
    }

    public String reverseDlqTopic() {
        return reverseTopicPrefix() + "-dlq";
    }

    /**
     * The origin marker of the forward sink's sessions on OceanBase (session.origin.marker): the reverse source's change-log
     * triggers record it, and the reverse source leaves those changes out (changelog.exclude.origins).
     */
    public String forwardOriginMarker() {
        return "obkc_" + project.name + "_forward";
    }

    /** Whether reverse incremental keeps the forward direction running (two-way sync). */
    public boolean bothDirections() {
        return project.options.reverseMode == Project.ReverseMode.BOTH_DIRECTIONS;
    }

    /** The reverse source's change-log table lives in the project's marker database on the target, so release removes it. */
    public static final String REVERSE_CHANGE_LOG = "reverse_change_log";

    public String schemaHistoryTopic() {
        return topicPrefix() + "-schema-history";
    }

    /**
     * Table topics (prefix.db.table) and, with DDL sync, the schema change topic (the bare prefix); never the schema
     * history, heartbeat or DLQ topics, whose names have a '-' or a different first segment.
     */
    public String sinkTopicsRegex() {
        String p = java.util.regex.Pattern.quote(topicPrefix());
        return project.options.ddlSync && !postgres() ? p + "(\\.[^.]+\\.[^.]+)?" : p + "\\.[^.]+\\.[^.]+";
    }

    /** Database (MySQL family) or schema (PostgreSQL) on the source holding the marker table; the same name on the target. */
    public String markerDatabase() {
        return "obkc_mig_" + project.name;
    }

    public static final String MARKER_TABLE = "obkc_marker";

    public String pgSlot() {
        return project.options.pgSlot != null ? project.options.pgSlot : "obkc_" + project.name;
    }

    public long serverId() {
        if (project.options.serverId != null) {
            return project.options.serverId;
        }
        // Stable per project, away from the small ids servers and replicas usually have.
        return 100_000 + Math.floorMod(project.name.hashCode(), 900_000);
    }

    public ObjectMatcher matcher() {
        return ObjectMatcher.parse(includeRules(), excludeRules());
    }

    /** full-load: bulk with a full step: obkc-bulk-load copies the rows, Debezium takes no snapshot. */
    public boolean bulkFullLoad() {
        return project.steps.contains(Project.Step.FULL) && project.options.fullLoad == Project.FullLoad.BULK;
    }

    public String includeRules() {
        return String.join(",", project.objects.include);
    }

    public String excludeRules() {
        return String.join(",", project.objects.exclude);
    }

    public Connection openSource() {
        return open("source", project.source.url, project.source.user, sourcePassword);
    }

    public Connection openTarget() {
        return open("target", project.target.url, project.target.user, targetPassword);
    }

    private static Connection open(String role, String url, String user, String password) {
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new ProjectException("cannot connect to the " + role + " database at " + JdbcUrl.redact(url) + " as " + user
                    + ": " + e.getMessage());
        }
    }
}
