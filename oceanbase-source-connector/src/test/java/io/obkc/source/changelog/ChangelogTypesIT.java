package io.obkc.source.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.obkc.source.OceanBaseSourceConfig;
import io.obkc.source.SourceTestConfigs;
import io.obkc.source.TaskHarness;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * Every MySQL-mode column type through both paths of the change-log mode: the snapshot (AS OF SNAPSHOT read) and the
 * stream (trigger images). Both must equal each other and an independent JDBC read of the same rows.
 */
class ChangelogTypesIT {
    private static final String DB = "obkc_src_types_it";
    private static final String CDC = "obkc_src_types_it_cdc";
    private static DatabaseEndpoint ob;

    static final String TABLE = "CREATE TABLE " + DB + ".types (id INT PRIMARY KEY, "
            + "c_tinyint TINYINT, c_utinyint TINYINT UNSIGNED, c_smallint SMALLINT, c_usmallint SMALLINT UNSIGNED, "
            + "c_mediumint MEDIUMINT, c_umediumint MEDIUMINT UNSIGNED, c_int INT, c_uint INT UNSIGNED, c_bigint BIGINT, "
            + "c_ubigint BIGINT UNSIGNED, c_bool BOOLEAN, c_float FLOAT, c_double DOUBLE, c_decimal DECIMAL(20,5), "
            + "c_bigdec DECIMAL(65,30), c_char CHAR(5), c_varchar VARCHAR(50), c_tinytext TINYTEXT, c_text TEXT, "
            + "c_mediumtext MEDIUMTEXT, c_longtext LONGTEXT, c_binary BINARY(4), c_varbinary VARBINARY(10), c_tinyblob TINYBLOB, "
            + "c_blob BLOB, c_mediumblob MEDIUMBLOB, c_longblob LONGBLOB, c_bit1 BIT(1), c_bit10 BIT(10), c_bit64 BIT(64), "
            + "c_enum ENUM('a','b c','d''e'), c_set SET('x','y','z'), c_json JSON, c_date DATE, c_time TIME, c_time6 TIME(6), "
            + "c_datetime DATETIME, c_datetime3 DATETIME(3), c_datetime6 DATETIME(6), c_timestamp TIMESTAMP NULL DEFAULT NULL, "
            + "c_timestamp6 TIMESTAMP(6) NULL DEFAULT NULL, c_year YEAR)";

    static final String[] ROWS = {
        "(1, 1, 200, -300, 60000, -8000000, 16000000, -2000000000, 4000000000, -9000000000000000000, 18000000000000000000, "
                + "TRUE, 0.1, 0.30000000000000004, 123456789012345.12345, -12345678901234567890.123456789012345678901234567890, "
                + "'ab', 'héllo \\\"q\\\" ''s'' \\\\ 😀', 'tt', 'text', 'mt', 'lt', x'00ff0000', x'00', x'01', x'deadbeef', x'', x'ff00ff', "
                + "b'1', b'1010101010', b'1111111111111111111111111111111111111111111111111111111111111111', 'd''e', 'x,z', "
                + "'{\"a\": [1, 2.5, \"s\"], \"b\": null}', '2024-02-29', '-838:59:59', '12:34:56.789012', '2020-01-01 10:11:12', "
                + "'2020-01-01 10:11:12.123', '1000-01-01 00:00:00.000001', '2021-06-01 12:00:00', '2038-01-19 03:14:07.999999', 2155)",
        "(2, -128, 0, 32767, 0, 8388607, 0, 2147483647, 0, 9223372036854775807, 9223372036854775808, FALSE, -3.4e38, 1.7976931348623157e308, "
                + "-999999999999999.99999, 0, '', '', '', '', '', '', x'', x'', x'', x'', x'', x'', b'0', b'0', b'0', 'a', '', '[]', "
                + "'1000-01-01', '838:59:59', '-00:00:00.000001', '9999-12-31 23:59:59', '9999-12-31 23:59:59.999', "
                + "'1970-01-01 00:00:00.000000', '1970-01-01 00:00:01', '1999-12-31 23:59:59.5', 1901)",
        "(3" + ", NULL".repeat(42) + ")"
    };

    @BeforeAll
    static void setUp() throws Exception {
        ob = TestBed.oceanbase();
        ob.execute("DROP DATABASE IF EXISTS " + CDC);
        ob.recreateDatabase(DB);
        ob.execute(TABLE);
        for (String r : ROWS) {
            ob.execute("INSERT INTO " + DB + ".types VALUES " + r);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (ob != null) {
            ob.execute("DROP DATABASE IF EXISTS " + DB, "DROP DATABASE IF EXISTS " + CDC);
        }
    }

    @Test
    void snapshotAndStreamValuesEqualEachOtherAndAnIndependentJdbcRead() throws Exception {
        Map<String, String> cfg = SourceTestConfigs.changelog(ob, "srctypes", DB + ".*", CDC);
        cfg.put(OceanBaseSourceConfig.PROPAGATE_SOURCE_TYPE, ".+");
        TaskHarness.OffsetStore store = new TaskHarness.OffsetStore();
        try (TaskHarness h = new TaskHarness(store, cfg)) {
            List<SourceRecord> snap = h.pollUntil(rs -> rs.size() >= 3, Duration.ofSeconds(60));
            Map<Integer, Struct> snapshot = afterById(snap, "r");
            assertThat(snapshot).hasSize(3);
            assertThat(snap.get(0).value()).extracting(v -> ((Struct) v).getStruct("source").getString("snapshot")).isEqualTo("first");
            assertThat(((Struct) snap.get(2).value()).getStruct("source").getString("snapshot")).isEqualTo("last");

            Map<Integer, Map<String, Object>> oracle = jdbcOracle(snapshot.get(1).schema());
            for (int id = 1; id <= 3; id++) {
                assertRowEquals("snapshot row " + id, snapshot.get(id), oracle.get(id));
            }

            // The same values again, copied by the server, arrive through the triggers.
            try (Connection c = ob.connect(DB); Statement s = c.createStatement()) {
                s.execute("SET time_zone = '+05:30'"); // the writer's zone must not matter
                s.execute("INSERT INTO types SELECT id + 100" + columnsAfterId() + " FROM types");
            }
            List<SourceRecord> all = h.pollUntil(rs -> afterById(rs, "c").size() >= 3, Duration.ofSeconds(60));
            Map<Integer, Struct> streamed = afterById(all, "c");
            for (int id = 1; id <= 3; id++) {
                assertRowEquals("streamed row " + (id + 100), streamed.get(id + 100), withId(snapshot.get(id), id + 100));
            }
            Schema f = snapshot.get(1).schema();
            assertThat(f.field("c_decimal").schema().parameters())
                    .containsEntry("__debezium.source.column.type", "DECIMAL")
                    .containsEntry("__debezium.source.column.length", "20")
                    .containsEntry("__debezium.source.column.scale", "5");
            assertThat(f.field("c_uint").schema().parameters()).containsEntry("__debezium.source.column.type", "INT UNSIGNED");
            assertThat(f.field("c_bit10").schema().name()).isEqualTo("io.debezium.data.Bits");
            assertThat(f.field("c_enum").schema().parameters()).containsEntry("allowed", "a,b c,d'e");
            assertThat(f.field("c_timestamp").schema().name()).isEqualTo("io.debezium.time.ZonedTimestamp");
            assertThat(f.field("c_datetime3").schema().name()).isEqualTo("io.debezium.time.Timestamp");
            assertThat(f.field("c_datetime6").schema().name()).isEqualTo("io.debezium.time.MicroTimestamp");
            assertThat(snapshot.get(1).get("c_timestamp6")).isEqualTo("2038-01-19T03:14:07.999999Z");
        }
    }

    private static String columnsAfterId() throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = ob.connect(DB); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM types LIMIT 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 2; i <= md.getColumnCount(); i++) {
                sb.append(", `").append(md.getColumnName(i)).append('`');
            }
        }
        return sb.toString();
    }

    static Map<Integer, Struct> afterById(List<SourceRecord> rs, String op) {
        Map<Integer, Struct> m = new HashMap<>();
        for (SourceRecord r : rs) {
            if (r.value() instanceof Struct v && v.schema().field("op") != null && op.equals(v.getString("op"))) {
                Struct a = v.getStruct("after");
                m.put(a.getInt32("id"), a);
            }
        }
        return m;
    }

    private static Map<String, Object> withId(Struct s, int id) {
        Map<String, Object> m = new HashMap<>();
        for (Field f : s.schema().fields()) {
            m.put(f.name(), s.get(f));
        }
        m.put("id", id);
        return m;
    }

    private static void assertRowEquals(String what, Struct actual, Map<String, Object> expected) {
        assertThat(actual).as(what).isNotNull();
        for (Field f : actual.schema().fields()) {
            Object a = actual.get(f);
            Object e = expected.get(f.name());
            if (a instanceof byte[] ab) {
                assertThat(ab).as(what + "." + f.name()).isEqualTo((byte[]) e);
            } else if (f.schema().name() != null && f.schema().name().equals("io.debezium.time.ZonedTimestamp") && e instanceof Instant ei) {
                assertThat(a).as(what + "." + f.name()).isNotNull();
                assertThat(OffsetDateTime.parse((String) a).toInstant()).as(what + "." + f.name()).isEqualTo(ei);
                assertThat((String) a).as(what + "." + f.name()).endsWith("Z");
            } else {
                assertThat(a).as(what + "." + f.name()).isEqualTo(e);
            }
        }
    }

    /** The expected Connect values from plain JDBC getters, without the connector's text rendering. */
    private static Map<Integer, Map<String, Object>> jdbcOracle(Schema schema) throws Exception {
        Map<Integer, Map<String, Object>> out = new HashMap<>();
        try (Connection c = ob.connect(DB); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT *, TIME_TO_SEC(c_time) AS t0, TIME_TO_SEC(c_time6) AS t6, "
                        + "MICROSECOND(c_time6) AS t6us, c_time6 < CAST('00:00:00' AS TIME) AS t6neg FROM types ORDER BY id")) {
            while (rs.next()) {
                Map<String, Object> m = new HashMap<>();
                for (Field f : schema.fields()) {
                    String n = f.name();
                    Object raw = rs.getString(n);
                    if (raw == null) {
                        m.put(n, null);
                        continue;
                    }
                    m.put(n, switch (n) {
                        case "id", "c_mediumint", "c_umediumint", "c_int" -> rs.getInt(n);
                        case "c_tinyint", "c_utinyint", "c_smallint", "c_bool" -> (short) rs.getInt(n);
                        case "c_usmallint" -> rs.getInt(n);
                        case "c_uint", "c_bigint" -> rs.getLong(n);
                        case "c_ubigint" -> rs.getBigDecimal(n).toBigInteger().longValue();
                        case "c_float" -> rs.getFloat(n);
                        case "c_double" -> rs.getDouble(n);
                        case "c_decimal", "c_bigdec" -> rs.getBigDecimal(n);
                        case "c_binary", "c_varbinary", "c_tinyblob", "c_blob", "c_mediumblob", "c_longblob" -> rs.getBytes(n);
                        case "c_bit1" -> rs.getBoolean(n);
                        case "c_bit10", "c_bit64" -> littleEndian(rs.getBytes(n), n.equals("c_bit10") ? 2 : 8);
                        case "c_date" -> (int) rs.getObject(n, LocalDate.class).toEpochDay();
                        case "c_time" -> rs.getLong("t0") * 1_000_000L;
                        // TIME_TO_SEC truncates the fraction; MICROSECOND gives it unsigned.
                        case "c_time6" -> (rs.getBoolean("t6neg") ? -1 : 1)
                                * (Math.abs(rs.getLong("t6")) * 1_000_000L + rs.getLong("t6us"));
                        case "c_datetime", "c_datetime3" -> rs.getObject(n, LocalDateTime.class).toInstant(ZoneOffset.UTC).toEpochMilli();
                        case "c_datetime6" -> {
                            Instant i = rs.getObject(n, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                            yield i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
                        }
                        case "c_timestamp", "c_timestamp6" -> rs.getObject(n, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                        case "c_year" -> rs.getInt(n);
                        default -> rs.getString(n);
                    });
                }
                out.put(rs.getInt("id"), m);
            }
        }
        return out;
    }

    private static byte[] littleEndian(byte[] bigEndian, int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
