package io.obkc.smt.support;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The one place that knows what a Debezium-style record looks like. Classifies a record's value
 * and gives uniform access to its parts, for schemaful Structs and schemaless Maps alike.
 *
 * <ul>
 *   <li>{@link Shape#ENVELOPE}: a Debezium change event: value schema named {@code *.Envelope}
 *       (or, schemaless, a map with {@code op}, {@code source} and {@code before}/{@code after}).</li>
 *   <li>{@link Shape#SCHEMA_CHANGE}: a Debezium schema-change (DDL) event: value schema named
 *       {@code *SchemaChangeValue} (or a map with {@code ddl} and {@code databaseName}).</li>
 *   <li>{@link Shape#TOMBSTONE}: a null value.</li>
 *   <li>{@link Shape#FLAT}: any other Struct or Map, such as a row after {@code ExtractNewRecordState}.</li>
 *   <li>{@link Shape#OTHER}: a value the SMTs cannot look into (a string, bytes, ...).</li>
 * </ul>
 */
public final class ChangeRecord {
    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final String SOURCE = "source";
    public static final String OP = "op";
    public static final String DATABASE_NAME = "databaseName";
    public static final String SCHEMA_NAME = "schemaName";
    public static final String DDL = "ddl";
    public static final String TABLE_CHANGES = "tableChanges";
    /** Fields that {@code ExtractNewRecordState} adds to flat rows ({@code add.fields=op}, {@code delete.handling.mode=rewrite}). */
    public static final String FLAT_OP = "__op";
    public static final String FLAT_DELETED = "__deleted";

    public enum Shape { ENVELOPE, SCHEMA_CHANGE, TOMBSTONE, FLAT, OTHER }

    private final ConnectRecord<?> record;
    private final Shape shape;

    private ChangeRecord(ConnectRecord<?> record, Shape shape) {
        this.record = record;
        this.shape = shape;
    }

    public static ChangeRecord of(ConnectRecord<?> record) {
        return new ChangeRecord(record, shapeOf(record.valueSchema(), record.value()));
    }

    static Shape shapeOf(Schema schema, Object value) {
        if (value == null) {
            return Shape.TOMBSTONE;
        }
        if (value instanceof Struct) {
            String name = ((Struct) value).schema().name();
            if (name != null && name.endsWith(".Envelope")) {
                return Shape.ENVELOPE;
            }
            if (name != null && name.endsWith("SchemaChangeValue")) {
                return Shape.SCHEMA_CHANGE;
            }
            return Shape.FLAT;
        }
        if (value instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) value;
            if (m.containsKey(OP) && m.containsKey(SOURCE) && (m.containsKey(AFTER) || m.containsKey(BEFORE))) {
                return Shape.ENVELOPE;
            }
            if (m.containsKey(DDL) && m.containsKey(DATABASE_NAME)) {
                return Shape.SCHEMA_CHANGE;
            }
            return Shape.FLAT;
        }
        return Shape.OTHER;
    }

    /** True when {@code schema} is a Debezium envelope schema; used by schema-rewriting SMTs. */
    public static boolean isEnvelopeSchema(Schema schema) {
        return schema != null && schema.type() == Schema.Type.STRUCT && schema.name() != null
                && schema.name().endsWith(".Envelope");
    }

    public ConnectRecord<?> record() {
        return record;
    }

    public Shape shape() {
        return shape;
    }

    public Object value() {
        return record.value();
    }

    /**
     * The operation: from {@code op} for envelopes; DDL for schema changes; TOMBSTONE for null
     * values; for flat rows from {@code __deleted=true} (DELETE) or {@code __op}; otherwise null
     * (unknown).
     */
    public Operation operation() {
        switch (shape) {
            case ENVELOPE:
                return Operation.fromDebeziumCode(Fields.getString(value(), OP));
            case SCHEMA_CHANGE:
                return Operation.DDL;
            case TOMBSTONE:
                return Operation.TOMBSTONE;
            case FLAT: {
                Object deleted = Fields.get(value(), FLAT_DELETED);
                if (deleted != null && "true".equalsIgnoreCase(deleted.toString())) {
                    return Operation.DELETE;
                }
                return Operation.fromDebeziumCode(Fields.getString(value(), FLAT_OP));
            }
            default:
                return null;
        }
    }

    /** The envelope's source block, or null. */
    public Object source() {
        return shape == Shape.ENVELOPE || shape == Shape.SCHEMA_CHANGE ? Fields.get(value(), SOURCE) : null;
    }

    public Object before() {
        return shape == Shape.ENVELOPE ? Fields.get(value(), BEFORE) : null;
    }

    public Object after() {
        return shape == Shape.ENVELOPE ? Fields.get(value(), AFTER) : null;
    }

    /**
     * The row image a row-level decision looks at: {@code after}, or {@code before} when there is no
     * after image (deletes); the value itself for flat rows; null otherwise.
     */
    public Object row() {
        switch (shape) {
            case ENVELOPE: {
                Object after = after();
                return after != null ? after : before();
            }
            case FLAT:
                return value();
            default:
                return null;
        }
    }

    /** The first table id of a schema change's {@code tableChanges}, e.g. {@code "db"."t"}, or null. */
    public String firstTableChangeId() {
        Object changes = Fields.get(value(), TABLE_CHANGES);
        if (changes instanceof List && !((List<?>) changes).isEmpty()) {
            return Fields.getString(((List<?>) changes).get(0), "id");
        }
        return null;
    }
}
