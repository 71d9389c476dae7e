package io.obkc.migration.it;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL → seekdb through obkc-migrate, the schema renamed to a target database. */
class PostgresMigrationProjectIT extends MigrationProjectITBase {
    @TempDir
    Path dir;

    PostgresMigrationProjectIT() {
        super(ItSource.postgresql(), "mig_it_pgs", "mig_it_pg_ob", "mig_it_pg");
    }

    @Test
    void wholeProjectThroughTheCli() throws Exception {
        runWholeProject(dir);
    }
}
