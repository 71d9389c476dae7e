package io.obkc.smt;

import static io.obkc.smt.TestRecords.ddl;
import static io.obkc.smt.TestRecords.insert;
import static io.obkc.smt.TestRecords.props;
import static io.obkc.smt.TestRecords.tombstone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ObjectRouterTest {

    private static ObjectRouter<SinkRecord> router(String... kv) {
        ObjectRouter<SinkRecord> r = new ObjectRouter<>();
        r.configure(props(kv));
        return r;
    }

    private static Struct source(SinkRecord r) {
        return ((Struct) r.value()).getStruct("source");
    }

    @Test
    void renamesOneTableInSourceAndTopic() {
        SinkRecord in = insert("db", "t", 1, "a", 1.0);
        SinkRecord out = router("include", "db.t=db2.t2").apply(in);
        assertThat(out.topic()).isEqualTo("srv.db2.t2");
        assertThat(source(out).getString("db")).isEqualTo("db2");
        assertThat(source(out).getString("table")).isEqualTo("t2");
        assertThat(((Struct) out.value()).getStruct("after")).isEqualTo(((Struct) in.value()).getStruct("after"));
        assertThat(out.key()).isEqualTo(in.key());
        // The input record is not modified.
        assertThat(source(in).getString("db")).isEqualTo("db");
    }

    @Test
    void wildcardDatabaseRenameAndManyToOne() {
        ObjectRouter<SinkRecord> r = router("include", "db.t_*=db.t, db.*=db2.*");
        SinkRecord a = r.apply(insert("db", "t_2024", 1, "a", 1.0));
        assertThat(a.topic()).isEqualTo("srv.db.t");
        assertThat(source(a).getString("table")).isEqualTo("t");
        SinkRecord b = r.apply(insert("db", "other", 1, "a", 1.0));
        assertThat(b.topic()).isEqualTo("srv.db2.other");
        assertThat(source(b).getString("db")).isEqualTo("db2");
    }

    @Test
    void unselectedRecordsAreDroppedByDefaultOrKept() {
        SinkRecord in = insert("db", "secret", 1, "a", 1.0);
        assertThat(router("include", "db.*", "exclude", "db.secret").apply(in)).isNull();
        assertThat(router("include", "other.*").apply(in)).isNull();
        assertThat(router("include", "other.*", "unmatched", "keep").apply(in)).isSameAs(in);
    }

    @Test
    void unchangedNameReturnsSameRecord() {
        SinkRecord in = insert("db", "t", 1, "a", 1.0);
        assertThat(router("include", "db.*").apply(in)).isSameAs(in);
    }

    @Test
    void rewriteOnlyTopicOrOnlySource() {
        SinkRecord in = insert("db", "t", 1, "a", 1.0);
        SinkRecord topicOnly = router("include", "db.*=x.*", "rewrite", "topic").apply(in);
        assertThat(topicOnly.topic()).isEqualTo("srv.x.t");
        assertThat(source(topicOnly).getString("db")).isEqualTo("db");
        SinkRecord sourceOnly = router("include", "db.*=x.*", "rewrite", "source").apply(in);
        assertThat(sourceOnly.topic()).isEqualTo("srv.db.t");
        assertThat(source(sourceOnly).getString("db")).isEqualTo("x");
    }

    @Test
    void topicThatNoLongerEndsWithTheSourceNameIsLeftAlone() {
        SinkRecord in = insert("db", "t", 1, "a", 1.0).newRecord("all-changes", 0, null, null,
                TestRecords.envelopeSchema(TestRecords.ROW, TestRecords.MYSQL_SOURCE),
                insert("db", "t", 1, "a", 1.0).value(), 0L);
        SinkRecord out = router("include", "db.*=x.*").apply(in);
        assertThat(out.topic()).isEqualTo("all-changes");
        assertThat(source(out).getString("db")).isEqualTo("x");
    }

    @Test
    void postgresUsesSchemaAsDatabase() {
        Struct src = TestRecords.pgSource("appdb", "public", "orders");
        var env = TestRecords.envelopeSchema(TestRecords.ROW, TestRecords.PG_SOURCE);
        Struct value = new Struct(env).put("op", "c").put("after", TestRecords.row(1, "a", 1.0)).put("source", src);
        SinkRecord in = new SinkRecord("srv.public.orders", 0, null, null, env, value, 0L);
        SinkRecord out = router("include", "public.*=shop.*").apply(in);
        assertThat(out.topic()).isEqualTo("srv.shop.orders");
        assertThat(source(out).getString("schema")).isEqualTo("shop");
        assertThat(source(out).getString("db")).isEqualTo("appdb");
    }

    @Test
    void tombstonesAndFlatRecordsRouteByTopic() {
        ObjectRouter<SinkRecord> r = router("include", "db.t=db2.t2");
        assertThat(r.apply(tombstone("db", "t", 1)).topic()).isEqualTo("srv.db2.t2");
        assertThat(r.apply(tombstone("db", "u", 1))).isNull();
        assertThat(r.apply(TestRecords.flat("srv.db.t", "c", 1, "x")).topic()).isEqualTo("srv.db2.t2");
    }

    @Test
    void schemaChangeDatabaseIsRenamed() {
        SinkRecord out = router("include", "db.*=db2.*").apply(ddl("db", "t", "ALTER TABLE t ADD c INT"));
        Struct v = (Struct) out.value();
        assertThat(v.getString("databaseName")).isEqualTo("db2");
        assertThat(v.getStruct("source").getString("db")).isEqualTo("db2");
        assertThat(v.getStruct("source").getString("table")).isEqualTo("t");
        assertThat(out.topic()).isEqualTo("srv");
        // A database-level DDL (no table) is matched as db.'' and renamed by db.*.
        SinkRecord create = router("include", "db.*=db2.*").apply(ddl("db", null, "CREATE DATABASE db"));
        assertThat(((Struct) create.value()).getString("databaseName")).isEqualTo("db2");
    }

    @Test
    void schemalessEnvelope() {
        SinkRecord out = router("include", "db.t=db2.t2").apply(TestRecords.schemalessChange("c", "db", "t", null, Map.of("id", 1)));
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>) ((Map<?, ?>) out.value()).get("source");
        assertThat(source).containsEntry("db", "db2").containsEntry("table", "t2");
        assertThat(out.topic()).isEqualTo("srv.db2.t2");
    }

    @Test
    void ruleErrorsNameTheKey() {
        assertThatThrownBy(() -> router("include", "db.t=db2.*")).isInstanceOf(ConfigException.class).hasMessageContaining("include");
        assertThatThrownBy(() -> router("exclude", "a.b=c.d")).isInstanceOf(ConfigException.class).hasMessageContaining("exclude");
    }
}
