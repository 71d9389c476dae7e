package io.obkc.migration.it;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** full-load: bulk from MariaDB (see {@link BulkLoadITBase}). */
class MariaDbBulkLoadIT extends BulkLoadITBase {
    @TempDir
    Path dir;

    MariaDbBulkLoadIT() {
        super(ItSource.mariadb(7719), "mig_it_bulk", "mig_it_bulk_ob", "mig_it_bulk");
    }

    @Test
    void bulkFullLoadHandsOverToCdcWithoutAGap() throws Exception {
        bulkFullLoadHandsOverToCdcWithoutAGap(dir);
    }
}
