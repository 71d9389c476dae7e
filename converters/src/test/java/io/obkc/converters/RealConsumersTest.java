package io.obkc.converters;

import static org.apache.flink.table.api.DataTypes.ARRAY;
import static org.apache.flink.table.api.DataTypes.BIGINT;
import static org.apache.flink.table.api.DataTypes.BOOLEAN;
import static org.apache.flink.table.api.DataTypes.BYTES;
import static org.apache.flink.table.api.DataTypes.DATE;
import static org.apache.flink.table.api.DataTypes.DECIMAL;
import static org.apache.flink.table.api.DataTypes.DOUBLE;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.INT;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.SMALLINT;
import static org.apache.flink.table.api.DataTypes.STRING;
import static org.apache.flink.table.api.DataTypes.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.canal.CanalJsonDeserializationSchema;
import org.apache.flink.formats.json.debezium.DebeziumJsonDeserializationSchema;
import org.apache.flink.formats.json.maxwell.MaxwellJsonDeserializationSchema;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import com.alibaba.fastjson2.JSON;
import com.alibaba.otter.canal.protocol.FlatMessage;

/**
 * Real consumers parse our output: Flink 1.20's canal-json, maxwell-json and debezium-json deserializers, and
 * Canal's own FlatMessage class read with fastjson2 as Canal's Kafka/RocketMQ clients do. Each value is checked.
 * Where a consumer cannot take a record kind, the test shows it refuses the original producer's message the same
 * way (recorded messages, see recorded/README.md).
 */
class RealConsumersTest {

    // The golden row (ChangeEvents) as a Flink table declares it for Canal: Canal writes BIT(1) as "1" and binary as
    // ISO-8859-1 text, so those are INT and STRING (Flink's BOOLEAN would read "1" as false, BYTES expects Base64).
    static final DataType CANAL_ROW = ROW(FIELD("id", INT()), FIELD("name", STRING()), FIELD("amount", DECIMAL(10, 2)),
            FIELD("created_at", TIMESTAMP(6)), FIELD("updated_at", TIMESTAMP(3)), FIELD("birthday", DATE()),
            FIELD("payload", STRING()), FIELD("attrs", STRING()), FIELD("note", STRING()), FIELD("active", INT()),
            FIELD("ratio", DOUBLE()));

    static final DataType MAXWELL_ROW = ROW(FIELD("id", INT()), FIELD("name", STRING()), FIELD("amount", DECIMAL(10, 2)),
            FIELD("created_at", TIMESTAMP(6)), FIELD("updated_at", TIMESTAMP(3)), FIELD("birthday", DATE()),
            FIELD("payload", BYTES()), FIELD("attrs", STRING()), FIELD("note", STRING()), FIELD("active", INT()),
            FIELD("ratio", DOUBLE()));

    // Debezium's own encodings, as any debezium-json table over a Debezium MySQL topic declares them.
    static final DataType DEBEZIUM_ROW = ROW(FIELD("id", INT()), FIELD("name", STRING()), FIELD("amount", DECIMAL(10, 2)),
            FIELD("created_at", BIGINT()), FIELD("updated_at", STRING()), FIELD("birthday", INT()),
            FIELD("payload", BYTES()), FIELD("attrs", STRING()), FIELD("note", STRING()), FIELD("active", BOOLEAN()),
            FIELD("ratio", DOUBLE()));

    static final DataType KINDS_CANAL = ROW(FIELD("id", INT()), FIELD("e", INT()), FIELD("s", BIGINT()),
            FIELD("flag", INT()), FIELD("bits", BIGINT()), FIELD("bin", STRING()), FIELD("tiny", SMALLINT()),
            FIELD("big", DECIMAL(20, 0)));

    static final DataType KINDS_MAXWELL = ROW(FIELD("id", INT()), FIELD("e", STRING()), FIELD("s", ARRAY(STRING())),
            FIELD("flag", INT()), FIELD("bits", BIGINT()), FIELD("bin", BYTES()), FIELD("tiny", SMALLINT()),
            FIELD("big", DECIMAL(20, 0)));

    // ---- Flink canal-json ----

    @Test
    void flinkCanalJsonReadsEveryRowKindAndValue() throws Exception {
        DeserializationSchema<RowData> flink = canal(CANAL_ROW);
        List<RowData> insert = read(flink, write(OmsFormat.CANAL, ChangeEvents.insert()));
        assertThat(insert).hasSize(1);
        assertGoldenRow(insert.get(0), RowKind.INSERT, "Alice", "1234.50");
        assertThat(insert.get(0).getString(6).toString()).isEqualTo(new String(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff, 'A'},
                StandardCharsets.ISO_8859_1));
        assertThat(insert.get(0).getInt(9)).isEqualTo(1);

        List<RowData> update = read(flink, write(OmsFormat.CANAL, ChangeEvents.update()));
        assertThat(update).extracting(RowData::getRowKind).containsExactly(RowKind.UPDATE_BEFORE, RowKind.UPDATE_AFTER);
        assertGoldenRow(update.get(0), RowKind.UPDATE_BEFORE, "Alice", "1234.50");
        assertGoldenRow(update.get(1), RowKind.UPDATE_AFTER, "Alicia", "-99.99");
        assertThat(update.get(1).getString(8).toString()).isEqualTo("vip \"gold\" ✓");

        List<RowData> delete = read(flink, write(OmsFormat.CANAL, ChangeEvents.delete()));
        assertGoldenRow(delete.get(0), RowKind.DELETE, "Alicia", "-99.99");

        assertThat(read(flink, write(OmsFormat.CANAL, ChangeEvents.snapshotRead()))).extracting(RowData::getRowKind)
                .containsExactly(RowKind.INSERT);
    }

    @Test
    void flinkCanalJsonReadsEnumSetBitBinaryAndUnsigned() throws Exception {
        RowData row = read(canal(KINDS_CANAL), write(OmsFormat.CANAL, TypedEvents.insert(1))).get(0);
        assertThat(row.getInt(1)).isEqualTo(2);            // ENUM 'b' as Canal's index
        assertThat(row.getLong(2)).isEqualTo(5L);          // SET 'a,c' as Canal's bitmask
        assertThat(row.getInt(3)).isEqualTo(1);
        assertThat(row.getLong(4)).isEqualTo(258L);
        assertThat(row.getString(5).toString()).isEqualTo("\u0000\u00ffA\u0000");
        assertThat(row.getShort(6)).isEqualTo((short) 200);
        assertThat(row.getDecimal(7, 20, 0).toBigDecimal()).isEqualTo(new BigDecimal("18446744073709551615"));
    }

    @Test
    void flinkCanalJsonTakesDdlFromUsAsFromCanalAndTicdc() throws Exception {
        DeserializationSchema<RowData> flink = canal(CANAL_ROW);
        // Flink skips a CREATE (Canal's recorded CREATE TABLE, and ours) ...
        String canalCreate = RecordedMessagesTest.lines("recorded/canal/flink-canal-data.jsonl").get(4);
        assertThat(read(flink, canalCreate.getBytes(StandardCharsets.UTF_8))).isEmpty();
        Struct create = ChangeEvents.ddl().put("ddl", "CREATE TABLE orders (id INT PRIMARY KEY)");
        assertThat(read(flink, write(OmsFormat.CANAL, create))).isEmpty();
        // ... and refuses any other DDL type: TiCDC's recorded QUERY as our ALTER (Canal's type for ALTER TABLE).
        String ticdcQuery = RecordedMessagesTest.lines("recorded/ticdc/ticdc-docs.jsonl").get(0);
        assertThatThrownBy(() -> read(flink, ticdcQuery.getBytes(StandardCharsets.UTF_8)))
                .hasStackTraceContaining("Unknown \"type\" value \"QUERY\"");
        assertThatThrownBy(() -> read(flink, write(OmsFormat.CANAL, ChangeEvents.ddl())))
                .hasStackTraceContaining("Unknown \"type\" value \"ALTER\"");
    }

    // ---- Canal's FlatMessage (as Canal's clients parse it) ----

    @Test
    void canalFlatMessageParsesOurOutput() throws Exception {
        for (Struct event : List.of(ChangeEvents.insert(), ChangeEvents.update(), ChangeEvents.delete(), ChangeEvents.ddl())) {
            FlatMessage m = JSON.parseObject(write(OmsFormat.CANAL, event), FlatMessage.class);
            assertThat(m.getDatabase()).isEqualTo("shop");
            assertThat(m.getTable()).isEqualTo("orders");
            if (event.schema().name().endsWith("SchemaChangeValue")) {
                assertThat(m.getIsDdl()).isTrue();
                assertThat(m.getType()).isEqualTo("ALTER");
                assertThat(m.getSql()).startsWith("ALTER TABLE orders");
                continue;
            }
            assertThat(m.getIsDdl()).isFalse();
            assertThat(m.getPkNames()).containsExactly("id");
            assertThat(m.getSqlType()).containsEntry("payload", 2004).containsEntry("amount", 3).containsEntry("active", -7);
            assertThat(m.getMysqlType()).containsEntry("amount", "decimal(10,2)").containsEntry("created_at", "datetime(6)");
            assertThat(m.getData()).hasSize(1);
            assertThat(m.getData().get(0)).containsEntry("id", "1").containsEntry("birthday", "1990-05-17")
                    .containsEntry("created_at", "2024-03-01 12:34:56.123456").containsEntry("active", "1");
        }
        FlatMessage update = JSON.parseObject(write(OmsFormat.CANAL, ChangeEvents.update()), FlatMessage.class);
        assertThat(update.getType()).isEqualTo("UPDATE");
        assertThat(update.getOld().get(0)).containsOnlyKeys("name", "amount", "updated_at", "note")
                .containsEntry("amount", "1234.50");

        FlatMessage kinds = JSON.parseObject(write(OmsFormat.CANAL, TypedEvents.insert(1)), FlatMessage.class);
        assertThat(kinds.getSqlType()).containsEntry("e", 4).containsEntry("s", -7).containsEntry("bin", 2004);
        assertThat(kinds.getMysqlType()).containsEntry("e", "enum('a','b','c')");
        assertThat(kinds.getData().get(0)).containsEntry("e", "2").containsEntry("s", "5").containsEntry("bits", "258");
    }

    // ---- Flink maxwell-json ----

    @Test
    void flinkMaxwellJsonReadsEveryRowKindAndValue() throws Exception {
        DeserializationSchema<RowData> flink = maxwell(MAXWELL_ROW);
        RowData insert = read(flink, write(OmsFormat.MAXWELL, ChangeEvents.insert())).get(0);
        assertGoldenRow(insert, RowKind.INSERT, "Alice", "1234.50");
        assertThat(insert.getBinary(6)).containsExactly(0, 1, 0xfe, 0xff, 'A');
        assertThat(insert.getString(7).toString()).isEqualTo("{\"tags\":[\"a\",\"b\"],\"n\":1}");

        List<RowData> update = read(flink, write(OmsFormat.MAXWELL, ChangeEvents.update()));
        assertGoldenRow(update.get(0), RowKind.UPDATE_BEFORE, "Alice", "1234.50");
        assertGoldenRow(update.get(1), RowKind.UPDATE_AFTER, "Alicia", "-99.99");
        assertGoldenRow(read(flink, write(OmsFormat.MAXWELL, ChangeEvents.delete())).get(0), RowKind.DELETE, "Alicia", "-99.99");

        RowData kinds = read(maxwell(KINDS_MAXWELL), write(OmsFormat.MAXWELL, TypedEvents.insert(1))).get(0);
        assertThat(kinds.getString(1).toString()).isEqualTo("b");
        assertThat(kinds.getArray(2).size()).isEqualTo(2);
        assertThat(kinds.getArray(2).getString(1).toString()).isEqualTo("c");
        assertThat(kinds.getInt(3)).isEqualTo(1);
        assertThat(kinds.getLong(4)).isEqualTo(258L);
        assertThat(kinds.getBinary(5)).containsExactly(0, 0xff, 'A', 0);
        assertThat(kinds.getDecimal(7, 20, 0).toBigDecimal()).isEqualTo(new BigDecimal("18446744073709551615"));
    }

    @Test
    void flinkMaxwellJsonRefusesBootstrapAndDdlFromUsAsFromMaxwell() throws Exception {
        DeserializationSchema<RowData> flink = maxwell(ROW(FIELD("txt", STRING())));
        List<String> recorded = RecordedMessagesTest.lines("recorded/maxwell/maxwell-bootstrap.jsonl");
        for (int i = 2; i <= 5; i++) {
            byte[] maxwellsOwn = recorded.get(i).getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> read(flink, maxwellsOwn)).as(recorded.get(i)).hasStackTraceContaining("Unknown \"type\"");
        }
        DeserializationSchema<RowData> golden = maxwell(MAXWELL_ROW);
        assertThatThrownBy(() -> read(golden, write(OmsFormat.MAXWELL, ChangeEvents.snapshotRead())))
                .hasStackTraceContaining("Unknown \"type\" value \"bootstrap-insert\"");
        assertThatThrownBy(() -> read(golden, write(OmsFormat.MAXWELL, ChangeEvents.ddl())))
                .hasStackTraceContaining("Unknown \"type\" value \"table-alter\"");
    }

    // ---- Flink debezium-json ----

    @Test
    void flinkDebeziumJsonReadsEveryRowKindAndValue() throws Exception {
        DeserializationSchema<RowData> flink = new DebeziumJsonDeserializationSchema(DEBEZIUM_ROW, List.of(), PRODUCED,
                true, false, TimestampFormat.SQL);
        flink.open(CONTEXT);
        Map<String, String> numeric = Map.of("decimal.format", "NUMERIC");
        RowData insert = read(flink, write(OmsFormat.DEBEZIUM, ChangeEvents.insert(), numeric)).get(0);
        assertThat(insert.getRowKind()).isEqualTo(RowKind.INSERT);
        assertThat(insert.getInt(0)).isEqualTo(1);
        assertThat(insert.getDecimal(2, 10, 2).toBigDecimal()).isEqualTo(new BigDecimal("1234.50"));
        assertThat(insert.getLong(3)).isEqualTo(ChangeEvents.micros(LocalDateTime.of(2024, 3, 1, 12, 34, 56, 123_456_000)));
        assertThat(insert.getInt(5)).isEqualTo((int) LocalDate.of(1990, 5, 17).toEpochDay());
        assertThat(insert.getBinary(6)).containsExactly(0, 1, 0xfe, 0xff, 'A');
        assertThat(insert.getBoolean(9)).isTrue();
        assertThat(read(flink, write(OmsFormat.DEBEZIUM, ChangeEvents.update(), numeric))).extracting(RowData::getRowKind)
                .containsExactly(RowKind.UPDATE_BEFORE, RowKind.UPDATE_AFTER);
        assertThat(read(flink, write(OmsFormat.DEBEZIUM, ChangeEvents.delete(), numeric))).extracting(RowData::getRowKind)
                .containsExactly(RowKind.DELETE);
        assertThat(read(flink, write(OmsFormat.DEBEZIUM, ChangeEvents.snapshotRead(), numeric))).extracting(RowData::getRowKind)
                .containsExactly(RowKind.INSERT);
    }

    // ---- helpers ----

    private static void assertGoldenRow(RowData row, RowKind kind, String name, String amount) {
        assertThat(row.getRowKind()).isEqualTo(kind);
        assertThat(row.getInt(0)).isEqualTo(1);
        assertThat(row.getString(1).toString()).isEqualTo(name);
        DecimalData d = row.getDecimal(2, 10, 2);
        assertThat(d.toBigDecimal()).isEqualTo(new BigDecimal(amount));
        assertThat(row.getTimestamp(3, 6)).isEqualTo(TimestampData.fromLocalDateTime(
                LocalDateTime.of(2024, 3, 1, 12, 34, 56, 123_456_000)));
        assertThat(row.getInt(5)).isEqualTo((int) LocalDate.of(1990, 5, 17).toEpochDay());
        assertThat(row.getDouble(10)).isEqualTo(0.25);
    }

    /** Only reported by getProducedType(); Flink's table planner would pass InternalTypeInfo here. */
    static final org.apache.flink.api.common.typeinfo.TypeInformation<RowData> PRODUCED =
            org.apache.flink.api.common.typeinfo.TypeInformation.of(RowData.class);

    /** What a Flink task hands a format when it opens it; these formats use neither metrics nor class loading. */
    static final DeserializationSchema.InitializationContext CONTEXT = new DeserializationSchema.InitializationContext() {
        @Override
        public org.apache.flink.metrics.MetricGroup getMetricGroup() {
            return new org.apache.flink.metrics.groups.UnregisteredMetricsGroup();
        }

        @Override
        public org.apache.flink.util.UserCodeClassLoader getUserCodeClassLoader() {
            return new org.apache.flink.util.UserCodeClassLoader() {
                @Override
                public ClassLoader asClassLoader() {
                    return RealConsumersTest.class.getClassLoader();
                }

                @Override
                public void registerReleaseHookIfAbsent(String name, Runnable hook) {
                }
            };
        }
    };

    static DeserializationSchema<RowData> canal(DataType row) throws Exception {
        DeserializationSchema<RowData> s = CanalJsonDeserializationSchema.builder(row, List.of(), PRODUCED)
                .setTimestampFormat(TimestampFormat.SQL).build();
        s.open(CONTEXT);
        return s;
    }

    static DeserializationSchema<RowData> maxwell(DataType row) throws Exception {
        DeserializationSchema<RowData> s = new MaxwellJsonDeserializationSchema(row, List.of(), PRODUCED, false,
                TimestampFormat.SQL);
        s.open(CONTEXT);
        return s;
    }

    static byte[] write(OmsFormat format, Struct value) {
        return write(format, value, Map.of());
    }

    static byte[] write(OmsFormat format, Struct value, Map<String, String> extra) {
        String topic = value.schema().name().startsWith("srv.shop.kinds") ? TypedEvents.TOPIC : ChangeEvents.TOPIC;
        Map<String, String> config = new java.util.HashMap<>(extra);
        config.put("key.columns", "shop.orders:id;shop.kinds:id");
        return GoldenFilesTest.converter(format, config).fromConnectData(topic, value.schema(), value);
    }

    static List<RowData> read(DeserializationSchema<RowData> schema, byte[] message) throws Exception {
        List<RowData> out = new ArrayList<>();
        schema.deserialize(message, new Collector<>() {
            @Override
            public void collect(RowData record) {
                out.add(record);
            }

            @Override
            public void close() {
            }
        });
        return out;
    }
}
