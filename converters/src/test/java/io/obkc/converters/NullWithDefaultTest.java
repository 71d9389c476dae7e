package io.obkc.converters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code UPDATE film SET rating = NULL} on a column declared {@code DEFAULT 'G'}: Debezium sends an optional field whose
 * schema default is 'G' and whose value is null. Kafka's {@code Struct.get} and JsonConverter's default settings
 * answer 'G' for it; every format must write null.
 */
class NullWithDefaultTest {
    static final Schema ROW = SchemaBuilder.struct().name("srv.shop.film.Value").optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("rating", SchemaBuilder.string().optional().defaultValue("G").build())
            .build();

    static Struct updateToNull() {
        Struct before = new Struct(ROW).put("id", 7).put("rating", "PG");
        Struct after = new Struct(ROW).put("id", 7).put("rating", null);
        Schema envelope = SchemaBuilder.struct().name("srv.shop.film.Envelope").version(2)
                .field("before", ROW).field("after", ROW)
                .field("source", ChangeEvents.SOURCE_SCHEMA)
                .field("transaction", ChangeEvents.TRANSACTION_SCHEMA)
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        Struct source = ChangeEvents.source("false").put("table", "film");
        return new Struct(envelope).put("before", before).put("after", after).put("source", source).put("op", "u")
                .put("ts_ms", ChangeEvents.EVENT_TS);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OmsFormat.class)
    void aNullIsWrittenAsNullNotAsTheColumnDefault(OmsFormat format) throws Exception {
        Struct value = updateToNull();
        OmsFormatConverter converter = GoldenFilesTest.converter(format, Map.of("key.columns", "shop.film:id"));
        String json = new String(converter.fromConnectData("srv.shop.film", value.schema(), value), StandardCharsets.UTF_8);
        // The inline Connect schema (Debezium format) declares "default":"G" rightly; only the data counts here.
        com.fasterxml.jackson.databind.JsonNode tree = GoldenFilesTest.MAPPER.readTree(json);
        if (tree.has("payload")) {
            json = tree.get("payload").toString();
        }
        // The default 'G' must appear nowhere as a value; the column itself is there.
        assertThat(json).contains("rating").doesNotContain("\"G\"");
    }

    @Test
    void debeziumFormatMatchesJsonConverterWithReplaceNullWithDefaultOff() throws Exception {
        Struct value = updateToNull();
        JsonConverter reference = new JsonConverter();
        reference.configure(Map.of("schemas.enable", "true", "replace.null.with.default", "false"), false);
        OmsFormatConverter ours = GoldenFilesTest.converter(OmsFormat.DEBEZIUM, Map.of("schemas.enable", "true"));
        byte[] written = ours.fromConnectData("t", value.schema(), value);
        assertThat(GoldenFilesTest.MAPPER.readTree(written))
                .isEqualTo(GoldenFilesTest.MAPPER.readTree(reference.fromConnectData("t", value.schema(), value)));

        // And it reads back as null.
        SchemaAndValue back = ours.toConnectData("t", written);
        assertThat(((Struct) back.value()).getStruct("after").getWithoutDefault("rating")).isNull();
    }
}
