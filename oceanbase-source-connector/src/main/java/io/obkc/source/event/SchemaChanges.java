package io.obkc.source.event;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.obkc.common.sql.Identifiers;
import io.obkc.source.schema.ColumnDef;
import io.obkc.source.schema.TableDef;

/**
 * Schema-change events on the {@code <topic.prefix>} topic, in the layout of Debezium's MySQL connector (databaseName, ddl,
 * tableChanges with the table's full column list), so the OBKC sink applies them as it applies Debezium's. The change-log
 * mode does not see the DDL statement; it compares structures and writes an equivalent statement (ADD/DROP/MODIFY COLUMN).
 */
public final class SchemaChanges {
    public static final Schema KEY = SchemaBuilder.struct().name("io.obkc.connector.oceanbase.SchemaChangeKey")
            .field("databaseName", Schema.STRING_SCHEMA).build();
    static final Schema COLUMN = SchemaBuilder.struct().name("io.debezium.connector.schema.Column")
            .field("name", Schema.STRING_SCHEMA)
            .field("jdbcType", Schema.INT32_SCHEMA)
            .field("nativeType", Schema.OPTIONAL_INT32_SCHEMA)
            .field("typeName", Schema.STRING_SCHEMA)
            .field("typeExpression", Schema.OPTIONAL_STRING_SCHEMA)
            .field("charsetName", Schema.OPTIONAL_STRING_SCHEMA)
            .field("length", Schema.OPTIONAL_INT32_SCHEMA)
            .field("scale", Schema.OPTIONAL_INT32_SCHEMA)
            .field("position", Schema.INT32_SCHEMA)
            .field("optional", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("autoIncremented", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("generated", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("comment", Schema.OPTIONAL_STRING_SCHEMA)
            .field("defaultValueExpression", Schema.OPTIONAL_STRING_SCHEMA)
            .field("enumValues", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
            .build();
    static final Schema TABLE = SchemaBuilder.struct().name("io.debezium.connector.schema.Table")
            .field("defaultCharsetName", Schema.OPTIONAL_STRING_SCHEMA)
            .field("primaryKeyColumnNames", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
            .field("columns", SchemaBuilder.array(COLUMN).build())
            .field("comment", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    static final Schema CHANGE = SchemaBuilder.struct().name("io.debezium.connector.schema.Change")
            .field("type", Schema.STRING_SCHEMA)
            .field("id", Schema.STRING_SCHEMA)
            .field("table", TABLE)
            .build();
    public static final Schema VALUE = SchemaBuilder.struct().name("io.obkc.connector.oceanbase.SchemaChangeValue")
            .field("source", SourceBlock.SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("databaseName", Schema.OPTIONAL_STRING_SCHEMA)
            .field("schemaName", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ddl", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tableChanges", SchemaBuilder.array(CHANGE).build())
            .build();

    private SchemaChanges() {
    }

    /** The statement that turns {@code before} into {@code after}, column by column. */
    public static String alterStatement(TableDef before, TableDef after) {
        List<String> clauses = new ArrayList<>();
        for (ColumnDef c : before.columns()) {
            if (after.column(c.name()) == null) {
                clauses.add("DROP COLUMN " + Identifiers.quoteMysql(c.name()));
            }
        }
        for (ColumnDef c : after.columns()) {
            ColumnDef old = before.column(c.name());
            String def = Identifiers.quoteMysql(c.name()) + " " + c.columnType() + (c.optional() ? " NULL" : " NOT NULL");
            if (old == null) {
                clauses.add("ADD COLUMN " + def);
            } else if (!old.columnType().equals(c.columnType()) || old.optional() != c.optional()) {
                clauses.add("MODIFY COLUMN " + def);
            }
        }
        return "ALTER TABLE " + Identifiers.quoteMysql(after.database(), after.table()) + " " + String.join(", ", clauses);
    }

    public static SourceRecord alter(ChangeEvents events, String serverName, String tenant, TableDef before, TableDef after,
            SourceBlock source, Map<String, ?> offset) {
        Struct value = new Struct(VALUE)
                .put("source", source.toStruct(serverName, tenant))
                .put("ts_ms", System.currentTimeMillis())
                .put("databaseName", after.database())
                .put("ddl", alterStatement(before, after))
                .put("tableChanges", List.of(change("ALTER", after)));
        return new SourceRecord(events.partition(), offset, serverName, null, KEY, new Struct(KEY).put("databaseName", after.database()),
                VALUE, value, source.tsNs() / 1_000_000L);
    }

    static Struct change(String type, TableDef t) {
        List<Struct> cols = new ArrayList<>();
        for (ColumnDef c : t.columns()) {
            cols.add(new Struct(COLUMN)
                    .put("name", c.name())
                    .put("jdbcType", jdbcType(c))
                    .put("typeName", c.sourceTypeName())
                    .put("typeExpression", c.sourceTypeName())
                    .put("length", c.length())
                    .put("scale", c.scale())
                    .put("position", c.position())
                    .put("optional", c.optional())
                    .put("autoIncremented", false)
                    .put("generated", false)
                    .put("enumValues", c.enumValues().isEmpty() ? null : c.enumValues()));
        }
        Struct table = new Struct(TABLE).put("primaryKeyColumnNames", t.primaryKey()).put("columns", cols);
        return new Struct(CHANGE).put("type", type).put("id", "\"" + t.database() + "\".\"" + t.table() + "\"").put("table", table);
    }

    private static int jdbcType(ColumnDef c) {
        return switch (c.dataType()) {
            case "tinyint" -> Types.TINYINT;
            case "smallint" -> Types.SMALLINT;
            case "mediumint", "int", "integer" -> Types.INTEGER;
            case "bigint" -> Types.BIGINT;
            case "float" -> Types.REAL;
            case "double", "real" -> Types.DOUBLE;
            case "decimal", "numeric" -> Types.DECIMAL;
            case "char", "enum", "set" -> Types.CHAR;
            case "varchar", "tinytext", "text", "mediumtext", "longtext", "json" -> Types.VARCHAR;
            case "binary" -> Types.BINARY;
            case "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> Types.VARBINARY;
            case "bit" -> Types.BIT;
            case "date", "year" -> Types.DATE;
            case "time" -> Types.TIME;
            case "datetime" -> Types.TIMESTAMP;
            case "timestamp" -> Types.TIMESTAMP_WITH_TIMEZONE;
            default -> Types.OTHER;
        };
    }
}
