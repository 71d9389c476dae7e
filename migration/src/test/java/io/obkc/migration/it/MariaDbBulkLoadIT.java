package io.obkc.migration.it;

import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/** full-load: bulk from MariaDB (see {@link BulkLoadITBase}). */
class MariaDbBulkLoadIT extends BulkLoadITBase {
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
        return "mig_it_bulk";
    }

    @Override
    String targetDatabase() {
        return "mig_it_bulk_ob";
    }

    @Override
    String projectName() {
        return "mig_it_bulk";
    }

    @Override
    String extraOptions() {
        return "  server-id: 7719";
    }

    @Override
    void recreateSource() throws SQLException {
        source().recreateDatabase(sourceSchema());
        source().execute("DROP DATABASE IF EXISTS `obkc_mig_" + projectName() + "`");
    }

    @Override
    String timestampType() {
        return "DATETIME(6)";
    }

    @Override
    String now() {
        return "NOW(6)";
    }

    @Test
    void bulkFullLoadHandsOverToCdcWithoutAGap() throws Exception {
        bulkFullLoadHandsOverToCdcWithoutAGap(dir);
    }
}
