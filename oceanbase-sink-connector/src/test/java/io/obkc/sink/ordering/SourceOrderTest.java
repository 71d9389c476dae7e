package io.obkc.sink.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class SourceOrderTest {
    static final Schema BINLOG = SchemaBuilder.struct().field("file", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA)
            .field("row", Schema.INT32_SCHEMA).build();
    static final Schema PG = SchemaBuilder.struct().field("lsn", Schema.OPTIONAL_INT64_SCHEMA).build();

    static BigDecimal binlog(String file, long pos, int row) {
        return SourceOrder.of(new Struct(BINLOG).put("file", file).put("pos", pos).put("row", row));
    }

    @Test
    void binlogPositionsOrderByFileThenPositionThenRow() {
        assertThat(binlog("mysql-bin.000002", 4, 0)).isGreaterThan(binlog("mysql-bin.000001", 4_000_000_000L, 999_999));
        assertThat(binlog("mysql-bin.000001", 1_000, 0)).isGreaterThan(binlog("mysql-bin.000001", 999, 7));
        assertThat(binlog("mysql-bin.000001", 1_000, 2)).isGreaterThan(binlog("mysql-bin.000001", 1_000, 1));
        assertThat(binlog("mariadb-bin.000123", 4711, 3)).isEqualByComparingTo(new BigDecimal("1230000004711000003"));
    }

    @Test
    void positionsOutsideTheEncodingAreNotGuessed() {
        assertThat(binlog("binlog", 4, 0)).isNull();
        assertThat(binlog("mysql-bin.000001", 10_000_000_000L, 0)).isNull();
    }

    static final Schema OB = SchemaBuilder.struct().field("file", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA)
            .field("row", Schema.INT32_SCHEMA).field("scn", Schema.OPTIONAL_INT64_SCHEMA).build();
    static final Schema TX = SchemaBuilder.struct().optional().field("id", Schema.STRING_SCHEMA).field("total_order", Schema.INT64_SCHEMA)
            .field("data_collection_order", Schema.INT64_SCHEMA).build();
    static final Schema OB_ENVELOPE = SchemaBuilder.struct().field("source", OB).field("transaction", TX).build();

    static BigDecimal changelog(long scn, Long order) {
        Struct v = new Struct(OB_ENVELOPE).put("source", new Struct(OB).put("file", "").put("pos", 0L).put("row", 0).put("scn", scn));
        if (order != null) {
            v.put("transaction", new Struct(TX).put("id", scn + ":1").put("total_order", order).put("data_collection_order", order));
        }
        return SourceOrder.of(new org.apache.kafka.connect.sink.SinkRecord("t", 0, null, null, OB_ENVELOPE, v, 0));
    }

    @Test
    void oceanBaseChangelogEventsOrderByCommitScnThenTheirPlaceInTheTransaction() {
        assertThat(changelog(1_796_095_454_879_212_345L, 1L)).isNotNull();
        assertThat(changelog(1_796_095_454_879_212_346L, 1L)).isGreaterThan(changelog(1_796_095_454_879_212_345L, 9L));
        assertThat(changelog(1_796_095_454_879_212_345L, 2L)).isGreaterThan(changelog(1_796_095_454_879_212_345L, 1L));
        assertThat(changelog(1_796_095_454_879_212_345L, null)).isEqualByComparingTo(new BigDecimal("1796095454879212345000000"));
        // A binlog-mode event of the same source carries the file: ordered by binlog position, not the (null) scn.
        assertThat(SourceOrder.of(new Struct(OB).put("file", "mysql-bin.000002").put("pos", 4L).put("row", 0)))
                .isEqualByComparingTo(binlog("mysql-bin.000002", 4, 0));
    }

    @Test
    void postgresLsnIsUnsigned() {
        assertThat(SourceOrder.of(new Struct(PG).put("lsn", -1L))).isEqualByComparingTo(new BigDecimal("18446744073709551615"));
        assertThat(SourceOrder.of(new Struct(PG).put("lsn", 24_023_128L))).isEqualByComparingTo(new BigDecimal("24023128"));
        assertThat(SourceOrder.of(new Struct(PG))).isNull();
    }
}
