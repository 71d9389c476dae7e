package io.obkc.converters.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Records Debezium's MariaDB and PostgreSQL connectors wrote through Kafka's JsonConverter on the test bed
 * (captured by {@link SchemaCachingJsonConverterDebeziumIT}, see recorded/README.md): snapshot reads, inserts,
 * updates, deletes, tombstones and schema changes of tables with every column type. Read with the producer's
 * configuration and written back in every configuration, ours must match JsonConverter exactly; no test bed needed.
 */
class RecordedDebeziumEventsTest {

    @ParameterizedTest
    @CsvSource({
        "jsonconv_a.obkc_jsonconv_it.all_types, BASE64, true, 7",
        "jsonconv_a, BASE64, true, 3",
        "jsonconv_b.obkc_jsonconv_it.all_types, NUMERIC, false, 7",
        "jsonconv_pg.obkc_jsonconv_it.pg_types, BASE64, true, 6"})
    void recordedDebeziumEventsConvertExactlyAsJsonConverterConvertsThem(String topic, String decimals, String replace, int min)
            throws IOException {
        List<byte[]> lines = lines(topic);
        assertThat(lines.size() / 2).as("records of %s", topic).isGreaterThanOrEqualTo(min);
        Map<String, String> produced = Map.of("decimal.format", decimals, "replace.null.with.default", replace);
        for (int i = 0; i < lines.size(); i++) {
            boolean isKey = i % 2 == 0;
            ReferenceComparison reader = new ReferenceComparison(produced, isKey);
            byte[] bytes = lines.get(i);
            reader.assertSameRead(topic, bytes);
            reader.assertSameRead(topic, bytes); // from the cache
            if (bytes == null) {
                continue;
            }
            SchemaAndValue read = reader.reference.toConnectData(topic, bytes);
            for (Map<String, String> config : ReferenceComparison.configurations()) {
                ReferenceComparison writer = new ReferenceComparison(config, isKey);
                writer.assertSameWrite(topic, read.schema(), read.value());
                byte[] written = writer.assertSameWrite(topic, read.schema(), read.value()); // from the cache
                if (written != null && config.get("schemas.enable").equals("true")) {
                    writer.assertSameRead(topic, written);
                    writer.assertSameRead(topic, written);
                }
            }
        }
    }

    /** Key and value lines alternate; "null" is a null key or a tombstone's value. */
    private static List<byte[]> lines(String topic) throws IOException {
        try (InputStream in = RecordedDebeziumEventsTest.class.getResourceAsStream("/recorded/debezium/" + topic + ".jsonl")) {
            assertThat(in).as(topic).isNotNull();
            List<byte[]> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                out.add(line.equals("null") ? null : line.getBytes(StandardCharsets.UTF_8));
            }
            return out;
        }
    }
}
