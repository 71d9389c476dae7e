package io.obkc.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * Every OBKC converter (as the converters jar lists them for Kafka Connect, so renames there are followed) works as
 * {@code rocketmq.value.converter}: loaded by class name, configured with the prefixed settings, it turns a Debezium
 * change event into a message body that carries the row.
 */
class AllOmsFormatsTest {
    private static final Schema ROW = SchemaBuilder.struct().name("srv.shop.orders.Value").optional()
            .field("id", Schema.INT32_SCHEMA).field("note", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
            .field("version", Schema.STRING_SCHEMA).field("connector", Schema.STRING_SCHEMA).field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA).field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).field("db", Schema.STRING_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA).field("server_id", Schema.INT64_SCHEMA)
            .field("file", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA).field("row", Schema.INT32_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("srv.shop.orders.Envelope")
            .field("before", ROW).field("after", ROW).field("source", SOURCE).field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();
    private static final Schema KEY = SchemaBuilder.struct().name("srv.shop.orders.Key").field("id", Schema.INT32_SCHEMA).build();

    private static List<String> obkcConverters() throws Exception {
        List<String> out = new ArrayList<>();
        Enumeration<URL> manifests = AllOmsFormatsTest.class.getClassLoader()
                .getResources("META-INF/services/org.apache.kafka.connect.storage.Converter");
        while (manifests.hasMoreElements()) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(manifests.nextElement().openStream(), StandardCharsets.UTF_8))) {
                r.lines().map(String::trim).filter(l -> l.startsWith("io.obkc.")).forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void everyObkcConverterWritesTheRowThroughTheSink() throws Exception {
        List<String> converters = obkcConverters();
        assertThat(converters).as("OBKC converters on the test class path").hasSizeGreaterThanOrEqualTo(9);
        Struct source = new Struct(SOURCE).put("version", "3.5.0.Final").put("connector", "mysql").put("name", "srv")
                .put("ts_ms", 1709296496000L).put("snapshot", "false").put("db", "shop").put("table", "orders")
                .put("server_id", 223344L).put("file", "mysql-bin.000003").put("pos", 4711L).put("row", 0);
        Struct value = new Struct(ENVELOPE).put("after", new Struct(ROW).put("id", 42).put("note", "héllo"))
                .put("source", source).put("op", "c").put("ts_ms", 1709296496123L);
        SinkRecord record = new SinkRecord("srv.shop.orders", 0, KEY, new Struct(KEY).put("id", 42), ENVELOPE, value, 0);
        int checked = 0;
        for (String name : converters) {
            Map<String, String> props = new HashMap<>(Map.of("rocketmq.namesrv.addr", "ns:9876", "rocketmq.topic", "t",
                    "rocketmq.value.converter", name, "rocketmq.value.converter.key.columns", "shop.orders:id"));
            if (name.endsWith(".OmsFormatConverter")) {
                props.put("rocketmq.value.converter.format", "Canal"); // the generic one needs its format named
            }
            RocketMqSinkConfig config = new RocketMqSinkConfig(props);
            try (ValueSerializer v = new ValueSerializer(config.valueConverterClass(), config.valueConverterSettings())) {
                byte[] body = v.body(record);
                assertThat(body).as("body written by %s", name).isNotNull();
                assertThat(new String(body, StandardCharsets.UTF_8)).as("body written by %s", name).contains("42").contains("héllo");
                checked++;
            }
        }
        System.err.println("[rocketmq] " + checked + " OBKC converters write through rocketmq.value.converter: " + converters);
    }
}
