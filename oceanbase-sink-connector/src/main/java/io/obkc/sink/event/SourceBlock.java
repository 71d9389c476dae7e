package io.obkc.sink.event;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import io.obkc.common.connect.StructValues;

/**
 * The {@code source} block of a Debezium change event (row change or schema change), and what the sink reads from
 * it: the binlog position (to order schema changes against row changes), {@code ts_ms} (how far the sink is behind
 * the source) and {@code snapshot} (snapshot rows are counted apart). Values are read as carried, never a schema
 * default.
 *
 * <p>An instance looks the fields up once per schema and keeps them for the next record: the rows of one table share
 * one envelope schema instance and one source schema instance, so a steady stream resolves them once instead of by
 * name for every record (by name, this was a fifth of the task thread in the sink benchmark). It is therefore not
 * thread-safe: one instance per thread that reads records.
 */
public final class SourceBlock {
    /** The source block's fields the sink reads, of one source schema; null when the schema has no such field. */
    private record Fields(Schema schema, Field file, Field pos, Field tsMs, Field snapshot) {
        static Fields of(Schema source) {
            return new Fields(source, source.field("file"), source.field("pos"), source.field("ts_ms"), source.field("snapshot"));
        }
    }

    private Schema envelope;
    /** The envelope's "source" field, null when it has none or it is not a struct. */
    private Field source;
    private Fields fields;

    /** The source block of a record value, or null: not a Struct, or without a {@code source} struct (flat records). */
    public Struct of(Object value) {
        if (!(value instanceof Struct v)) {
            return null;
        }
        if (v.schema() != envelope) {
            Field f = v.schema().field("source");
            source = f != null && f.schema().type() == Schema.Type.STRUCT ? f : null;
            envelope = v.schema();
        }
        return source == null ? null : (Struct) StructValues.valueOf(v, source);
    }

    /** The binlog position of a record value (MySQL family), or null for other sources and values without one. */
    public BinlogPosition binlogPosition(Object value) {
        Struct s = of(value);
        if (s == null) {
            return null;
        }
        Fields f = fields(s.schema());
        if (f.file() == null || f.pos() == null) {
            return null;
        }
        Object file = StructValues.valueOf(s, f.file());
        Object pos = StructValues.valueOf(s, f.pos());
        if (file == null || pos == null || file.toString().isEmpty()) {
            return null;
        }
        return new BinlogPosition(file.toString(), ((Number) pos).longValue());
    }

    /** The source's {@code ts_ms} (when the source logged the change), or null. */
    public Long tsMs(Struct source) {
        Fields f = fields(source.schema());
        return f.tsMs() != null && StructValues.valueOf(source, f.tsMs()) instanceof Number n ? n.longValue() : null;
    }

    /**
     * Whether the change was read by a snapshot: Debezium's {@code snapshot} is "true", "first", "last", "incremental"
     * and the like during one, "false" (or absent) when streaming.
     */
    public boolean snapshot(Struct source) {
        Fields f = fields(source.schema());
        Object v = f.snapshot() == null ? null : StructValues.valueOf(source, f.snapshot());
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString();
        return !s.isEmpty() && !"false".equalsIgnoreCase(s);
    }

    private Fields fields(Schema schema) {
        Fields f = fields;
        if (f == null || f.schema() != schema) {
            f = Fields.of(schema);
            fields = f;
        }
        return f;
    }
}
