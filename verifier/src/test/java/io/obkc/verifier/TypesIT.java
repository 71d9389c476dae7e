package io.obkc.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.obkc.common.rules.ObjectName;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;
import io.obkc.verifier.core.VerifyReport;
import io.obkc.verifier.model.TableResult;
import io.obkc.verifier.model.TableStatus;

/**
 * Identical data across the supported types compares equal between engines, and one changed value per type
 * family is found. Values are written through each engine's JDBC driver from the same Java values.
 */
class TypesIT {
    static final int ROWS = 600;

    static final String MYSQL_DDL = "CREATE TABLE t_all (id BIGINT PRIMARY KEY, i_tiny TINYINT, i_small SMALLINT, i_int INT,"
            + " i_big BIGINT, u_big BIGINT UNSIGNED, d_dec DECIMAL(14,4), f_float FLOAT, f_double DOUBLE, b_bool TINYINT(1),"
            + " s_char CHAR(10), s_varchar VARCHAR(100), s_text TEXT, bin_var VARBINARY(32), bin_blob BLOB, dt_date DATE,"
            + " dt_time TIME(3), dt_datetime DATETIME(6), dt_ts TIMESTAMP(3) NULL, j_json JSON, e_enum ENUM('a','b','c'))"
            + " DEFAULT CHARSET utf8mb4";

    @Test
    void mariadbToSeekdbAllTypesEqualThenOneDifferencePerColumn() throws Exception {
        DatabaseEndpoint src = TestBed.mysql();
        DatabaseEndpoint tgt = TestBed.oceanbase();
        String db = "vf_types_my";
        for (DatabaseEndpoint e : new DatabaseEndpoint[] {src, tgt}) {
            e.recreateDatabase(db);
            Fixtures.exec(e, db, MYSQL_DDL);
            try (Connection c = e.connect(db); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO t_all VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                Random rnd = new Random(42);
                for (int i = 0; i < ROWS; i++) {
                    boolean nulls = i % 37 == 5;
                    int p = 1;
                    ps.setLong(p++, i * 3L - 500);
                    set(ps, p++, nulls, Types.TINYINT, (byte) (rnd.nextInt(256) - 128));
                    set(ps, p++, nulls, Types.SMALLINT, (short) rnd.nextInt(30000));
                    set(ps, p++, nulls, Types.INTEGER, rnd.nextInt());
                    set(ps, p++, nulls, Types.BIGINT, rnd.nextLong());
                    set(ps, p++, nulls, Types.DECIMAL, new BigDecimal(Long.toUnsignedString(rnd.nextLong())));
                    set(ps, p++, nulls, Types.DECIMAL, BigDecimal.valueOf(rnd.nextInt(2_000_000_000), 4).negate());
                    set(ps, p++, nulls, Types.REAL, rnd.nextFloat() * 1000 - (i == 7 ? 0 : 500));
                    set(ps, p++, nulls, Types.DOUBLE, i == 8 ? 0.1 + 0.2 : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(20) - 10));
                    set(ps, p++, nulls, Types.BOOLEAN, rnd.nextBoolean());
                    set(ps, p++, nulls, Types.CHAR, i % 3 == 0 ? "" : "c" + (i % 100));
                    set(ps, p++, nulls, Types.VARCHAR, i % 11 == 0 ? "" : "väřçhår ✓ " + i + (i % 13 == 0 ? " " : ""));
                    set(ps, p++, nulls, Types.VARCHAR, "text\n'quoted' \\ " + "x".repeat(i % 50));
                    set(ps, p++, nulls, Types.VARBINARY, new byte[] {(byte) i, 0, (byte) 0xff, (byte) (i >> 3)});
                    set(ps, p++, nulls, Types.VARBINARY, ("blob" + i).getBytes());
                    set(ps, p++, nulls, Types.DATE, LocalDate.of(1990, 1, 1).plusDays(i * 17L));
                    // Temporal values as text: Connector/J drops fractional seconds when it talks to MariaDB.
                    set(ps, p++, nulls, Types.VARCHAR, LocalTime.of(i % 24, i % 60, (i * 7) % 60, (i % 1000) * 1_000_000).toString());
                    set(ps, p++, nulls, Types.VARCHAR, LocalDateTime.of(2024, 2, 29, 23, 59, 59, (i * 1013) % 1_000_000 * 1000).toString());
                    set(ps, p++, nulls, Types.VARCHAR, LocalDateTime.of(2001, 9, 9, 1, 46, 40, (i % 1000) * 1_000_000).plusHours(i).toString());
                    set(ps, p++, nulls, Types.VARCHAR, "{\"b\": [1, 2.5, \"x\"], \"a\": {\"n\": " + i + ", \"t\": true}}");
                    set(ps, p++, nulls, Types.VARCHAR, new String[] {"a", "b", "c"}[i % 3]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        ObjectName t = new ObjectName(db, "t_all");
        VerifyReport r = Fixtures.verify(src, tgt, Fixtures.smallChunks(), t, t);
        TableResult res = r.tables().get(0).result();
        assertThat(res.error).isNull();
        assertThat(res.schemaDifferences).isEmpty();
        assertThat(DifferencesIT.byKey(res, io.obkc.verifier.model.DiffKind.DIFFERENT_COLUMNS)).isEmpty();
        assertThat(res.status).isEqualTo(TableStatus.CONSISTENT);
        assertThat(res.sourceRows).isEqualTo(ROWS);

        Fixtures.exec(tgt, db, "UPDATE t_all SET d_dec = d_dec + 0.0001 WHERE id = -497",
                "UPDATE t_all SET f_double = f_double * 1.001 WHERE id = -494",
                "UPDATE t_all SET bin_var = X'00' WHERE id = -491",
                "UPDATE t_all SET dt_ts = DATE_ADD(dt_ts, INTERVAL 1 SECOND) WHERE id = -488",
                "UPDATE t_all SET j_json = JSON_SET(j_json, '$.a.n', 99999) WHERE id = -476",
                "UPDATE t_all SET s_varchar = NULL WHERE id = -482",
                "UPDATE t_all SET b_bool = 1 - b_bool WHERE id = -479");
        res = Fixtures.verify(src, tgt, Fixtures.smallChunks(), t, t).tables().get(0).result();
        assertThat(DifferencesIT.byKey(res, io.obkc.verifier.model.DiffKind.DIFFERENT_COLUMNS)).containsOnlyKeys(
                "-497", "-494", "-491", "-488", "-476", "-482", "-479");
        assertThat(res.missingInTarget + res.extraInTarget).isZero();
    }

    @Test
    void postgresToSeekdbAllTypesEqualThenDifferencesFound() throws Exception {
        DatabaseEndpoint src = TestBed.postgres();
        DatabaseEndpoint tgt = TestBed.oceanbase();
        String db = "vf_types_pg";
        src.recreateDatabase(db);
        tgt.recreateDatabase(db);
        Fixtures.exec(src, db, "CREATE TABLE t_all (id bigint PRIMARY KEY, i_small smallint, i_int integer, i_big bigint,"
                + " d_dec numeric(14,4), d_free numeric, f_float real, f_double double precision, b_bool boolean,"
                + " s_char char(10), s_varchar varchar(100), s_text text, bin_bytea bytea, dt_date date, dt_time time(3),"
                + " dt_ts timestamp(6), dt_tstz timestamptz(3), j_json jsonb, j_plain json, u_uuid uuid)");
        Fixtures.exec(tgt, db, "CREATE TABLE t_all (id BIGINT PRIMARY KEY, i_small SMALLINT, i_int INT, i_big BIGINT,"
                + " d_dec DECIMAL(14,4), d_free DECIMAL(30,10), f_float FLOAT, f_double DOUBLE, b_bool TINYINT(1),"
                + " s_char CHAR(10), s_varchar VARCHAR(100), s_text TEXT, bin_bytea VARBINARY(64), dt_date DATE,"
                + " dt_time TIME(3), dt_ts DATETIME(6), dt_tstz TIMESTAMP(3) NULL, j_json JSON, j_plain JSON,"
                + " u_uuid VARCHAR(36)) DEFAULT CHARSET utf8mb4");
        for (DatabaseEndpoint e : new DatabaseEndpoint[] {src, tgt}) {
            boolean pg = e.kind() == DatabaseEndpoint.Kind.POSTGRESQL;
            String sql = pg ? "INSERT INTO \"" + db + "\".t_all VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?::jsonb,?::json,?::uuid)"
                    : "INSERT INTO t_all VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
            try (Connection c = e.connect(pg ? null : db); PreparedStatement ps = c.prepareStatement(sql)) {
                Random rnd = new Random(7);
                for (int i = 0; i < ROWS; i++) {
                    boolean nulls = i % 41 == 3;
                    int p = 1;
                    ps.setLong(p++, i * 5L);
                    set(ps, p++, nulls, Types.SMALLINT, (short) (rnd.nextInt(60000) - 30000));
                    set(ps, p++, nulls, Types.INTEGER, rnd.nextInt());
                    set(ps, p++, nulls, Types.BIGINT, rnd.nextLong());
                    set(ps, p++, nulls, Types.DECIMAL, BigDecimal.valueOf(rnd.nextLong() % 10_000_000_000L, 4));
                    set(ps, p++, nulls, Types.DECIMAL, BigDecimal.valueOf(rnd.nextInt(), rnd.nextInt(8)));
                    set(ps, p++, nulls, Types.REAL, (rnd.nextFloat() - 0.5f) * (float) Math.pow(10, rnd.nextInt(8) - 3));
                    set(ps, p++, nulls, Types.DOUBLE, i == 9 ? 0.0 : rnd.nextDouble() * Math.pow(10, rnd.nextInt(24) - 12));
                    if (pg) {
                        set(ps, p++, nulls, Types.BOOLEAN, i % 2 == 0);
                    } else {
                        set(ps, p++, nulls, Types.TINYINT, (byte) (i % 2 == 0 ? 1 : 0));
                    }
                    set(ps, p++, nulls, Types.CHAR, i % 4 == 0 ? "" : "ch" + i);
                    set(ps, p++, nulls, Types.VARCHAR, i % 9 == 0 ? "" : "Grüße 🎉 " + i + (i % 7 == 0 ? "  " : ""));
                    set(ps, p++, nulls, Types.VARCHAR, "line1\nline2 'q' \\ " + i);
                    set(ps, p++, nulls, Types.VARBINARY, new byte[] {(byte) i, 0, (byte) 0x80, 0x7f});
                    set(ps, p++, nulls, Types.DATE, LocalDate.of(2020, 1, 1).minusDays(i * 31L));
                    set(ps, p++, nulls, Types.TIME, LocalTime.of(i % 24, (i * 7) % 60, i % 60, (i % 1000) * 1_000_000));
                    set(ps, p++, nulls, Types.TIMESTAMP, LocalDateTime.of(1999, 12, 31, 23, 59, 59, (i * 7919) % 1_000_000 * 1000));
                    OffsetDateTime odt = OffsetDateTime.of(2030, 3, 31, 1, 30, 0, (i % 1000) * 1_000_000, ZoneOffset.UTC).plusMinutes(i * 97L);
                    if (pg) {
                        set(ps, p++, nulls, Types.TIMESTAMP_WITH_TIMEZONE, odt);
                    } else {
                        set(ps, p++, nulls, Types.TIMESTAMP, odt.toLocalDateTime());
                    }
                    set(ps, p++, nulls, Types.VARCHAR, "{\"zz\": " + i + ", \"a\": [true, null, \"s\"], \"m\": {\"k\": \"v\"}}");
                    set(ps, p++, nulls, Types.VARCHAR, "[" + i + ", \"x\"]");
                    set(ps, p++, nulls, Types.VARCHAR, new java.util.UUID(i * 31L, i).toString());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        ObjectName t = new ObjectName(db, "t_all");
        TableResult res = Fixtures.verify(src, tgt, Fixtures.smallChunks(), t, t).tables().get(0).result();
        assertThat(res.error).isNull();
        assertThat(res.schemaDifferences).isEmpty();
        assertThat(DifferencesIT.byKey(res, io.obkc.verifier.model.DiffKind.DIFFERENT_COLUMNS)).isEmpty();
        assertThat(res.status).isEqualTo(TableStatus.CONSISTENT);
        assertThat(res.sourceRows).isEqualTo(ROWS);
        // The JSON checksums agree in SQL for these values, so no chunk needed a row-level look.
        assertThat(res.chunksDiffering).isZero();

        Fixtures.exec(tgt, db, "UPDATE t_all SET s_char = NULL WHERE id = 20",
                "UPDATE t_all SET dt_tstz = DATE_ADD(dt_tstz, INTERVAL 1000 MICROSECOND) WHERE id = 25",
                "UPDATE t_all SET u_uuid = UPPER(u_uuid) WHERE id = 30",
                "UPDATE t_all SET f_float = f_float * 2 WHERE id = 35 AND f_float <> 0",
                "DELETE FROM t_all WHERE id = 40");
        res = Fixtures.verify(src, tgt, Fixtures.smallChunks(), t, t).tables().get(0).result();
        assertThat(DifferencesIT.byKey(res, io.obkc.verifier.model.DiffKind.DIFFERENT_COLUMNS)).containsOnlyKeys(
                "20", "25", "30", "35");
        assertThat(DifferencesIT.byKey(res, io.obkc.verifier.model.DiffKind.MISSING_IN_TARGET)).containsOnlyKeys("40");
    }

    private static void set(PreparedStatement ps, int i, boolean isNull, int sqlType, Object v) throws Exception {
        if (isNull) {
            ps.setNull(i, sqlType);
        } else {
            ps.setObject(i, v, sqlType);
        }
    }
}
