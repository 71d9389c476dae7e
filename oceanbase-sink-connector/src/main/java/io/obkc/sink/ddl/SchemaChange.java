package io.obkc.sink.ddl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import io.obkc.sink.event.BinlogPosition;
import io.obkc.sink.event.SourceBlock;

/**
 * A Debezium schema change event (value schema {@code io.debezium.connector.*.SchemaChangeValue}), read
 * into plain Java: the DDL text, its default database, the structured {@code tableChanges} and the
 * binlog position it was read at.
 */
public record SchemaChange(SinkRecord record, String databaseName, String ddl, List<TableChange> tableChanges, BinlogPosition position,
        boolean snapshot) {

    /** A column as Debezium's {@code io.debezium.connector.schema.Column} describes it (source terms). */
    public record SourceColumn(String name, String typeName, String typeExpression, Integer length, Integer scale, int position,
            boolean optional, boolean autoIncremented, boolean generated, String comment, String defaultValueExpression,
            List<String> enumValues, String charsetName) {
    }

    /** One entry of {@code tableChanges}: CREATE, ALTER or DROP of a table. */
    public record TableChange(String type, ParsedDdl.Name id, List<SourceColumn> columns, List<String> primaryKey, String comment) {
        /**
         * The column of that name. Debezium's MariaDB/MySQL parser keeps a column added by ALTER TABLE with its
         * backticks doubled ({@code `a``b`} gives {@code a``b}, and the rows carry that name too), while CREATE TABLE
         * gives {@code a`b}; the DDL text's name is matched against both spellings.
         */
        public SourceColumn column(String name) {
            for (SourceColumn c : columns) {
                if (c.name().equalsIgnoreCase(name)) {
                    return c;
                }
            }
            for (SourceColumn c : columns) {
                if (c.name().replace("``", "`").equalsIgnoreCase(name)) {
                    return c;
                }
            }
            return null;
        }
    }

    public static boolean isSchemaChange(SinkRecord record) {
        return record.valueSchema() != null && record.valueSchema().name() != null && record.valueSchema().name().endsWith("SchemaChangeValue")
                && record.value() instanceof Struct;
    }

    public static SchemaChange from(SinkRecord record) {
        Struct v = (Struct) record.value();
        String db = optString(v, "databaseName");
        String ddl = optString(v, "ddl");
        SourceBlock sourceBlock = new SourceBlock();   // one record: nothing to reuse, the same reading rules as row changes
        Struct source = sourceBlock.of(v);
        List<TableChange> changes = new ArrayList<>();
        if (v.schema().field("tableChanges") != null && v.get("tableChanges") != null) {
            for (Object o : v.getArray("tableChanges")) {
                changes.add(tableChange((Struct) o));
            }
        }
        return new SchemaChange(record, db == null || db.isEmpty() ? null : db, ddl, Collections.unmodifiableList(changes),
                sourceBlock.binlogPosition(v), source != null && sourceBlock.snapshot(source));
    }

    private static TableChange tableChange(Struct s) {
        String type = optString(s, "type");
        ParsedDdl.Name id = parseId(optString(s, "id"));
        Struct table = s.schema().field("table") != null ? s.getStruct("table") : null;
        List<SourceColumn> columns = new ArrayList<>();
        List<String> pk = new ArrayList<>();
        String comment = null;
        if (table != null) {
            if (table.schema().field("primaryKeyColumnNames") != null && table.get("primaryKeyColumnNames") != null) {
                for (Object o : table.getArray("primaryKeyColumnNames")) {
                    pk.add(o.toString());
                }
            }
            if (table.schema().field("columns") != null && table.get("columns") != null) {
                for (Object o : table.getArray("columns")) {
                    columns.add(column((Struct) o));
                }
            }
            columns.sort(java.util.Comparator.comparingInt(SourceColumn::position));
            comment = optString(table, "comment");
        }
        return new TableChange(type == null ? "" : type.toUpperCase(Locale.ROOT), id, List.copyOf(columns), List.copyOf(pk), comment);
    }

    private static SourceColumn column(Struct c) {
        List<String> enums = new ArrayList<>();
        if (c.schema().field("enumValues") != null && c.get("enumValues") != null) {
            for (Object o : c.getArray("enumValues")) {
                enums.add(o.toString());
            }
        }
        return new SourceColumn(optString(c, "name"), optString(c, "typeName"), optString(c, "typeExpression"), optInt(c, "length"),
                optInt(c, "scale"), optInt(c, "position") == null ? 0 : optInt(c, "position"), optBool(c, "optional", true),
                optBool(c, "autoIncremented", false), optBool(c, "generated", false), optString(c, "comment"),
                optString(c, "defaultValueExpression"), List.copyOf(enums), optString(c, "charsetName"));
    }

    /** Parses Debezium's table id, {@code "db"."table"} (or {@code db.table}), into a name. */
    static ParsedDdl.Name parseId(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        List<String> parts = io.obkc.common.debezium.DebeziumTableIds.split(id);
        if (parts.size() == 1) {
            return new ParsedDdl.Name(null, parts.get(0));
        }
        // catalog.table for MySQL (schema empty), or catalog.schema.table.
        String table = parts.get(parts.size() - 1);
        String db = parts.get(0);
        if (parts.size() == 3 && !parts.get(1).isEmpty()) {
            db = parts.get(1);
        }
        if (db.isEmpty()) {
            throw new DataException("Cannot read table id " + id);
        }
        return new ParsedDdl.Name(db, table);
    }

    private static String optString(Struct s, String f) {
        if (s.schema().field(f) == null) {
            return null;
        }
        Object o = s.get(f);
        return o == null ? null : o.toString();
    }

    private static Integer optInt(Struct s, String f) {
        if (s.schema().field(f) == null) {
            return null;
        }
        Object o = s.get(f);
        return o == null ? null : ((Number) o).intValue();
    }

    private static boolean optBool(Struct s, String f, boolean dflt) {
        if (s.schema().field(f) == null || s.get(f) == null) {
            return dflt;
        }
        return (Boolean) s.get(f);
    }

    public String describe() {
        String d = ddl == null ? "" : ddl.replaceAll("\\s+", " ").trim();
        return d.length() > 300 ? d.substring(0, 300) + "..." : d;
    }
}
