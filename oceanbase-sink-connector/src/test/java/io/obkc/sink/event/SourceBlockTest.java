package io.obkc.sink.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * SourceBlock keeps the fields of the last schemas it saw; read through one reader, a mix of envelope and source
 * schemas must give what a fresh reader gives record by record, and what the source block says.
 */
class SourceBlockTest {
    private static final Schema ROW = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final Schema MYSQL_SOURCE = SchemaBuilder.struct().field("file", Schema.OPTIONAL_STRING_SCHEMA)
            .field("pos", Schema.OPTIONAL_INT64_SCHEMA).field("db", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("snapshot", SchemaBuilder.string().optional().defaultValue("false").build()).optional().build();
    /** Fields in another order: indexes differ, names do not. */
    private static final Schema MYSQL_SOURCE_2 = SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA)
            .field("file", Schema.STRING_SCHEMA).field("snapshot", Schema.OPTIONAL_BOOLEAN_SCHEMA).optional().build();
    private static final Schema PG_SOURCE = SchemaBuilder.struct().field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).optional().build();

    private static Schema envelope(Schema source) {
        return SchemaBuilder.struct().name("x.Envelope").field("after", ROW).field("source", source).field("op", Schema.STRING_SCHEMA).build();
    }

    private static final Schema E1 = envelope(MYSQL_SOURCE);
    private static final Schema E2 = envelope(MYSQL_SOURCE_2);
    private static final Schema E3 = envelope(PG_SOURCE);
    /** "source" that is not a struct. */
    private static final Schema E4 = SchemaBuilder.struct().field("after", ROW).field("source", Schema.OPTIONAL_STRING_SCHEMA)
            .field("op", Schema.STRING_SCHEMA).build();

    private static Struct value(Schema envelope, Object source) {
        return new Struct(envelope).put("after", new Struct(ROW).put("id", 1)).put("source", source).put("op", "c");
    }

    private static Struct mysql(String file, Long pos) {
        return new Struct(MYSQL_SOURCE).put("file", file).put("pos", pos).put("db", "d");
    }

    @Test
    void binlogPositionsThroughOneReaderAreThoseOfAFreshReaderPerRecord() {
        List<Object> values = new ArrayList<>();
        values.add(value(E1, mysql("bin.000002", 154L)));
        values.add(value(E1, mysql("bin.000002", 900L)));
        values.add(value(E1, mysql("", 900L)));
        values.add(value(E1, mysql("bin.000003", null)));
        values.add(value(E1, null));
        values.add(value(E2, new Struct(MYSQL_SOURCE_2).put("file", "bin.000007").put("pos", 4L).put("db", "d")));
        values.add(value(E1, mysql("bin.000009", 5L)));
        values.add(value(E3, new Struct(PG_SOURCE).put("lsn", 77L)));
        values.add(value(E4, "not a struct"));
        values.add(new Struct(ROW).put("id", 2));
        values.add(null);
        values.add(value(E2, new Struct(MYSQL_SOURCE_2).put("file", "bin.000008").put("pos", 6L).put("db", "d")));

        SourceBlock reader = new SourceBlock();
        List<BinlogPosition> fresh = new ArrayList<>();
        List<BinlogPosition> reused = new ArrayList<>();
        for (Object v : values) {
            fresh.add(new SourceBlock().binlogPosition(v));
            reused.add(reader.binlogPosition(v));
        }
        assertThat(reused).isEqualTo(fresh);
        assertThat(reused).containsExactly(new BinlogPosition("bin.000002", 154), new BinlogPosition("bin.000002", 900), null, null, null,
                new BinlogPosition("bin.000007", 4), new BinlogPosition("bin.000009", 5), null, null, null, null,
                new BinlogPosition("bin.000008", 6));
    }

    @Test
    void tsMsAndSnapshotAreReadAsCarriedNeverAsTheSchemaDefault() {
        SourceBlock reader = new SourceBlock();
        Struct streamed = mysql("bin.000001", 4L).put("ts_ms", 1_700_000_000_000L).put("snapshot", "false");
        Struct snapshotLast = mysql("bin.000001", 4L).put("snapshot", "last");
        Struct snapshotNull = mysql("bin.000001", 4L).put("snapshot", null);   // the schema's default is "false"
        Struct pg = new Struct(PG_SOURCE).put("lsn", 1L).put("ts_ms", 5L);
        Struct booleanSnapshot = new Struct(MYSQL_SOURCE_2).put("file", "f.1").put("pos", 1L).put("db", "d").put("snapshot", true);

        assertThat(reader.tsMs(streamed)).isEqualTo(1_700_000_000_000L);
        assertThat(reader.snapshot(streamed)).isFalse();
        assertThat(reader.tsMs(snapshotLast)).isNull();
        assertThat(reader.snapshot(snapshotLast)).isTrue();
        assertThat(reader.snapshot(snapshotNull)).isFalse();
        assertThat(reader.tsMs(pg)).isEqualTo(5L);
        assertThat(reader.snapshot(pg)).as("no snapshot field").isFalse();
        assertThat(reader.snapshot(booleanSnapshot)).isTrue();
        assertThat(reader.tsMs(booleanSnapshot)).as("no ts_ms field").isNull();
    }

    @Test
    void theSourceBlockOfAnEnvelopeAndOfOtherValues() {
        SourceBlock reader = new SourceBlock();
        Struct source = mysql("bin.000001", 4L);

        assertThat(reader.of(value(E1, source))).isSameAs(source);
        assertThat(reader.of(value(E1, null))).isNull();
        assertThat(reader.of(value(E4, "x"))).isNull();
        assertThat(reader.of(new Struct(ROW).put("id", 1))).isNull();
        assertThat(reader.of("text")).isNull();
    }
}
