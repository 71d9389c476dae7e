package io.obkc.converters.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Debezium change events, built as Debezium's connectors build them, with a column of every Connect type and every
 * logical type they emit: Kafka's Decimal/Date/Time/Timestamp (time.precision.mode=connect), Debezium's
 * io.debezium.time.* semantic types, VariableScaleDecimal, Geometry and Point structs, Json/Enum/Bits/Uuid, arrays,
 * maps with string and non-string keys, defaults, docs, versions and the propagated column-type parameters.
 */
final class DebeziumTypeEvents {

    static final String TOPIC = "dbz.inventory.all_types";

    static final Schema VARIABLE_SCALE_DECIMAL = SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal").version(1)
            .doc("Variable scaled decimal").optional()
            .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
    static final Schema GEOMETRY = SchemaBuilder.struct().name("io.debezium.data.geometry.Geometry").version(1)
            .doc("Geometry").optional()
            .field("wkb", Schema.BYTES_SCHEMA).field("srid", Schema.OPTIONAL_INT32_SCHEMA).build();
    static final Schema POINT = SchemaBuilder.struct().name("io.debezium.data.geometry.Point").version(1)
            .doc("Geometry (POINT)").optional()
            .field("x", Schema.FLOAT64_SCHEMA).field("y", Schema.FLOAT64_SCHEMA)
            .field("wkb", Schema.OPTIONAL_BYTES_SCHEMA).field("srid", Schema.OPTIONAL_INT32_SCHEMA).build();
    static final Schema MAP_KEY = SchemaBuilder.struct().name("dbz.MapKey")
            .field("a", Schema.INT32_SCHEMA).field("b", Schema.OPTIONAL_STRING_SCHEMA).build();

    static final Schema KEY = SchemaBuilder.struct().name("dbz.inventory.all_types.Key").field("id", Schema.INT64_SCHEMA).build();

    static final Schema ROW = SchemaBuilder.struct().name("dbz.inventory.all_types.Value").optional()
            .field("id", col(SchemaBuilder.int64(), "BIGINT", "20").build())
            .field("i8", col(SchemaBuilder.int8(), "TINYINT", "4").optional().build())
            .field("i16", col(SchemaBuilder.int16(), "SMALLINT", "6").optional().build())
            .field("i32", col(SchemaBuilder.int32(), "INT", "11").optional().build())
            .field("i64", col(SchemaBuilder.int64(), "BIGINT", "20").optional().build())
            .field("f32", col(SchemaBuilder.float32(), "FLOAT", "12").optional().build())
            .field("f64", col(SchemaBuilder.float64(), "DOUBLE", "22").optional().build())
            .field("flag", col(SchemaBuilder.bool(), "BIT", "1").optional().build())
            .field("name", col(SchemaBuilder.string(), "VARCHAR", "64").optional().build())
            .field("bin", col(SchemaBuilder.bytes(), "VARBINARY", "16").optional().build())
            .field("amount", col(Decimal.builder(2).parameter("connect.decimal.precision", "12"), "DECIMAL", "12").optional().build())
            .field("whole", col(Decimal.builder(0).parameter("connect.decimal.precision", "20"), "BIGINT UNSIGNED", "20").optional().build())
            .field("d", col(Date.builder(), "DATE", "10").optional().build())
            .field("t", col(Time.builder(), "TIME", "8").optional().build())
            .field("ts", col(Timestamp.builder(), "DATETIME", "19").optional().build())
            .field("dbz_date", SchemaBuilder.int32().name("io.debezium.time.Date").version(1).optional().build())
            .field("dbz_time_ms", SchemaBuilder.int32().name("io.debezium.time.Time").version(1).optional().build())
            .field("dbz_micro_time", SchemaBuilder.int64().name("io.debezium.time.MicroTime").version(1).optional().build())
            .field("dbz_ts_ms", SchemaBuilder.int64().name("io.debezium.time.Timestamp").version(1).optional().build())
            .field("dbz_micro_ts", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1).optional().build())
            .field("dbz_nano_ts", SchemaBuilder.int64().name("io.debezium.time.NanoTimestamp").version(1).optional().build())
            .field("dbz_zoned_ts", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").version(1).optional().build())
            .field("dbz_zoned_time", SchemaBuilder.string().name("io.debezium.time.ZonedTime").version(1).optional().build())
            .field("dbz_interval", SchemaBuilder.int64().name("io.debezium.time.MicroDuration").version(1).optional().build())
            .field("dbz_year", SchemaBuilder.int32().name("io.debezium.time.Year").version(1).optional().build())
            .field("vsd", VARIABLE_SCALE_DECIMAL)
            .field("geom", GEOMETRY)
            .field("pt", POINT)
            .field("js", SchemaBuilder.string().name("io.debezium.data.Json").version(1).optional().build())
            .field("e", SchemaBuilder.string().name("io.debezium.data.Enum").version(1).parameter("allowed", "a,b,c").optional().build())
            .field("bits", SchemaBuilder.bytes().name("io.debezium.data.Bits").version(1).parameter("length", "16").optional().build())
            .field("uuid", SchemaBuilder.string().name("io.debezium.data.Uuid").version(1).optional().build())
            .field("ints", SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build())
            .field("texts", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("tags", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("by_code", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("by_struct", SchemaBuilder.map(MAP_KEY, Schema.INT64_SCHEMA).optional().build())
            .field("decimals", SchemaBuilder.array(Decimal.builder(3).optional().build()).optional().build())
            .field("with_default", SchemaBuilder.int32().optional().defaultValue(42).doc("INT DEFAULT 42").build())
            .field("text_default", SchemaBuilder.string().optional().defaultValue("n/a").build())
            .field("required_default", SchemaBuilder.int32().defaultValue(7).build())
            .field("decimal_default", Decimal.builder(2).optional().defaultValue(new BigDecimal("1.50")).build())
            .field("bytes_default", SchemaBuilder.bytes().optional().defaultValue(new byte[] {1, 2, 3}).build())
            .field("date_default", Date.builder().optional().defaultValue(new java.util.Date(0)).build())
            .build();

    static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source").version(1)
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("snapshot", SchemaBuilder.string().optional().name("io.debezium.data.Enum").version(1)
                    .parameter("allowed", "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental")
                    .defaultValue("false").build())
            .field("db", Schema.STRING_SCHEMA)
            .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA)
            .field("server_id", Schema.INT64_SCHEMA)
            .field("gtid", Schema.OPTIONAL_STRING_SCHEMA)
            .field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA)
            .field("row", Schema.INT32_SCHEMA)
            .field("thread", Schema.OPTIONAL_INT64_SCHEMA)
            .field("query", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    static final Schema TRANSACTION = SchemaBuilder.struct().name("event.block").version(1).optional()
            .field("id", Schema.STRING_SCHEMA)
            .field("total_order", Schema.INT64_SCHEMA)
            .field("data_collection_order", Schema.INT64_SCHEMA)
            .build();

    static final Schema ENVELOPE = SchemaBuilder.struct().name("dbz.inventory.all_types.Envelope").version(2)
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("transaction", TRANSACTION)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private DebeziumTypeEvents() {
    }

    private static SchemaBuilder col(SchemaBuilder b, String type, String length) {
        return b.parameter("__debezium.source.column.type", type).parameter("__debezium.source.column.length", length);
    }

    /** A row with every column set; {@code variant} picks ordinary, extreme or special values. */
    static Struct fullRow(long id, int variant) {
        Struct r = new Struct(ROW).put("id", id);
        switch (variant % 3) {
            case 0 -> r.put("i8", (byte) 12).put("i16", (short) -300).put("i32", 123_456).put("i64", 9_876_543_210L)
                    .put("f32", 1.5f).put("f64", 0.1 + 0.2).put("flag", true).put("name", "Zoë \"quoted\" \\ back / slash")
                    .put("bin", new byte[] {0, 1, -1, 127, -128}).put("amount", new BigDecimal("1234567890.12"))
                    .put("whole", new BigDecimal("18446744073709551615"));
            case 1 -> r.put("i8", Byte.MIN_VALUE).put("i16", Short.MAX_VALUE).put("i32", Integer.MIN_VALUE).put("i64", Long.MAX_VALUE)
                    .put("f32", Float.MIN_VALUE).put("f64", -Double.MAX_VALUE).put("flag", false)
                    .put("name", "tab\tnew\nline\u0001ctl \u2028 😀 中文").put("bin", new byte[0])
                    .put("amount", new BigDecimal("-0.01")).put("whole", BigDecimal.ZERO);
            default -> r.put("i8", Byte.MAX_VALUE).put("i16", Short.MIN_VALUE).put("i32", Integer.MAX_VALUE).put("i64", Long.MIN_VALUE)
                    .put("f32", Float.NaN).put("f64", Double.POSITIVE_INFINITY).put("flag", true).put("name", "")
                    .put("bin", "wkb".getBytes(StandardCharsets.UTF_8)).put("amount", new BigDecimal("9999999999.99"))
                    .put("whole", new BigDecimal("-9223372036854775808"));
        }
        r.put("d", new java.util.Date(19_000L * 86_400_000L)).put("t", new java.util.Date(45_296_789L))
                .put("ts", new java.util.Date(1_700_000_000_123L + id))
                .put("dbz_date", 19_700).put("dbz_time_ms", 45_296_789).put("dbz_micro_time", 45_296_789_123L)
                .put("dbz_ts_ms", 1_700_000_000_123L).put("dbz_micro_ts", 1_700_000_000_123_456L).put("dbz_nano_ts", 1_700_000_000_123_456_789L)
                .put("dbz_zoned_ts", "2023-11-14T22:13:20.123456Z").put("dbz_zoned_time", "22:13:20.123Z")
                .put("dbz_interval", 3_600_000_000L).put("dbz_year", 2024)
                .put("vsd", new Struct(VARIABLE_SCALE_DECIMAL).put("scale", 4).put("value", new BigInteger("-1234567").toByteArray()))
                .put("geom", new Struct(GEOMETRY).put("wkb", new byte[] {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, -16, 63}).put("srid", 4326))
                .put("pt", new Struct(POINT).put("x", 1.0).put("y", -2.5).put("wkb", null).put("srid", null))
                .put("js", "{\"k\": [1, 2, {\"n\": null}]}").put("e", "b").put("bits", new byte[] {5, 1})
                .put("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
                .put("ints", Arrays.asList(1, null, -3)).put("texts", List.of("x", "", "ü"))
                .put("tags", linked("a", "1", "b", null)).put("by_code", linked(1, "one", -2, null))
                .put("by_struct", linked(new Struct(MAP_KEY).put("a", 1).put("b", "x"), 10L, new Struct(MAP_KEY).put("a", 2), 20L))
                .put("decimals", Arrays.asList(new BigDecimal("1.000"), null, new BigDecimal("-0.001")))
                .put("with_default", 5).put("text_default", "set").put("required_default", 8)
                .put("decimal_default", new BigDecimal("2.25")).put("bytes_default", new byte[] {9})
                .put("date_default", new java.util.Date(86_400_000L));
        return r;
    }

    /** A row with only the key and the NOT NULL column set: every optional column null, so defaults apply or not by replace.null.with.default. */
    static Struct sparseRow(long id) {
        // required_default is NOT NULL DEFAULT 7: Debezium always sets it
        return new Struct(ROW).put("id", id).put("required_default", 8).put("ints", new ArrayList<>()).put("tags", new LinkedHashMap<>());
    }

    static Struct source(long pos, String snapshot) {
        Struct s = new Struct(SOURCE).put("version", "3.5.0.Final").put("connector", "mysql").put("name", "dbz")
                .put("ts_ms", 1_700_000_000_000L).put("db", "inventory").put("table", "all_types").put("server_id", 223344L)
                .put("file", "mysql-bin.000003").put("pos", pos).put("row", 0).put("ts_us", 1_700_000_000_000_000L);
        if (snapshot != null) {
            s.put("snapshot", snapshot);
        }
        return s;
    }

    static Struct envelope(String op, Struct before, Struct after, long pos) {
        Struct e = new Struct(ENVELOPE).put("before", before).put("after", after)
                .put("source", source(pos, op.equals("r") ? "true" : null)).put("op", op)
                .put("ts_ms", 1_700_000_000_500L).put("ts_us", 1_700_000_000_500_000L).put("ts_ns", 1_700_000_000_500_000_000L);
        if (pos % 2 == 0) {
            e.put("transaction", new Struct(TRANSACTION).put("id", "file=mysql-bin.000003,pos=" + pos).put("total_order", pos)
                    .put("data_collection_order", 1L));
        }
        return e;
    }

    /** Inserts, snapshot reads, updates and deletes over all row variants. */
    static List<Struct> events() {
        List<Struct> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            out.add(envelope("c", null, fullRow(i, i), 100 + i));
            out.add(envelope("r", null, fullRow(i, i + 1), 200 + i));
            out.add(envelope("u", fullRow(i, i), fullRow(i, i + 2), 300 + i));
            out.add(envelope("d", fullRow(i, i + 1), null, 400 + i));
            out.add(envelope("c", null, sparseRow(i), 500 + i));
            out.add(envelope("u", sparseRow(i), fullRow(i, i), 600 + i));
        }
        return out;
    }

    static Struct key(long id) {
        return new Struct(KEY).put("id", id);
    }

    @SafeVarargs
    private static <K, V> Map<K, V> linked(Object... kv) {
        Map<K, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked") K k = (K) kv[i];
            @SuppressWarnings("unchecked") V v = (V) kv[i + 1];
            m.put(k, v);
        }
        return m;
    }
}
