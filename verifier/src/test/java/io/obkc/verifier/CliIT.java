package io.obkc.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.obkc.common.rules.ObjectName;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;
import io.obkc.verifier.cli.VerifyCommand;
import io.obkc.verifier.core.Checkpoint;
import io.obkc.verifier.core.VerifyOptions;
import io.obkc.verifier.model.DiffKind;
import io.obkc.verifier.model.TableResult;
import io.obkc.verifier.report.Reports;

/** The command line end to end: exit codes, reports, --only-inconsistent, corrections, resume, bad input. */
class CliIT {
    static final String DB = "vf_cli";
    final DatabaseEndpoint src = TestBed.mysql();
    final DatabaseEndpoint tgt = TestBed.oceanbase();
    Path dir;

    @BeforeEach
    void load() throws Exception {
        DifferencesIT.loadKv(src, tgt, DB);
        dir = Fixtures.tmp("cli-" + System.nanoTime());
        Files.createDirectories(dir);
    }

    record Run(int exit, String out, String err) {
    }

    Run cli(String... extra) throws Exception {
        Path pw = dir.resolve("tgt.pw");
        Files.writeString(pw, tgt.password() + "\n");
        // jdbc:mysql:// for the source: the verifier asks the server whether it is MySQL or MariaDB.
        List<String> args = new ArrayList<>(List.of("--source-url", "jdbc:mysql://" + src.host() + ":" + src.port() + "/",
                "--source-user", src.user(), "--source-password", src.password(),
                "--target-url", "jdbc:oceanbase://" + tgt.host() + ":" + tgt.port() + "/", "--target-user", tgt.user(),
                "--target-password-file", pw.toString()));
        return run(args, extra);
    }

    /** The spellings before --source-url/--target-url/--include. */
    Run cliDeprecated(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--source-type", Fixtures.type(src), "--source-host", src.host(),
                "--source-port", String.valueOf(src.port()), "--source-user", src.user(), "--source-password",
                src.password(), "--target-type", "oceanbase", "--target-host", tgt.host(), "--target-port",
                String.valueOf(tgt.port()), "--target-user", tgt.user(), "--target-password", tgt.password()));
        return run(args, extra);
    }

    Run run(List<String> connection, String... extra) throws Exception {
        List<String> args = new ArrayList<>(connection);
        args.addAll(List.of("--report-dir", dir.resolve("report").toString(), "--initial-chunk-rows", "200", "--min-chunk-rows", "50",
                "--row-fetch-threshold", "40", "--progress", "log"));
        args.addAll(List.of(extra));
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, "UTF-8"));
            System.setErr(new PrintStream(err, true, "UTF-8"));
            int code = VerifyCommand.run(args.toArray(String[]::new));
            return new Run(code, out.toString("UTF-8"), err.toString("UTF-8"));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void reportsOnlyInconsistentAndApplyCorrections() throws Exception {
        Run r = cli("--include", DB + ".kv");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("INCONSISTENT").contains("key0010").doesNotContain(tgt.password() + " ");
        Path report = dir.resolve("report");
        assertThat(report.resolve("summary.json")).exists();
        assertThat(Files.readString(report.resolve("summary.json"))).contains("\"missingInTarget\" : 2")
                .contains("\"extraInTarget\" : 2").contains("\"differentRows\" : 4");
        String sql = Files.readString(report.resolve("corrections.sql"));
        assertThat(sql).contains("INSERT INTO `vf_cli`.`kv`").contains("UPDATE `vf_cli`.`kv` SET `n` = 700")
                .doesNotContain("DELETE");
        var keys = Reports.readKeys(report.resolve("inconsistent-keys.json"));
        assertThat(keys.values().iterator().next()).hasSize(8);

        // Re-verify only the listed keys: same verdict, far fewer rows read.
        Path keysFile = dir.resolve("keys.json");
        Files.copy(report.resolve("inconsistent-keys.json"), keysFile);
        Run only = cli("--only-inconsistent", keysFile.toString());
        assertThat(only.exit()).as(only.err()).isEqualTo(1);
        // The rows found under the 8 keys: 6 on each side (2 keys only in the target, 2 only in the source).
        assertThat(Files.readString(report.resolve("summary.json"))).contains("\"sourceRows\" : 6")
                .contains("\"targetRows\" : 6");

        Run fix = cli("--include", DB + ".kv", "--apply-corrections", "--delete-extra-rows");
        assertThat(fix.out()).contains("applied 8 correction statement(s) on the target, 0 failed")
                .contains("after corrections: CONSISTENT");
        assertThat(fix.exit()).isEqualTo(0);
        assertThat(cli("--include", DB + ".kv").exit()).isEqualTo(0);
        assertThat(cli("--only-inconsistent", keysFile.toString()).exit()).isEqualTo(0);
    }

    @Test
    void deprecatedSpellingsStillWorkAndWarn() throws Exception {
        // vf_cli.kv differs on purpose (exit 1): both spellings must find the same.
        Run r = cliDeprecated("--tables", DB + ".kv");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("warning: --tables is deprecated; use --include",
                "warning: --source-type/--source-host/--source-port/--source-database are deprecated; use --source-url",
                "warning: --target-type/--target-host/--target-port/--target-database are deprecated; use --target-url");
        Run current = cli("--include", DB + ".kv");
        assertThat(current.exit()).isEqualTo(1);
        // The same differences (chunk counts, timings and byte counts vary between runs).
        assertThat(current.out().lines().filter(l -> l.startsWith("    ")).sorted().toList()).hasSize(8)
                .isEqualTo(r.out().lines().filter(l -> l.startsWith("    ")).sorted().toList());
        assertThat(current.err()).doesNotContain("deprecated");
    }

    @Test
    void badInputGivesClearErrorsAndExitCode2() throws Exception {
        Run unreachable = cli("--include", DB + ".kv", "--source-url", "jdbc:mysql://" + src.host() + ":1/");
        assertThat(unreachable.exit()).isEqualTo(2);
        assertThat(unreachable.err()).contains("Cannot connect to the source").contains(src.host() + ":1")
                .contains("check that the server is running").doesNotContain("Exception").doesNotContain("\tat ");

        Run noTable = cli("--include", DB + ".nope");
        assertThat(noTable.exit()).isEqualTo(2);
        assertThat(noTable.err()).contains("No source table matches");

        Run badType = cli("--include", DB + ".kv", "--target-url", "jdbc:oracle:thin:@//h:1521/x");
        assertThat(badType.exit()).isEqualTo(2);
        assertThat(badType.err()).contains("--target-url must look like jdbc:mysql://");

        Run both = cli("--include", DB + ".kv", "--source-port", "3306");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("Give --source-url only");

        Run missingOpt = cli("--include", DB + ".kv", "--threads", "0");
        assertThat(missingOpt.exit()).isEqualTo(2);
        assertThat(missingOpt.err()).contains("--threads must be a positive number");
    }

    @Test
    void schemaDifferencesAndMissingTargetTableAreReported() throws Exception {
        Fixtures.exec(src, DB, "CREATE TABLE only_src (id INT PRIMARY KEY)", "CREATE TABLE wide (id INT PRIMARY KEY, a INT, b INT)",
                "INSERT INTO wide VALUES (1, 1, 1)");
        Fixtures.exec(tgt, DB, "CREATE TABLE wide (id INT PRIMARY KEY, a INT, c INT)", "INSERT INTO wide VALUES (1, 1, 1)");
        Run r = cli("--include", DB + ".only_src," + DB + ".wide");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("MISSING_IN_TARGET").contains("table vf_cli.only_src does not exist in the target")
                .contains("SCHEMA_DIFFERENCE").contains("column b is missing in the target")
                .contains("column c exists only in the target");
    }

    @Test
    void keylessTablesCompareAsMultisets() throws Exception {
        for (DatabaseEndpoint e : new DatabaseEndpoint[] {src, tgt}) {
            Fixtures.exec(e, DB, "CREATE TABLE bag (a INT, b VARCHAR(10))",
                    "INSERT INTO bag VALUES (1, 'x'), (1, 'x'), (2, NULL), (3, '')");
        }
        assertThat(cli("--include", DB + ".bag").exit()).isEqualTo(0);
        Fixtures.exec(tgt, DB, "DELETE FROM bag WHERE a = 1 LIMIT 1", "INSERT INTO bag VALUES (4, 'y')");
        Run r = cli("--include", DB + ".bag", "--apply-corrections", "--delete-extra-rows");
        assertThat(r.out()).contains("applied 2 correction statement(s) on the target, 0 failed");
        assertThat(cli("--include", DB + ".bag").exit()).isEqualTo(0);
    }

    @Test
    void resumesFromCheckpointSkippingTheFinishedPrefix() throws Exception {
        Path cp = dir.resolve("cp.json");
        Checkpoint c = Checkpoint.open(cp, false);
        Checkpoint.TableState s = new Checkpoint.TableState();
        s.lastBound = List.of("key0499");
        s.sourceRows = 500;
        s.targetRows = 500;
        s.chunks = 3;
        c.put(DB + ".kv", s, true);
        VerifyOptions o = Fixtures.smallChunks();
        o.checkpointFile = cp;
        o.resume = true;
        ObjectName n = new ObjectName(DB, "kv");
        TableResult t = Fixtures.verify(src, tgt, o, n, n).tables().get(0).result();
        // Keys after key0499 (bytewise) were verified; the saved prefix contributed its counts only.
        assertThat(DifferencesIT.byKey(t, DiffKind.MISSING_IN_TARGET)).containsOnlyKeys("key0600");
        assertThat(DifferencesIT.byKey(t, DiffKind.EXTRA_IN_TARGET)).containsOnlyKeys("key0500x");
        assertThat(t.differentRows).isZero();
        assertThat(t.sourceRows).isEqualTo(1000);
        assertThat(Files.readString(cp)).contains("\"done\" : true");
    }

    @Test
    void onlineRecheckDropsRowsThatCatchUp() throws Exception {
        VerifyOptions o = Fixtures.smallChunks();
        o.recheckSeconds = 30;
        o.recheckIntervalMillis = 10;
        o.recheckListener = (table, round) -> {
            if (round == 1) { // "replication" delivers two of the changes before the first re-check
                Fixtures.exec(tgt, DB, "UPDATE kv SET n = n - 1 WHERE k = 'key0100'",
                        "INSERT INTO kv VALUES ('key0010', 70, 's10', '2024-05-06 07:08:09.000130', 30.25)");
            }
        };
        ObjectName n = new ObjectName(DB, "kv");
        TableResult t = Fixtures.verify(src, tgt, o, n, n).tables().get(0).result();
        assertThat(DifferencesIT.byKey(t, DiffKind.MISSING_IN_TARGET)).containsOnlyKeys("key0600");
        assertThat(DifferencesIT.byKey(t, DiffKind.DIFFERENT_COLUMNS)).containsOnlyKeys("key0200", "key0300", "key0401");
    }

    @Test
    void skipsRowsChangedRecently() throws Exception {
        // ts of key0300 in the target is moved to "now": that row is skipped, the rest still reported.
        Fixtures.exec(tgt, DB, "UPDATE kv SET ts = UTC_TIMESTAMP(6) WHERE k = 'key0300'");
        VerifyOptions o = Fixtures.smallChunks();
        o.updatedColumn = "ts";
        o.skipRecentSeconds = 3600;
        ObjectName n = new ObjectName(DB, "kv");
        TableResult t = Fixtures.verify(src, tgt, o, n, n).tables().get(0).result();
        assertThat(t.skippedRecent).isEqualTo(1);
        assertThat(DifferencesIT.byKey(t, DiffKind.DIFFERENT_COLUMNS)).containsOnlyKeys("key0100", "key0200", "key0401");
    }

    @Test
    void afterCorrectionsTheReportShowsTheTablesRealCountsAndKeyZeroIsKept() throws Exception {
        Fixtures.exec(src, DB, "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'NO_AUTO_VALUE_ON_ZERO')",
                "CREATE TABLE one (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO one VALUES (0, 'zero')");
        Fixtures.exec(tgt, DB, "CREATE TABLE one (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))");
        Run r = cli("--include", DB + ".one", "--apply-corrections");
        assertThat(r.out()).as(r.err()).contains("applied 1 correction statement(s) on the target, 0 failed");
        String after = r.out().substring(r.out().indexOf("after corrections:"));
        // It once printed "CONSISTENT  SRC ROWS 1  TGT ROWS 0": the counts of the re-checked keys, not of the table.
        assertThat(after).containsPattern(DB + "\\.one\\s+CONSISTENT\\s+1\\s+1\\s");
        assertThat(r.exit()).isEqualTo(0);
        // Independent look: exactly one row, with key 0 (no phantom row under a new AUTO_INCREMENT value).
        try (java.sql.Connection c = tgt.connect(DB); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT id, v FROM one")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
            assertThat(rs.getString(2)).isEqualTo("zero");
            assertThat(rs.next()).isFalse();
        }
    }
}
