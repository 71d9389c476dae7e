package io.obkc.migration.it;

import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/** MariaDB → seekdb through obkc-migrate, with a rename of the database. */
class MariaDbMigrationProjectIT extends MigrationProjectITBase {
    @TempDir
    Path dir;

    @Override
    DatabaseEndpoint source() {
        return TestBed.mysql();
    }

    @Override
    String sourceType() {
        return "mariadb";
    }

    @Override
    String sourceSchema() {
        return "mig_it_maria";
    }

    @Override
    String targetDatabase() {
        return "mig_it_maria_ob";
    }

    @Override
    String projectName() {
        return "mig_it_maria";
    }

    @Override
    String extraOptions() {
        return "  server-id: 7713";
    }

    @Override
    boolean reverseSupported() {
        return true;
    }

    @Override
    void recreateSource() throws SQLException {
        source().recreateDatabase(sourceSchema());
        source().execute("DROP DATABASE IF EXISTS `obkc_mig_" + projectName() + "`");
    }

    @Test
    void wholeProjectThroughTheCli() throws Exception {
        runWholeProject(dir);
    }
}
