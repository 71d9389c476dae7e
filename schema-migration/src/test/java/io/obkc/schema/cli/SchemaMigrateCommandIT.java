package io.obkc.schema.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.obkc.schema.apply.StateFile;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;
import picocli.CommandLine;

/** The CLI migrates both corpora into seekdb; every source object appears in the report. */
class SchemaMigrateCommandIT {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SchemaMigrateCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static String[] target(DatabaseEndpoint ob) {
        return new String[] {"--target-url", ob.jdbcUrl(""), "--target-user", ob.user(), "--target-password", ob.password()};
    }

    static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    @Test
    void migratesTheMysqlCorpusAndAppliesDeferredObjects(@TempDir Path state) throws Exception {
        DatabaseEndpoint my = TestBed.mysql();
        DatabaseEndpoint ob = TestBed.oceanbase();
        my.recreateDatabase("sm_cli_my");
        loadCorpus(my, "sm_cli_my", "mysql-corpus.sql", null);
        ob.execute("DROP DATABASE IF EXISTS sm_cli_my_ob");
        String[] src = {"--source-url", my.jdbcUrl(""), "--source-user", my.user(), "--source-password", my.password(),
            "--include", "sm_cli_my.*=sm_cli_my_ob.*", "--state-dir", state.toString(), "--index-creation", "after"};

        Run dry = run(concat(src, target(ob), new String[] {"--dry-run"}));
        assertThat(dry.exit).as(dry.err).isZero();
        assertThat(dry.out).contains("-- TABLE sm_cli_my.all_types -> sm_cli_my_ob.all_types: CONVERTED_WITH_WARNINGS",
                "CREATE TABLE `sm_cli_my_ob`.`parent`", "deferred to switchover: ALTER TABLE `sm_cli_my_ob`.`child` ADD CONSTRAINT");
        assertThat(dry.out + dry.err).doesNotContain("password=" + my.password(), "--source-password " + my.password());
        assertThat(Files.exists(state.resolve(StateFile.FILE_NAME))).isFalse();

        Run apply = run(concat(src, target(ob)));
        assertThat(apply.exit).as(apply.out + apply.err).isZero();
        JsonNode report = new ObjectMapper().readTree(state.resolve("schema-report.json").toFile());
        // 17 tables + 3 views + trigger, procedure, function, event, sequence.
        assertThat(report.get("objects")).hasSize(25);
        assertThat(report.get("summary").get("FAILED")).isNull();
        StateFile.State st = StateFile.read(state.resolve(StateFile.FILE_NAME));
        assertThat(st.deferredObjects()).anyMatch(d -> d.type().equals("INDEX") && d.name().equals("ix_multi"));
        assertThat(st.hiddenKeys()).extracting(h -> h.table()).contains("no_pk", "no_pk_nullable_uk", "part_no_pk");

        Run again = run(concat(src, target(ob)));
        assertThat(again.exit).isZero();
        assertThat(again.out).contains("apply: ALREADY_EXISTS").doesNotContain("apply: CREATED");

        // The sink's ordering guard added its source-position column to a table while the migration ran.
        ob.execute("ALTER TABLE sm_cli_my_ob.parent ADD COLUMN __obkc_src_pos DECIMAL(38,0) NULL");
        for (String phase : List.of("after-full-load", "switchover")) {
            Run d = run(concat(target(ob), new String[] {"--state-dir", state.toString(),
                "--apply-deferred", phase}));
            assertThat(d.exit).as(d.out + d.err).isZero();
            assertThat(d.out).contains(": CREATED").doesNotContain("FAILED");
        }
        // Switchover dropped every helper: the hidden keys and the sink's column (checked in information_schema, not in our output).
        assertThat(io.obkc.testing.SqlAssertions.rows(ob, "sm_cli_my_ob", "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = 'sm_cli_my_ob' AND COLUMN_NAME LIKE '\\_\\_obkc\\_%'")).isEmpty();
        Run twice = run(concat(target(ob), new String[] {"--state-dir", state.toString(),
            "--apply-deferred", "switchover"}));
        assertThat(twice.exit).as(twice.out + twice.err).isZero();
        assertThat(twice.out).contains("HIDDEN_KEY sm_cli_my_ob.no_pk.__obkc_pk: ALREADY_DROPPED").doesNotContain(": DROPPED");
    }

    @Test
    void migratesThePostgresCorpus(@TempDir Path state) throws Exception {
        DatabaseEndpoint pg = TestBed.postgres();
        DatabaseEndpoint ob = TestBed.oceanbase();
        pg.recreateDatabase("sm_cli_pg");
        loadCorpus(pg, null, "postgres-corpus.sql", "sm_cli_pg");
        ob.execute("DROP DATABASE IF EXISTS sm_cli_pg_ob");
        Run r = run(concat(new String[] {"--source-url", pg.jdbcUrl(null), "--source-user", pg.user(), "--source-password",
            pg.password(), "--include", "sm_cli_pg.*", "--pg-database-template", "{schema}_ob", "--state-dir", state.toString()},
                target(ob)));
        assertThat(r.exit).as(r.out + r.err).isZero();
        JsonNode report = new ObjectMapper().readTree(state.resolve("schema-report.json").toFile());
        // 12 tables + 3 views + sequence, function, trigger, materialized view (the partition belongs to its table).
        assertThat(report.get("objects")).hasSize(19);
        assertThat(r.out).contains("-- TABLE sm_cli_pg.parent -> sm_cli_pg_ob.parent: CONVERTED / apply: CREATED",
                "-- TRIGGER sm_cli_pg.trg_parent: NOT_MIGRATED");
    }

    @Test
    void passwordFilesAndJsonOutputAsInTheVerifier(@TempDir Path state) throws Exception {
        DatabaseEndpoint my = TestBed.mysql();
        DatabaseEndpoint ob = TestBed.oceanbase();
        my.recreateDatabase("sm_cli_opts");
        my.execute("CREATE TABLE sm_cli_opts.t (id INT PRIMARY KEY, v VARCHAR(10))");
        Path srcPw = state.resolve("src.pw");
        Path tgtPw = state.resolve("tgt.pw");
        Files.writeString(srcPw, my.password() + "\n");
        Files.writeString(tgtPw, ob.password() + "\n");
        Run r = run("--source-url", my.jdbcUrl(""), "--source-user", my.user(), "--source-password-file", srcPw.toString(),
                "--target-url", ob.jdbcUrl(""), "--target-user", ob.user(), "--target-password-file", tgtPw.toString(),
                "--include", "sm_cli_opts.*", "--state-dir", state.toString(), "--dry-run", "--json");
        assertThat(r.exit).as(r.err).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out);
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("objects")).hasSize(1);
        my.execute("DROP DATABASE sm_cli_opts");
    }

    @Test
    void badInputGetsAClearMessage() {
        Run unreachable = run("--source-url", "jdbc:mysql://127.0.0.1:1/?password=topsecret", "--source-user", "u",
                "--source-password", "hunter2", "--include", "a.*", "--dry-run");
        assertThat(unreachable.exit).isEqualTo(2);
        assertThat(unreachable.err).contains("cannot connect to the source database at jdbc:mysql://127.0.0.1:1/?password=***")
                .doesNotContain("topsecret", "hunter2");
        Run noRules = run("--source-url", "jdbc:mysql://127.0.0.1:1/", "--dry-run");
        assertThat(noRules.err).contains("at least one --include rule is required");
        Run noTarget = run("--source-url", "jdbc:mysql://127.0.0.1:1/", "--include", "a.*");
        assertThat(noTarget.err).contains("--target-url is required unless --dry-run");
    }

    static void loadCorpus(DatabaseEndpoint db, String database, String resource, String pgSchema) throws Exception {
        try (Connection c = database == null ? db.connect() : db.connect(database); Statement s = c.createStatement()) {
            if (pgSchema != null) {
                s.execute("SET search_path = " + pgSchema);
            }
            for (String sql : io.obkc.schema.CorpusAccess.statements(resource)) {
                s.execute(sql);
            }
        }
    }

}
