package io.obkc.smt;

import static io.obkc.smt.TestRecords.change;
import static io.obkc.smt.TestRecords.insert;
import static io.obkc.smt.TestRecords.props;
import static io.obkc.smt.TestRecords.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ColumnFilterTest {

    private static ColumnFilter<SinkRecord> filter(String... kv) {
        ColumnFilter<SinkRecord> f = new ColumnFilter<>();
        f.configure(props(kv));
        return f;
    }

    private static java.util.List<String> names(org.apache.kafka.connect.data.Schema s) {
        return s.fields().stream().map(Field::name).toList();
    }

    @Test
    void dropsAndRenamesInBothImagesAndRenamesTheKey() {
        ColumnFilter<SinkRecord> f = filter("exclude", "amount", "rename", "id:order_id,STATUS:state");
        SinkRecord out = f.apply(change("u", "db", "t", row(1, "a", 1.0), row(1, "b", 2.0)));
        Struct v = (Struct) out.value();
        assertThat(names(v.getStruct("before").schema())).containsExactly("order_id", "state");
        assertThat(v.getStruct("after").getString("state")).isEqualTo("b");
        assertThat(v.getStruct("before").getInt64("order_id")).isEqualTo(1L);
        assertThat(v.getStruct("source").getString("table")).isEqualTo("t");
        assertThat(v.schema().name()).isEqualTo("srv.db1.orders.Envelope");
        assertThat(v.schema().field("after").schema().isOptional()).isTrue();
        assertThat(((Struct) out.key()).getInt64("order_id")).isEqualTo(1L);
        assertThat(out.keySchema().name()).isEqualTo("srv.db1.orders.Key");
    }

    @Test
    void includeListKeepsOnlyThoseAndKeyKeepsItsFields() {
        SinkRecord out = filter("include", "status").apply(insert("db", "t", 1, "a", 1.0));
        assertThat(names(((Struct) out.value()).getStruct("after").schema())).containsExactly("status");
        assertThat(names(out.keySchema())).containsExactly("id");
    }

    @Test
    void schemasAreCachedPerInputSchema() {
        ColumnFilter<SinkRecord> f = filter("exclude", "amount");
        SinkRecord a = f.apply(insert("db", "t", 1, "a", 1.0));
        SinkRecord b = f.apply(change("d", "db", "t", row(2, "b", 2.0), null));
        assertThat(a.valueSchema()).isSameAs(b.valueSchema());
        assertThat(a.keySchema()).isSameAs(b.keySchema());
    }

    @Test
    void perTableRulesAndUnscopedTables() {
        ColumnFilter<SinkRecord> f = filter("tables", "db.orders", "exclude", "amount",
                "rules", "x", "rules.x.tables", "db.x", "rules.x.rename", "status:s");
        assertThat(names(((Struct) f.apply(insert("db", "orders", 1, "a", 1.0)).value()).getStruct("after").schema()))
                .containsExactly("id", "status");
        assertThat(names(((Struct) f.apply(insert("db", "x", 1, "a", 1.0)).value()).getStruct("after").schema()))
                .containsExactly("id", "s", "amount");
        SinkRecord other = insert("db", "other", 1, "a", 1.0);
        assertThat(f.apply(other)).isSameAs(other);
    }

    @Test
    void flatSchemalessAndTombstones() {
        ColumnFilter<SinkRecord> f = filter("exclude", "__op", "rename", "id:pk");
        Struct flat = (Struct) f.apply(TestRecords.flat("srv.db.t", "c", 3, "x")).value();
        assertThat(names(flat.schema())).containsExactly("pk", "status");
        SinkRecord schemaless = f.apply(TestRecords.schemalessChange("c", "db", "t", null, Map.of("id", 1, "__op", "c")));
        assertThat(((Map<?, ?>) ((Map<?, ?>) schemaless.value()).get("after")).keySet().toString()).isEqualTo("[pk]");
        assertThat(((Map<?, ?>) schemaless.key()).keySet().toString()).isEqualTo("[pk]");
        SinkRecord tomb = f.apply(TestRecords.tombstone("db", "t", 4));
        assertThat(tomb.value()).isNull();
        assertThat(((Struct) tomb.key()).getInt64("pk")).isEqualTo(4L);
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> filter("rename", "a")).isInstanceOf(ConfigException.class).hasMessageContaining("old:new");
        assertThatThrownBy(() -> filter("rename", "status:id").apply(insert("db", "t", 1, "a", 1.0)))
                .isInstanceOf(DataException.class).hasMessageContaining("'id'");
    }
}
