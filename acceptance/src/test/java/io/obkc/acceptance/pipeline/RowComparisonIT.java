package io.obkc.acceptance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.obkc.acceptance.corpus.ColumnType;
import io.obkc.acceptance.corpus.CorpusColumn;
import io.obkc.acceptance.corpus.CorpusTable;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/** The suite's own oracle finds what differs (and nothing else): it is what makes the corpus ITs able to fail. */
class RowComparisonIT {
    private static final CorpusTable T = new CorpusTable("t", List.of(
            new CorpusColumn("id", ColumnType.of(ColumnType.Kind.INT), false),
            new CorpusColumn("name", ColumnType.varchar(20), true),
            new CorpusColumn("price", ColumnType.decimal(6, 2), true),
            new CorpusColumn("at", ColumnType.of(ColumnType.Kind.INSTANT), true)), List.of("id"), List.of());

    @Test
    void postgresAgainstOceanBase() throws Exception {
        check(TestBed.postgres());
    }

    @Test
    void mariadbAgainstOceanBase() throws Exception {
        check(TestBed.mysql());
    }

    private static void check(DatabaseEndpoint sourceServer) throws Exception {
        String db = "acc_oracle_" + sourceServer.kind().name().toLowerCase();
        SqlSide source = new SqlSide(sourceServer, db);
        SqlSide target = new SqlSide(TestBed.oceanbase(), db);
        Instant at = Instant.parse("2013-01-01T06:00:00Z");
        write(source, List.of(
                row(1, "same", "1.50", at), row(2, "", null, null), row(3, "x", "2.00", at), row(4, "only source", null, null),
                row(6, "late", null, at)));
        write(target, List.of(
                row(1, "same", "1.5", at), row(2, null, null, null), row(3, "y", "2", at), row(5, "only target", null, null),
                row(6, "late", null, at.plusSeconds(3600))));
        List<String> diffs = RowComparison.compare(T, source, target).stream().map(Object::toString).toList();
        assertThat(diffs).containsExactlyInAnyOrder(
                "t key [2]: column name: source '', target NULL",
                "t key [3]: column name: source 'x', target 'y'",
                "t key [4]: missing in target, source row [4, only source, null, null]",
                "t key [5]: extra in target, target row [5, only target, null, null]",
                "t key [6]: column at: source '2013-01-01T06:00', target '2013-01-01T07:00'");
    }

    private static Object[] row(long id, String name, String price, Instant at) {
        return new Object[] {id, name, price == null ? null : new BigDecimal(price), at};
    }

    private static void write(SqlSide side, List<Object[]> rows) throws Exception {
        if (side.postgres()) {
            side.endpoint().recreateDatabase(side.database());
        } else {
            side.endpoint().execute("DROP DATABASE IF EXISTS " + side.quote(side.database()), "CREATE DATABASE " + side.quote(side.database()));
        }
        side.endpoint().execute(SourceLoader.createTable(T, side));
        try (var c = side.connect(); var ps = c.prepareStatement(SourceLoader.insertSql(T, side))) {
            for (Object[] r : new ArrayList<>(rows)) {
                for (int i = 0; i < r.length; i++) {
                    T.columns().get(i).type().bind(ps, i + 1, r[i], side.postgres());
                }
                ps.executeUpdate();
            }
        }
    }
}
