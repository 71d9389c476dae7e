package io.obkc.converters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.obkc.converters.event.ChangeEvent;
import io.obkc.converters.event.ChangeEventParser;
import io.obkc.converters.event.KeyColumns;
import io.obkc.converters.event.Operation;

/**
 * fromConnectData then toConnectData gives back a Debezium-style envelope with the same operation, table and
 * row values, for every readable format. Values are compared in canonical form (what {@link ChangeEventParser}
 * makes of them), so a MicroTimestamp that comes back as a MicroTimestamp, or a ZonedTimestamp whose offset was
 * normalised to UTC, count as the same value, while any changed digit, byte or null does not.
 */
class RoundTripTest {

    private static final ChangeEventParser PARSER = new ChangeEventParser(KeyColumns.parse("*:id"));
    private static final Map<String, Supplier<Struct>> CASES = Map.of(
            "insert", ChangeEvents::insert,
            "update", ChangeEvents::update,
            "delete", ChangeEvents::delete,
            "read", ChangeEvents::snapshotRead);

    @ParameterizedTest(name = "{0} {1} zone={2}")
    @CsvSource({
            "DefaultExtendColumnType, insert, UTC", "DefaultExtendColumnType, update, UTC",
            "DefaultExtendColumnType, delete, UTC", "DefaultExtendColumnType, read, UTC",
            "Canal, insert, UTC", "Canal, update, UTC", "Canal, delete, UTC",
            "Canal, update, Asia/Shanghai", "Canal, delete, America/New_York",
            "Debezium, insert, UTC", "Debezium, update, UTC", "Debezium, delete, UTC", "Debezium, read, UTC"})
    void typedFormatsGiveBackTheSameRowValues(String format, String caseName, String zone) {
        Struct original = CASES.get(caseName).get();
        OmsFormatConverter converter = GoldenFilesTest.converter(OmsFormat.parse(format), Map.of("time.zone", zone));

        byte[] bytes = converter.fromConnectData(ChangeEvents.TOPIC, original.schema(), original);
        SchemaAndValue read = converter.toConnectData(ChangeEvents.TOPIC, bytes);

        ChangeEvent expected = PARSER.parse(ChangeEvents.TOPIC, original.schema(), original);
        ChangeEvent actual = PARSER.parse(ChangeEvents.TOPIC, read.schema(), read.value());
        assertSameChange(actual, expected, format.equals("Canal") && caseName.equals("read"));
    }

    @Test
    void debeziumWithSchemaGivesBackTheIdenticalStruct() {
        OmsFormatConverter converter = GoldenFilesTest.converter(OmsFormat.DEBEZIUM, Map.of());
        for (Struct original : List.of(ChangeEvents.insert(), ChangeEvents.update(), ChangeEvents.delete(),
                ChangeEvents.ddl())) {
            byte[] bytes = converter.fromConnectData(ChangeEvents.TOPIC, original.schema(), original);
            SchemaAndValue read = converter.toConnectData(ChangeEvents.TOPIC, bytes);
            assertThat(read.schema()).isEqualTo(original.schema());
            assertThat(read.value()).isEqualTo(original);
        }
    }

    @Test
    void plainDefaultGivesBackEveryValueAsItsText() {
        OmsFormatConverter converter = GoldenFilesTest.converter(OmsFormat.DEFAULT, Map.of());
        Struct original = ChangeEvents.update();
        SchemaAndValue read = converter.toConnectData(ChangeEvents.TOPIC,
                converter.fromConnectData(ChangeEvents.TOPIC, original.schema(), original));
        Struct after = ((Struct) read.value()).getStruct("after");
        assertThat(((Struct) read.value()).getString("op")).isEqualTo("u");
        assertThat(after.getString("amount")).isEqualTo("-99.99");
        assertThat(after.getString("updated_at")).isEqualTo("1709341200.000");
        assertThat(after.getString("payload")).isEqualTo("AAH+/0E=");
        assertThat(((Struct) read.value()).getStruct("before").getString("note")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"insert", "update", "delete", "read"})
    void maxwellKeepsTypedValuesAndRewritesIdentically(String caseName) throws Exception {
        Struct original = CASES.get(caseName).get();
        OmsFormatConverter converter = GoldenFilesTest.converter(OmsFormat.MAXWELL, Map.of());
        byte[] first = converter.fromConnectData(ChangeEvents.TOPIC, original.schema(), original);
        SchemaAndValue read = converter.toConnectData(ChangeEvents.TOPIC, first);
        byte[] second = converter.fromConnectData(ChangeEvents.TOPIC, read.schema(), read.value());
        assertThat(GoldenFilesTest.MAPPER.readTree(second)).isEqualTo(GoldenFilesTest.MAPPER.readTree(first));

        // Maxwell carries JSON types, not SQL types: numbers, booleans, JSON and NULL come back as such.
        ChangeEvent expected = PARSER.parse(ChangeEvents.TOPIC, original.schema(), original);
        ChangeEvent actual = PARSER.parse(ChangeEvents.TOPIC, read.schema(), read.value());
        assertThat(actual.operation()).isEqualTo(expected.operation());
        for (String column : List.of("id", "name", "amount", "note", "ratio")) {
            assertThat(value(actual, column)).as(column).isEqualTo(normalised(value(expected, column)));
        }
        // Maxwell writes BIT(1) as the number 1, as its BitColumnDef does; without column.types it reads as one.
        assertThat(value(actual, "active")).isEqualTo(1L);
        assertThat(value(actual, "attrs")).isEqualTo("{\"tags\":[\"a\",\"b\"],\"n\":1}");
    }

    @Test
    void ddlAndHeartbeatsComeBackAsDebeziumShapedRecords() {
        Struct ddl = ChangeEvents.ddl();
        for (OmsFormat format : List.of(OmsFormat.DEFAULT, OmsFormat.DEFAULT_EXTEND_COLUMN_TYPE, OmsFormat.CANAL,
                OmsFormat.MAXWELL)) {
            OmsFormatConverter converter = GoldenFilesTest.converter(format, Map.of());
            SchemaAndValue read = converter.toConnectData(ChangeEvents.TOPIC,
                    converter.fromConnectData(ChangeEvents.TOPIC, ddl.schema(), ddl));
            assertThat(read.schema().name()).as(format.name()).endsWith("SchemaChangeValue");
            ChangeEvent event = PARSER.parse(ChangeEvents.TOPIC, read.schema(), read.value());
            assertThat(event.operation()).isEqualTo(Operation.DDL);
            assertThat(event.ddl()).isEqualTo(ddl.getString("ddl"));
            assertThat(event.database()).isEqualTo("shop");
        }
        OmsFormatConverter oms = GoldenFilesTest.converter(OmsFormat.DEFAULT, Map.of());
        Struct heartbeat = ChangeEvents.heartbeat();
        SchemaAndValue read = oms.toConnectData("hb", oms.fromConnectData("hb", heartbeat.schema(), heartbeat));
        assertThat(PARSER.parse("hb", read.schema(), read.value()).operation()).isEqualTo(Operation.HEARTBEAT);
    }

    private static Object value(ChangeEvent e, String column) {
        return e.currentImage()[e.columnIndex(column)];
    }

    private static Object normalised(Object v) {
        return v instanceof Double d ? new java.math.BigDecimal(d.toString()) : v;
    }

    private static void assertSameChange(ChangeEvent actual, ChangeEvent expected, boolean readBecomesInsert) {
        assertThat(actual.operation()).isEqualTo(readBecomesInsert ? Operation.CREATE : expected.operation());
        assertThat(actual.database()).isEqualTo(expected.database());
        assertThat(actual.table()).isEqualTo(expected.table());
        assertThat(actual.columns()).extracting(c -> c.name())
                .containsExactlyElementsOf(expected.columns().stream().map(c -> c.name()).toList());
        assertImage(actual.before(), expected.before(), "before");
        assertImage(actual.after(), expected.after(), "after");
    }

    private static void assertImage(Object[] actual, Object[] expected, String which) {
        if (expected == null) {
            assertThat(actual).as(which).isNull();
            return;
        }
        assertThat(actual).as(which).isNotNull();
        for (int i = 0; i < expected.length; i++) {
            assertThat(Arrays.deepEquals(new Object[] {actual[i]}, new Object[] {expected[i]}))
                    .as("%s[%d]: %s (%s) vs %s (%s)", which, i, actual[i], actual[i] == null ? null : actual[i].getClass(), expected[i], expected[i] == null ? null : expected[i].getClass()).isTrue();
        }
    }
}
