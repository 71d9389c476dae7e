package io.obkc.converters.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.junit.jupiter.api.Test;

/**
 * SchemaCachingJsonConverter against Kafka's JsonConverter on Debezium change events with every Connect and
 * Debezium type, in every configuration that changes the output, both directions; and the fast paths are taken.
 */
class SchemaCachingJsonConverterTest {

    @Test
    void writesTheReferenceBytesAndReadsTheReferenceValuesForDebeziumEventsOfEveryType() {
        List<Struct> events = DebeziumTypeEvents.events();
        for (Map<String, String> config : ReferenceComparison.configurations()) {
            ReferenceComparison values = new ReferenceComparison(config, false);
            ReferenceComparison keys = new ReferenceComparison(config, true);
            long nonFiniteReads = 0;
            for (int round = 0; round < 2; round++) { // the second round runs entirely from the caches
                for (int i = 0; i < events.size(); i++) {
                    Struct event = events.get(i);
                    byte[] json = values.assertSameWrite(DebeziumTypeEvents.TOPIC, event.schema(), event);
                    values.assertSameRead(DebeziumTypeEvents.TOPIC, json);
                    String text = ReferenceComparison.text(json);
                    if (text.contains("\"NaN\"") || text.contains("Infinity\"")) {
                        nonFiniteReads++;
                    }
                    byte[] key = keys.assertSameWrite(DebeziumTypeEvents.TOPIC, DebeziumTypeEvents.KEY, DebeziumTypeEvents.key(i));
                    keys.assertSameRead(DebeziumTypeEvents.TOPIC, key);
                }
                // a tombstone
                values.assertSameWrite(DebeziumTypeEvents.TOPIC, null, null);
                values.assertSameRead(DebeziumTypeEvents.TOPIC, null);
            }
            // Only reads of NaN/Infinity go to JsonConverter: it writes them as strings and reads those back as 0.0,
            // a leniency left to it rather than re-implemented. Everything else took the fast paths.
            assertThat(values.ours.recordsLeftToReference()).as("%s: records the fast path declined", config)
                    .isEqualTo(config.get("schemas.enable").equals("true") ? nonFiniteReads : 0);
            assertThat(keys.ours.recordsLeftToReference()).as("%s", config).isZero();
            if (config.get("schemas.enable").equals("true")) {
                assertThat(values.ours.cacheSizes()).as("one schema read, one written").containsExactly(1, 1);
            }
        }
    }

    @Test
    void defaultsApplyExactlyAsJsonConverterAppliesThemBothWays() {
        // replace.null.with.default=true writes and reads defaults for nulls; false keeps the nulls (KIP-581)
        Struct sparse = DebeziumTypeEvents.envelope("c", null, DebeziumTypeEvents.sparseRow(1), 2);
        ReferenceComparison replace = new ReferenceComparison(Map.of("replace.null.with.default", "true"), false);
        ReferenceComparison keep = new ReferenceComparison(Map.of("replace.null.with.default", "false"), false);
        String replaced = ReferenceComparison.text(replace.assertSameWrite("t", sparse.schema(), sparse));
        String kept = ReferenceComparison.text(keep.assertSameWrite("t", sparse.schema(), sparse));
        assertThat(replaced).contains("\"with_default\":42", "\"text_default\":\"n/a\"", "\"decimal_default\":\"AJY=\"");
        assertThat(kept).contains("\"with_default\":null", "\"text_default\":null", "\"required_default\":8");
        // reading the kept nulls back: with replacement they become the defaults
        replace.assertSameRead("t", kept.getBytes(StandardCharsets.UTF_8));
        keep.assertSameRead("t", kept.getBytes(StandardCharsets.UTF_8));
        SchemaAndValue read = replace.ours.toConnectData("t", kept.getBytes(StandardCharsets.UTF_8));
        assertThat(((Struct) read.value()).getStruct("after").getWithoutDefault("with_default")).isEqualTo(42);
        SchemaAndValue notReplaced = keep.ours.toConnectData("t", kept.getBytes(StandardCharsets.UTF_8));
        assertThat(((Struct) notReplaced.value()).getStruct("after").getWithoutDefault("with_default")).isNull();
    }

    @Test
    void numericDecimalsAndNonFiniteFloatsAreWrittenAsJsonConverterWritesThem() {
        Struct row = DebeziumTypeEvents.fullRow(3, 2); // NaN, +Infinity, Float.MIN_VALUE neighbours
        ReferenceComparison numeric = new ReferenceComparison(Map.of("decimal.format", "NUMERIC"), false);
        String json = ReferenceComparison.text(numeric.assertSameWrite("t", row.schema(), row));
        assertThat(json).contains("\"amount\":9999999999.99", "\"f32\":\"NaN\"", "\"f64\":\"Infinity\"");
        // JsonConverter reads "NaN" for a float64 column back as 0.0 (TextNode.doubleValue()); so must we
        numeric.assertSameRead("t", json.getBytes(StandardCharsets.UTF_8)); // first read of the schema: the reference's
        numeric.assertSameRead("t", json.getBytes(StandardCharsets.UTF_8));
        assertThat(numeric.ours.recordsLeftToReference()).as("the quoted NaN is left to JsonConverter").isEqualTo(1);
    }

    /** Hand-written JSON the reference accepts leniently or refuses: ours must give the same value or the same error. */
    @Test
    void unusualJsonReadsAsJsonConverterReadsIt() {
        String schema = "{\"type\":\"struct\",\"fields\":["
                + "{\"type\":\"int8\",\"optional\":true,\"field\":\"i8\"},"
                + "{\"type\":\"int32\",\"optional\":true,\"default\":5,\"field\":\"i32\"},"
                + "{\"type\":\"int64\",\"optional\":false,\"field\":\"i64\"},"
                + "{\"type\":\"float\",\"optional\":true,\"field\":\"f32\"},"
                + "{\"type\":\"double\",\"optional\":true,\"field\":\"f64\"},"
                + "{\"type\":\"boolean\",\"optional\":true,\"field\":\"b\"},"
                + "{\"type\":\"string\",\"optional\":true,\"field\":\"s\"},"
                + "{\"type\":\"bytes\",\"optional\":true,\"field\":\"raw\"},"
                + "{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,"
                + "\"parameters\":{\"scale\":\"2\"},\"field\":\"dec\"},"
                + "{\"type\":\"int32\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1,\"field\":\"d\"},"
                + "{\"type\":\"int64\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"ts\"},"
                + "{\"type\":\"array\",\"items\":{\"type\":\"int32\",\"optional\":true},\"optional\":true,\"field\":\"a\"},"
                + "{\"type\":\"map\",\"keys\":{\"type\":\"int32\",\"optional\":false},\"values\":{\"type\":\"string\",\"optional\":true},"
                + "\"optional\":true,\"field\":\"m\"}"
                + "],\"optional\":false,\"name\":\"lenient\"}";
        List<String> payloads = List.of(
                "{\"i64\":1}",
                "{\"i64\":1,\"i8\":300,\"i32\":null,\"f32\":1,\"f64\":12345678901234567890.5,\"b\":true,\"s\":\"x\"}",
                "{\"i64\":007,\"i8\":-0,\"f64\":1e400,\"f32\":3.4028236e38}",
                "{\"i64\":1,\"i8\":\"12\"}",
                "{\"i64\":1,\"i8\":1.9}",
                "{\"i64\":1,\"s\":12}",
                "{\"i64\":1,\"b\":\"true\"}",
                "{\"i64\":1,\"f64\":\"NaN\"}",
                "{\"i64\":1,\"raw\":\"not base64!\"}",
                "{\"i64\":1,\"raw\":\" AQID \"}",
                "{\"i64\":1,\"dec\":12.345}",
                "{\"i64\":1,\"dec\":12}",
                "{\"i64\":1,\"dec\":\"AQ==\"}",
                "{\"i64\":1,\"dec\":true}",
                "{\"i64\":1,\"d\":2147483648}",
                "{\"i64\":1,\"d\":1.0}",
                "{\"i64\":1,\"ts\":12345678901234567890}",
                "{\"i64\":99999999999999999999}",
                "{\"i64\":1,\"a\":5}",
                "{\"i64\":1,\"a\":{\"x\":1}}",
                "{\"i64\":1,\"a\":[1,null,\"2\"]}",
                "{\"i64\":1,\"m\":[[1,\"a\"],[1,\"b\"],[2,null]]}",
                "{\"i64\":1,\"m\":[[1]]}",
                "{\"i64\":1,\"m\":[[1,\"a\",3]]}",
                "{\"i64\":1,\"m\":{\"1\":\"a\"}}",
                "{\"i64\":1,\"unknown\":{\"deep\":[1,2.5,\"x\",null,{}]},\"other\":\"y\"}",
                "{\"i64\":1,\"i64\":2}",
                "{\"i8\":1}",
                "{\"i64\":null}",
                "[1,2]",
                "null",
                "17");
        for (Map<String, String> config : ReferenceComparison.configurations()) {
            if (config.get("schemas.enable").equals("false")) {
                continue;
            }
            ReferenceComparison c = new ReferenceComparison(config, false);
            for (String payload : payloads) {
                String record = "{\"schema\":" + schema + ",\"payload\":" + payload + "}";
                c.assertSameRead("t", record.getBytes(StandardCharsets.UTF_8));
                c.assertSameRead("t", record.getBytes(StandardCharsets.UTF_8)); // again, with the schema cached
            }
        }
    }

    @Test
    void envelopesOfOtherShapesReadAsJsonConverterReadsThem() {
        String s = "{\"type\":\"int32\",\"optional\":false}";
        List<String> records = List.of(
                "{\"schema\":" + s + ",\"payload\":1}",
                " { \"schema\" : " + s + " , \"payload\" : 1 } ",
                "{\"payload\":1,\"schema\":" + s + "}",
                "{\"schema\":" + s + ",\"payload\":1,\"extra\":0}",
                "{\"schema\":" + s + "}",
                "{\"schema\":null,\"payload\":{\"a\":[1,2.5,true,\"x\"]}}",
                "{\"schema\":\"int32\",\"payload\":1}",
                "{\"schema\":{\"type\":\"nope\"},\"payload\":1}",
                "{\"schema\":" + s + ",\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"x\"}",
                "{\"schema\":" + s + ",\"payload\":1} trailing",
                "{\"schema\":" + s + ",\"payload\":",
                "not json",
                "",
                "{\"a\":1}");
        ReferenceComparison c = new ReferenceComparison(Map.of(), false);
        for (String record : records) {
            c.assertSameRead("t", record.getBytes(StandardCharsets.UTF_8));
            c.assertSameRead("t", record.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Records whose schema bytes equal the last record's take the shortest path; what follows the payload still counts. */
    @Test
    void whatFollowsThePayloadIsCheckedWhenTheSchemaIsTheLastOne() {
        String s = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,\"field\":\"a\"}],\"optional\":false}";
        String head = "{\"schema\":" + s + ",\"payload\":";
        List<String> records = List.of(
                head + "{\"a\":1}}",
                head + "{\"a\":2},\"extra\":0}",
                head + "{\"a\":3} \n\t}",
                head + "{\"a\":4}",
                head + "{\"a\":5}",
                head + "{\"a\":6}}garbage",
                head + "{\"a\":7}]",
                head + "\"x\"}",
                head + "null}",
                head + "{\"a\":8}}");
        ReferenceComparison c = new ReferenceComparison(Map.of(), false);
        for (String record : records) {
            c.assertSameRead("t", record.getBytes(StandardCharsets.UTF_8));
            c.assertSameRead("t", record.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void valuesJsonConverterRefusesAreRefusedWithItsError() {
        Schema required = SchemaBuilder.struct().name("r").field("a", Schema.INT32_SCHEMA).build();
        ReferenceComparison c = new ReferenceComparison(Map.of(), false);
        Struct good = new Struct(required).put("a", 1);
        c.assertSameWrite("t", required, good); // caches the schema
        Struct other = new Struct(SchemaBuilder.struct().name("other").field("a", Schema.INT32_SCHEMA).build()).put("a", 1);
        c.assertSameWrite("t", required, other);                                           // mismatching schema
        c.assertSameWrite("t", Schema.INT32_SCHEMA, "not an int");                          // invalid type
        c.assertSameWrite("t", required, null);                                             // null for a required value
        assertThatThrownBy(() -> c.ours.fromConnectData("t", required, other)).isInstanceOf(DataException.class);
    }

    @Test
    void schemalessValuesAndSchemaBuildersAreWrittenAsJsonConverterWritesThem() {
        ReferenceComparison c = new ReferenceComparison(Map.of(), false);
        Map<String, Object> m = new HashMap<>();
        m.put("k", List.of(1, 2L, "x"));
        c.assertSameWrite("t", null, m);
        SchemaBuilder builder = SchemaBuilder.struct().name("b").field("x", Schema.STRING_SCHEMA);
        c.assertSameWrite("t", builder, new Struct(builder).put("x", "y"));
        c.assertSameWrite("t", builder, new Struct(builder).put("x", "z"));
        assertThat(c.ours.cacheSizes()[1]).as("a mutable SchemaBuilder is not cached by identity").isZero();
    }

    @Test
    void configurationIsJsonConvertersOwn() {
        SchemaCachingJsonConverter ours = new SchemaCachingJsonConverter();
        assertThat(ours.config().names()).isEqualTo(new JsonConverter().config().names())
                .contains(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, JsonConverterConfig.SCHEMAS_CACHE_SIZE_CONFIG,
                        JsonConverterConfig.DECIMAL_FORMAT_CONFIG, JsonConverterConfig.REPLACE_NULL_WITH_DEFAULT_CONFIG, "converter.type");
        assertThatThrownBy(() -> ours.configure(Map.of("decimal.format", "HEX"), false)).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new SchemaCachingJsonConverter().toConnectData("t", new byte[0]))
                .isInstanceOf(IllegalStateException.class);
        ours.configure(Map.of("converter.type", "header"));
        assertThat(ours.fromConnectHeader("t", "h", Schema.STRING_SCHEMA, "v"))
                .isEqualTo(new JsonConverter() {{ configure(Map.of("converter.type", "header")); }}
                        .fromConnectHeader("t", "h", Schema.STRING_SCHEMA, "v"));
        assertThat(ours.version()).isNotBlank();
    }

    @Test
    void theSchemaCacheIsBounded() {
        ReferenceComparison c = new ReferenceComparison(Map.of("schemas.cache.size", "3"), false);
        for (int i = 0; i < 10; i++) {
            Schema s = SchemaBuilder.struct().name("s" + i).field("a", Schema.INT32_SCHEMA).build();
            byte[] json = c.assertSameWrite("t", s, new Struct(s).put("a", i));
            c.assertSameRead("t", json);
        }
        assertThat(c.ours.cacheSizes()).containsExactly(3, 3);
    }
}
