package io.obkc.converters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MySQL TIME spans -838:59:59 to 838:59:59. Values outside a day must come out as they are, never
 * wrapped into 00:00–24:00.
 */
class TimeRangeTest {
    private static final Schema MICRO_TIME = SchemaBuilder.int64().name("io.debezium.time.MicroTime").optional()
            .parameter("__debezium.source.column.type", "TIME").parameter("__debezium.source.column.length", "0").build();
    private static final Schema ROW = SchemaBuilder.struct().name("srv.shop.durations.Value").optional()
            .field("id", Schema.INT32_SCHEMA).field("t", MICRO_TIME).build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
            .field("db", Schema.STRING_SCHEMA).field("table", Schema.OPTIONAL_STRING_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("srv.shop.durations.Envelope")
            .field("before", ROW).field("after", ROW).field("source", SOURCE).field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();

    @ParameterizedTest
    @ValueSource(longs = {-3_020_399_000_000L, 360_000_000_000L, 3_020_399_000_000L, -1_000_000L})
    void canalKeepsTimesOutsideADay(long micros) {
        Struct env = new Struct(ENVELOPE).put("op", "c").put("ts_ms", 1L)
                .put("source", new Struct(SOURCE).put("db", "shop").put("table", "durations").put("ts_ms", 1L))
                .put("after", new Struct(ROW).put("id", 1).put("t", micros));
        OmsFormatConverter converter = GoldenFilesTest.converter(OmsFormat.CANAL, Map.of("key.columns", "*:id"));
        byte[] bytes = converter.fromConnectData("srv.shop.durations", ENVELOPE, env);
        String expectedText = io.obkc.common.debezium.DebeziumValues.mysqlTimeText(micros * 1_000L, 0);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"" + expectedText + "\"");

        SchemaAndValue back = converter.toConnectData("srv.shop.durations", bytes);
        Struct after = ((Struct) back.value()).getStruct("after");
        assertThat(after.get("t")).as("TIME read back, in microseconds").isEqualTo(micros);
    }
}
