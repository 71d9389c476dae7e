package io.obkc.schema.cli;

import static io.obkc.schema.cli.SchemaMigrateCommandIT.concat;
import static io.obkc.schema.cli.SchemaMigrateCommandIT.run;
import static io.obkc.schema.cli.SchemaMigrateCommandIT.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obkc.schema.CorpusAccess;
import io.obkc.schema.apply.SchemaApplier;
import io.obkc.schema.cli.SchemaMigrateCommandIT.Run;
import io.obkc.schema.convert.ConversionResult;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.SqlAssertions;
import io.obkc.testing.TestBed;

/**
 * Issue 9 items of schema migration, end to end through the CLI against the real servers: views return the same rows
 * on source and target (compared with plain queries) or are NOT_MIGRATED with the reason; a PostgreSQL partitioned
 * table is one target table holding every partition's rows; keys that would collide under the target collation block
 * the table; an include rule that matches nothing is an error; schema apply keeps key 0.
 */
class SourceFidelityIT {
    static String[] pgSource(DatabaseEndpoint pg, String include, Path state) {
        return new String[] {"--source-url", pg.jdbcUrl(), "--source-user", pg.user(), "--source-password", pg.password(),
            "--include", include, "--state-dir", state.toString()};
    }

    static String[] mySource(DatabaseEndpoint my, Path state, String... rules) {
        return concat(new String[] {"--source-url", my.jdbcUrl(""), "--source-user", my.user(), "--source-password", my.password(),
            "--state-dir", state.toString()}, rules);
    }

    @Test
    void postgresViewsReturnTheSameRowsOnTheTargetOrAreNotMigrated(@TempDir Path state) throws Exception {
        DatabaseEndpoint pg = TestBed.postgres();
        DatabaseEndpoint ob = TestBed.oceanbase();
        String s = "sm_fid_pgview";
        pg.recreateDatabase(s);
        ob.execute("DROP DATABASE IF EXISTS " + s);
        pg.execute("CREATE TABLE " + s + ".actor (actor_id int PRIMARY KEY, first_name varchar(45) NOT NULL, last_name text, "
                        + "rate numeric(4,2), active boolean)",
                "INSERT INTO " + s + ".actor VALUES (1, 'PENELOPE', 'GUINESS', 2.99, true), (2, 'Nick', NULL, 0.99, false), "
                        + "(3, 'back\\slash', 'O''Brien', NULL, NULL), (4, 'Pat', 'Poe', 1.50, true)",
                // pagila's customer_list/sales_by_store-like constructs: LIKE, IN, CASE on a boolean, aggregates.
                "CREATE VIEW " + s + ".v_filter AS SELECT actor_id, CASE WHEN active THEN 'active' ELSE '' END AS notes, "
                        + "coalesce(last_name, '-') AS ln FROM " + s + ".actor WHERE first_name LIKE 'P%' OR actor_id IN (2, 3) "
                        + "OR last_name NOT LIKE 'G%'",
                "CREATE VIEW " + s + ".v_sum AS SELECT active, count(*) AS n, sum(rate) AS total, max(first_name) AS mx "
                        + "FROM " + s + ".actor GROUP BY active",
                // pagila's actor_info-like concatenation, a cast, a function; then one construct OBKC does not translate.
                "CREATE VIEW " + s + ".v_name AS SELECT actor_id, first_name || ' ' || last_name AS full_name, "
                        + "upper(first_name) AS u, actor_id::text AS id_text, rate::numeric(6,1) AS r, concat(first_name, last_name) AS c "
                        + "FROM " + s + ".actor WHERE actor_id > 0",
                "CREATE VIEW " + s + ".v_agg AS SELECT array_agg(first_name) AS names FROM " + s + ".actor");
        Run r = run(concat(pgSource(pg, s + ".*", state), target(ob)));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("-- VIEW " + s + ".v_agg -> " + s + ".v_agg: NOT_MIGRATED", "function array_agg()");
        assertThat(r.out()).contains("-- VIEW " + s + ".v_name -> " + s + ".v_name: CONVERTED / apply: CREATED");
        for (String v : List.of("v_name", "v_filter", "v_sum")) {
            assertThat(r.out()).containsPattern("-- VIEW " + s + "." + v + " -> " + s + "." + v + ": CONVERTED.* / apply: CREATED");
        }
        try (Connection src = pg.connect(); Connection dst = ob.connect(s)) {
            CorpusAccess.copy(src, "SELECT actor_id, first_name, last_name, rate, active::int FROM " + s + ".actor", dst, s, "actor",
                    List.of("actor_id", "first_name", "last_name", "rate", "active"));
        }
        String f = "SELECT actor_id, notes, ln FROM " + s + ".v_filter ORDER BY actor_id";
        assertThat(SqlAssertions.rows(ob, s, f)).isEqualTo(SqlAssertions.rows(pg, null, f)).hasSize(4);
        String g = "SELECT n, total FROM " + s + ".v_sum ORDER BY n, COALESCE(total, -1)";
        assertThat(SqlAssertions.rows(ob, s, g)).isEqualTo(SqlAssertions.rows(pg, null, g)).hasSize(3);
        // max(first_name) depends on how strings compare: PostgreSQL here is case-sensitive, the target's
        // utf8mb4_general_ci is not, so the view is created but says so.
        assertThat(r.out()).contains("-- VIEW " + s + ".v_sum -> " + s + ".v_sum: CONVERTED_WITH_WARNINGS",
                "the view compares, groups or sorts values (max())");
        String q = "SELECT actor_id, full_name, u, id_text, r, c FROM " + s + ".v_name ORDER BY actor_id";
        List<List<String>> expected = SqlAssertions.rows(pg, null, q);
        assertThat(expected.get(0)).contains("PENELOPE GUINESS");
        assertThat(SqlAssertions.rows(ob, s, q)).isEqualTo(expected);
        try (Connection dst = ob.connect(); ResultSet rs = dst.createStatement().executeQuery(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + s + "' AND TABLE_NAME = 'v_agg'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void mariadbViewsReturnTheSameRowsAndAViewOnAnUnmigratedTableIsNotMigratedWithTheReason(@TempDir Path state) throws Exception {
        DatabaseEndpoint my = TestBed.mysql();
        DatabaseEndpoint ob = TestBed.oceanbase();
        String d = "sm_fid_myview";
        my.recreateDatabase(d);
        ob.execute("DROP DATABASE IF EXISTS " + d + "_ob");
        my.execute("CREATE TABLE " + d + ".t (id int PRIMARY KEY, a varchar(10), b varchar(10))",
                "CREATE TABLE " + d + ".t_ex (id int PRIMARY KEY)",
                "INSERT INTO " + d + ".t VALUES (1, 'x', 'y'), (2, NULL, 'z'), (3, 'back\\\\', 'q''')",
                "CREATE VIEW " + d + ".v_ok AS SELECT id, CONCAT(a, '-', b) AS ab, CONCAT_WS('/', a, b) AS ws, "
                        + "CONCAT(b, 'it\\'s \\\\ ok') AS lit FROM " + d + ".t",
                "CREATE VIEW " + d + ".v_bad AS SELECT id FROM " + d + ".t_ex",
                // MariaDB-only function: the target rejects the view; the report must say which view and what.
                "CREATE VIEW " + d + ".v_mariadb_only AS SELECT id, NATURAL_SORT_KEY(a) AS k FROM " + d + ".t");
        Run r = run(mySource(my, state, "--include", d + ".*=" + d + "_ob.*", "--exclude", d + ".t_ex", "--target-url",
                ob.jdbcUrl(""), "--target-user", ob.user(), "--target-password", ob.password()));
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("-- VIEW " + d + ".v_mariadb_only -> " + d + "_ob.v_mariadb_only: FAILED / apply: FAILED: view "
                + d + ".v_mariadb_only -> " + d + "_ob.v_mariadb_only: the target rejected CREATE VIEW",
                "FUNCTION natural_sort_key does not exist", "source definition: select `" + d + "`.`t`.`id` AS `id`,natural_sort_key(");
        assertThat(r.out()).contains("-- VIEW " + d + ".v_bad -> " + d + "_ob.v_bad: NOT_MIGRATED",
                "it references " + d + ".t_ex, which is not migrated");
        try (Connection src = my.connect(d); Connection dst = ob.connect(d + "_ob")) {
            CorpusAccess.copy(src, "SELECT id, a, b FROM t", dst, d + "_ob", "t", List.of("id", "a", "b"));
        }
        String q = "SELECT id, ab, ws, lit FROM v_ok ORDER BY id";
        assertThat(SqlAssertions.rows(ob, d + "_ob", q)).isEqualTo(SqlAssertions.rows(my, d, q)).hasSize(3);
    }

    @Test
    void postgresPartitionedTableBecomesOneTableHoldingEveryPartitionsRows(@TempDir Path state) throws Exception {
        DatabaseEndpoint pg = TestBed.postgres();
        DatabaseEndpoint ob = TestBed.oceanbase();
        String s = "sm_fid_pgpart";
        pg.recreateDatabase(s);
        ob.execute("DROP DATABASE IF EXISTS " + s);
        pg.execute("CREATE TABLE " + s + ".meas (id int NOT NULL, logdate date NOT NULL, v int, PRIMARY KEY (id, logdate)) "
                        + "PARTITION BY RANGE (logdate)",
                "CREATE TABLE " + s + ".meas_2024 PARTITION OF " + s + ".meas FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                "CREATE TABLE " + s + ".meas_2025 PARTITION OF " + s + ".meas FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "INSERT INTO " + s + ".meas VALUES (1, '2024-03-01', 10), (2, '2024-12-31', 20), (3, '2025-06-01', 30)");
        Run r = run(concat(pgSource(pg, s + ".*", state), target(ob)));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("-- TABLE " + s + ".meas -> " + s + ".meas", "partitions " + s + ".meas_2024, " + s
                + ".meas_2025 are not created: their rows belong to this table").doesNotContain("by hand");
        assertThat(SqlAssertions.rows(ob, null, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + s + "'"))
                .containsExactly(List.of("meas"));
        try (Connection src = pg.connect(); Connection dst = ob.connect(s)) {
            CorpusAccess.copy(src, "SELECT id, logdate, v FROM " + s + ".meas", dst, s, "meas", List.of("id", "logdate", "v"));
        }
        // A rule that selects only partitions (their root selected by another) selects something: no "matches nothing" error.
        Run rules = run(concat(pgSource(pg, s + ".meas", state), new String[] {"--include", s + ".meas_20*", "--dry-run"}));
        assertThat(rules.exit()).as(rules.err()).isZero();
        String q = "SELECT id, logdate, v FROM " + s + ".meas ORDER BY id";
        assertThat(SqlAssertions.rows(ob, s, q)).isEqualTo(SqlAssertions.rows(pg, null, q)).hasSize(3);
    }

    @Test
    void mariadbKeysThatCollideUnderTheTargetCollationBlockTheTable(@TempDir Path state) throws Exception {
        DatabaseEndpoint my = TestBed.mysql();
        DatabaseEndpoint ob = TestBed.oceanbase();
        String d = "sm_fid_mykeys";
        my.recreateDatabase(d);
        ob.execute("DROP DATABASE IF EXISTS " + d);
        my.execute("CREATE TABLE " + d + ".nopad (k varchar(10) COLLATE utf8mb4_nopad_bin PRIMARY KEY, v int)",
                "INSERT INTO " + d + ".nopad VALUES ('a', 1), ('a ', 2), ('b', 3)",
                "CREATE TABLE " + d + ".nopad_ok (k varchar(10) COLLATE utf8mb4_nopad_bin PRIMARY KEY)",
                "INSERT INTO " + d + ".nopad_ok VALUES ('a'), ('b')",
                // NULLs never conflict in a unique key: two NULL keys are no collision.
                "CREATE TABLE " + d + ".nopad_nulls (id int PRIMARY KEY, u varchar(10) COLLATE utf8mb4_nopad_bin UNIQUE)",
                "INSERT INTO " + d + ".nopad_nulls VALUES (1, NULL), (2, NULL), (3, 'a')");
        Run r = run(mySource(my, state, "--include", d + ".*", "--target-url", ob.jdbcUrl(""), "--target-user", ob.user(),
                "--target-password", ob.password()));
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("-- TABLE " + d + ".nopad -> " + d + ".nopad: FAILED",
                "key PRIMARY [k] would collide on the target", "'a' and 'a '", "collation utf8mb4_nopad_bin",
                "these keys differ only in trailing spaces");
        assertThat(SqlAssertions.rows(ob, null, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + d + "'"))
                .containsExactlyInAnyOrder(List.of("nopad_ok"), List.of("nopad_nulls"));
    }

    @Test
    void postgresKeysThatDifferOnlyInCaseNeedKeyCollationBin(@TempDir Path state) throws Exception {
        DatabaseEndpoint pg = TestBed.postgres();
        DatabaseEndpoint ob = TestBed.oceanbase();
        String s = "sm_fid_pgkeys";
        pg.recreateDatabase(s);
        ob.execute("DROP DATABASE IF EXISTS " + s);
        pg.execute("CREATE TABLE " + s + ".codes (code text PRIMARY KEY, v int)",
                "INSERT INTO " + s + ".codes VALUES ('A', 1), ('a', 2)");
        Run blocked = run(concat(pgSource(pg, s + ".*", state), target(ob)));
        assertThat(blocked.exit()).as(blocked.out() + blocked.err()).isEqualTo(1);
        assertThat(blocked.out()).contains("-- TABLE " + s + ".codes -> " + s + ".codes: FAILED", "would collide on the target",
                "'A' and 'a'", "--key-collation utf8mb4_bin");

        Run fixed = run(concat(pgSource(pg, s + ".*", state), target(ob), new String[] {"--key-collation", "utf8mb4_bin"}));
        assertThat(fixed.exit()).as(fixed.out() + fixed.err()).isZero();
        try (Connection src = pg.connect(); Connection dst = ob.connect(s)) {
            CorpusAccess.copy(src, "SELECT code, v FROM " + s + ".codes", dst, s, "codes", List.of("code", "v"));
        }
        String q = "SELECT code, v FROM " + s + ".codes ORDER BY v";
        assertThat(SqlAssertions.rows(ob, s, q)).isEqualTo(SqlAssertions.rows(pg, null, q)).hasSize(2);
    }

    @Test
    void anIncludeRuleThatMatchesNothingIsAnError(@TempDir Path state) throws Exception {
        DatabaseEndpoint my = TestBed.mysql();
        my.recreateDatabase("sm_fid_inc");
        my.execute("CREATE TABLE sm_fid_inc.t (id int PRIMARY KEY)");
        Run r = run(mySource(my, state, "--include", "sm_fid_inc.*", "--include", "sm_fid_nosuch.*", "--dry-run"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'sm_fid_nosuch.*'").doesNotContain("'sm_fid_inc.*'");
    }

    @Test
    void schemaApplySessionsKeepKeyZero() throws Exception {
        DatabaseEndpoint ob = TestBed.oceanbase();
        ob.execute("DROP DATABASE IF EXISTS sm_fid_zero", "CREATE DATABASE sm_fid_zero");
        try (Connection dst = ob.connect("sm_fid_zero"); Statement st = dst.createStatement()) {
            String before = modes(st);
            new SchemaApplier(dst).apply(new ConversionResult("MYSQL", "test", "test"));
            assertThat(modes(st)).contains("NO_AUTO_VALUE_ON_ZERO").contains(before.split(","));
            st.execute("CREATE TABLE z (id int AUTO_INCREMENT PRIMARY KEY, v int)");
            st.execute("INSERT INTO z VALUES (0, 1)");
        }
        assertThat(SqlAssertions.rows(ob, "sm_fid_zero", "SELECT id, v FROM z")).containsExactly(List.of("0", "1"));
    }

    private static String modes(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT @@SESSION.sql_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
