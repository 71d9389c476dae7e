package io.obkc.converters.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.DebeziumSources;
import io.obkc.testing.TestBed;

/**
 * Real Debezium change events, not self-made ones: Debezium's MariaDB connector (default modes, BASE64 decimals;
 * and time.precision.mode=connect with NUMERIC decimals and replace.null.with.default=false) and its PostgreSQL
 * connector (VariableScaleDecimal, arrays, Point, uuid, jsonb, intervals, time zones) capture tables of every type on
 * the test bed and write them through Kafka's JsonConverter. Every captured record (snapshot, insert, update,
 * delete, tombstone, schema change) must read identically with SchemaCachingJsonConverter, and writing the read
 * value back must give JsonConverter's bytes in every configuration.
 *
 * <p>With {@code -Dobkc.recordDebeziumTo=DIR} the captured records are also written to {@code DIR/*.jsonl}; the
 * committed copies in {@code src/test/resources/recorded/debezium/} feed {@link RecordedDebeziumEventsTest}.
 */
class SchemaCachingJsonConverterDebeziumIT {

    private static final String DB = "obkc_jsonconv_it";
    private static final String SLOT = "obkc_jsonconv_it";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern NON_FINITE = Pattern.compile("\"(NaN|-?Infinity)\"");

    private static DatabaseEndpoint mariadb;
    private static DatabaseEndpoint postgres;
    private static ConnectTestBed connect;

    @BeforeAll
    static void capture() throws Exception {
        mariadb = TestBed.mysql();
        postgres = TestBed.postgres();
        mariadb.recreateDatabase(DB);
        try (Connection c = mariadb.connect(DB); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE all_types (
                      id BIGINT NOT NULL PRIMARY KEY,
                      c_tinyint TINYINT, c_tinyint_u TINYINT UNSIGNED, c_smallint SMALLINT, c_mediumint MEDIUMINT,
                      c_int INT, c_int_u INT UNSIGNED, c_bigint BIGINT, c_bigint_u BIGINT UNSIGNED,
                      c_decimal DECIMAL(20,6), c_decimal0 DECIMAL(10,0), c_float FLOAT, c_double DOUBLE, c_bool BOOLEAN,
                      c_date DATE, c_time TIME, c_time3 TIME(3), c_time6 TIME(6), c_datetime DATETIME, c_datetime6 DATETIME(6),
                      c_timestamp TIMESTAMP(6) NULL DEFAULT NULL, c_year YEAR,
                      c_char CHAR(10), c_varchar VARCHAR(255), c_text TEXT,
                      c_binary BINARY(4), c_varbinary VARBINARY(16), c_blob BLOB,
                      c_enum ENUM('red','green','blue'), c_set SET('a','b','c'), c_bit1 BIT(1), c_bit BIT(12), c_json JSON,
                      c_geometry GEOMETRY, c_point POINT,
                      c_default_int INT DEFAULT 42, c_default_text VARCHAR(10) NOT NULL DEFAULT 'n/a', c_default_dec DECIMAL(5,2) DEFAULT 1.50
                    ) DEFAULT CHARSET = utf8mb4""");
            s.execute("INSERT INTO all_types VALUES (1, -12, 250, -32000, -8000000, -2000000000, 4000000000, "
                    + "-9000000000000000000, 18000000000000000000, 12345678901234.123456, 9999999999, 1.5, 2.718281828459045, TRUE, "
                    + "'2024-02-29', '12:34:56', '23:59:59.123', '-838:59:59.000000', '2024-02-29 12:34:56', '2024-02-29 12:34:56.123456', "
                    + "'2024-02-29 12:34:56.654321', 2024, 'char  ', 'héllo \"wörld\" \\\\ 😀 中文', 'text\\n\\ttab', "
                    + "X'01020304', X'DEADBEEF00', X'00FF00FF', 'green', 'a,c', b'1', b'101010101010', "
                    + "'{\"k\": [1, 2, {\"n\": null}], \"s\": \"v\"}', ST_GeomFromText('LINESTRING(0 0, 1 1, 2 5)'), "
                    + "ST_GeomFromText('POINT(1.5 -2.25)'), 7, 'seven', 7.77)");
            s.execute("INSERT INTO all_types (id) VALUES (2)");
            s.execute("INSERT INTO all_types VALUES (3, 127, 0, 32767, 8388607, 2147483647, 0, "
                    + "9223372036854775807, 0, -0.000001, -9999999999, -3.25, -1.0E-300, FALSE, "
                    + "'1000-01-01', '00:00:00', '00:00:00.001', '838:59:59.000000', '9999-12-31 23:59:59', "
                    + "'1970-01-01 00:00:00.000001', '2038-01-19 03:14:07.999999', 1901, '', '', '', "
                    + "X'00000000', X'', X'', 'red', '', b'0', b'0', '[]', NULL, ST_GeomFromText('POINT(0 0)'), NULL, '', NULL)");
        }
        postgres.recreateDatabase(DB);
        postgres.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + SLOT + "' AND NOT active",
                "DROP PUBLICATION IF EXISTS " + SLOT,
                "CREATE TABLE " + DB + ".pg_types (id INT PRIMARY KEY, n NUMERIC, n2 NUMERIC(10,2), big NUMERIC, ints INT[], texts TEXT[], "
                        + "u UUID, j JSONB, iv INTERVAL, tz TIMESTAMPTZ, ttz TIMETZ, ts TIMESTAMP(6), d DATE, t TIME(6), by BYTEA, "
                        + "p POINT, m MONEY, r REAL, dp DOUBLE PRECISION, b BOOLEAN, s SMALLINT, bi BIGINT, x XML, "
                        + "c VARCHAR(20) DEFAULT 'dflt')",
                "INSERT INTO " + DB + ".pg_types VALUES (1, 12.3456, 99.95, 1e40 + 0.5, '{1,NULL,3}', '{\"a\",\"b c\",\"\"}', "
                        + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"k\": [1, 2]}', '1 year 2 mons 3 days 04:05:06.78', "
                        + "'2024-02-29 12:34:56.123456+05:30', '12:34:56+02', '2024-02-29 12:34:56.123456', '2024-02-29', '23:59:59.999999', "
                        + "'\\xDEADBEEF', '(1.5,-2.25)', 12.34, 3.4e38, -1.7976931348623157e308, true, -32768, -9223372036854775808, "
                        + "'<a>x</a>', 'given')",
                "INSERT INTO " + DB + ".pg_types (id) VALUES (2)",
                "INSERT INTO " + DB + ".pg_types (id, n, r, dp) VALUES (3, 'NaN', 'NaN', 'Infinity')");

        connect = ConnectTestBed.start("jsonconvit");
        connect.putConnector("jsonconv-a", mariadbSource("jsonconv_a", Map.of()));
        connect.putConnector("jsonconv-b", mariadbSource("jsonconv_b", Map.of("time.precision.mode", "connect",
                "bigint.unsigned.handling.mode", "precise", "value.converter.decimal.format", "NUMERIC",
                "value.converter.replace.null.with.default", "false")));
        connect.putConnector("jsonconv-pg", postgresSource());
        for (String name : List.of("jsonconv-a", "jsonconv-b", "jsonconv-pg")) {
            connect.awaitRunning(name, TIMEOUT);
        }
        // the snapshot is taken; now changes, to capture update, delete and tombstone events too
        connect.consume("jsonconv_a." + DB + ".all_types", 3, TIMEOUT);
        connect.consume("jsonconv_b." + DB + ".all_types", 3, TIMEOUT);
        connect.consume("jsonconv_pg." + DB + ".pg_types", 3, TIMEOUT);
        try (Connection c = mariadb.connect(DB); Statement s = c.createStatement()) {
            s.execute("UPDATE all_types SET c_varchar = 'updated', c_decimal = 0.5, c_double = NULL, c_point = ST_GeomFromText('POINT(3 4)') WHERE id = 1");
            s.execute("DELETE FROM all_types WHERE id = 2");
            s.execute("ALTER TABLE all_types ADD COLUMN c_added VARCHAR(5) DEFAULT 'new'");
            s.execute("INSERT INTO all_types (id, c_int, c_added) VALUES (4, 4, 'four')");
        }
        postgres.execute("UPDATE " + DB + ".pg_types SET n = 0.000001, ints = '{}' WHERE id = 1",
                "DELETE FROM " + DB + ".pg_types WHERE id = 2");
    }

    private static Map<String, String> mariadbSource(String prefix, Map<String, String> extra) {
        Map<String, String> c = DebeziumSources.mariadb(mariadb, connect.bootstrapServers(), prefix, DB);
        c.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("key.converter.schemas.enable", "true");
        c.put("value.converter.schemas.enable", "true");
        c.putAll(extra);
        return c;
    }

    private static Map<String, String> postgresSource() {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        c.put("tasks.max", "1");
        c.put("database.hostname", postgres.host());
        c.put("database.port", String.valueOf(postgres.port()));
        c.put("database.user", postgres.user());
        c.put("database.password", postgres.password());
        c.put("database.dbname", postgres.defaultDatabase());
        c.put("topic.prefix", "jsonconv_pg");
        c.put("schema.include.list", DB);
        c.put("plugin.name", "pgoutput");
        c.put("slot.name", SLOT);
        c.put("slot.drop.on.stop", "true");
        c.put("publication.name", SLOT);
        c.put("publication.autocreate.mode", "filtered");
        c.put("decimal.handling.mode", "precise");
        c.put("datatype.propagate.source.type", ".+");
        c.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        return c;
    }

    @AfterAll
    static void stop() throws Exception {
        if (connect != null) {
            connect.close();
        }
        if (postgres != null) {
            postgres.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + SLOT + "' AND NOT active",
                    "DROP PUBLICATION IF EXISTS " + SLOT, "DROP SCHEMA IF EXISTS " + DB + " CASCADE");
        }
        if (mariadb != null) {
            mariadb.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    @Test
    void mariadbDefaultModesBase64Decimals() throws Exception {
        // 3 snapshot rows, an update, a delete and its tombstone, an insert after the ALTER
        check("jsonconv_a." + DB + ".all_types", 7, Map.of());
        check("jsonconv_a", 3, Map.of()); // schema changes: CREATE DATABASE/TABLE, ALTER TABLE
    }

    @Test
    void mariadbConnectTimesNumericDecimalsNoDefaultReplacement() throws Exception {
        check("jsonconv_b." + DB + ".all_types", 7, Map.of("decimal.format", "NUMERIC", "replace.null.with.default", "false"));
    }

    @Test
    void postgresVariableScaleDecimalsArraysPointsAndZones() throws Exception {
        check("jsonconv_pg." + DB + ".pg_types", 6, Map.of());
    }

    /**
     * Reads each record of the topic (keys and values) with both converters configured as the producer was, asserts
     * equal results, that JsonConverter writes the very bytes Debezium's worker wrote (so the comparison is on real
     * wire bytes), and that both write the same bytes in every configuration.
     */
    private static void check(String topic, int expected, Map<String, String> producerConfig) throws IOException {
        List<ConsumerRecord<byte[], byte[]>> records = connect.consume(topic, expected, TIMEOUT);
        assertThat(records).as(topic).hasSizeGreaterThanOrEqualTo(expected);
        record(topic, records);
        int values = 0;
        for (boolean isKey : new boolean[] {true, false}) {
            ReferenceComparison asProduced = new ReferenceComparison(producerConfig, isKey);
            List<ReferenceComparison> writers = new ArrayList<>();
            for (Map<String, String> config : ReferenceComparison.configurations()) {
                writers.add(new ReferenceComparison(config, isKey));
            }
            for (int round = 0; round < 2; round++) { // the second round reads every schema from the cache
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    byte[] bytes = isKey ? r.key() : r.value();
                    asProduced.assertSameRead(topic, bytes);
                    SchemaAndValue read = asProduced.reference.toConnectData(topic, bytes);
                    if (bytes == null) {
                        continue;
                    }
                    values++;
                    if (!NON_FINITE.matcher(ReferenceComparison.text(bytes)).find()) {
                        // (JsonConverter writes NaN and infinities as strings and reads those back as 0.0, so records
                        // with them do not survive its own round trip; ours reproduces that, compared below)
                        assertThat(ReferenceComparison.text(asProduced.reference.fromConnectData(topic, read.schema(), read.value())))
                                .as("JsonConverter writes back what Debezium's worker wrote").isEqualTo(ReferenceComparison.text(bytes));
                    }
                    for (ReferenceComparison w : writers) {
                        byte[] written = w.assertSameWrite(topic, read.schema(), read.value());
                        if (written != null && w.config.get("schemas.enable").equals("true")) {
                            w.assertSameRead(topic, written);
                        }
                    }
                }
            }
            assertThat(asProduced.ours.recordsLeftToReference()).as("%s: records read without the fast path", topic)
                    .isLessThanOrEqualTo(records.stream().filter(r -> r.value() != null
                            && NON_FINITE.matcher(ReferenceComparison.text(r.value())).find()).count() * 2);
        }
        assertThat(values).isGreaterThanOrEqualTo(expected);
    }

    private static void record(String topic, List<ConsumerRecord<byte[], byte[]>> records) throws IOException {
        String dir = System.getProperty("obkc.recordDebeziumTo");
        if (dir == null) {
            return;
        }
        StringBuilder out = new StringBuilder();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.append(r.key() == null ? "null" : new String(r.key(), StandardCharsets.UTF_8)).append('\n');
            out.append(r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8)).append('\n');
        }
        Files.createDirectories(Path.of(dir));
        Files.writeString(Path.of(dir, topic + ".jsonl"), out.toString(), StandardCharsets.UTF_8);
    }
}
