package io.obkc.acceptance;

import org.junit.jupiter.api.Test;

import io.obkc.acceptance.corpus.Corpora;
import io.obkc.acceptance.pipeline.CorpusPipeline;
import io.obkc.testing.DatabaseEndpoint;

/** The public sample database Chinook on PostgreSQL, through the whole path into OceanBase (see docs/acceptance-corpus.md). */
class ChinookPostgresIT {
    @Test
    void arrivesExactlyWithNothingDeadLettered() throws Exception {
        new CorpusPipeline(Corpora.chinook(), DatabaseEndpoint.Kind.POSTGRESQL).run();
    }
}
