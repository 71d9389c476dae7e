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

class DmlFilterTest {

    private static DmlFilter<SinkRecord> filter(Map<String, String> props) {
        DmlFilter<SinkRecord> f = new DmlFilter<>();
        f.configure(props);
        return f;
    }

    @Test
    void defaultsKeepEverything() {
        DmlFilter<SinkRecord> f = filter(Map.of());
        assertThat(f.apply(insert("db1", "t", 1, "a", 1.0))).isNotNull();
        assertThat(f.apply(tombstone("db1", "t", 1))).isNotNull();
        assertThat(f.apply(ddl("db1", "t", "ALTER TABLE t ADD c INT"))).isNotNull();
    }

    @Test
    void keepsOnlyListedOperations() {
        DmlFilter<SinkRecord> f = filter(props("operations", "insert,update"));
        assertThat(f.apply(insert("db1", "t", 1, "a", 1.0))).isNotNull();
        assertThat(f.apply(change("u", "db1", "t", row(1, "a", 1.0), row(1, "b", 1.0)))).isNotNull();
        assertThat(f.apply(change("d", "db1", "t", row(1, "a", 1.0), null))).isNull();
        assertThat(f.apply(change("r", "db1", "t", null, row(1, "a", 1.0)))).isNull();
        assertThat(f.apply(tombstone("db1", "t", 1))).isNull();
        assertThat(f.apply(ddl("db1", "t", "DROP TABLE t"))).isNull();
    }

    @Test
    void excludeListAndDebeziumCodes() {
        DmlFilter<SinkRecord> f = filter(props("operations.exclude", "d, tombstone, ddl"));
        assertThat(f.apply(insert("db1", "t", 1, "a", 1.0))).isNotNull();
        assertThat(f.apply(change("d", "db1", "t", row(1, "a", 1.0), null))).isNull();
        assertThat(f.apply(tombstone("db1", "t", 1))).isNull();
        assertThat(f.apply(ddl("db1", "t", "DROP TABLE t"))).isNull();
        assertThat(f.apply(change("t", "db1", "t", null, null))).isNotNull();
    }

    @Test
    void perTableRulesFirstMatchWinsAndUnscopedTablesPass() {
        DmlFilter<SinkRecord> f = filter(props(
                "tables", "db1.*",
                "operations", "insert,update",
                "rules", "orders",
                "rules.orders.tables", "db1.orders, db2.orders",
                "rules.orders.operations", "delete"));
        // db1.orders: the named rule wins over the top level.
        assertThat(f.apply(insert("db1", "orders", 1, "a", 1.0))).isNull();
        assertThat(f.apply(change("d", "db1", "orders", row(1, "a", 1.0), null))).isNotNull();
        // db1.other: top level.
        assertThat(f.apply(insert("db1", "other", 1, "a", 1.0))).isNotNull();
        assertThat(f.apply(change("d", "db1", "other", row(1, "a", 1.0), null))).isNull();
        // db3.x: in no scope, untouched.
        assertThat(f.apply(change("d", "db3", "x", row(1, "a", 1.0), null))).isNotNull();
    }

    @Test
    void tableMatchingIsCaseInsensitiveByDefaultAndHonoursExcludes() {
        DmlFilter<SinkRecord> f = filter(props("tables", "DB1.*", "tables.exclude", "db1.keep_*", "operations", "insert"));
        assertThat(f.apply(change("d", "db1", "orders", row(1, "a", 1.0), null))).isNull();
        assertThat(f.apply(change("d", "db1", "keep_me", row(1, "a", 1.0), null))).isNotNull();
        DmlFilter<SinkRecord> cs = filter(props("tables", "DB1.*", "operations", "insert", "case.sensitive", "true"));
        assertThat(cs.apply(change("d", "db1", "orders", row(1, "a", 1.0), null))).isNotNull();
    }

    @Test
    void schemalessEnvelopesAndFlatRows() {
        DmlFilter<SinkRecord> f = filter(props("operations", "insert"));
        assertThat(f.apply(TestRecords.schemalessChange("c", "db", "t", null, Map.of("id", 1)))).isNotNull();
        assertThat(f.apply(TestRecords.schemalessChange("d", "db", "t", Map.of("id", 1), null))).isNull();
        assertThat(f.apply(TestRecords.flat("srv.db.t", "c", 1, "x"))).isNotNull();
        assertThat(f.apply(TestRecords.flat("srv.db.t", "u", 1, "x"))).isNull();
    }

    @Test
    void unknownOperationsFollowTheSetting() {
        SinkRecord noOp = TestRecords.flat("srv.db.t", null, 1, "x");
        SinkRecord text = new SinkRecord("srv.db.t", 0, null, null, null, "plain text", 0L);
        assertThat(filter(props("operations", "insert")).apply(noOp)).isNotNull();
        assertThat(filter(props("operations", "insert")).apply(text)).isNotNull();
        assertThat(filter(props("operations", "insert", "unknown.operation", "drop")).apply(noOp)).isNull();
    }

    @Test
    void badConfigurationNamesTheKey() {
        assertThatThrownBy(() -> filter(props("operations", "insert,upsert")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("operations").hasMessageContaining("upsert");
        assertThatThrownBy(() -> filter(props("rules", "a", "rules.a.operations", "delete")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tables");
        assertThatThrownBy(() -> filter(props("rules", "a", "rules.a.tables", "db.[x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rules.a.tables").hasMessageContaining("column");
        assertThatThrownBy(() -> filter(props("rules.b.tables", "db.x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rules.b.tables");
        assertThatThrownBy(() -> filter(props("rules", "a", "rules.a.tables", "x.y", "rules.a.operatons", "c")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("operatons");
    }

    @Test
    void versionAndConfig() {
        DmlFilter<SinkRecord> f = new DmlFilter<>();
        assertThat(f.version()).isNotBlank();
        assertThat(f.config().names()).contains("operations", "operations.exclude", "tables", "tables.exclude", "rules");
    }
}
