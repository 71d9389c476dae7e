package io.obkc.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.obkc.common.rules.ObjectName;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;
import io.obkc.verifier.core.VerifyOptions;
import io.obkc.verifier.core.VerifyReport;
import io.obkc.verifier.model.DiffKind;
import io.obkc.verifier.model.Difference;
import io.obkc.verifier.model.TableResult;
import io.obkc.verifier.model.TableStatus;
import io.obkc.verifier.report.CorrectionSql;

/** Every kind of injected difference is found exactly, and the correction SQL repairs it (MariaDB → seekdb). */
class DifferencesIT {
    static final String DB = "vf_diff";
    final DatabaseEndpoint src = TestBed.mysql();
    final DatabaseEndpoint tgt = TestBed.oceanbase();
    final ObjectName name = new ObjectName(DB, "kv");

    @BeforeEach
    void load() throws Exception {
        loadKv(src, tgt, DB);
    }

    /** 1000 rows on both sides, then seven kinds of difference injected into the target. */
    static void loadKv(DatabaseEndpoint src, DatabaseEndpoint tgt, String db) throws Exception {
        String DB = db;
        for (DatabaseEndpoint e : new DatabaseEndpoint[] {src, tgt}) {
            e.recreateDatabase(DB);
            Fixtures.exec(e, DB, "CREATE TABLE kv (k VARCHAR(20) NOT NULL PRIMARY KEY, n INT, s VARCHAR(20), "
                    + "ts DATETIME(6), d DECIMAL(10,2)) DEFAULT CHARSET utf8mb4 COLLATE utf8mb4_general_ci");
            try (Connection c = e.connect(DB); PreparedStatement ps = c.prepareStatement("INSERT INTO kv VALUES (?,?,?,?,?)")) {
                for (int i = 0; i < 1000; i++) {
                    ps.setString(1, String.format("key%04d", i));
                    ps.setInt(2, i * 7);
                    ps.setString(3, i % 50 == 0 ? null : "s" + i);
                    ps.setString(4, "2024-05-06 07:08:09." + String.format("%06d", i * 13));
                    ps.setString(5, (i * 3) + ".25");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        Fixtures.exec(tgt, DB,
                "DELETE FROM kv WHERE k = 'key0010'",                                     // missing in target
                "INSERT INTO kv VALUES ('key0500x', 1, 'x', NULL, NULL)",                  // extra in target
                "UPDATE kv SET n = n + 1 WHERE k = 'key0100'",                              // changed column
                "UPDATE kv SET s = '' WHERE k = 'key0200'",                                 // NULL (source) vs ''
                "UPDATE kv SET ts = DATE_ADD(ts, INTERVAL 1 MICROSECOND) WHERE k = 'key0300'", // timestamp fraction
                "UPDATE kv SET s = CONCAT(s, ' ') WHERE k = 'key0401'",                     // trailing space
                "UPDATE kv SET k = 'KEY0600' WHERE k = 'key0600'");                         // key case
    }

    @Test
    void findsEveryInjectedDifferenceExactlyAndCorrectionsRepairThem() throws Exception {
        VerifyReport r = Fixtures.verify(src, tgt, Fixtures.smallChunks(), name, name);
        TableResult t = r.tables().get(0).result();
        assertThat(t.error).isNull();
        assertThat(t.status).isEqualTo(TableStatus.INCONSISTENT);
        assertThat(byKey(t, DiffKind.MISSING_IN_TARGET)).containsOnlyKeys("key0010", "key0600");
        assertThat(byKey(t, DiffKind.EXTRA_IN_TARGET)).containsOnlyKeys("key0500x", "KEY0600");
        assertThat(byKey(t, DiffKind.DIFFERENT_COLUMNS)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "key0100", "[n]", "key0200", "[s]", "key0300", "[ts]", "key0401", "[s]"));
        assertThat(t.sourceRows).isEqualTo(1000);
        assertThat(t.targetRows).isEqualTo(1000);
        assertThat(t.chunks).isGreaterThan(2);
        assertThat(r.consistent()).isFalse();

        CorrectionSql.Applied applied = Fixtures.applyCorrections(tgt, r, true);
        assertThat(applied.failures()).isEmpty();
        assertThat(applied.succeeded()).isEqualTo(8);

        VerifyReport again = Fixtures.verify(src, tgt, Fixtures.smallChunks(), name, name);
        assertThat(again.tables().get(0).result().status).isEqualTo(TableStatus.CONSISTENT);
        assertThat(again.consistent()).isTrue();
    }

    @Test
    void withoutDeleteFlagTargetOnlyRowsAreLeftAlone() throws Exception {
        VerifyReport r = Fixtures.verify(src, tgt, Fixtures.smallChunks(), name, name);
        CorrectionSql.Applied applied = Fixtures.applyCorrections(tgt, r, false);
        // INSERT of key0600 collides with KEY0600 under the case-insensitive key: reported, not thrown.
        assertThat(applied.failures()).hasSize(1).allMatch(f -> f.contains("key0600"));
        VerifyReport again = Fixtures.verify(src, tgt, Fixtures.smallChunks(), name, name);
        TableResult t = again.tables().get(0).result();
        assertThat(byKey(t, DiffKind.EXTRA_IN_TARGET)).containsOnlyKeys("key0500x", "KEY0600");
        assertThat(t.missingInTarget).isEqualTo(1);
        assertThat(t.differentRows).isZero();
    }

    @Test
    void nativeCollationOrderingFindsTheSameDifferences() {
        VerifyOptions o = Fixtures.smallChunks();
        o.binaryStringKeys = false;
        TableResult t = Fixtures.verify(src, tgt, o, name, name).tables().get(0).result();
        assertThat(t.missingInTarget).isEqualTo(2);
        assertThat(t.extraInTarget).isEqualTo(2);
        assertThat(t.differentRows).isEqualTo(4);
    }

    static Map<String, String> byKey(TableResult t, DiffKind kind) {
        return t.differencesSnapshot().stream().filter(d -> d.kind() == kind)
                .collect(Collectors.toMap(d -> d.key().toString(), (Difference d) -> d.columns().toString(),
                        (a, b) -> a, TreeMap::new));
    }

    /** The sink's ordering-guard column on the target is the bundle's bookkeeping, not a schema difference. */
    @Test
    void theBundlesHelperColumnsOnTheTargetAreNotDifferences() throws Exception {
        String db = "vf_helper";
        for (DatabaseEndpoint e : new DatabaseEndpoint[] {src, tgt}) {
            e.recreateDatabase(db);
            Fixtures.exec(e, db, "CREATE TABLE h (id INT PRIMARY KEY, v VARCHAR(10), UNIQUE KEY uv (v))",
                    "INSERT INTO h VALUES (1, 'a'), (2, 'b')");
        }
        Fixtures.exec(tgt, db, "ALTER TABLE h ADD COLUMN __obkc_src_pos DECIMAL(38,0) NULL", "UPDATE h SET __obkc_src_pos = 42");
        ObjectName h = new ObjectName(db, "h");
        TableResult t = Fixtures.verify(src, tgt, Fixtures.smallChunks(), h, h).tables().get(0).result();
        assertThat(t.schemaDifferences).isEmpty();
        assertThat(t.status).isEqualTo(TableStatus.CONSISTENT);

        Fixtures.exec(tgt, db, "ALTER TABLE h ADD COLUMN extra INT NULL");
        t = Fixtures.verify(src, tgt, Fixtures.smallChunks(), h, h).tables().get(0).result();
        assertThat(t.schemaDifferences).containsExactly("column extra exists only in the target");
    }
}
