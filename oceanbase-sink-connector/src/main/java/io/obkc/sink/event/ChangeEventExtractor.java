package io.obkc.sink.event;

import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import io.obkc.sink.OceanBaseSinkConnectorConfig.PrimaryKeyMode;
import io.obkc.sink.routing.TableRouter;
import io.obkc.sink.table.TableId;

/**
 * Reads a {@link SinkRecord} as a row change. Understands the Debezium envelope (before, after,
 * source, op with c, r, u, d, t), flat records (for example after ExtractNewRecordState) and
 * tombstones. Records that are not row data (schema changes, heartbeats, transaction metadata,
 * op=m messages) come back as {@link Result#notRowData(String)}.
 */
public final class ChangeEventExtractor {
    private final TableRouter router;
    private final PrimaryKeyMode keyMode;
    private final List<String> keyFields;

    /** Whether keys come from the row values (record_value or none): then one message may carry several rows. */
    public boolean keysFromValues() {
        return keyMode != PrimaryKeyMode.RECORD_KEY;
    }

    public ChangeEventExtractor(TableRouter router, PrimaryKeyMode keyMode, List<String> keyFields) {
        this.router = router;
        this.keyMode = keyMode;
        this.keyFields = keyFields;
    }

    /** Either a change event or the reason a record carries no row data. */
    public record Result(ChangeEvent event, String skipReason) {
        static Result of(ChangeEvent e) {
            return new Result(e, null);
        }

        public static Result notRowData(String reason) {
            return new Result(null, reason);
        }
    }

    public Result extract(SinkRecord record) {
        Object value = record.value();
        Schema valueSchema = record.valueSchema();
        if (value == null) {
            return tombstone(record);
        }
        if (!(value instanceof Struct struct)) {
            throw new DataException("Record value is a " + value.getClass().getSimpleName()
                    + " without a Connect schema; the sink needs structured records: use a converter with schemas "
                    + "(for example JsonConverter with schemas.enable=true, or Avro/Protobuf)");
        }
        String schemaName = valueSchema == null ? null : valueSchema.name();
        if (schemaName != null) {
            if (schemaName.endsWith("SchemaChangeValue")) {
                return Result.notRowData("schema change");
            }
            if (schemaName.endsWith("TransactionMetadataValue")) {
                return Result.notRowData("transaction metadata");
            }
            if (schemaName.equals("io.debezium.connector.common.Heartbeat") || schemaName.endsWith(".Heartbeat")) {
                return Result.notRowData("heartbeat");
            }
        }
        if (isEnvelope(struct.schema())) {
            return envelope(record, struct);
        }
        TableId table = router.route(record.topic(), null);
        Field deleted = struct.schema().field(DELETED_FIELD);
        if (deleted != null) {
            // ExtractNewRecordState with delete.handling.mode=rewrite: a flag, never a column of the table.
            Struct row = withoutDeletedFlag(struct);
            if (isTrue(struct.get(deleted))) {
                return Result.of(new ChangeEvent(record, table, ChangeOperation.DELETE, keyFromRecordOrImage(record, row), row, null, row.schema()));
            }
            struct = row;
        }
        return Result.of(new ChangeEvent(record, table, ChangeOperation.UPSERT, key(record, struct), null, struct, struct.schema()));
    }

    /** The field Debezium's ExtractNewRecordState adds with delete.handling.mode=rewrite: "true" on a delete's before image. */
    static final String DELETED_FIELD = "__deleted";

    /** Row schema without __deleted, per flat record schema; the same instance each time, so per-schema caches downstream keep working. */
    private final java.util.Map<Schema, Schema> withoutDeleted = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Schema, Schema> eldest) {
            return size() > 256;
        }
    };

    private Struct withoutDeletedFlag(Struct struct) {
        Schema stripped = withoutDeleted.computeIfAbsent(struct.schema(), s -> {
            SchemaBuilder b = SchemaBuilder.struct().name(s.name()).version(s.version()).doc(s.doc());
            if (s.isOptional()) {
                b.optional();
            }
            if (s.parameters() != null) {
                b.parameters(s.parameters());
            }
            for (Field f : s.fields()) {
                if (!f.name().equals(DELETED_FIELD)) {
                    b.field(f.name(), f.schema());
                }
            }
            return b.build();
        });
        Struct out = new Struct(stripped);
        for (Field f : stripped.fields()) {
            out.put(f.name(), struct.get(f.name()));
        }
        return out;
    }

    private static boolean isTrue(Object flag) {
        return flag instanceof Boolean b ? b : flag != null && "true".equalsIgnoreCase(flag.toString().trim());
    }

    /** Debezium's rule: a named *.Envelope schema, or an unnamed one with an op field. */
    static boolean isEnvelope(Schema schema) {
        String name = schema.name();
        if (name != null && (name.endsWith(".Envelope") || name.endsWith(".envelope"))) {
            return true;
        }
        return name == null && schema.field("op") != null && (schema.field("after") != null || schema.field("before") != null);
    }

    private Result envelope(SinkRecord record, Struct envelope) {
        String op = envelope.getString("op");
        Struct source = envelope.schema().field("source") != null ? envelope.getStruct("source") : null;
        Struct before = envelope.schema().field("before") != null ? envelope.getStruct("before") : null;
        Struct after = envelope.schema().field("after") != null ? envelope.getStruct("after") : null;
        if (op == null) {
            throw new DataException("Debezium envelope without op");
        }
        switch (op) {
            case "c", "r", "u" -> {
                if (after == null) {
                    throw new DataException("Debezium event op=" + op + " has no 'after' image");
                }
                TableId table = router.route(record.topic(), source);
                return Result.of(new ChangeEvent(record, table, ChangeOperation.UPSERT, key(record, after), before, after, after.schema()));
            }
            case "d" -> {
                TableId table = router.route(record.topic(), source);
                Struct keySource = before;
                Struct key = keyFromRecordOrImage(record, keySource);
                Schema rowSchema = before != null ? before.schema() : envelope.schema().field("before").schema();
                return Result.of(new ChangeEvent(record, table, ChangeOperation.DELETE, key, before, null, rowSchema));
            }
            case "t" -> {
                TableId table = router.route(record.topic(), source);
                return Result.of(new ChangeEvent(record, table, ChangeOperation.TRUNCATE, null, null, null, null));
            }
            case "m" -> {
                return Result.notRowData("logical decoding message (op=m)");
            }
            default -> throw new DataException("Unknown Debezium op '" + op + "'");
        }
    }

    private Result tombstone(SinkRecord record) {
        if (record.key() == null) {
            // Debezium follows each delete of a keyless table with such a tombstone; the delete event itself did the work.
            return Result.notRowData("tombstone without a key");
        }
        if (keyMode != PrimaryKeyMode.RECORD_KEY) {
            // The key carries no columns we trust for a DELETE in other modes; Debezium always sends op=d first.
            return Result.notRowData("tombstone (primary.key.mode=" + keyMode.name().toLowerCase() + " deletes only from op=d events)");
        }
        TableId table = router.route(record.topic(), null);
        Struct key = key(record, null);
        return Result.of(new ChangeEvent(record, table, ChangeOperation.DELETE, key, null, null, null));
    }

    private Struct keyFromRecordOrImage(SinkRecord record, Struct image) {
        if (keyMode == PrimaryKeyMode.RECORD_VALUE && image == null) {
            throw new DataException("Delete without a before image cannot be keyed with primary.key.mode=record_value");
        }
        return key(record, image);
    }

    /** The key columns as a struct, per primary.key.mode; null when mode is none. */
    private Struct key(SinkRecord record, Struct row) {
        switch (keyMode) {
            case NONE:
                return null;
            case RECORD_VALUE:
                return project(row, keyFields, "value");
            case RECORD_KEY:
            default:
                Object k = record.key();
                if (k == null) {
                    return null;
                }
                if (k instanceof Struct ks) {
                    return keyFields.isEmpty() ? ks : project(ks, keyFields, "key");
                }
                if (keyFields.size() != 1) {
                    throw new DataException("Record key is a primitive " + k.getClass().getSimpleName()
                            + "; set primary.key.fields to the one column name it stands for");
                }
                Schema ks = record.keySchema() != null ? record.keySchema() : SchemaBuilder.string().build();
                Schema s = SchemaBuilder.struct().field(keyFields.get(0), ks).build();
                return new Struct(s).put(keyFields.get(0), k);
        }
    }

    private static Struct project(Struct from, List<String> fields, String what) {
        SchemaBuilder b = SchemaBuilder.struct();
        for (String f : fields) {
            Field field = from.schema().field(f);
            if (field == null) {
                throw new DataException("primary.key.fields names '" + f + "', but the record " + what + " has no such field (fields: "
                        + from.schema().fields().stream().map(Field::name).toList() + ")");
            }
            b.field(f, field.schema());
        }
        Schema s = b.build();
        Struct out = new Struct(s);
        for (String f : fields) {
            out.put(f, from.getWithoutDefault(f));
        }
        return out;
    }
}
