package io.obkc.smt.support;

import java.util.List;
import java.util.Locale;

import io.obkc.common.rules.ObjectName;
import org.apache.kafka.common.config.ConfigDef;

import io.obkc.common.config.Choices;

/**
 * Which table a record belongs to, as the matching rules see it ({@code database.table}).
 *
 * <ul>
 *   <li>Envelopes: the source block's database field and {@code table}. The database field is
 *       {@code db} for MySQL-family sources and {@code schema} for PostgreSQL; {@link DatabaseField#AUTO}
 *       takes {@code schema} when the source block has a non-null one, else {@code db}.</li>
 *   <li>Schema changes: {@code schemaName} or {@code databaseName} (same rule), and the source
 *       block's {@code table}, else the table of the first {@code tableChanges} id, else the empty
 *       string (a database-level DDL such as CREATE DATABASE).</li>
 *   <li>Anything else, or an envelope whose source block has no table: the topic, read as
 *       {@code [prefix.]database.table} (the last two dot-separated segments), as the sink does;
 *       a topic without a dot is a table without a database.</li>
 * </ul>
 */
public final class TableNames {
    public static final String DATABASE_FIELD_CONFIG = "source.database.field";
    public static final String DATABASE_FIELD_DOC = "Which source-block field is the 'database' of the matching rules: "
            + "'db' (MySQL-family), 'schema' (PostgreSQL), or 'auto' (schema when the source block has a non-null "
            + "one, else db). Also the field the object router rewrites.";

    public enum DatabaseField {
        AUTO, DB, SCHEMA;

        public static DatabaseField parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    private TableNames() {
    }

    public static void define(ConfigDef def) {
        def.define(DATABASE_FIELD_CONFIG, ConfigDef.Type.STRING, "auto",
                ConfigDef.CaseInsensitiveValidString.in("auto", "db", "schema"), ConfigDef.Importance.LOW, DATABASE_FIELD_DOC, null, -1, ConfigDef.Width.NONE, DATABASE_FIELD_CONFIG, Choices.of("auto", "db", "schema"));
    }

    /** The source-block field holding the database for this source block (see {@link DatabaseField}). */
    public static String databaseFieldOf(Object source, DatabaseField mode) {
        switch (mode) {
            case DB:
                return "db";
            case SCHEMA:
                return "schema";
            default:
                return Fields.get(source, "schema") != null ? "schema" : "db";
        }
    }

    /** The schema-change field holding the database (see {@link DatabaseField}). */
    public static String schemaChangeDatabaseFieldOf(Object value, DatabaseField mode) {
        switch (mode) {
            case DB:
                return ChangeRecord.DATABASE_NAME;
            case SCHEMA:
                return ChangeRecord.SCHEMA_NAME;
            default: {
                String schema = Fields.getString(value, ChangeRecord.SCHEMA_NAME);
                return schema != null && !schema.isEmpty() ? ChangeRecord.SCHEMA_NAME : ChangeRecord.DATABASE_NAME;
            }
        }
    }

    public static ObjectName of(ChangeRecord r, DatabaseField mode) {
        switch (r.shape()) {
            case ENVELOPE: {
                Object source = r.source();
                String table = Fields.getString(source, "table");
                if (table != null) {
                    return new ObjectName(Fields.getString(source, databaseFieldOf(source, mode)), table);
                }
                return fromTopic(r.record().topic());
            }
            case SCHEMA_CHANGE: {
                String db = Fields.getString(r.value(), schemaChangeDatabaseFieldOf(r.value(), mode));
                String table = Fields.getString(r.source(), "table");
                if (table == null) {
                    table = lastIdPart(r.firstTableChangeId());
                }
                return new ObjectName(db, table == null ? "" : table);
            }
            default:
                return fromTopic(r.record().topic());
        }
    }

    /** {@code a.b.c} → {@code b.c}; {@code b.c} → {@code b.c}; {@code c} → {@code c} without a database. */
    public static ObjectName fromTopic(String topic) {
        if (topic == null) {
            return new ObjectName(null, "");
        }
        int last = topic.lastIndexOf('.');
        if (last < 0) {
            return new ObjectName(null, topic);
        }
        int prev = topic.lastIndexOf('.', last - 1);
        return new ObjectName(topic.substring(prev + 1, last), topic.substring(last + 1));
    }

    /**
     * The topic with its trailing {@code database.table} replaced by {@code target}, or null when
     * the topic does not end with {@code source}'s names (e.g. it was already routed elsewhere).
     */
    public static String renameTopic(String topic, ObjectName source, ObjectName target) {
        String suffix = source.hasDatabase() ? source.database() + "." + source.table() : source.table();
        String prefix;
        if (topic.equals(suffix)) {
            prefix = "";
        } else if (topic.endsWith("." + suffix)) {
            prefix = topic.substring(0, topic.length() - suffix.length());
        } else {
            return null;
        }
        return prefix + (target.hasDatabase() ? target.database() + "." + target.table() : target.table());
    }

    /** The last component of a Debezium table id such as {@code "db"."t"} or {@code db.schema.t}. */
    static String lastIdPart(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        List<String> parts = io.obkc.common.debezium.DebeziumTableIds.split(id);
        return parts.get(parts.size() - 1);
    }
}
