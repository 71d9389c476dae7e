package io.obkc.acceptance;

import org.junit.jupiter.api.Test;

import io.obkc.acceptance.corpus.Corpora;
import io.obkc.acceptance.pipeline.CorpusPipeline;
import io.obkc.testing.DatabaseEndpoint;

/** The public sample database NycFlights13 on PostgreSQL, through the whole path into OceanBase (see docs/acceptance-corpus.md). */
class NycFlights13PostgresIT {
    @Test
    void arrivesExactlyWithNothingDeadLettered() throws Exception {
        new CorpusPipeline(Corpora.nycflights13(), DatabaseEndpoint.Kind.POSTGRESQL).run();
    }
}
