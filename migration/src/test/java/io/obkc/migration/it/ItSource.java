package io.obkc.migration.it;

import java.sql.SQLException;

import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * The source of a migration IT, MariaDB or PostgreSQL on the test bed, and what a project on it needs: the project's
 * source type and options (a binlog server id; a replication slot named after the project), how to start clean, and
 * the source's SQL for a timestamp column and the current time.
 */
record ItSource(DatabaseEndpoint.Kind kind, int serverId) {
    /** MariaDB; {@code serverId} must differ between the ITs whose connectors may run at once. */
    static ItSource mariadb(int serverId) {
        return new ItSource(DatabaseEndpoint.Kind.MYSQL, serverId);
    }

    static ItSource postgresql() {
        return new ItSource(DatabaseEndpoint.Kind.POSTGRESQL, 0);
    }

    boolean postgres() {
        return kind == DatabaseEndpoint.Kind.POSTGRESQL;
    }

    DatabaseEndpoint endpoint() {
        return postgres() ? TestBed.postgres() : TestBed.mysql();
    }

    /** The project's source type. */
    String type() {
        return postgres() ? "postgresql" : "mariadb";
    }

    String slot(String project) {
        return "obkc_" + project;
    }

    /** The project options this source needs, as YAML lines under options. */
    String options(String project) {
        return postgres() ? "  pg-slot: " + slot(project) : "  server-id: " + serverId;
    }

    /** Drops what an earlier run of the project left on the source and creates {@code schema} empty. */
    void recreate(String schema, String project) throws SQLException {
        DatabaseEndpoint db = endpoint();
        if (postgres()) {
            // A run that died before release leaves its slot and publication behind.
            db.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot(project)
                    + "' AND NOT active", "DROP PUBLICATION IF EXISTS " + slot(project), "DROP SCHEMA IF EXISTS obkc_mig_" + project + " CASCADE");
            db.recreateDatabase(schema);
        } else {
            db.recreateDatabase(schema);
            db.execute("DROP DATABASE IF EXISTS `obkc_mig_" + project + "`");
        }
    }

    /** Reverse incremental exists for MySQL-family sources only (no PostgreSQL sink). */
    boolean reverseSupported() {
        return !postgres();
    }

    String timestampType() {
        return postgres() ? "TIMESTAMP(6)" : "DATETIME(6)";
    }

    /** The current time as a value of {@link #timestampType()}. */
    String now() {
        return postgres() ? "LOCALTIMESTAMP" : "NOW(6)";
    }
}
