package io.obkc.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ChangeRecordFactsTest {
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
            .field("db", Schema.STRING_SCHEMA).field("table", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).optional().build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().field("before", ROW).field("after", ROW)
            .field("source", SOURCE).field("op", Schema.STRING_SCHEMA).build();

    private static SinkRecord record(String topic, Schema keySchema, Object key, Schema valueSchema, Object value) {
        return new SinkRecord(topic, 0, keySchema, key, valueSchema, value, 0);
    }

    @Test
    void debeziumEnvelopeNamesDatabaseAndTableInItsSourceBlock() {
        Schema keySchema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).field("b", Schema.STRING_SCHEMA).build();
        Struct key = new Struct(keySchema).put("a", 7).put("b", "x y");
        Struct value = new Struct(ENVELOPE).put("after", new Struct(ROW).put("id", 1))
                .put("source", new Struct(SOURCE).put("db", "shop").put("table", "orders")).put("op", "c");
        ChangeRecordFacts f = ChangeRecordFacts.of(record("srv.other.topic", keySchema, key, ENVELOPE, value));
        assertThat(f.database()).isEqualTo("shop");
        assertThat(f.table()).isEqualTo("orders");
        assertThat(f.keyValues()).containsExactly("7", "x y");
    }

    @Test
    void otherRecordsTakeDatabaseAndTableFromTheTopic() {
        ChangeRecordFacts f = ChangeRecordFacts.of(record("srv.shop.orders", null, null, null, Map.of("id", 1)));
        assertThat(f.database()).isEqualTo("shop");
        assertThat(f.table()).isEqualTo("orders");
        assertThat(f.keyValues()).isEmpty();

        ChangeRecordFacts plain = ChangeRecordFacts.of(record("events", Schema.STRING_SCHEMA, "k1", null, null));
        assertThat(plain.database()).isEmpty();
        assertThat(plain.table()).isEqualTo("events");
        assertThat(plain.keyValues()).containsExactly("k1");
    }

    @Test
    void keyValuesAreTextWithBytesInBase64AndDecimalsPlain() {
        Schema keySchema = SchemaBuilder.struct().field("bin", Schema.BYTES_SCHEMA).field("dec", Decimal.schema(2)).build();
        Struct key = new Struct(keySchema).put("bin", new byte[] {0, 1, (byte) 0xff}).put("dec", new BigDecimal("1E+3").setScale(2));
        assertThat(ChangeRecordFacts.keyValues(key)).containsExactly("AAH/", "1000.00");
        assertThat(ChangeRecordFacts.keyValues(List.of(1, 2))).containsExactly("1,2");
    }
}
