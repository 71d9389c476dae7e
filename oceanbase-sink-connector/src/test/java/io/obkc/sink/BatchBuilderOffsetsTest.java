package io.obkc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.obkc.sink.event.ChangeEvent;
import io.obkc.sink.event.ChangeOperation;
import io.obkc.sink.table.TableId;

/** The offsets a put() commits once its batches are written: per partition, one past its last record, rows or not. */
class BatchBuilderOffsetsTest {
    private static final Schema ROW = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final TableId T = new TableId("db", "t");

    private static TaskRecord row(String topic, int partition, long offset) {
        Struct after = new Struct(ROW).put("id", (int) offset);
        SinkRecord r = new SinkRecord(topic, partition, null, null, ROW, after, offset);
        return new TaskRecord(r, new ChangeEvent(r, T, ChangeOperation.UPSERT, null, null, after, ROW), null);
    }

    private static TaskRecord nothing(String topic, int partition, long offset) {
        return TaskRecord.nothingToWrite(new SinkRecord(topic, partition, null, null, null, null, offset));
    }

    @Test
    void oneOffsetPerPartitionPastItsLastRecord() {
        List<TaskRecord> records = new ArrayList<>(List.of(row("a", 0, 10), row("a", 0, 11), row("a", 1, 5), row("b", 0, 7), row("a", 0, 12),
                nothing("a", 1, 6), row("b", 0, 8), nothing("c", 3, 100)));
        BatchBuilder.Plan plan = new BatchBuilder(2).build(records, new WriteHold(null, 0, 1000, new io.obkc.sink.event.SourceBlock()));
        assertThat(plan.offsets()).isEqualTo(Map.of(new TopicPartition("a", 0), new OffsetAndMetadata(13), new TopicPartition("a", 1),
                new OffsetAndMetadata(7), new TopicPartition("b", 0), new OffsetAndMetadata(9), new TopicPartition("c", 3), new OffsetAndMetadata(101)));
        assertThat(plan.steps()).hasSize(3);
    }

    @Test
    void noRecordsNoOffsets() {
        assertThat(new BatchBuilder(2).build(new ArrayList<>(), new WriteHold(null, 0, 1000, new io.obkc.sink.event.SourceBlock())).offsets()).isEmpty();
    }
}
