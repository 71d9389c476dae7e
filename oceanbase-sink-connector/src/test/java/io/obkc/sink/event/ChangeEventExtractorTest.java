package io.obkc.sink.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.obkc.sink.OceanBaseSinkConnectorConfig.PrimaryKeyMode;
import io.obkc.sink.routing.TableRouter;

class ChangeEventExtractorTest {
    private static final Schema ROW = SchemaBuilder.struct().optional().field("id", Schema.INT32_SCHEMA).field("v", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema SOURCE = SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA).field("table", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("dbz.inv.t.Envelope").field("before", ROW).field("after", ROW)
            .field("source", SOURCE).field("op", Schema.STRING_SCHEMA).build();
    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();

    private final ChangeEventExtractor extractor = new ChangeEventExtractor(new TableRouter("${source.db}", "${source.table}"),
            PrimaryKeyMode.RECORD_KEY, List.of());

    private static SinkRecord envelope(String op, Struct before, Struct after) {
        Struct v = new Struct(ENVELOPE).put("op", op).put("before", before).put("after", after)
                .put("source", new Struct(SOURCE).put("db", "inv").put("table", "t"));
        return new SinkRecord("dbz.inv.t", 0, KEY, new Struct(KEY).put("id", 1), ENVELOPE, v, 7);
    }

    private static Struct row(int id, String v) {
        return new Struct(ROW).put("id", id).put("v", v);
    }

    @Test
    void envelopeOperations() {
        for (String op : List.of("c", "r", "u")) {
            ChangeEvent e = extractor.extract(envelope(op, null, row(1, "a"))).event();
            assertThat(e.operation()).isEqualTo(ChangeOperation.UPSERT);
            assertThat(e.table().toString()).isEqualTo("inv.t");
            assertThat(e.key().getInt32("id")).isEqualTo(1);
        }
        ChangeEvent d = extractor.extract(envelope("d", row(1, "a"), null)).event();
        assertThat(d.operation()).isEqualTo(ChangeOperation.DELETE);
        assertThat(d.before().getString("v")).isEqualTo("a");
        assertThat(extractor.extract(envelope("t", null, null)).event().operation()).isEqualTo(ChangeOperation.TRUNCATE);
        assertThat(extractor.extract(envelope("m", null, null)).skipReason()).contains("op=m");
    }

    @Test
    void tombstonesDeleteByKeyRoutedFromTheTopic() {
        ChangeEvent e = extractor.extract(new SinkRecord("dbz.inv.t", 0, KEY, new Struct(KEY).put("id", 5), null, null, 8)).event();
        assertThat(e.operation()).isEqualTo(ChangeOperation.DELETE);
        assertThat(e.table().toString()).isEqualTo("inv.t");
        assertThat(extractor.extract(new SinkRecord("dbz.inv.t", 0, null, null, null, null, 9)).skipReason()).contains("tombstone");
    }

    @Test
    void flatRecordsAreUpserts() {
        Schema flat = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        ChangeEvent e = extractor.extract(new SinkRecord("dbz.inv.t", 0, KEY, new Struct(KEY).put("id", 2), flat,
                new Struct(flat).put("id", 2), 1)).event();
        assertThat(e.operation()).isEqualTo(ChangeOperation.UPSERT);
        assertThat(e.table().toString()).isEqualTo("inv.t");
    }

    /** ExtractNewRecordState with delete.handling.mode=rewrite: the before image of a delete, flagged __deleted="true". */
    @Test
    void flatRecordsFlaggedDeletedAreDeletesAndTheFlagIsNeverAColumn() {
        Schema flat = SchemaBuilder.struct().name("dbz.inv.t.Value").field("id", Schema.INT32_SCHEMA).field("v", Schema.OPTIONAL_STRING_SCHEMA)
                .field("__deleted", Schema.OPTIONAL_STRING_SCHEMA).build();
        ChangeEvent upsert = extractor.extract(new SinkRecord("dbz.inv.t", 0, KEY, new Struct(KEY).put("id", 2), flat,
                new Struct(flat).put("id", 2).put("v", "a").put("__deleted", "false"), 1)).event();
        assertThat(upsert.operation()).isEqualTo(ChangeOperation.UPSERT);
        assertThat(upsert.after().schema().fields()).extracting(f -> f.name()).containsExactly("id", "v");
        assertThat(upsert.after().getString("v")).isEqualTo("a");
        assertThat(upsert.rowSchema()).isSameAs(upsert.after().schema());

        ChangeEvent delete = extractor.extract(new SinkRecord("dbz.inv.t", 0, KEY, new Struct(KEY).put("id", 2), flat,
                new Struct(flat).put("id", 2).put("v", "a").put("__deleted", "true"), 2)).event();
        assertThat(delete.operation()).isEqualTo(ChangeOperation.DELETE);
        assertThat(delete.key().getInt32("id")).isEqualTo(2);
        assertThat(delete.before().schema().fields()).extracting(f -> f.name()).containsExactly("id", "v");
        assertThat(delete.after()).isNull();
        assertThat(delete.rowSchema()).as("one stripped schema per flat schema").isSameAs(upsert.rowSchema());

        Schema boolFlag = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("__deleted", Schema.BOOLEAN_SCHEMA).build();
        assertThat(extractor.extract(new SinkRecord("dbz.inv.t", 0, KEY, new Struct(KEY).put("id", 3), boolFlag,
                new Struct(boolFlag).put("id", 3).put("__deleted", true), 3)).event().operation()).isEqualTo(ChangeOperation.DELETE);
    }

    @Test
    void nonRowRecordsAreRecognised() {
        Schema ddl = SchemaBuilder.struct().name("io.debezium.connector.mariadb.SchemaChangeValue").field("ddl", Schema.STRING_SCHEMA).build();
        assertThat(extractor.extract(new SinkRecord("dbz", 0, null, null, ddl, new Struct(ddl).put("ddl", "x"), 1)).skipReason())
                .isEqualTo("schema change");
    }

    @Test
    void badInputNamesTheProblem() {
        assertThatThrownBy(() -> extractor.extract(new SinkRecord("t", 0, null, null, null, java.util.Map.of("a", 1), 1)))
                .isInstanceOf(DataException.class).hasMessageContaining("without a Connect schema");
        ChangeEventExtractor byValue = new ChangeEventExtractor(new TableRouter("${source.db}", "${source.table}"),
                PrimaryKeyMode.RECORD_VALUE, List.of("nope"));
        assertThatThrownBy(() -> byValue.extract(envelope("c", null, row(1, "a"))))
                .isInstanceOf(DataException.class).hasMessageContaining("'nope'").hasMessageContaining("[id, v]");
        TableRouter topicOnly = new TableRouter("${source.db}", "${source.table}");
        assertThatThrownBy(() -> topicOnly.route("short", null)).hasMessageContaining("<prefix>.<db>.<table>");
    }
}
