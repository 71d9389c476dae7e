package io.obkc.sink.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.obkc.sink.OceanBaseSinkConnectorConfig.NoPrimaryKeyPolicy;
import io.obkc.sink.event.ChangeEvent;
import io.obkc.sink.event.ChangeOperation;
import io.obkc.sink.table.TableDefinition;
import io.obkc.sink.table.TableId;

class WritePlannerTest {
    private static final TableId T = new TableId("db", "t");
    private static final Schema ROW = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("v", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ROW_WIDER = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("v", Schema.OPTIONAL_STRING_SCHEMA)
            .field("w", Schema.OPTIONAL_INT32_SCHEMA).build();
    private static final TableDefinition KEYED = new TableDefinition(T, List.of(col("id"), col("v"), col("w")), List.of("id"));
    private static final TableDefinition KEYLESS = new TableDefinition(T, List.of(col("id"), col("v")), List.of());

    private long offset;

    private static TableDefinition.Column col(String name) {
        return new TableDefinition.Column(name, "int", "int", true);
    }

    private ChangeEvent upsert(int id, String v) {
        Struct after = new Struct(ROW).put("id", id).put("v", v);
        return new ChangeEvent(record(), T, ChangeOperation.UPSERT, key(id), null, after, ROW);
    }

    private ChangeEvent update(int id, String oldV, String v) {
        Struct before = new Struct(ROW).put("id", id).put("v", oldV);
        Struct after = new Struct(ROW).put("id", id).put("v", v);
        return new ChangeEvent(record(), T, ChangeOperation.UPSERT, key(id), before, after, ROW);
    }

    private ChangeEvent delete(int id) {
        Struct before = new Struct(ROW).put("id", id).put("v", "x");
        return new ChangeEvent(record(), T, ChangeOperation.DELETE, key(id), before, null, ROW);
    }

    private ChangeEvent truncate() {
        return new ChangeEvent(record(), T, ChangeOperation.TRUNCATE, null, null, null, null);
    }

    private static Struct key(int id) {
        Schema s = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        return new Struct(s).put("id", id);
    }

    private SinkRecord record() {
        return new SinkRecord("topic", 0, null, null, null, null, offset++);
    }

    private static WritePlanner planner() {
        return new WritePlanner(true, true, true, NoPrimaryKeyPolicy.MATCH_ALL_COLUMNS);
    }

    @Test
    void consecutiveUpsertsShareOneStepInArrivalOrder() {
        List<ChangeEvent> events = List.of(upsert(1, "a"), upsert(2, "b"), upsert(1, "c"));
        WritePlanner.Plan plan = planner().plan(events, Map.of(T, KEYED));
        assertThat(plan.steps()).hasSize(1);
        WriteStep.InsertRows step = (WriteStep.InsertRows) plan.steps().get(0);
        assertThat(step.upsert()).isTrue();
        // Same key twice stays in order: the multi-row upsert ends at the last image.
        assertThat(step.events()).containsExactlyElementsOf(events);
    }

    @Test
    void deleteThenReinsertOfTheSameKeyKeepsItsOrder() {
        List<ChangeEvent> events = List.of(upsert(1, "a"), delete(1), upsert(1, "again"));
        List<WriteStep> steps = planner().plan(events, Map.of(T, KEYED)).steps();
        assertThat(steps).extracting(s -> s.getClass().getSimpleName()).containsExactly("InsertRows", "DeleteByKey", "InsertRows");
        assertThat(steps.get(2).events()).containsExactly(events.get(2));
    }

    @Test
    void aNewColumnSetStartsANewInsertStep() {
        ChangeEvent wide = new ChangeEvent(record(), T, ChangeOperation.UPSERT, key(3), null,
                new Struct(ROW_WIDER).put("id", 3).put("v", "c").put("w", 7), ROW_WIDER);
        List<WriteStep> steps = planner().plan(List.of(upsert(1, "a"), wide, upsert(2, "b")), Map.of(T, KEYED)).steps();
        assertThat(steps).hasSize(3);
        assertThat(((WriteStep.InsertRows) steps.get(1)).fields()).containsExactly("id", "v", "w");
    }

    @Test
    void truncateSplitsTheStreamAndIsNeverMerged() {
        List<WriteStep> steps = planner().plan(List.of(upsert(1, "a"), truncate(), truncate(), upsert(2, "b")), Map.of(T, KEYED)).steps();
        assertThat(steps).extracting(s -> s.getClass().getSimpleName()).containsExactly("InsertRows", "Truncate", "Truncate", "InsertRows");
    }

    @Test
    void keylessUpdateBecomesDeleteByImageThenInsert() {
        List<WriteStep> steps = planner().plan(List.of(update(1, "old", "new"), delete(2)), Map.of(T, KEYLESS)).steps();
        assertThat(steps).extracting(s -> s.getClass().getSimpleName()).containsExactly("DeleteByImage", "InsertRows", "DeleteByImage");
        assertThat(((WriteStep.InsertRows) steps.get(1)).upsert()).as("no key: plain INSERT").isFalse();
    }

    @Test
    void keylessTableFailsUnderFailPolicyNamingTheTable() {
        WritePlanner p = new WritePlanner(true, true, true, NoPrimaryKeyPolicy.FAIL);
        assertThatThrownBy(() -> p.plan(List.of(upsert(1, "a")), Map.of(T, KEYLESS)))
                .isInstanceOf(ConnectException.class).hasMessageContaining("db.t").hasMessageContaining("no primary key");
    }

    @Test
    void disabledDeletesAndTruncatesAreReportedAsSkippedNotDropped() {
        WritePlanner p = new WritePlanner(true, false, false, NoPrimaryKeyPolicy.MATCH_ALL_COLUMNS);
        List<ChangeEvent> events = List.of(upsert(1, "a"), delete(1), truncate());
        WritePlanner.Plan plan = p.plan(events, Map.of(T, KEYED));
        assertThat(plan.steps()).hasSize(1);
        assertThat(plan.skipped()).containsExactly(events.get(1), events.get(2));
    }

    @Test
    void eventsOfAMissingTableAreSkipped() {
        List<ChangeEvent> events = new ArrayList<>(List.of(delete(1)));
        WritePlanner.Plan plan = planner().plan(events, Map.of());
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.skipped()).hasSize(1);
    }

    private ChangeEvent keyChange(int oldId, int newId, String v) {
        Struct before = new Struct(ROW).put("id", oldId).put("v", v);
        Struct after = new Struct(ROW).put("id", newId).put("v", v);
        return new ChangeEvent(record(), T, ChangeOperation.UPSERT, key(newId), before, after, ROW);
    }

    @Test
    void anUpdateThatChangesTheKeyDeletesTheOldRowFirst() {
        ChangeEvent e = keyChange(1, 2, "a");
        List<WriteStep> steps = planner().plan(List.of(upsert(5, "x"), e, update(2, "a", "b")), Map.of(T, KEYED)).steps();
        assertThat(steps).extracting(s -> s.getClass().getSimpleName()).containsExactly("InsertRows", "DeleteByKey", "InsertRows");
        ChangeEvent deleteOld = steps.get(1).events().get(0);
        assertThat(deleteOld.operation()).isEqualTo(ChangeOperation.DELETE);
        assertThat(deleteOld.key()).as("the old key is read from the before image").isNull();
        assertThat(deleteOld.before().get("id")).isEqualTo(1);
        assertThat(steps.get(2).events()).as("the update that keeps its key is a plain upsert").hasSize(2);
    }

    private static final Schema DOC = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("title", Schema.OPTIONAL_STRING_SCHEMA)
            .field("body", Schema.OPTIONAL_STRING_SCHEMA).field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("data", Schema.OPTIONAL_BYTES_SCHEMA).build();
    private static final TableDefinition DOCS = new TableDefinition(T, List.of(col("id"), col("title"), col("body"), col("tags"), col("data")),
            List.of("id"));
    private static final String PLACEHOLDER = "__debezium_unavailable_value";

    private ChangeEvent doc(int id, String title, String body, List<String> tags, byte[] data) {
        Struct after = new Struct(DOC).put("id", id).put("title", title).put("body", body).put("tags", tags).put("data", data);
        return new ChangeEvent(record(), T, ChangeOperation.UPSERT, key(id), null, after, DOC);
    }

    @Test
    void unchangedToastedColumnsAreLeftToTheTargetByAnUpdateOfTheOthers() {
        WritePlanner p = new WritePlanner(true, true, true, NoPrimaryKeyPolicy.MATCH_ALL_COLUMNS, UnavailableValues.of(PLACEHOLDER));
        List<WriteStep> steps = p.plan(List.of(
                doc(1, "t", "body", List.of("a"), new byte[] {1}),
                doc(2, "changed", PLACEHOLDER, List.of("a"), new byte[] {1}),
                doc(3, "changed", "b", java.util.Arrays.asList("x", PLACEHOLDER), PLACEHOLDER.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                Map.of(T, DOCS)).steps();
        assertThat(steps).extracting(s -> s.getClass().getSimpleName()).containsExactly("InsertRows", "UpdateColumns", "UpdateColumns");
        assertThat(((WriteStep.UpdateColumns) steps.get(1)).fields()).containsExactly("id", "title", "tags", "data");
        assertThat(((WriteStep.UpdateColumns) steps.get(2)).fields()).as("an array holding it, and the bytes of it (bytea)")
                .containsExactly("id", "title", "body");
    }

    @Test
    void withoutDetectionThePlaceholderIsAnOrdinaryValue() {
        List<WriteStep> steps = planner().plan(List.of(doc(2, "changed", PLACEHOLDER, null, null)), Map.of(T, DOCS)).steps();
        assertThat(steps).extracting(s -> s.getClass().getSimpleName()).containsExactly("InsertRows");
    }

    @Test
    void anUnchangedToastedColumnOfAKeylessTableIsRefusedNamingIt() {
        WritePlanner p = new WritePlanner(true, true, true, NoPrimaryKeyPolicy.MATCH_ALL_COLUMNS, UnavailableValues.of(PLACEHOLDER));
        TableDefinition keyless = new TableDefinition(T, List.copyOf(DOCS.columns()), List.of());
        assertThatThrownBy(() -> p.plan(List.of(doc(2, "changed", PLACEHOLDER, null, null)), Map.of(T, keyless)))
                .isInstanceOf(org.apache.kafka.connect.errors.DataException.class).hasMessageContaining("db.t").hasMessageContaining("[body]")
                .hasMessageContaining("REPLICA IDENTITY FULL");
    }
}
