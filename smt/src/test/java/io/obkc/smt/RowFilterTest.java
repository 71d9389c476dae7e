package io.obkc.smt;

import static io.obkc.smt.TestRecords.change;
import static io.obkc.smt.TestRecords.ddl;
import static io.obkc.smt.TestRecords.insert;
import static io.obkc.smt.TestRecords.props;
import static io.obkc.smt.TestRecords.row;
import static io.obkc.smt.TestRecords.tombstone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RowFilterTest {

    private static RowFilter<SinkRecord> filter(String... kv) {
        RowFilter<SinkRecord> f = new RowFilter<>();
        f.configure(props(kv));
        return f;
    }

    @Test
    void testsAfterImageAndBeforeForDeletes() {
        RowFilter<SinkRecord> f = filter("condition", "amount >= 100 AND status IN ('paid', 'sent')");
        assertThat(f.apply(insert("db", "t", 1, "paid", 150.0))).isNotNull();
        assertThat(f.apply(insert("db", "t", 1, "paid", 50.0))).isNull();
        assertThat(f.apply(change("u", "db", "t", row(1, "new", 150.0), row(1, "sent", 150.0)))).isNotNull();
        assertThat(f.apply(change("d", "db", "t", row(1, "paid", 150.0), null))).isNotNull();
        assertThat(f.apply(change("d", "db", "t", row(1, "new", 150.0), null))).isNull();
        assertThat(f.apply(insert("db", "t", 1, null, null))).isNull();
    }

    @Test
    void recordsWithoutRowsPass() {
        RowFilter<SinkRecord> f = filter("condition", "id > 100");
        assertThat(f.apply(tombstone("db", "t", 1))).isNotNull();
        assertThat(f.apply(ddl("db", "t", "ALTER TABLE t ADD c INT"))).isNotNull();
        assertThat(f.apply(change("t", "db", "t", null, null))).isNotNull();
    }

    @Test
    void perTableConditions() {
        RowFilter<SinkRecord> f = filter(
                "tables", "db.*", "condition", "id < 10",
                "rules", "big", "rules.big.tables", "db.orders", "rules.big.condition", "amount > 1000");
        assertThat(f.apply(insert("db", "orders", 50, "x", 2000.0))).isNotNull();
        assertThat(f.apply(insert("db", "orders", 5, "x", 10.0))).isNull();
        assertThat(f.apply(insert("db", "other", 5, "x", 10.0))).isNotNull();
        assertThat(f.apply(insert("db", "other", 50, "x", 10.0))).isNull();
        assertThat(f.apply(insert("elsewhere", "other", 50, "x", 10.0))).isNotNull();
    }

    @Test
    void flatAndSchemalessRecords() {
        RowFilter<SinkRecord> f = filter("condition", "status = 'keep'");
        assertThat(f.apply(TestRecords.flat("srv.db.t", "c", 1, "keep"))).isNotNull();
        assertThat(f.apply(TestRecords.flat("srv.db.t", "c", 1, "drop"))).isNull();
        assertThat(f.apply(TestRecords.schemalessChange("c", "db", "t", null, Map.of("status", "keep")))).isNotNull();
        assertThat(f.apply(TestRecords.schemalessChange("d", "db", "t", Map.of("status", "drop"), null))).isNull();
    }

    @Test
    void blankConditionKeepsEverything() {
        assertThat(filter().apply(insert("db", "t", 1, "x", 1.0))).isNotNull();
    }

    @Test
    void parseErrorsAreConfigErrorsWithKeyAndColumn() {
        assertThatThrownBy(() -> filter("condition", "id > "))
                .isInstanceOf(ConfigException.class).hasMessageContaining("condition").hasMessageContaining("column 5");
        assertThatThrownBy(() -> filter("rules", "r", "rules.r.tables", "db.t", "rules.r.condition", "a IN 1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rules.r.condition").hasMessageContaining("column 6");
    }
}
