package io.obkc.migration.it;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MariaDB → seekdb through obkc-migrate, with a rename of the database. */
class MariaDbMigrationProjectIT extends MigrationProjectITBase {
    @TempDir
    Path dir;

    MariaDbMigrationProjectIT() {
        super(ItSource.mariadb(7713), "mig_it_maria", "mig_it_maria_ob", "mig_it_maria");
    }

    @Test
    void wholeProjectThroughTheCli() throws Exception {
        runWholeProject(dir);
    }
}
