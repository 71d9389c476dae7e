package io.obkc.migration.it;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * full-load: bulk from PostgreSQL (see {@link BulkLoadITBase}): the position is the replication slot's, created by the
 * source connector before the copy starts.
 */
class PostgresBulkLoadIT extends BulkLoadITBase {
    @TempDir
    Path dir;

    PostgresBulkLoadIT() {
        super(ItSource.postgresql(), "mig_it_bulk_pgs", "mig_it_bulk_pg_ob", "mig_it_bulk_pg");
    }

    @Test
    void bulkFullLoadHandsOverToCdcWithoutAGap() throws Exception {
        bulkFullLoadHandsOverToCdcWithoutAGap(dir);
    }
}
