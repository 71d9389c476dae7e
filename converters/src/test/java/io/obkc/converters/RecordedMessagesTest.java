package io.obkc.converters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.obkc.common.debezium.DebeziumValues;

/**
 * The readers on messages recorded from the real producers (Canal and Maxwell as captured in Flink's test data,
 * TiCDC's docs and tests, Maxwell's docs, OMS's documented layout). Sources and commits are in
 * {@code src/test/resources/recorded/README.md}. No TiDB/TiCDC, Canal or Maxwell server runs here: these recorded
 * messages stand in for them, and they are also the TiDB incremental path (TiCDC canal-json into the sink).
 */
class RecordedMessagesTest {

    @BeforeAll
    static void sayWhatStandsIn() {
        System.out.println("[RecordedMessagesTest] TiDB/TiCDC, Canal and Maxwell cannot run here; messages recorded "
                + "from their docs and test suites (see recorded/README.md) stand in for them.");
    }

    // ---- Canal (recorded by Flink from a real Canal server) ----

    @Test
    void canalMultiRowMessagesGiveOneRecordPerRowInOrder() throws IOException {
        List<String> lines = lines("recorded/canal/flink-canal-data.jsonl");
        OmsFormatConverter canal = converter(OmsFormat.CANAL, Map.of());

        List<Struct> inserted = rows(canal.toConnectData("t", bytes(lines.get(0))));
        assertThat(inserted).extracting(e -> e.getStruct("after").get("id")).containsExactly(101, 102, 103, 104, 105,
                106, 107, 108, 109);
        assertThat(inserted.get(8).getStruct("after").get("weight")).isEqualTo(22.2f);
        assertThat(inserted).allSatisfy(e -> assertThat(e.getString("op")).isEqualTo("c"));

        // old[i] belongs to data[i]: each row's before-image has its own old weight.
        List<Struct> updated = rows(canal.toConnectData("t", bytes(lines.get(3))));
        assertThat(updated).extracting(e -> e.getStruct("before").get("weight")).containsExactly(3.14f, 8.1f);
        assertThat(updated).extracting(e -> e.getStruct("after").get("weight")).containsExactly(5.17f, 5.17f);
        assertThat(updated).extracting(e -> e.getStruct("before").get("name")).containsExactly("scooter", "car battery");

        List<Struct> deleted = rows(canal.toConnectData("t", bytes(lines.get(5))));
        assertThat(deleted).extracting(e -> e.getStruct("before").get("id")).containsExactly(102, 103);
        assertThat(deleted).allSatisfy(e -> assertThat(e.get("after")).isNull());

        // The same rows one by one, for callers that can emit several records.
        assertThat(canal.toConnectDataRows("t", bytes(lines.get(0)))).hasSize(9);
        assertThat(((Struct) canal.toConnectData("t", bytes(lines.get(4))).value()).getString("ddl"))
                .startsWith("CREATE TABLE `xj_`.`user02`");
        Struct single = (Struct) canal.toConnectData("t", bytes(lines.get(1))).value();
        assertThat(single.getStruct("before").get("description")).isEqualTo("16oz carpenter's hammer");
        assertThat(single.getStruct("after").get("description")).isEqualTo("18oz carpenter hammer");
    }

    @Test
    void canalKeyChangeIsOneUpdateWhoseBeforeImageHoldsTheOldKey() throws IOException {
        // The recorded update of row 106, with Canal's old also naming the changed key column.
        String message = lines("recorded/canal/flink-canal-data.jsonl").get(1)
                .replace("\"old\":[{\"description\"", "\"old\":[{\"id\":\"105\",\"description\"");
        Struct e = (Struct) converter(OmsFormat.CANAL, Map.of()).toConnectData("t", bytes(message)).value();
        assertThat(e.getString("op")).isEqualTo("u");
        // The sink deletes the before-image's key and upserts the after-image (WritePlanner's key-change path).
        assertThat(e.getStruct("before").get("id")).isEqualTo(105);
        assertThat(e.getStruct("after").get("id")).isEqualTo(106);
    }

    // ---- TiCDC canal-json (TiCDC docs and tiflow tests) ----

    @Test
    void ticdcDocumentedMessagesRead() throws IOException {
        List<String> docs = lines("recorded/ticdc/ticdc-docs.jsonl");
        OmsFormatConverter canal = converter(OmsFormat.CANAL, Map.of());

        SchemaAndValue ddl = canal.toConnectData("t", bytes(docs.get(0)));
        assertThat(ddl.schema().name()).endsWith("SchemaChangeValue");
        assertThat(((Struct) ddl.value()).getString("ddl")).isEqualTo("drop database if exists test");

        Struct insert = (Struct) canal.toConnectData("t", bytes(docs.get(1))).value();
        assertThat(insert.getStruct("after").get("c_bigint")).isEqualTo(9223372036854775807L);
        assertThat(insert.getStruct("after").get("c_tinyint")).isEqualTo((short) 127);

        // TIDB_WATERMARK: no row; a heartbeat (which a sink skips) at the TSO's physical time.
        SchemaAndValue watermark = canal.toConnectData("t", bytes(docs.get(2)));
        assertThat(watermark.schema().name()).isEqualTo("io.debezium.connector.common.Heartbeat");
        assertThat(((Struct) watermark.value()).getInt64("ts_ms")).isEqualTo(1640007049196L);

        // TiCDC's old holds every column; only the changed ones differ.
        Struct update = (Struct) canal.toConnectData("t", bytes(docs.get(3))).value();
        assertThat(update.getStruct("before").get("c_int")).isEqualTo(2147483647);
        assertThat(update.getStruct("after").get("c_int")).isEqualTo(0);

        List<String> employee = lines("recorded/ticdc/tiflow-employee.jsonl");
        Struct hired = (Struct) canal.toConnectData("t", bytes(employee.get(1))).value();
        assertThat(hired.getStruct("before").get("OfficeLocation")).isEqualTo("New York");
        assertThat(hired.getStruct("after").get("OfficeLocation")).isEqualTo("Los Angeles");
        assertThat(hired.getStruct("after").get("HireDate")).isEqualTo((int) java.time.LocalDate.of(2015, 10, 8).toEpochDay());
    }

    @Test
    void ticdcDebeziumProtocolMessagesRead() throws IOException {
        List<String> messages = lines("recorded/ticdc/ticdc-debezium.jsonl");
        OmsFormatConverter debezium = converter(OmsFormat.DEBEZIUM, Map.of());
        SchemaAndValue update = debezium.toConnectData("t", bytes(messages.get(0)));
        Struct e = (Struct) update.value();
        assertThat(update.schema().name()).isEqualTo("test_cluster.test.table1.Envelope");
        assertThat(e.getString("op")).isEqualTo("u");
        assertThat(e.getStruct("before").get("tiny")).isEqualTo((short) 2);
        assertThat(e.getStruct("after").get("tiny")).isEqualTo((short) 1);
        assertThat(e.getStruct("source").getString("db")).isEqualTo("test");
        // The watermark is an op=m envelope without row images: passed through as such (a sink skips op=m).
        Struct watermark = (Struct) debezium.toConnectData("t", bytes(messages.get(1))).value();
        assertThat(watermark.getString("op")).isEqualTo("m");
        assertThat(watermark.schema().field("after")).isNull();
    }

    @Test
    void ticdcTypesReadExactlyWithBareAndFullTypeNames() throws IOException {
        List<String> types = lines("recorded/ticdc/ticdc-types.jsonl");
        OmsFormatConverter canal = converter(OmsFormat.CANAL, Map.of());

        // TiCDC's default: bare type names, so scale and width are unknown.
        Struct bare = ((Struct) canal.toConnectData("t", bytes(types.get(0))).value()).getStruct("after");
        assertThat(DebeziumValues.toBigDecimal(bare.get("c_decimal"))).isEqualTo(new BigDecimal("123.4560"));
        assertThat(DebeziumValues.bitsToLong((byte[]) bare.get("c_bit"))).isEqualTo(65L);
        assertThat(bare.get("c_enum")).isEqualTo(1L);
        assertThat(bare.get("c_set")).isEqualTo(3L);
        assertThat((byte[]) bare.get("c_binary")).isEqualTo("abc\0\0\0\0\0\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(bare.get("c_ubigint")).isEqualTo(new BigDecimal("18446744073709551615"));

        // content-compatible=true: Canal's full type text.
        Struct full = ((Struct) canal.toConnectData("t", bytes(types.get(1))).value()).getStruct("after");
        assertThat(full.get("c_decimal")).isEqualTo(new BigDecimal("123.4560"));
        assertThat(DebeziumValues.bitsToLong((byte[]) full.get("c_bit"))).isEqualTo(65L);
        assertThat(full.get("c_enum")).isEqualTo("a");
        assertThat(full.get("c_set")).isEqualTo("a,b");
        assertThat(full.get("c_ubigint")).isEqualTo(new BigDecimal("18446744073709551615"));
    }

    @Test
    void canalBitOfEightIsTheNumberNotTheCharacter() {
        String message = "{\"database\":\"d\",\"table\":\"t\",\"isDdl\":false,\"type\":\"INSERT\",\"sqlType\":{\"b\":-7},"
                + "\"mysqlType\":{\"b\":\"bit(8)\"},\"data\":[{\"b\":\"5\"}],\"old\":null}";
        Struct after = ((Struct) converter(OmsFormat.CANAL, Map.of()).toConnectData("t", bytes(message)).value())
                .getStruct("after");
        assertThat((byte[]) after.get("b")).containsExactly(5);
    }

    @Test
    void decimalsNeverLoseDigits() {
        String tooPrecise = "{\"database\":\"d\",\"table\":\"t\",\"isDdl\":false,\"type\":\"INSERT\","
                + "\"mysqlType\":{\"x\":\"decimal(10,2)\"},\"data\":[{\"x\":\"1.005\"}],\"old\":null}";
        assertThatThrownBy(() -> converter(OmsFormat.CANAL, Map.of()).toConnectData("t", bytes(tooPrecise)))
                .isInstanceOf(DataException.class).hasMessageContaining("column x").hasMessageContaining("d.t")
                .hasMessageContaining("1.005");
        String trailingZero = tooPrecise.replace("1.005", "1.500");
        Struct after = ((Struct) converter(OmsFormat.CANAL, Map.of()).toConnectData("t", bytes(trailingZero)).value())
                .getStruct("after");
        assertThat(after.get("x")).isEqualTo(new BigDecimal("1.50"));
    }

    // ---- Maxwell (Maxwell's docs; Flink's recorded Maxwell data) ----

    @Test
    void maxwellDocumentedMessagesRead() throws IOException {
        List<String> docs = lines("recorded/maxwell/maxwell-docs.jsonl");
        OmsFormatConverter maxwell = converter(OmsFormat.MAXWELL, Map.of());

        Struct insert = (Struct) maxwell.toConnectData("t", bytes(docs.get(0))).value();
        assertThat(DebeziumValues.toBigDecimal(insert.getStruct("after").get("m"))).isEqualTo(new BigDecimal("4.2341"));
        assertThat(insert.getStruct("source").get("txId")).isEqualTo(23396L);

        // The doc's UPDATE: m has three fraction digits now and had four before.
        Struct update = (Struct) maxwell.toConnectData("t", bytes(docs.get(1))).value();
        assertThat(DebeziumValues.toBigDecimal(update.getStruct("after").get("m"))).isEqualTo(new BigDecimal("5.444"));
        assertThat(DebeziumValues.toBigDecimal(update.getStruct("before").get("m"))).isEqualTo(new BigDecimal("4.2341"));
        assertThat(update.getStruct("before").get("c")).isEqualTo("2016-10-21 05:33:37.523000");

        Struct delete = (Struct) maxwell.toConnectData("t", bytes(docs.get(2))).value();
        assertThat(delete.getString("op")).isEqualTo("d");

        // A SET is a JSON array; with its declared type it is the SET's text.
        OmsFormatConverter typed = converter(OmsFormat.MAXWELL,
                Map.of("column.types", "test_sets.setcol=set('a_val','b_val','c_val')"));
        Struct set = (Struct) typed.toConnectData("t", bytes(docs.get(3))).value();
        assertThat(set.getStruct("after").get("setcol")).isEqualTo("b_val,c_val");

        for (String line : lines("recorded/maxwell/flink-maxwell-data.jsonl")) {
            assertThat(maxwell.toConnectData("t", bytes(line)).value()).isNotNull();
        }
    }

    @Test
    void maxwellBootstrapMarkersCarryNoRowsAndBootstrapRowsAreSnapshotReads() throws IOException {
        List<String> boot = lines("recorded/maxwell/maxwell-bootstrap.jsonl");
        OmsFormatConverter maxwell = converter(OmsFormat.MAXWELL, Map.of());
        assertThat(maxwell.toConnectData("t", bytes(boot.get(2)))).isEqualTo(SchemaAndValue.NULL);
        assertThat(((Struct) maxwell.toConnectData("t", bytes(boot.get(3))).value()).getString("op")).isEqualTo("r");
        assertThat(maxwell.toConnectData("t", bytes(boot.get(5)))).isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void maxwellBinaryBitAndWideIntegersWithDeclaredTypes() {
        String message = "{\"database\":\"d\",\"table\":\"t\",\"type\":\"insert\",\"ts\":1,\"data\":{\"payload\":\"AAH+/0E=\","
                + "\"flags\":5,\"big\":18446744073709551615}}";
        Struct after = ((Struct) converter(OmsFormat.MAXWELL,
                Map.of("column.types", "d.t.payload=varbinary(16);t.flags=bit(8)")).toConnectData("t", bytes(message))
                .value()).getStruct("after");
        assertThat((byte[]) after.get("payload")).containsExactly(0, 1, 0xfe, 0xff, 0x41);
        assertThat((byte[]) after.get("flags")).containsExactly(5);
        // Without a declared type an integer beyond the signed range is still exact (BIGINT UNSIGNED).
        assertThat(after.get("big")).isEqualTo(new BigDecimal("18446744073709551615"));
    }

    // ---- OMS DefaultExtendColumnType ----

    @Test
    void omsTenantDatabaseBitAndUndeclaredDecimal() throws IOException {
        String message = String.join("\n", lines("recorded/oms/oms-extend-type-insert.json"));
        Struct e = (Struct) converter(OmsFormat.DEFAULT_EXTEND_COLUMN_TYPE, Map.of()).toConnectData("t", bytes(message))
                .value();
        assertThat(e.getStruct("source").getString("db")).isEqualTo("shop");
        assertThat(e.getStruct("source").getString("tenant")).isEqualTo("t1");
        assertThat(DebeziumValues.toBigDecimal(e.getStruct("after").get("price"))).isEqualTo(new BigDecimal("12.3450"));
        assertThat(e.getStruct("after").get("flag")).isEqualTo(true);
        assertThat(e.getStruct("after").get("e")).isEqualTo("b"); // OMS writes ENUM names
        assertThat(DebeziumValues.bitsToLong((byte[]) e.getStruct("after").get("bits"))).isEqualTo(5L);
    }

    // ---- helpers ----

    static List<Struct> rows(SchemaAndValue read) {
        Struct value = (Struct) read.value();
        assertThat(read.schema().name()).isEqualTo("io.obkc.converters.RowBatch.Envelope");
        assertThat(value.getString("op")).isEqualTo("batch");
        return value.getArray("rows").stream().map(Struct.class::cast).toList();
    }

    static OmsFormatConverter converter(OmsFormat format, Map<String, String> extra) {
        OmsFormatConverter c = new OmsFormatConverter();
        Map<String, String> config = new HashMap<>(extra);
        config.put("format", format.displayName());
        c.configure(config, false);
        return c;
    }

    static List<String> lines(String resource) throws IOException {
        try (InputStream in = RecordedMessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
