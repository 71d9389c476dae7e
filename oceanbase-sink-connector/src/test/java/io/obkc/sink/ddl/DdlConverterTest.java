package io.obkc.sink.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.obkc.sink.ddl.DdlConverter.TargetDdl;
import io.obkc.sink.ddl.SchemaChange.SourceColumn;
import io.obkc.sink.ddl.SchemaChange.TableChange;
import io.obkc.sink.table.TableId;

class DdlConverterTest {
    /** Routes source db "src" to target db "tgt", table names with a "t_" prefix, as name formats would. */
    private final DdlConverter converter = new DdlConverter((change, name) -> new TableId("tgt", "t_" + name.table()));
    private final FakeState state = new FakeState();

    static final class FakeState implements DdlConverter.TargetState {
        final Set<String> tables = new HashSet<>();
        final Set<String> columns = new HashSet<>();
        final Set<String> indexes = new HashSet<>();

        @Override
        public boolean tableExists(TableId table) {
            return tables.contains(table.table());
        }

        @Override
        public boolean columnExists(TableId table, String column) {
            return columns.contains(table.table() + "." + column.toLowerCase());
        }

        @Override
        public boolean indexExists(TableId table, String index) {
            return indexes.contains(table.table() + "." + index.toLowerCase());
        }
    }

    private static SourceColumn col(String name, String type, Integer len, Integer scale, boolean optional, String dflt, String... enums) {
        return new SourceColumn(name, type, type, len, scale, 0, optional, false, false, null, dflt, List.of(enums), null);
    }

    private static SchemaChange change(String ddl, String type, List<SourceColumn> columns, List<String> pk) {
        List<TableChange> tcs = new ArrayList<>();
        if (type != null) {
            tcs.add(new TableChange(type, new ParsedDdl.Name("src", "orders"), columns, pk, null));
        }
        return new SchemaChange(new SinkRecord("p", 0, null, null, null, null, 7), "src", ddl, tcs, null, false);
    }

    private List<TargetDdl> convert(SchemaChange c) {
        return converter.convert(c, DdlParser.parse(c.ddl()), state);
    }

    private static List<String> sql(List<TargetDdl> out) {
        return out.stream().flatMap(t -> t.sql().stream()).toList();
    }

    @Test
    void createTableFromStructuredColumnsWithIndexesSeparately() {
        List<SourceColumn> cols = List.of(
                new SourceColumn("id", "BIGINT UNSIGNED", "BIGINT UNSIGNED", null, null, 1, false, true, false, null, null, List.of(), null),
                col("name", "VARCHAR", 40, null, false, "n/a"),
                col("price", "DECIMAL", 10, 2, true, "0.00"),
                col("state", "ENUM", 1, null, true, "new", "'new'", "'it''s'"),
                col("body", "TEXT", null, null, true, "x"),
                col("at", "DATETIME", 6, null, true, "CURRENT_TIMESTAMP"),
                col("flag", "BOOLEAN", null, null, true, "1"));
        List<TargetDdl> out = convert(change("CREATE TABLE orders (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL, "
                + "KEY idx_name (name), UNIQUE KEY uk (price, state))", "CREATE", cols, List.of("id")));
        assertThat(out).extracting(TargetDdl::ddlClass).containsExactly(DdlClass.CREATE_TABLE, DdlClass.ADD_INDEX, DdlClass.ADD_INDEX);
        assertThat(out.get(0).table()).isEqualTo(new TableId("tgt", "t_orders"));
        assertThat(out.get(0).sql()).containsExactly("CREATE DATABASE IF NOT EXISTS `tgt` DEFAULT CHARACTER SET utf8mb4",
                "CREATE TABLE IF NOT EXISTS `tgt`.`t_orders` (\n"
                        + "  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n"
                        + "  `name` varchar(40) NOT NULL DEFAULT 'n/a',\n"
                        + "  `price` decimal(10,2) NULL DEFAULT 0.00,\n"
                        + "  `state` enum('new','it''s') NULL DEFAULT 'new',\n"
                        + "  `body` text NULL,\n"
                        + "  `at` datetime(6) NULL DEFAULT CURRENT_TIMESTAMP(6),\n"
                        + "  `flag` tinyint(1) NULL DEFAULT 1,\n"
                        + "  PRIMARY KEY (`id`)\n"
                        + ") DEFAULT CHARSET = utf8mb4");
        assertThat(out.get(1).sql()).containsExactly("ALTER TABLE `tgt`.`t_orders` ADD INDEX `idx_name` (`name`)");
        assertThat(out.get(2).sql()).containsExactly("ALTER TABLE `tgt`.`t_orders` ADD UNIQUE INDEX `uk` (`price`, `state`)");
    }

    @Test
    void alterColumnClausesUseTheStructuredDefinition() {
        state.tables.add("t_orders");
        state.columns.add("t_orders.old");
        state.columns.add("t_orders.gone");
        List<SourceColumn> cols = List.of(col("id", "INT", null, null, false, null), col("note", "VARCHAR", 100, null, true, null),
                col("amount", "BIGINT", null, null, false, "0"), col("renamed", "VARCHAR", 20, null, true, null));
        List<TargetDdl> out = convert(change("ALTER TABLE orders ADD COLUMN note VARCHAR(100) AFTER id, MODIFY amount BIGINT NOT NULL DEFAULT 0, "
                + "CHANGE old renamed VARCHAR(20), DROP COLUMN gone, DROP COLUMN never_there, ENGINE = InnoDB", "ALTER", cols, List.of("id")));
        assertThat(out).extracting(TargetDdl::ddlClass).containsExactly(DdlClass.ADD_COLUMN, DdlClass.MODIFY_COLUMN, DdlClass.CHANGE_COLUMN,
                DdlClass.DROP_COLUMN, DdlClass.DROP_COLUMN, DdlClass.OTHER);
        assertThat(sql(out)).containsExactly(
                "ALTER TABLE `tgt`.`t_orders` ADD COLUMN `note` varchar(100) NULL AFTER `id`",
                "ALTER TABLE `tgt`.`t_orders` MODIFY COLUMN `amount` bigint NOT NULL DEFAULT 0",
                "ALTER TABLE `tgt`.`t_orders` CHANGE COLUMN `old` `renamed` varchar(20) NULL",
                "ALTER TABLE `tgt`.`t_orders` DROP COLUMN `gone`");
        assertThat(out.get(4).isNoop()).isTrue();
    }

    @Test
    void replayedOrOvertakenAlterIsIdempotent() {
        // Row changes already added the column (auto.evolve), and the rename already happened.
        state.tables.add("t_orders");
        state.columns.add("t_orders.note");
        state.columns.add("t_orders.renamed");
        state.indexes.add("t_orders.idx");
        List<SourceColumn> cols = List.of(col("note", "VARCHAR", 100, null, true, null), col("renamed", "INT", null, null, true, null));
        List<TargetDdl> out = convert(change("ALTER TABLE orders ADD note VARCHAR(100), CHANGE old renamed INT, ADD INDEX idx (note), "
                + "DROP INDEX other", "ALTER", cols, List.of()));
        assertThat(sql(out)).containsExactly("ALTER TABLE `tgt`.`t_orders` MODIFY COLUMN `note` varchar(100) NULL",
                "ALTER TABLE `tgt`.`t_orders` MODIFY COLUMN `renamed` int NULL");
        assertThat(out.get(2).isNoop()).isTrue();
        assertThat(out.get(3).isNoop()).isTrue();
    }

    @Test
    void renameTruncateDropAndIndexStatements() {
        state.tables.add("t_orders");
        state.indexes.add("t_orders.ix");
        assertThat(sql(convert(change("RENAME TABLE orders TO orders2", null, List.of(), List.of()))))
                .containsExactly("RENAME TABLE `tgt`.`t_orders` TO `tgt`.`t_orders2`");
        assertThat(sql(convert(change("TRUNCATE TABLE orders", null, List.of(), List.of())))).containsExactly("TRUNCATE TABLE `tgt`.`t_orders`");
        assertThat(sql(convert(change("DROP TABLE `orders` /* generated by server */", "DROP", List.of(), List.of()))))
                .containsExactly("DROP TABLE IF EXISTS `tgt`.`t_orders`");
        assertThat(sql(convert(change("CREATE INDEX ix2 ON orders (a)", "ALTER", List.of(), List.of()))))
                .containsExactly("CREATE INDEX `ix2` ON `tgt`.`t_orders` (`a`)");
        assertThat(sql(convert(change("DROP INDEX ix ON orders", "ALTER", List.of(), List.of()))))
                .containsExactly("ALTER TABLE `tgt`.`t_orders` DROP INDEX `ix`");
    }

    @Test
    void renameAlreadyDoneIsANoop() {
        state.tables.add("t_orders2");
        List<TargetDdl> out = convert(change("RENAME TABLE orders TO orders2", null, List.of(), List.of()));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).isNoop()).isTrue();
    }

    @Test
    void unknownTypesAndMissingDefinitionsAreUnsupportedNotGuessed() {
        List<TargetDdl> out = convert(change("ALTER TABLE orders ADD COLUMN g SOMETYPE", "ALTER",
                List.of(col("g", "SOMETYPE", null, null, true, null)), List.of()));
        assertThat(out.get(0).unsupported()).contains("SOMETYPE");
        out = convert(change("CREATE TABLE orders (a INT)", null, List.of(), List.of()));
        assertThat(out.get(0).unsupported()).contains("tableChanges");
    }

    @Test
    void otherStatementsAreNotSynchronized() {
        List<TargetDdl> out = convert(change("CREATE DATABASE x", null, List.of(), List.of()));
        assertThat(out).singleElement().satisfies(t -> {
            assertThat(t.ddlClass()).isEqualTo(DdlClass.OTHER);
            assertThat(t.sql()).isEmpty();
        });
    }

    @Test
    void debeziumColumnsAreReadIntoTheSharedMapping() {
        // The mapping itself is tested in common (MysqlTypeMappingTest); here: typeName words, quoted labels, -1 lengths.
        assertThat(SourceColumnMapper.targetType(col("u", "UUID", null, null, true, null))).isEqualTo("char(36)");
        assertThat(SourceColumnMapper.targetType(col("t", "TINYINT", 1, null, true, null))).isEqualTo("tinyint(1)");
        assertThat(SourceColumnMapper.targetType(col("t", "INT UNSIGNED ZEROFILL", 10, null, true, null))).isEqualTo("int(10) unsigned zerofill");
        assertThat(SourceColumnMapper.targetType(col("d", "DATETIME", -1, null, true, null))).isEqualTo("datetime");
        assertThat(SourceColumnMapper.targetType(col("s", "SET", null, null, true, null, "'a'", "'it''s'"))).isEqualTo("set('a','it''s')");
        assertThat(SourceColumnMapper.columnDefinition(col("j", "JSON", null, null, true, "{}"), false)).isEqualTo("`j` json NULL");
        assertThat(SourceColumnMapper.columnDefinition(col("c", "CHAR", 3, null, false, "it's"), false)).isEqualTo("`c` char(3) NOT NULL DEFAULT 'it''s'");
        assertThat(SourceColumnMapper.columnDefinition(col("c", "CHAR", 3, null, false, "'it''s'"), false))
                .isEqualTo("`c` char(3) NOT NULL DEFAULT 'it''s'");
        assertThat(SourceColumnMapper.columnDefinition(col("n", "INT", null, null, false, "NULL"), false)).isEqualTo("`n` int NOT NULL");
        assertThat(SourceColumnMapper.columnDefinition(col("n", "INT", null, null, true, "NULL"), false)).isEqualTo("`n` int NULL DEFAULT NULL");
        assertThat(SourceColumnMapper.columnDefinition(col("b", "BIT", 8, null, true, "b'101'"), false)).isEqualTo("`b` bit(8) NULL DEFAULT b'101'");
        assertThat(SourceColumnMapper.columnDefinition(col("ts", "TIMESTAMP", 3, null, true, "now()"), false))
                .isEqualTo("`ts` timestamp(3) NULL DEFAULT CURRENT_TIMESTAMP(3)");
    }

    /**
     * Issue 9 item 11: literals in DDL sync, with the events built by Debezium's own MariaDB DDL parser and
     * tableChanges serializer (DebeziumMariaDbSchemaChanges), which strip the quotes but keep the escapes.
     */
    @Test
    void literalsArriveAsTheSourceMeantThem() {
        String create = "CREATE TABLE orders (id INT PRIMARY KEY)";
        state.tables.add("t_orders");
        SchemaChange c = DebeziumMariaDbSchemaChanges.of("src", "orders", create,
                "ALTER TABLE orders ADD COLUMN bs VARCHAR(5) NOT NULL DEFAULT '\\\\' COMMENT 'x\\';y', "
                        + "ADD COLUMN e ENUM('c\\'d','a''b','e,f') DEFAULT 'a''b', ADD COLUMN `we``ird` INT, "
                        + "ADD COLUMN nl VARCHAR(5) DEFAULT 'a\\nb' COMMENT 'it''s \\\\ 100\\%'");
        assertThat(sql(convert(c))).containsExactly(
                // One backslash: written '\\' (MySQL escapes), the comment x';y, not x\';y.
                "ALTER TABLE `tgt`.`t_orders` ADD COLUMN `bs` varchar(5) NOT NULL DEFAULT '\\\\' COMMENT 'x'';y'",
                "ALTER TABLE `tgt`.`t_orders` ADD COLUMN `e` enum('c''d','a''b','e,f') NULL DEFAULT 'a''b'",
                // Debezium names a column added by ALTER TABLE with its backtick doubled, and so do its rows: the target column follows the rows.
                "ALTER TABLE `tgt`.`t_orders` ADD COLUMN `we````ird` int NULL",
                "ALTER TABLE `tgt`.`t_orders` ADD COLUMN `nl` varchar(5) NULL DEFAULT 'a\nb' COMMENT 'it''s \\\\ 100\\\\%'");
    }

    /**
     * Issue 9 item 11: with a schema history of all tables, Debezium sends DDL of databases the sink does not capture.
     * The sink applies DDL only for tables whose row topic ({@code <prefix>.<db>.<table>}) it subscribes to.
     */
    @Test
    void ddlOfTablesNotCapturedIsNotApplied() {
        DdlConverter scoped = new DdlConverter((change, name) -> new TableId("tgt", "t_" + name.table()),
                CapturedTables.fromSubscription(null, "p(\\.src\\..*)?"));
        state.tables.add("t_orders");
        for (String ddl : List.of("DROP TABLE other.orders", "TRUNCATE TABLE other.orders", "ALTER TABLE other.orders DROP COLUMN note",
                "RENAME TABLE src.orders TO other.orders", "CREATE TABLE other.orders (id INT PRIMARY KEY)")) {
            SchemaChange c = change(ddl, null, List.of(), List.of());
            List<TargetDdl> out = scoped.convert(c, DdlParser.parse(ddl), state);
            assertThat(out).as(ddl).singleElement().satisfies(t -> {
                assertThat(t.ddlClass()).isEqualTo(DdlClass.OTHER);
                assertThat(t.sql()).isEmpty();
                assertThat(t.note()).contains("not captured", "p.other.orders");
            });
        }
        // The captured database, qualified or by the event's default database, is applied; an explicit topic list works too.
        assertThat(sql(scoped.convert(change("DROP TABLE orders", null, List.of(), List.of()), DdlParser.parse("DROP TABLE orders"), state)))
                .containsExactly("DROP TABLE IF EXISTS `tgt`.`t_orders`");
        DdlConverter listed = new DdlConverter((change, name) -> new TableId("tgt", "t_" + name.table()),
                CapturedTables.fromSubscription(List.of("p.src.orders"), null));
        assertThat(sql(listed.convert(change("DROP TABLE src.orders", null, List.of(), List.of()), DdlParser.parse("DROP TABLE src.orders"), state)))
                .containsExactly("DROP TABLE IF EXISTS `tgt`.`t_orders`");
        assertThat(sql(listed.convert(change("DROP TABLE src.items", null, List.of(), List.of()), DdlParser.parse("DROP TABLE src.items"), state)))
                .isEmpty();
    }

    /**
     * Debezium's tableChanges replaces DEFAULT CURRENT_TIMESTAMP with '1970-01-01 00:00:00' and drops ON UPDATE; the
     * statement text has both (events built by Debezium's own parser).
     */
    @Test
    void currentTimestampDefaultsAndOnUpdateComeFromTheStatement() {
        String create = "CREATE TABLE orders (id INT PRIMARY KEY, ts TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, "
                + "dt DATETIME(3) DEFAULT NOW(3), d2 DATETIME DEFAULT '2000-01-01 00:00:00', n DECIMAL(5,2) DEFAULT 1.5)";
        List<String> created = sql(convert(DebeziumMariaDbSchemaChanges.of("src", "orders", create)));
        assertThat(created.get(1)).contains("`ts` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,",
                "`dt` datetime(3) NULL DEFAULT CURRENT_TIMESTAMP(3),", "`d2` datetime NULL DEFAULT '2000-01-01 00:00:00',",
                "`n` decimal(5,2) NULL DEFAULT 1.5");
        // A snapshot's CREATE TABLE is MariaDB's SHOW CREATE TABLE text.
        String snapshot = "CREATE TABLE `orders` (\n  `id` int(11) NOT NULL,\n  `ts` timestamp NOT NULL DEFAULT current_timestamp() "
                + "ON UPDATE current_timestamp(),\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
        assertThat(sql(convert(DebeziumMariaDbSchemaChanges.of("src", "orders", snapshot))).get(1))
                .contains("`ts` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,");
        state.tables.add("t_orders");
        assertThat(sql(convert(DebeziumMariaDbSchemaChanges.of("src", "orders", create,
                "ALTER TABLE orders ADD COLUMN u DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6) AFTER id, "
                        + "ADD COLUMN v INT NOT NULL DEFAULT 5"))))
                .containsExactly("ALTER TABLE `tgt`.`t_orders` ADD COLUMN `u` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) "
                        + "ON UPDATE CURRENT_TIMESTAMP(6) AFTER `id`", "ALTER TABLE `tgt`.`t_orders` ADD COLUMN `v` int NOT NULL DEFAULT 5");
    }
}
