package io.obkc.source.event;

import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import io.obkc.source.schema.ColumnDef;
import io.obkc.source.schema.ColumnTypes;
import io.obkc.source.schema.TableDef;

/**
 * The Connect schemas of one captured table, named as Debezium names them: {@code <prefix>.<db>.<table>.Key},
 * {@code .Value} and {@code .Envelope}, and the decoding of a row's column texts into a value struct.
 */
public final class TableSchema {
    public static final Schema TRANSACTION_BLOCK = SchemaBuilder.struct().name("event.block").optional()
            .field("id", Schema.STRING_SCHEMA)
            .field("total_order", Schema.INT64_SCHEMA)
            .field("data_collection_order", Schema.INT64_SCHEMA)
            .build();

    private final TableDef table;
    private final String topic;
    private final ColumnTypes types;
    private final Schema keySchema;
    private final Schema valueSchema;
    private final Schema envelopeSchema;

    public TableSchema(String topicPrefix, TableDef table, ColumnTypes types) {
        this.table = table;
        this.types = types;
        this.topic = topicPrefix + "." + table.database() + "." + table.table();
        SchemaBuilder value = SchemaBuilder.struct().name(topic + ".Value").optional();
        for (ColumnDef c : table.columns()) {
            value.field(c.name(), types.schema(table, c));
        }
        valueSchema = value.build();
        if (table.primaryKey().isEmpty()) {
            keySchema = null;
        } else {
            SchemaBuilder key = SchemaBuilder.struct().name(topic + ".Key");
            for (ColumnDef c : table.keyColumns()) {
                key.field(c.name(), valueSchema.field(c.name()).schema());
            }
            keySchema = key.build();
        }
        envelopeSchema = SchemaBuilder.struct().name(topic + ".Envelope")
                .field("before", valueSchema)
                .field("after", valueSchema)
                .field("source", SourceBlock.SCHEMA)
                .field("transaction", TRANSACTION_BLOCK)
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
                .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
    }

    public TableDef table() {
        return table;
    }

    public String topic() {
        return topic;
    }

    public Schema keySchema() {
        return keySchema;
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    public Schema envelopeSchema() {
        return envelopeSchema;
    }

    /** A row from the text of each column ({@code text.apply(column)}, null for SQL NULL). */
    public Struct row(Function<ColumnDef, String> text) {
        Struct s = new Struct(valueSchema);
        for (ColumnDef c : table.columns()) {
            s.put(c.name(), types.decode(table, c, valueSchema.field(c.name()).schema(), text.apply(c)));
        }
        return s;
    }

    /** A row from a JSON-decoded image: column name to text. */
    public Struct row(Map<String, String> image) {
        return row(c -> image.get(c.name()));
    }

    /** The key struct of a row, or null for a table without a primary key. */
    public Struct key(Struct row) {
        if (keySchema == null || row == null) {
            return null;
        }
        Struct k = new Struct(keySchema);
        for (org.apache.kafka.connect.data.Field f : keySchema.fields()) {
            k.put(f.name(), row.get(f.name()));
        }
        return k;
    }
}
