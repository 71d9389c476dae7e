package io.obkc.acceptance;

import org.junit.jupiter.api.Test;

import io.obkc.acceptance.corpus.Corpora;
import io.obkc.acceptance.pipeline.CorpusPipeline;
import io.obkc.testing.DatabaseEndpoint;

/** The public sample database NycFlights13 on MariaDB, through the whole path into OceanBase (see docs/acceptance-corpus.md). */
class NycFlights13MariaDbIT {
    @Test
    void arrivesExactlyWithNothingDeadLettered() throws Exception {
        new CorpusPipeline(Corpora.nycflights13(), DatabaseEndpoint.Kind.MYSQL).run();
    }
}
