package io.obkc.smt;

import static io.obkc.smt.TestRecords.MYSQL_SOURCE;
import static io.obkc.smt.TestRecords.KEY;
import static io.obkc.smt.TestRecords.envelopeSchema;
import static io.obkc.smt.TestRecords.mysqlSource;
import static io.obkc.smt.TestRecords.props;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * A column set to NULL whose schema has a default ('new'): Kafka's {@code Struct.get} answers the default for it. The
 * transforms that copy or read rows must keep the NULL.
 */
class NullWithDefaultTest {
    static final Schema ROW = SchemaBuilder.struct().name("srv.db1.orders.Value").optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("status", SchemaBuilder.string().optional().defaultValue("new").build())
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    static SinkRecord updateStatusToNull() {
        Schema env = envelopeSchema(ROW, MYSQL_SOURCE);
        Struct before = new Struct(ROW).put("id", 1L).put("status", "paid").put("note", "x");
        Struct after = new Struct(ROW).put("id", 1L).put("status", null).put("note", "x");
        Struct value = new Struct(env).put("op", "u").put("before", before).put("after", after)
                .put("source", mysqlSource("db", "t")).put("ts_ms", 1L);
        return new SinkRecord("srv.db.t", 0, KEY, new Struct(KEY).put("id", 1L), env, value, 0L);
    }

    @Test
    void columnFilterKeepsTheNull() {
        ColumnFilter<SinkRecord> f = new ColumnFilter<>();
        f.configure(props("exclude", "note"));
        Struct after = ((Struct) f.apply(updateStatusToNull()).value()).getStruct("after");
        assertThat(after.getWithoutDefault("status")).isNull();
    }

    @Test
    void rowFilterSeesTheNull() {
        RowFilter<SinkRecord> f = new RowFilter<>();
        f.configure(props("condition", "status IS NULL"));
        assertThat(f.apply(updateStatusToNull())).isNotNull();
    }
}
