package io.obkc.converters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.obkc.converters.event.DdlKind;

/** Keys, heartbeats, truncates, snapshots, flat input, derived types, TiCDC input, configuration, discovery. */
class ConverterBehaviourTest {

    private static JsonNode json(byte[] bytes) throws Exception {
        return GoldenFilesTest.MAPPER.readTree(bytes);
    }

    private static OmsFormatConverter converter(OmsFormat format) {
        return GoldenFilesTest.converter(format, Map.of());
    }

    private static OmsFormatConverter keyConverter(Converter c) {
        c.configure(Map.of(), true);
        return (OmsFormatConverter) c;
    }

    @Test
    void keysFollowEachFormat() throws Exception {
        Schema compositeSchema = SchemaBuilder.struct().field("order_id", Schema.INT64_SCHEMA)
                .field("line", Schema.STRING_SCHEMA).build();
        Struct composite = new Struct(compositeSchema).put("order_id", 7L).put("line", "a");

        assertThat(ChangeEvents.utf8(keyConverter(new OmsDefaultConverter())
                .fromConnectData(ChangeEvents.TOPIC, compositeSchema, composite))).isEqualTo("7\u0001a");
        assertThat(ChangeEvents.utf8(keyConverter(new CanalConverter())
                .fromConnectData(ChangeEvents.TOPIC, ChangeEvents.KEY_SCHEMA, ChangeEvents.key(1)))).isEqualTo("1");
        byte[] maxwellKey = keyConverter(new MaxwellConverter())
                .fromConnectData(ChangeEvents.TOPIC, ChangeEvents.KEY_SCHEMA, ChangeEvents.key(1));
        assertThat(json(maxwellKey)).isEqualTo(json(
                "{\"database\":\"shop\",\"table\":\"orders\",\"pk.id\":1}".getBytes(StandardCharsets.UTF_8)));

        SchemaAndValue readKey = keyConverter(new MaxwellConverter()).toConnectData(ChangeEvents.TOPIC, maxwellKey);
        assertThat(((Struct) readKey.value()).get("id")).isEqualTo(1L);
        assertThat(keyConverter(new CanalConverter()).fromConnectData("t", null, null)).isNull();
    }

    @Test
    void heartbeatsAndTruncatesFollowEachFormat() throws Exception {
        Struct heartbeat = ChangeEvents.heartbeat();
        assertThat(converter(OmsFormat.CANAL).fromConnectData("hb", heartbeat.schema(), heartbeat)).isNull();
        assertThat(converter(OmsFormat.MAXWELL).fromConnectData("hb", heartbeat.schema(), heartbeat)).isNull();
        assertThat(json(converter(OmsFormat.DEFAULT).fromConnectData("hb", heartbeat.schema(), heartbeat))
                .path("recordType").asText()).isEqualTo("HEARTBEAT");
        assertThat(json(converter(OmsFormat.DATAWORKS).fromConnectData("hb", heartbeat.schema(), heartbeat))
                .path("payload").path("op").asText()).isEqualTo("MHEARTBEAT");

        Struct truncate = ChangeEvents.truncate();
        JsonNode canal = json(converter(OmsFormat.CANAL).fromConnectData(ChangeEvents.TOPIC, truncate.schema(), truncate));
        assertThat(canal.path("isDdl").asBoolean()).isTrue();
        assertThat(canal.path("type").asText()).isEqualTo("TRUNCATE");
        assertThat(canal.path("sql").asText()).isEqualTo("TRUNCATE TABLE `shop`.`orders`");
        JsonNode oms = json(converter(OmsFormat.DEFAULT).fromConnectData(ChangeEvents.TOPIC, truncate.schema(), truncate));
        assertThat(oms.path("allMetaData").path("ddlType").asText()).isEqualTo("TRUNCATE_TABLE");
        assertThat(converter(OmsFormat.DEBEZIUM_SMT).fromConnectData(ChangeEvents.TOPIC, truncate.schema(), truncate))
                .isNull();
    }

    @Test
    void snapshotRowsAreFullMigrationRows() throws Exception {
        Struct read = ChangeEvents.snapshotRead();
        JsonNode oms = json(converter(OmsFormat.DEFAULT).fromConnectData(ChangeEvents.TOPIC, read.schema(), read));
        assertThat(oms.path("recordType").asText()).isEqualTo("ROW");
        assertThat(oms.path("allMetaData").path("checkpoint").asText()).isEqualTo("id=1");
        assertThat(oms.path("allMetaData").has("storeDataSequence")).isFalse();
        JsonNode maxwell = json(converter(OmsFormat.MAXWELL).fromConnectData(ChangeEvents.TOPIC, read.schema(), read));
        assertThat(maxwell.path("type").asText()).isEqualTo("bootstrap-insert");
    }

    @Test
    void flatRowsAfterExtractNewRecordStateAreUnderstood() throws Exception {
        Schema flat = SchemaBuilder.struct().name("srv.shop.orders.Value")
                .field("id", Schema.INT32_SCHEMA)
                .field("amount", Decimal.builder(2).optional().build())
                .field("changed", Timestamp.builder().optional().build())
                .field("__op", Schema.OPTIONAL_STRING_SCHEMA)
                .field("__deleted", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        Struct row = new Struct(flat).put("id", 5).put("amount", new BigDecimal("1.10"))
                .put("changed", new java.util.Date(1_709_296_496_007L)).put("__op", "d").put("__deleted", "true");
        JsonNode canal = json(converter(OmsFormat.CANAL).fromConnectData(ChangeEvents.TOPIC, flat, row));
        assertThat(canal.path("type").asText()).isEqualTo("DELETE");
        assertThat(canal.path("database").asText()).isEqualTo("shop");
        assertThat(canal.path("table").asText()).isEqualTo("orders");
        assertThat(canal.path("pkNames").get(0).asText()).isEqualTo("id");
        // Types derived from Connect schemas when Debezium did not propagate source types.
        assertThat(canal.path("mysqlType").path("id").asText()).isEqualTo("int");
        assertThat(canal.path("mysqlType").path("amount").asText()).isEqualTo("decimal(65,2)");
        assertThat(canal.path("mysqlType").path("changed").asText()).isEqualTo("datetime(3)");
        assertThat(canal.path("data").get(0).path("changed").asText()).isEqualTo("2024-03-01 12:34:56.007");
        assertThat(canal.path("data").get(0).has("__op")).isFalse();
    }

    @Test
    void readsTiCdcCanalJson() {
        String message = "{\"id\":0,\"database\":\"test\",\"table\":\"tp_int\",\"pkNames\":[\"id\"],\"isDdl\":false,"
                + "\"type\":\"UPDATE\",\"es\":1639633141221,\"ts\":1639633142960,\"sql\":\"\","
                + "\"sqlType\":{\"id\":4,\"c_bigint\":-5,\"c_ts\":93,\"c_blob\":2004,\"c_dec\":3},"
                + "\"mysqlType\":{\"id\":\"int\",\"c_bigint\":\"bigint\",\"c_ts\":\"timestamp\",\"c_blob\":\"blob\","
                + "\"c_dec\":\"decimal(10,3)\"},"
                + "\"data\":[{\"id\":\"2\",\"c_bigint\":\"-9223372036854775808\",\"c_ts\":\"2021-12-16 13:39:01\","
                + "\"c_blob\":\"\\u0000\\u00ff\",\"c_dec\":\"3.140\"}],"
                + "\"old\":[{\"c_bigint\":\"1\"}],\"_tidb\":{\"commitTs\":429918007904436226}}";
        SchemaAndValue read = converter(OmsFormat.CANAL).toConnectData("t", message.getBytes(StandardCharsets.UTF_8));
        Struct envelope = (Struct) read.value();
        assertThat(envelope.getString("op")).isEqualTo("u");
        assertThat(envelope.getStruct("source").getString("db")).isEqualTo("test");
        Struct after = envelope.getStruct("after");
        assertThat(after.get("id")).isEqualTo(2);
        assertThat(after.get("c_bigint")).isEqualTo(Long.MIN_VALUE);
        assertThat(after.get("c_ts")).isEqualTo("2021-12-16T13:39:01Z");
        assertThat((byte[]) after.get("c_blob")).containsExactly(0x00, 0xFF);
        assertThat(after.get("c_dec")).isEqualTo(new BigDecimal("3.140"));
        assertThat(envelope.getStruct("before").get("c_bigint")).isEqualTo(1L);
    }

    @Test
    void readsTiCdcDebeziumWithoutSchema() {
        String message = "{\"payload\":{\"before\":null,\"after\":{\"a\":1,\"b\":\"x\"},\"op\":\"c\","
                + "\"ts_ms\":1707103832957,\"source\":{\"version\":\"2.4.0.Final\",\"connector\":\"TiCDC\","
                + "\"name\":\"test_cluster\",\"ts_ms\":1707103832263,\"db\":\"test\",\"table\":\"t1\"}},"
                + "\"schema\":null}";
        SchemaAndValue read = converter(OmsFormat.DEBEZIUM).toConnectData("t", message.getBytes(StandardCharsets.UTF_8));
        Struct envelope = (Struct) read.value();
        assertThat(envelope.getString("op")).isEqualTo("c");
        assertThat(envelope.getStruct("after").get("a")).isEqualTo(1L);
        assertThat(envelope.getStruct("source").getString("table")).isEqualTo("t1");
        // ... and it is a change event again for any writer.
        byte[] canal = converter(OmsFormat.CANAL).fromConnectData("t", read.schema(), read.value());
        assertThat(ChangeEvents.utf8(canal)).contains("\"database\":\"test\"").contains("\"a\":\"1\"");
    }

    @Test
    void refusesWhatItCannotRead() {
        byte[] noRows = ("{\"database\":\"d\",\"table\":\"t\",\"isDdl\":false,\"type\":\"INSERT\","
                + "\"mysqlType\":{\"id\":\"int\"},\"data\":[]}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> converter(OmsFormat.CANAL).toConnectData("t", noRows))
                .isInstanceOf(DataException.class).hasMessageContaining("d.t");
        // A batch read from a multi-row Canal message is refused by the writers, not written as one odd row.
        SchemaAndValue batch = converter(OmsFormat.CANAL).toConnectData("t", new String(noRows, StandardCharsets.UTF_8)
                .replace("\"data\":[]", "\"data\":[{\"id\":\"1\"},{\"id\":\"2\"}]").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> converter(OmsFormat.MAXWELL).fromConnectData("t", batch.schema(), batch.value()))
                .isInstanceOf(DataException.class).hasMessageContaining("batch");
        assertThatThrownBy(() -> converter(OmsFormat.SHAREPLEX).toConnectData("t", "{}".getBytes()))
                .isInstanceOf(DataException.class).hasMessageContaining("cannot be read");
        assertThat(converter(OmsFormat.SHAREPLEX).toConnectData("t", null)).isEqualTo(SchemaAndValue.NULL);
        assertThatThrownBy(() -> converter(OmsFormat.CANAL).fromConnectData("t", null, Map.of("a", 1)))
                .isInstanceOf(DataException.class);
    }

    @Test
    void configurationIsValidatedAndDocumented() {
        ConfigDef generic = new OmsFormatConverter().config();
        assertThat(generic.names()).containsExactlyInAnyOrder("format", "key.columns", "time.zone", "db.type",
                "schemas.enable", "decimal.format", "store.data.sequence.enable", "column.types");
        generic.configKeys().values().forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank());
        assertThat(new CanalConverter().config().names()).doesNotContain("format");

        assertThatThrownBy(() -> new OmsFormatConverter().configure(Map.of("format", "Avro"), false))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new OmsFormatConverter().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new CanalConverter().configure(Map.of("time.zone", "Mars/Olympus"), false))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new CanalConverter().configure(Map.of("key.columns", "orders"), false))
                .isInstanceOf(ConfigException.class);

        assertThat(OmsFormat.parse("DEFAULT_WITH_SCHEMA")).isEqualTo(OmsFormat.DEFAULT_EXTEND_COLUMN_TYPE);
        assertThat(OmsFormat.parse("DataWorks V2.0")).isEqualTo(OmsFormat.DATAWORKS);
        assertThat(OmsFormat.parse("debezium_flatten")).isEqualTo(OmsFormat.DEBEZIUM_FLATTEN);
    }

    @Test
    void everyConverterIsDiscoverableAndVersioned() throws Exception {
        List<String> listed;
        try (var in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/services/org.apache.kafka.connect.storage.Converter")) {
            listed = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank()).collect(Collectors.toList());
        }
        // one per format, the generic OmsFormatConverter, and SchemaCachingJsonConverter
        assertThat(listed).hasSize(OmsFormat.values().length + 2)
                .contains("io.obkc.converters.json.SchemaCachingJsonConverter");
        for (String className : listed) {
            Object instance = Class.forName(className).getDeclaredConstructor().newInstance();
            assertThat(instance).isInstanceOf(Converter.class).isInstanceOf(Versioned.class);
            assertThat(((Versioned) instance).version()).isEqualTo("0.1.0-SNAPSHOT");
        }
        for (OmsFormat format : OmsFormat.values()) {
            assertThat(listed).as(format.name()).filteredOn(n -> !n.endsWith(".SchemaCachingJsonConverter")).anyMatch(n -> {
                try {
                    OmsFormatConverter c = (OmsFormatConverter) Class.forName(n).getDeclaredConstructor().newInstance();
                    c.configure(Map.of("format", format.displayName()), false);
                    return c.format() == format && !n.endsWith(".OmsFormatConverter");
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    @Test
    void ddlIsClassified() {
        assertThat(DdlKind.classify("/* gh-ost */ CREATE TABLE t (id int)")).isEqualTo(DdlKind.CREATE_TABLE);
        assertThat(DdlKind.classify("create unique index i on t(a)")).isEqualTo(DdlKind.CREATE_INDEX);
        assertThat(DdlKind.classify("DROP TABLE IF EXISTS t")).isEqualTo(DdlKind.DROP_TABLE);
        assertThat(DdlKind.classify("RENAME TABLE a TO b")).isEqualTo(DdlKind.RENAME_TABLE);
        assertThat(DdlKind.classify("TRUNCATE t")).isEqualTo(DdlKind.TRUNCATE_TABLE);
        assertThat(DdlKind.classify("CREATE DATABASE x")).isEqualTo(DdlKind.CREATE_DATABASE);
        assertThat(DdlKind.classify("CREATE VIEW v AS SELECT 1")).isEqualTo(DdlKind.OTHER);
    }
}
