package io.obkc.converters.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import io.obkc.converters.event.ColumnDef;
import io.obkc.converters.event.DebeziumSchemas;
import io.obkc.converters.event.Operation;

/**
 * Builds the Debezium-style Connect structs the readers return, so that a sink that understands Debezium
 * envelopes consumes Canal, Maxwell or OMS messages unchanged:
 * <ul>
 *   <li>row changes: {@code <db>.<table>.Envelope} with {@code before}, {@code after}, {@code source}
 *       ({@code connector}, {@code db}, {@code table}, {@code ts_ms}), {@code op} and {@code ts_ms};</li>
 *   <li>DDL: {@code io.obkc.converters.SchemaChangeValue} with {@code source}, {@code ts_ms},
 *       {@code databaseName}, {@code schemaName}, {@code ddl} and an empty {@code tableChanges};</li>
 *   <li>heartbeats: {@code io.debezium.connector.common.Heartbeat} with {@code ts_ms}.</li>
 * </ul>
 * Envelope schemas are cached per table and column list: schemas are compared by value downstream, and
 * building them is most of the reading cost.
 */
public final class EnvelopeBuilder {

    public static final String SCHEMA_CHANGE_NAME = "io.obkc.converters.SchemaChangeValue";
    public static final String HEARTBEAT_NAME = "io.debezium.connector.common.Heartbeat";

    static final Schema SOURCE_SCHEMA = SchemaBuilder.struct().name("io.obkc.converters.Source")
            .field("connector", Schema.OPTIONAL_STRING_SCHEMA)
            .field("db", Schema.OPTIONAL_STRING_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("tenant", Schema.OPTIONAL_STRING_SCHEMA)
            .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    /**
     * Several row changes read from one message (a multi-row Canal message), in order, in {@code rows}. A
     * Connect converter returns one record per message, so they travel together; the name ends in
     * {@code .Envelope} and {@code op} is {@code batch} so that a sink that does not expand batches refuses the
     * record loudly (unknown op) instead of mistaking it for a row.
     */
    public static final String ROW_BATCH_NAME = "io.obkc.converters.RowBatch.Envelope";
    public static final String ROW_BATCH_OP = "batch";

    private static final Schema TABLE_CHANGE_SCHEMA = SchemaBuilder.struct().name("io.debezium.connector.schema.Change")
            .field("type", Schema.STRING_SCHEMA)
            .field("id", Schema.STRING_SCHEMA)
            .build();

    static final Schema SCHEMA_CHANGE_SCHEMA = SchemaBuilder.struct().name(SCHEMA_CHANGE_NAME)
            .field("source", SOURCE_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("databaseName", Schema.OPTIONAL_STRING_SCHEMA)
            .field("schemaName", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ddl", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tableChanges", SchemaBuilder.array(TABLE_CHANGE_SCHEMA).build())
            .build();

    static final Schema HEARTBEAT_SCHEMA = SchemaBuilder.struct().name(HEARTBEAT_NAME)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .build();

    private static final int MAX_CACHED_SCHEMAS = 512;

    private final String connectorName;
    private final Map<String, Schema[]> schemaCache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Schema[]> eldest) {
            return size() > MAX_CACHED_SCHEMAS;
        }
    };

    /** @param connectorName what {@code source.connector} says, e.g. {@code canal} */
    public EnvelopeBuilder(String connectorName) {
        this.connectorName = connectorName;
    }

    /** A row-change envelope. Images are canonical values aligned with {@code columns}; absent images are null. */
    public SchemaAndValue rowChange(String db, String table, Operation op, List<ColumnDef> columns,
                                    Object[] before, Object[] after, Long sourceTsMs, Long tsMs) {
        return rowChange(null, null, db, table, op, columns, before, after, sourceTsMs, tsMs);
    }

    /**
     * As above, with the OceanBase tenant the database belongs to (OMS writes {@code tenant.db}) and the numeric
     * transaction id (Maxwell's {@code xid}), both in {@code source}; either may be null.
     */
    public SchemaAndValue rowChange(String tenant, Long txId, String db, String table, Operation op, List<ColumnDef> columns,
                                    Object[] before, Object[] after, Long sourceTsMs, Long tsMs) {
        Decimals.fitImage(db, table, columns, before);
        Decimals.fitImage(db, table, columns, after);
        Schema[] schemas = schemas(db, table, columns);
        Schema rowSchema = schemas[0];
        Schema envelopeSchema = schemas[1];
        Struct envelope = new Struct(envelopeSchema)
                .put("before", row(rowSchema, columns, before))
                .put("after", row(rowSchema, columns, after))
                .put("source", source(db, table, sourceTsMs).put("tenant", tenant).put("txId", txId))
                .put("op", op.debeziumCode())
                .put("ts_ms", tsMs);
        return new SchemaAndValue(envelopeSchema, envelope);
    }

    /** One row change as it is, several as a {@link #ROW_BATCH_NAME} struct; they share one envelope schema. */
    public static SchemaAndValue rowsOf(List<SchemaAndValue> rows) {
        if (rows.size() == 1) {
            return rows.get(0);
        }
        Schema envelope = rows.get(0).schema();
        Schema batch = SchemaBuilder.struct().name(ROW_BATCH_NAME)
                .field("op", Schema.STRING_SCHEMA)
                .field("rows", SchemaBuilder.array(envelope).build())
                .build();
        List<Object> values = new java.util.ArrayList<>(rows.size());
        for (SchemaAndValue r : rows) {
            values.add(r.value());
        }
        return new SchemaAndValue(batch, new Struct(batch).put("op", ROW_BATCH_OP).put("rows", values));
    }

    public SchemaAndValue schemaChange(String db, String table, String ddl, Long tsMs) {
        Struct value = new Struct(SCHEMA_CHANGE_SCHEMA)
                .put("source", source(db, table, tsMs))
                .put("ts_ms", tsMs)
                .put("databaseName", db)
                .put("ddl", ddl)
                .put("tableChanges", List.of());
        return new SchemaAndValue(SCHEMA_CHANGE_SCHEMA, value);
    }

    public SchemaAndValue heartbeat(long tsMs) {
        return new SchemaAndValue(HEARTBEAT_SCHEMA, new Struct(HEARTBEAT_SCHEMA).put("ts_ms", tsMs));
    }

    private Struct source(String db, String table, Long tsMs) {
        return new Struct(SOURCE_SCHEMA).put("connector", connectorName).put("db", db).put("table", table)
                .put("ts_ms", tsMs);
    }

    private static Struct row(Schema rowSchema, List<ColumnDef> columns, Object[] image) {
        if (image == null) {
            return null;
        }
        Struct row = new Struct(rowSchema);
        for (int i = 0; i < columns.size(); i++) {
            ColumnDef col = columns.get(i);
            Schema fieldSchema = rowSchema.field(col.name()).schema();
            row.put(col.name(), DebeziumSchemas.connectValue(fieldSchema, col, image[i]));
        }
        return row;
    }

    private Schema[] schemas(String db, String table, List<ColumnDef> columns) {
        String cacheKey = db + '\u0000' + table + '\u0000' + columns;
        Schema[] cached = schemaCache.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        String prefix = (db == null ? "" : db + ".") + table;
        SchemaBuilder rowBuilder = SchemaBuilder.struct().name(prefix + ".Value").optional();
        for (ColumnDef col : columns) {
            rowBuilder.field(col.name(), DebeziumSchemas.schemaFor(col));
        }
        Schema rowSchema = rowBuilder.build();
        Schema envelopeSchema = SchemaBuilder.struct().name(prefix + ".Envelope").version(2)
                .field("before", rowSchema)
                .field("after", rowSchema)
                .field("source", SOURCE_SCHEMA)
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        Schema[] built = {rowSchema, envelopeSchema};
        schemaCache.put(cacheKey, built);
        return built;
    }
}
