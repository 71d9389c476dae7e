package io.obkc.verifier;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.obkc.common.rules.ObjectName;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.verifier.core.Endpoint;
import io.obkc.verifier.core.Progress;
import io.obkc.verifier.core.TableMapping;
import io.obkc.verifier.core.Verifier;
import io.obkc.verifier.core.VerifyOptions;
import io.obkc.verifier.core.VerifyReport;
import io.obkc.verifier.dialect.VerifierDialect;
import io.obkc.verifier.report.CorrectionSql;

/** Helpers shared by the integration tests. */
final class Fixtures {
    private Fixtures() {
    }

    static String type(DatabaseEndpoint e) {
        return switch (e.kind()) {
            case MYSQL -> e.label().toLowerCase().contains("mariadb") ? "mariadb" : "mysql";
            case POSTGRESQL -> "postgresql";
            case OCEANBASE -> "oceanbase";
        };
    }

    static Endpoint endpoint(String role, DatabaseEndpoint e) {
        return new Endpoint(role, VerifierDialect.forName(type(e)), e.host(), e.port(), e.user(), e.password(),
                e.kind() == DatabaseEndpoint.Kind.POSTGRESQL ? e.defaultDatabase() : "");
    }

    /** Small chunks so a few hundred rows exercise chunking, adaptation and bisection. */
    static VerifyOptions smallChunks() {
        VerifyOptions o = new VerifyOptions();
        o.initialChunkRows = 150;
        o.minChunkRows = 50;
        o.maxChunkRows = 400;
        o.rowFetchThreshold = 40;
        o.connectionsPerSide = 2;
        return o;
    }

    static VerifyReport verify(DatabaseEndpoint src, DatabaseEndpoint tgt, VerifyOptions o, ObjectName s, ObjectName t) {
        try (Verifier v = new Verifier(endpoint("source", src), endpoint("target", tgt), o, Progress.NONE)) {
            return v.verify(List.of(new TableMapping(s, t)));
        }
    }

    static CorrectionSql.Applied applyCorrections(DatabaseEndpoint tgt, VerifyReport r, boolean deleteExtra) throws SQLException {
        VerifierDialect d = VerifierDialect.forName(type(tgt));
        try (Connection c = endpoint("target", tgt).open()) {
            int ok = 0;
            List<String> failures = new java.util.ArrayList<>();
            for (VerifyReport.Outcome o : r.tables()) {
                List<String> sql = CorrectionSql.build(d, o.plan(), o.result().differencesSnapshot(), deleteExtra);
                CorrectionSql.Applied a = CorrectionSql.apply(c, d, sql);
                ok += a.succeeded();
                failures.addAll(a.failures());
            }
            return new CorrectionSql.Applied(ok, failures);
        }
    }

    static void exec(DatabaseEndpoint e, String db, String... sql) throws SQLException {
        try (Connection c = e.connect(e.kind() == DatabaseEndpoint.Kind.POSTGRESQL ? null : db); Statement s = c.createStatement()) {
            if (e.kind() == DatabaseEndpoint.Kind.POSTGRESQL) {
                s.execute("SET search_path TO \"" + db + "\"");
            }
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    static Path tmp(String name) {
        return Path.of("target", "it-tmp", name);
    }
}
