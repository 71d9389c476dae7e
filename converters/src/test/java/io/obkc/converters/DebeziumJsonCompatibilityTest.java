package io.obkc.converters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Debezium format must be what Kafka's JsonConverter writes for the same record, key and value. */
class DebeziumJsonCompatibilityTest {

    @ParameterizedTest(name = "schemas.enable={0} decimal.format={1}")
    @CsvSource({"true, BASE64", "false, BASE64", "true, NUMERIC", "false, NUMERIC"})
    void matchesJsonConverter(boolean schemasEnable, String decimalFormat) throws Exception {
        Map<String, String> config = Map.of("schemas.enable", Boolean.toString(schemasEnable),
                "decimal.format", decimalFormat);
        JsonConverter reference = new JsonConverter();
        reference.configure(config, false);
        OmsFormatConverter ours = GoldenFilesTest.converter(OmsFormat.DEBEZIUM, config);

        for (Struct value : List.of(ChangeEvents.insert(), ChangeEvents.update(), ChangeEvents.delete(),
                ChangeEvents.truncate(), ChangeEvents.ddl(), ChangeEvents.heartbeat())) {
            assertThat(tree(ours.fromConnectData("t", value.schema(), value)))
                    .as(value.schema().name())
                    .isEqualTo(tree(reference.fromConnectData("t", value.schema(), value)));
        }

        JsonConverter referenceKeys = new JsonConverter();
        referenceKeys.configure(config, true);
        DebeziumConverter ourKeys = new DebeziumConverter();
        ourKeys.configure(config, true);
        Struct key = ChangeEvents.key(42);
        assertThat(tree(ourKeys.fromConnectData("t", key.schema(), key)))
                .isEqualTo(tree(referenceKeys.fromConnectData("t", key.schema(), key)));
    }

    private static Object tree(byte[] json) throws Exception {
        return GoldenFilesTest.MAPPER.readTree(json);
    }
}
