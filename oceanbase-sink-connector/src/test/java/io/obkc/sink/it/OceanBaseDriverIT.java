package io.obkc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.obkc.sink.OceanBaseSinkTask;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.SqlAssertions;
import io.obkc.testing.TestBed;

/**
 * The bundled OceanBase Connector/J (jdbc:oceanbase://) writes exactly what MySQL Connector/J (jdbc:mysql://), the
 * driver every other test uses, writes: the same records go through a task on each URL into two databases, and the
 * tables' definitions and every value, read back as text by plain SQL, must be equal.
 */
class OceanBaseDriverIT {
    private static final String DB_MYSQL = "drv_it_mysql";
    private static final String DB_OCEANBASE = "drv_it_oceanbase";

    private static Schema logical(SchemaBuilder b, String name) {
        return b.name(name).optional().build();
    }

    private static final Schema ROW = SchemaBuilder.struct().name("drv_it.t.Value").optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("i8", Schema.OPTIONAL_INT8_SCHEMA).field("i16", Schema.OPTIONAL_INT16_SCHEMA)
            .field("i32", Schema.OPTIONAL_INT32_SCHEMA).field("i64", Schema.OPTIONAL_INT64_SCHEMA)
            .field("f32", Schema.OPTIONAL_FLOAT32_SCHEMA).field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("amount", Decimal.builder(4).parameter("connect.decimal.precision", "20").optional().build())
            .field("ts_micro", logical(SchemaBuilder.int64(), "io.debezium.time.MicroTimestamp"))
            .field("ts_milli", logical(SchemaBuilder.int64(), "io.debezium.time.Timestamp"))
            .field("day", logical(SchemaBuilder.int32(), "io.debezium.time.Date"))
            .field("tod", logical(SchemaBuilder.int64(), "io.debezium.time.MicroTime"))
            .field("zoned", logical(SchemaBuilder.string(), "io.debezium.time.ZonedTimestamp"))
            .field("txt", Schema.OPTIONAL_STRING_SCHEMA)
            .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("doc", logical(SchemaBuilder.string(), "io.debezium.data.Json"))
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("drv_it.t.Envelope").field("before", ROW).field("after", ROW)
            .field("source", SOURCE).field("op", Schema.STRING_SCHEMA).build();
    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final String SELECT = "SELECT id, i8, i16, i32, i64, CAST(f32 AS CHAR), CAST(f64 AS CHAR), flag, CAST(amount AS CHAR), "
            + "DATE_FORMAT(ts_micro, '%Y-%m-%d %H:%i:%s.%f'), DATE_FORMAT(ts_milli, '%Y-%m-%d %H:%i:%s.%f'), CAST(day AS CHAR), "
            + "CAST(tod AS CHAR), CAST(zoned AS CHAR), txt, HEX(txt), HEX(raw), CAST(doc AS CHAR) FROM t ORDER BY id";

    private static List<SinkRecord> records(String db) {
        TopicPartition tp = new TopicPartition("drv." + db + ".t", 0);
        List<SinkRecord> out = new ArrayList<>();
        Struct full = new Struct(ROW).put("id", 1L).put("i8", (byte) -128).put("i16", (short) 32767).put("i32", Integer.MIN_VALUE)
                .put("i64", Long.MAX_VALUE).put("f32", 3.25f).put("f64", -1.0e-300).put("flag", true)
                .put("amount", new BigDecimal("-1234567890123456.7891"))
                .put("ts_micro", 1_715_000_000_123_456L).put("ts_milli", 1_715_000_000_123L).put("day", 19_850)
                .put("tod", 86_399_999_999L).put("zoned", "2024-05-06T07:08:09.123456Z")
                .put("txt", "naïve 汉字 😀 'quote' \\backslash\\ \"dq\"").put("raw", new byte[] {0, 1, (byte) 0xFF, 0x27, 0x5C})
                .put("doc", "{\"k\": [1, 2.5, \"v\"]}");
        Struct nulls = new Struct(ROW).put("id", 2L);
        Struct epoch = new Struct(ROW).put("id", 3L).put("ts_micro", 0L).put("ts_milli", 0L).put("day", 0).put("tod", 0L)
                .put("amount", BigDecimal.ZERO.setScale(4)).put("txt", "").put("raw", new byte[0]).put("flag", false);
        long offset = 0;
        for (Struct after : List.of(full, nulls, epoch)) {
            Struct env = new Struct(ENVELOPE).put("op", "c").put("after", after).put("source", new Struct(SOURCE).put("db", db).put("table", "t"));
            out.add(new SinkRecord(tp.topic(), tp.partition(), KEY, new Struct(KEY).put("id", after.getInt64("id")), ENVELOPE, env, offset++));
        }
        return out;
    }

    private static void writeThrough(DatabaseEndpoint ob, String scheme, String db) {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", scheme + ob.host() + ":" + ob.port() + "/");
        props.put("connection.user", ob.user());
        props.put("connection.password", ob.password());
        props.put("pipeline.writes", "false");
        props.put("ddl.sync.enabled", "false");
        List<SinkRecord> records = records(db);
        OceanBaseSinkTask task = new OceanBaseSinkTask();
        task.initialize(new TaskContextStub(Set.of(new TopicPartition(records.get(0).topic(), 0))));
        task.start(props);
        try {
            task.put(records);
        } finally {
            task.stop();
        }
    }

    @Test
    void oceanbaseConnectorJWritesWhatMysqlConnectorJWrites() throws Exception {
        DatabaseEndpoint ob = TestBed.oceanbase();
        ob.execute("DROP DATABASE IF EXISTS " + DB_MYSQL, "DROP DATABASE IF EXISTS " + DB_OCEANBASE);
        writeThrough(ob, "jdbc:mysql://", DB_MYSQL);
        writeThrough(ob, "jdbc:oceanbase://", DB_OCEANBASE);

        List<List<String>> viaMysql = SqlAssertions.rows(ob, DB_MYSQL, SELECT);
        List<List<String>> viaOceanBase = SqlAssertions.rows(ob, DB_OCEANBASE, SELECT);
        assertThat(viaMysql).hasSize(3);
        assertThat(viaOceanBase).isEqualTo(viaMysql);
        // An independent look at one value: the text arrives byte for byte.
        assertThat(viaOceanBase.get(0).get(15)).isEqualTo(
                java.util.HexFormat.of().withUpperCase().formatHex("naïve 汉字 😀 'quote' \\backslash\\ \"dq\"".getBytes(StandardCharsets.UTF_8)));
        assertThat(viaOceanBase.get(0).get(9)).isEqualTo("2024-05-06 12:53:20.123456");
        assertThat(SqlAssertions.rows(ob, DB_OCEANBASE, "SHOW CREATE TABLE t").get(0).get(1))
                .isEqualTo(SqlAssertions.rows(ob, DB_MYSQL, "SHOW CREATE TABLE t").get(0).get(1));
        ob.execute("DROP DATABASE IF EXISTS " + DB_MYSQL, "DROP DATABASE IF EXISTS " + DB_OCEANBASE);
    }
}
