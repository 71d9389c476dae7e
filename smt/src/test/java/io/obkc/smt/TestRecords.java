package io.obkc.smt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/** Debezium-shaped test records: MySQL-like envelopes (source.db) and PostgreSQL-like ones (source.schema). */
final class TestRecords {
    static final Schema MYSQL_SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("db", Schema.STRING_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    static final Schema PG_SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("db", Schema.STRING_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .build();
    static final Schema ROW = SchemaBuilder.struct().name("srv.db1.orders.Value").optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("status", Schema.OPTIONAL_STRING_SCHEMA)
            .field("amount", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .build();
    static final Schema KEY = SchemaBuilder.struct().name("srv.db1.orders.Key").field("id", Schema.INT64_SCHEMA).build();

    private TestRecords() {
    }

    static Schema envelopeSchema(Schema row, Schema source) {
        return SchemaBuilder.struct().name("srv.db1.orders.Envelope").version(1)
                .field("before", row)
                .field("after", row)
                .field("source", source)
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
    }

    static Struct row(long id, String status, Double amount) {
        return new Struct(ROW).put("id", id).put("status", status).put("amount", amount);
    }

    static Struct mysqlSource(String db, String table) {
        return new Struct(MYSQL_SOURCE).put("connector", "mysql").put("name", "srv").put("db", db).put("table", table);
    }

    static Struct pgSource(String db, String schema, String table) {
        return new Struct(PG_SOURCE).put("connector", "postgresql").put("name", "srv").put("db", db)
                .put("schema", schema).put("table", table);
    }

    /** A MySQL-like change event for {@code db.table}; topic {@code srv.db.table}. */
    static SinkRecord change(String op, String db, String table, Struct before, Struct after) {
        Schema env = envelopeSchema(ROW, MYSQL_SOURCE);
        Struct value = new Struct(env).put("op", op).put("before", before).put("after", after)
                .put("source", mysqlSource(db, table)).put("ts_ms", 1L);
        Struct image = after != null ? after : before;
        Struct key = image == null ? null : new Struct(KEY).put("id", image.getInt64("id"));
        return new SinkRecord("srv." + db + "." + table, 0, KEY, key, env, value, 0L);
    }

    static SinkRecord insert(String db, String table, long id, String status, Double amount) {
        return change("c", db, table, null, row(id, status, amount));
    }

    static SinkRecord tombstone(String db, String table, long id) {
        return new SinkRecord("srv." + db + "." + table, 0, KEY, new Struct(KEY).put("id", id), null, null, 0L);
    }

    static final Schema SCHEMA_CHANGE = SchemaBuilder.struct().name("io.debezium.connector.mysql.SchemaChangeValue")
            .field("source", MYSQL_SOURCE)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("databaseName", Schema.OPTIONAL_STRING_SCHEMA)
            .field("schemaName", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ddl", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    static SinkRecord ddl(String db, String table, String ddl) {
        Struct v = new Struct(SCHEMA_CHANGE).put("source", mysqlSource(db, table)).put("ts_ms", 1L)
                .put("databaseName", db).put("ddl", ddl);
        return new SinkRecord("srv", 0, null, null, SCHEMA_CHANGE, v, 0L);
    }

    /** A schemaless (JsonConverter schemas.enable=false) envelope. */
    static SinkRecord schemalessChange(String op, String db, String table, Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("connector", "mysql");
        source.put("db", db);
        source.put("table", table);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("before", before);
        value.put("after", after);
        value.put("source", source);
        value.put("op", op);
        return new SinkRecord("srv." + db + "." + table, 0, null, Map.of("id", 1), null, value, 0L);
    }

    /** A flat row as ExtractNewRecordState would leave it, with __op added. */
    static SinkRecord flat(String topic, String op, long id, String status) {
        Schema s = SchemaBuilder.struct().name("flat").field("id", Schema.INT64_SCHEMA)
                .field("status", Schema.OPTIONAL_STRING_SCHEMA).field("__op", Schema.OPTIONAL_STRING_SCHEMA).build();
        return new SinkRecord(topic, 0, KEY, new Struct(KEY).put("id", id), s,
                new Struct(s).put("id", id).put("status", status).put("__op", op), 0L);
    }

    static Map<String, String> props(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static <T> List<T> nonNull(List<T> in) {
        return in.stream().filter(java.util.Objects::nonNull).toList();
    }
}
