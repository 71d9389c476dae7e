package io.obkc.sink.ddl;

import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

import io.debezium.connector.mariadb.antlr.MariaDbAntlrDdlParser;
import io.debezium.relational.Table;
import io.debezium.relational.TableId;
import io.debezium.relational.Tables;
import io.debezium.relational.history.ConnectTableChangeSerializer;
import io.debezium.relational.history.TableChanges;
import io.debezium.schema.SchemaNameAdjuster;

/**
 * Schema change events as Debezium's MariaDB connector builds them: the statements are parsed by Debezium's own
 * DDL parser and the table after the last one is serialized by Debezium's own {@code tableChanges} serializer, so
 * tests see exactly the defaults, comments and ENUM labels Debezium sends (quotes stripped, escapes kept), not
 * what we believe it sends.
 */
final class DebeziumMariaDbSchemaChanges {
    private DebeziumMariaDbSchemaChanges() {
    }

    /**
     * The schema change event of the last statement, for table {@code db.table}; the earlier statements set up the
     * table as Debezium's schema history would have it.
     */
    static SchemaChange of(String db, String table, String... statements) {
        MariaDbAntlrDdlParser parser = new MariaDbAntlrDdlParser();
        parser.setCurrentDatabase(db);
        Tables tables = new Tables();
        for (String s : statements) {
            parser.parse(s, tables);
        }
        Table t = tables.forTable(new TableId(db, null, table));
        ConnectTableChangeSerializer serializer = new ConnectTableChangeSerializer(SchemaNameAdjuster.NO_OP);
        String last = statements[statements.length - 1];
        TableChanges changes = new TableChanges();
        if (t != null) {
            if (last.trim().toUpperCase().startsWith("CREATE")) {
                changes.create(t);
            } else {
                changes.alter(t);
            }
        }
        List<Struct> serialized = serializer.serialize(changes);
        Schema value = SchemaBuilder.struct().name("io.debezium.connector.mariadb.SchemaChangeValue")
                .field("databaseName", Schema.OPTIONAL_STRING_SCHEMA)
                .field("ddl", Schema.OPTIONAL_STRING_SCHEMA)
                .field("tableChanges", SchemaBuilder.array(serializer.getChangeSchema()).build())
                .build();
        Struct v = new Struct(value).put("databaseName", db).put("ddl", last).put("tableChanges", serialized);
        return SchemaChange.from(new SinkRecord("src", 0, null, null, value, v, 1));
    }
}
