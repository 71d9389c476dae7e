package io.obkc.migration.it;

import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * full-load: bulk from PostgreSQL (see {@link BulkLoadITBase}): the position is the replication slot's, created by the
 * source connector before the copy starts.
 */
class PostgresBulkLoadIT extends BulkLoadITBase {
    private static final String SLOT = "obkc_mig_it_bulk_pg";

    @TempDir
    Path dir;

    @Override
    DatabaseEndpoint source() {
        return TestBed.postgres();
    }

    @Override
    String sourceType() {
        return "postgresql";
    }

    @Override
    String sourceSchema() {
        return "mig_it_bulk_pgs";
    }

    @Override
    String targetDatabase() {
        return "mig_it_bulk_pg_ob";
    }

    @Override
    String projectName() {
        return "mig_it_bulk_pg";
    }

    @Override
    String extraOptions() {
        return "  pg-slot: " + SLOT;
    }

    @Override
    void recreateSource() throws SQLException {
        // A run that died before release leaves its slot and publication behind.
        source().execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + SLOT + "' AND NOT active",
                "DROP PUBLICATION IF EXISTS " + SLOT, "DROP SCHEMA IF EXISTS obkc_mig_" + projectName() + " CASCADE");
        source().recreateDatabase(sourceSchema());
    }

    @Override
    String timestampType() {
        return "TIMESTAMP(6)";
    }

    @Override
    String now() {
        return "LOCALTIMESTAMP";
    }

    @Test
    void bulkFullLoadHandsOverToCdcWithoutAGap() throws Exception {
        bulkFullLoadHandsOverToCdcWithoutAGap(dir);
    }
}
