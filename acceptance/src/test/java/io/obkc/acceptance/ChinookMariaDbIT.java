package io.obkc.acceptance;

import org.junit.jupiter.api.Test;

import io.obkc.acceptance.corpus.Corpora;
import io.obkc.acceptance.pipeline.CorpusPipeline;
import io.obkc.testing.DatabaseEndpoint;

/** The public sample database Chinook on MariaDB, through the whole path into OceanBase (see docs/acceptance-corpus.md). */
class ChinookMariaDbIT {
    @Test
    void arrivesExactlyWithNothingDeadLettered() throws Exception {
        new CorpusPipeline(Corpora.chinook(), DatabaseEndpoint.Kind.MYSQL).run();
    }
}
