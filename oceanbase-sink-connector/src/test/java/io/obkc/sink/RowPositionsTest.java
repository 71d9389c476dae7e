package io.obkc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.obkc.sink.ddl.SchemaChange;

/**
 * WriteHold reads row changes' binlog positions with fields resolved once per schema; it must answer what
 * {@link TaskRecord#position()} answers, record by record, whatever the mix of envelope and source schemas.
 */
class RowPositionsTest {
    private static final Schema ROW = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final Schema MYSQL_SOURCE = SchemaBuilder.struct().field("file", Schema.OPTIONAL_STRING_SCHEMA)
            .field("pos", Schema.OPTIONAL_INT64_SCHEMA).field("db", Schema.STRING_SCHEMA).optional().build();
    /** Fields in another order: indexes differ, names do not. */
    private static final Schema MYSQL_SOURCE_2 = SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA)
            .field("file", Schema.STRING_SCHEMA).optional().build();
    private static final Schema PG_SOURCE = SchemaBuilder.struct().field("lsn", Schema.OPTIONAL_INT64_SCHEMA).optional().build();

    private static Schema envelope(Schema source) {
        return SchemaBuilder.struct().name("x.Envelope").field("after", ROW).field("source", source).field("op", Schema.STRING_SCHEMA).build();
    }

    private static final Schema E1 = envelope(MYSQL_SOURCE);
    private static final Schema E2 = envelope(MYSQL_SOURCE_2);
    private static final Schema E3 = envelope(PG_SOURCE);
    /** "source" that is not a struct. */
    private static final Schema E4 = SchemaBuilder.struct().field("after", ROW).field("source", Schema.OPTIONAL_STRING_SCHEMA)
            .field("op", Schema.STRING_SCHEMA).build();

    private static SinkRecord record(Schema envelope, Object source) {
        Struct v = new Struct(envelope).put("after", new Struct(ROW).put("id", 1)).put("source", source).put("op", "c");
        return new SinkRecord("t", 0, null, null, envelope, v, 0);
    }

    @Test
    void answersWhatTaskRecordPositionAnswers() {
        List<SinkRecord> records = new ArrayList<>();
        records.add(record(E1, new Struct(MYSQL_SOURCE).put("file", "bin.000002").put("pos", 154L).put("db", "d")));
        records.add(record(E1, new Struct(MYSQL_SOURCE).put("file", "bin.000002").put("pos", 900L).put("db", "d")));
        records.add(record(E1, new Struct(MYSQL_SOURCE).put("file", "").put("pos", 900L).put("db", "d")));
        records.add(record(E1, new Struct(MYSQL_SOURCE).put("file", "bin.000003").put("db", "d")));
        records.add(record(E1, null));
        records.add(record(E2, new Struct(MYSQL_SOURCE_2).put("file", "bin.000007").put("pos", 4L).put("db", "d")));
        records.add(record(E1, new Struct(MYSQL_SOURCE).put("file", "bin.000009").put("pos", 5L).put("db", "d")));
        records.add(record(E3, new Struct(PG_SOURCE).put("lsn", 77L)));
        records.add(record(E4, "not a struct"));
        records.add(new SinkRecord("t", 0, null, null, ROW, new Struct(ROW).put("id", 2), 0));
        records.add(new SinkRecord("t", 0, null, null, null, null, 0));
        records.add(record(E2, new Struct(MYSQL_SOURCE_2).put("file", "bin.000008").put("pos", 6L).put("db", "d")));

        WriteHold.RowPositions positions = new WriteHold.RowPositions();
        List<SchemaChange.SourcePosition> expected = new ArrayList<>();
        List<SchemaChange.SourcePosition> actual = new ArrayList<>();
        for (SinkRecord r : records) {
            expected.add(new TaskRecord(r, null, null).position());
            actual.add(positions.of(r));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).containsExactly(new SchemaChange.SourcePosition("bin.000002", 154), new SchemaChange.SourcePosition("bin.000002", 900),
                null, null, null, new SchemaChange.SourcePosition("bin.000007", 4), new SchemaChange.SourcePosition("bin.000009", 5), null, null, null,
                null, new SchemaChange.SourcePosition("bin.000008", 6));
    }
}
