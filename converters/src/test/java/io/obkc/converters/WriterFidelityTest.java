package io.obkc.converters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What each writer puts out for the types whose encoding the real producers fix (sources in docs/formats.md):
 * Canal's LogEventConvert/RowsLogBuffer, Maxwell's ColumnDefs and RowMap, OMS's Base64 BIT and tenant.db.
 */
class WriterFidelityTest {

    static JsonNode write(OmsFormat format, Struct value) throws Exception {
        OmsFormatConverter c = GoldenFilesTest.converter(format, Map.of("key.columns", "shop.kinds:id"));
        return GoldenFilesTest.MAPPER.readTree(c.fromConnectData(TypedEvents.TOPIC, value.schema(), value));
    }

    @Test
    void canalWritesTypesAndValuesAsCanal() throws Exception {
        JsonNode m = write(OmsFormat.CANAL, TypedEvents.insert(1));
        JsonNode sqlType = m.get("sqlType");
        assertThat(sqlType.get("e").asInt()).isEqualTo(4);        // ENUM: Types.INTEGER
        assertThat(sqlType.get("s").asInt()).isEqualTo(-7);       // SET: Types.BIT
        assertThat(sqlType.get("flag").asInt()).isEqualTo(-7);
        assertThat(sqlType.get("bits").asInt()).isEqualTo(-7);
        assertThat(sqlType.get("bin").asInt()).isEqualTo(2004);   // binary: Types.BLOB
        assertThat(sqlType.get("tiny").asInt()).isEqualTo(5);     // 200 > 127: promoted to SMALLINT
        assertThat(sqlType.get("big").asInt()).isEqualTo(3);      // > 2^63-1: promoted to DECIMAL
        JsonNode mysqlType = m.get("mysqlType");
        assertThat(mysqlType.get("e").asText()).isEqualTo("enum('a','b','c')");
        assertThat(mysqlType.get("s").asText()).isEqualTo("set('a','b','c')");
        assertThat(mysqlType.get("bits").asText()).isEqualTo("bit(16)");
        assertThat(mysqlType.get("tiny").asText()).isEqualTo("tinyint(3) unsigned");
        JsonNode row = m.get("data").get(0);
        assertThat(row.get("e").asText()).isEqualTo("2");         // index of 'b'
        assertThat(row.get("s").asText()).isEqualTo("5");         // a|c = 0b101
        assertThat(row.get("flag").asText()).isEqualTo("1");
        assertThat(row.get("bits").asText()).isEqualTo("258");
        assertThat(row.get("bin").asText()).isEqualTo("\u0000\u00ffA\u0000");
        assertThat(row.get("tiny").asText()).isEqualTo("200");
        assertThat(row.get("big").asText()).isEqualTo("18446744073709551615");
    }

    @Test
    void canalOutputReadsBackToTheSameValues() throws Exception {
        Struct value = TypedEvents.insert(1);
        OmsFormatConverter c = GoldenFilesTest.converter(OmsFormat.CANAL, Map.of());
        Struct after = ((Struct) c.toConnectData("t", c.fromConnectData(TypedEvents.TOPIC, value.schema(), value))
                .value()).getStruct("after");
        assertThat(after.get("e")).isEqualTo("b");
        assertThat(after.get("s")).isEqualTo("a,c");
        assertThat(after.get("flag")).isEqualTo(true);
        assertThat((byte[]) after.get("bits")).containsExactly(0x02, 0x01);
        assertThat((byte[]) after.get("bin")).containsExactly(0, 0xff, 'A', 0);
        assertThat(after.get("tiny")).isEqualTo((short) 200);
        assertThat(after.get("big")).isEqualTo(new java.math.BigDecimal("18446744073709551615"));
    }

    @Test
    void maxwellWritesBitsAsNumbersSetsAsArraysAndTransactions() throws Exception {
        JsonNode m = write(OmsFormat.MAXWELL, TypedEvents.insert(1,
                TypedEvents.source("mysql-bin.000003", 4711L, 0, null),
                TypedEvents.transaction("3e11fa47-71ca-11e1-9e33-c80aa9429562:23", 2)));
        JsonNode data = m.get("data");
        assertThat(data.get("flag").isNumber()).isTrue();
        assertThat(data.get("flag").asInt()).isEqualTo(1);
        assertThat(data.get("bits").asInt()).isEqualTo(258);
        assertThat(data.get("s").isArray()).isTrue();
        assertThat(data.get("s").toString()).isEqualTo("[\"a\",\"c\"]");
        assertThat(data.get("e").asText()).isEqualTo("b");
        assertThat(data.get("bin").asText()).isEqualTo("AP9BAA==");
        assertThat(m.get("xid").asLong()).isEqualTo(23L);
        assertThat(m.get("xoffset").asLong()).isEqualTo(1L);
        assertThat(m.has("commit")).isFalse();
    }

    @Test
    void omsWritesBitAsBase64OfMysqlBytesAndTenantDotDatabase() throws Exception {
        JsonNode m = write(OmsFormat.DEFAULT, TypedEvents.insert(1,
                TypedEvents.source("mysql-bin.000003", 4711L, 0, "t1"), null));
        assertThat(m.get("postStruct").get("flag").asText()).isEqualTo("AQ==");
        assertThat(m.get("postStruct").get("bits").asText()).isEqualTo("AQI=");   // big-endian 0x0102
        assertThat(m.get("allMetaData").get("db").asText()).isEqualTo("t1.shop");
        // ... and the OMS reader splits it again.
        OmsFormatConverter c = GoldenFilesTest.converter(OmsFormat.DEFAULT_EXTEND_COLUMN_TYPE, Map.of("db.type", "OB_MYSQL"));
        Struct value = TypedEvents.insert(1, TypedEvents.source("mysql-bin.000003", 4711L, 0, "t1"), null);
        Struct read = (Struct) c.toConnectData("t", c.fromConnectData(TypedEvents.TOPIC, value.schema(), value)).value();
        assertThat(read.getStruct("source").getString("tenant")).isEqualTo("t1");
        assertThat(read.getStruct("source").getString("db")).isEqualTo("shop");
        assertThat(read.getStruct("after").get("flag")).isEqualTo(true);
        assertThat((byte[]) read.getStruct("after").get("bits")).containsExactly(0x02, 0x01);
    }

    /**
     * OMS consumers drop records at or below their checkpoint, so storeDataSequence must grow along the log even
     * when the task restarts and Connect replays from the last committed offset: a new converter instance (the
     * restarted task) continues above what the old one wrote.
     */
    @Test
    void storeDataSequenceIncreasesAlongTheLogAcrossRestarts() throws Exception {
        List<Struct> log = new ArrayList<>();
        for (int file = 3; file <= 4; file++) {
            for (long pos = 4; pos <= 200_004; pos += 100_000) {
                for (int row = 0; row < 3; row++) {
                    log.add(TypedEvents.insert(row, TypedEvents.source("mysql-bin.00000" + file, pos, row, null), null));
                }
            }
        }
        List<Long> first = sequences(log.subList(0, 12));          // the task writes 12 records, then dies
        List<Long> afterRestart = sequences(log.subList(9, log.size())); // replay from a committed offset, then on
        assertThat(first).isSorted().doesNotHaveDuplicates();
        assertThat(afterRestart).isSorted().doesNotHaveDuplicates();
        // The replayed records get the same numbers again (duplicates an OMS consumer drops as already seen) ...
        assertThat(afterRestart.subList(0, 3)).isEqualTo(first.subList(9, 12));
        // ... and every record the old task did not write lies above everything it wrote.
        assertThat(afterRestart.get(3)).isGreaterThan(first.get(first.size() - 1));
    }

    private static List<Long> sequences(List<Struct> records) throws Exception {
        OmsFormatConverter c = GoldenFilesTest.converter(OmsFormat.DEFAULT, Map.of());
        List<Long> out = new ArrayList<>();
        for (Struct r : records) {
            JsonNode m = GoldenFilesTest.MAPPER.readTree(c.fromConnectData(TypedEvents.TOPIC, r.schema(), r));
            out.add(m.get("allMetaData").get("storeDataSequence").asLong());
        }
        return out;
    }
}
