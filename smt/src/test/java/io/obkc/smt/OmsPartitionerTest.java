package io.obkc.smt;

import static io.obkc.smt.TestRecords.insert;
import static io.obkc.smt.TestRecords.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class OmsPartitionerTest {

    private static OmsPartitioner<SinkRecord> partitioner(String... kv) {
        OmsPartitioner<SinkRecord> p = new OmsPartitioner<>();
        p.configure(props(kv));
        return p;
    }

    @Test
    void singleSendsEverythingToOnePartition() {
        assertThat(partitioner("mode", "single").apply(insert("db", "t", 7, "a", 1.0)).kafkaPartition()).isEqualTo(0);
        assertThat(partitioner("mode", "single", "partition", "3").apply(insert("db", "t", 7, "a", 1.0)).kafkaPartition()).isEqualTo(3);
    }

    @Test
    void primaryKeyHashIsMurmur2OfTheCanonicalKey() {
        SinkRecord out = partitioner("mode", "primary_key", "partitions", "8").apply(insert("db", "t", 42, "a", 1.0));
        assertThat(out.kafkaPartition()).isEqualTo(OmsPartitioner.hashPartition("42", 8));
        Schema k2 = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).field("b", Schema.STRING_SCHEMA).build();
        assertThat(OmsPartitioner.canonicalKey(new Struct(k2).put("a", 1).put("b", "x"))).isEqualTo("1\u0001x");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", "x");
        m.put("a", 1);
        assertThat(OmsPartitioner.canonicalKey(m)).isEqualTo("1\u0001x");
    }

    @Test
    void shardingFieldsAndTableFallback() {
        OmsPartitioner<SinkRecord> p = partitioner("mode", "primary_key", "partitions", "5", "fields", "status");
        assertThat(p.apply(insert("db", "t", 1, "paid", 1.0)).kafkaPartition()).isEqualTo(OmsPartitioner.hashPartition("paid", 5));
        SinkRecord keyless = new SinkRecord("srv.db.t", 0, null, null, null, "text", 0L);
        assertThat(partitioner("mode", "primary_key", "partitions", "5").apply(keyless).kafkaPartition())
                .isEqualTo(OmsPartitioner.hashPartition("db.t", 5));
    }

    @Test
    void tableModeUsesSourceNames() {
        SinkRecord out = partitioner("mode", "table", "partitions", "16").apply(insert("shop", "orders", 1, "a", 1.0));
        assertThat(out.kafkaPartition()).isEqualTo(OmsPartitioner.hashPartition("shop.orders", 16));
    }

    @Test
    void unknownPartitionCountLeavesRecordsAlone() {
        SinkRecord in = insert("db", "t", 1, "a", 1.0);
        assertThat(partitioner("mode", "primary_key").apply(in)).isSameAs(in);
        assertThatThrownBy(() -> partitioner("partitions", "0")).isInstanceOf(ConfigException.class);
    }

    @Property(tries = 200)
    void hashIsStableAndInRange(@ForAll long id, @ForAll @IntRange(min = 1, max = 64) int partitions) {
        OmsPartitioner<SinkRecord> p = partitioner("mode", "primary_key", "partitions", String.valueOf(partitions));
        int a = p.apply(insert("db", "t", id, "a", 1.0)).kafkaPartition();
        int b = p.apply(insert("db", "t", id, "other", 2.0)).kafkaPartition();
        assertThat(a).isEqualTo(b).isBetween(0, partitions - 1);
    }
}
