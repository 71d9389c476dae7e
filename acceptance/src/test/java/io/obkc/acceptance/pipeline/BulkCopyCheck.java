package io.obkc.acceptance.pipeline;

import java.util.List;

import org.assertj.core.api.SoftAssertions;

import io.obkc.acceptance.corpus.CorpusDatabase;

/**
 * The bulk full load (obkc-migrate's {@code full-load: bulk}, the obkc-bulk-load tool) on a public sample database:
 * obkc-schema-migrate creates the tables in a database of their own, obkc-bulk-load copies every row into them, and then
 * the suite's own row comparison ({@link RowComparison}, independent of the tools) and obkc-verify must both find no
 * difference. The copy runs with small chunks and three threads, so every table of more than a thousand rows is read as
 * several primary key ranges at once.
 */
final class BulkCopyCheck {
    /** What the check found; asserted with the pipeline's other results, so one run reports every path. */
    record Result(String corpus, int migrate, int copy, List<RowComparison.Difference> differences, int verify) {
        void assertInto(SoftAssertions soft) {
            soft.assertThat(migrate).as("bulk path: obkc-schema-migrate exit code for %s", corpus).isZero();
            soft.assertThat(copy).as("bulk path: obkc-bulk-load exit code for %s (its report is in the test output)", corpus).isZero();
            soft.assertThat(differences).as("bulk path: independent row comparison of %s after obkc-bulk-load:\n%s", corpus,
                    RowComparison.report(differences)).isEmpty();
            soft.assertThat(verify).as("bulk path: obkc-verify exit code for %s (0 = consistent)", corpus).isZero();
        }
    }

    private final CorpusDatabase db;
    private final ObkcTools tools;
    private final String run;

    BulkCopyCheck(CorpusDatabase db, ObkcTools tools, String run) {
        this.db = db;
        this.tools = tools;
        this.run = run;
    }

    /** {@code source} holds the loaded corpus and stays unchanged meanwhile; {@code target}'s database is created afresh. */
    Result run(SqlSide source, SqlSide target) throws Exception {
        target.endpoint().execute("DROP DATABASE IF EXISTS " + target.quote(target.database()));
        int migrate = tools.migrateSchema(source, target);
        if (migrate != 0) {
            return new Result(db.name(), migrate, -1, List.of(), -1);
        }
        long t0 = System.nanoTime();
        int copy = tools.bulkLoad(source, target);
        log("obkc-bulk-load copied " + db.name() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        List<RowComparison.Difference> differences = RowComparison.compare(db.tables(), source, target);
        log("after the bulk copy: " + differences.size() + " difference(s)\n" + RowComparison.report(differences));
        int verify = tools.verify(source, target);
        log("obkc-verify of the bulk copy exit code " + verify);
        return new Result(db.name(), migrate, copy, differences, verify);
    }

    private void log(String message) {
        System.err.println("[acceptance " + run + "] " + message);
    }
}
