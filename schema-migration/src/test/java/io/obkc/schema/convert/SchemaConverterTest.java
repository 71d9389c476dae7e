package io.obkc.schema.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.obkc.common.rules.ObjectMatcher;
import io.obkc.schema.model.CheckDef;
import io.obkc.schema.model.ColumnDef;
import io.obkc.schema.model.ForeignKeyDef;
import io.obkc.schema.model.IndexDef;
import io.obkc.schema.model.SourceSchema;
import io.obkc.schema.model.TableDef;

class SchemaConverterTest {
    static final TargetCapabilities OB = TargetCapabilities.assumed(Map.of());

    static ColumnDef col(String name, String type, String columnType) {
        ColumnDef c = new ColumnDef(name, type, columnType);
        if (type.contains("char")) {
            c.length = Long.parseLong(columnType.replaceAll("\\D", ""));
            c.charset = "utf8mb4";
            c.collation = "utf8mb4_general_ci";
        }
        return c;
    }

    static TableDef table(String name, ColumnDef... cols) {
        TableDef t = new TableDef("db", name);
        t.columns.addAll(List.of(cols));
        t.charset = "utf8mb4";
        t.collation = "utf8mb4_0900_ai_ci";
        return t;
    }

    static ConversionResult convert(ConversionOptions options, TableDef... tables) {
        SourceSchema s = new SourceSchema(SourceSchema.Engine.MYSQL, "8.0");
        s.tables.addAll(List.of(tables));
        return new SchemaConverter(new MysqlTypeMapper(), OB, options).convert(s, n -> Optional.of(n));
    }

    static ConversionResult convert(TableDef... tables) {
        return convert(ConversionOptions.defaults(), tables);
    }

    @Test
    void unknownTypeFailsNamingTheObjectAndColumn() {
        ObjectReport r = convert(table("t", col("x", "vector", "vector(3)"))).table("db.t");
        assertThat(r.failed()).isTrue();
        assertThat(r.error).startsWith("db.t: column x: unknown type vector(3); ").contains("change the column to a supported type on the source");
    }

    @Test
    void tooLongTargetNameFails() {
        TableDef t = table("t", col("id", "int", "int"));
        SourceSchema s = new SourceSchema(SourceSchema.Engine.MYSQL, "8.0");
        s.tables.add(t);
        String longName = "x".repeat(65);
        ConversionResult r = new SchemaConverter(new MysqlTypeMapper(), OB, ConversionOptions.defaults())
                .convert(s, ObjectMatcher.parse("db.t=db." + longName, "")::map);
        assertThat(r.table("db.t").error).contains("table name '" + longName + "' is 65 characters; OceanBase allows 64");
    }

    @Test
    void unsupportedCollationIsMappedAndWarned() {
        ObjectReport r = convert(table("t", col("id", "int", "int"))).table("db.t");
        assertThat(r.ddl.get(0)).contains("DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci");
        assertThat(r.warnings).anyMatch(w -> w.contains("utf8mb4_0900_ai_ci is not supported by the target"));
        assertThat(OB.map("utf8mb4", "utf8mb4_0900_as_cs").collation()).isEqualTo("utf8mb4_bin");
        assertThat(TargetCapabilities.assumed(Map.of("utf8mb4_0900_ai_ci", "utf8mb4_bin")).map("utf8mb4", "utf8mb4_0900_ai_ci")
                .collation()).isEqualTo("utf8mb4_bin");
    }

    @Test
    void tableWithoutKeyGetsHiddenColumnAndTableWithNonNullUniqueKeyDoesNot() {
        ObjectReport r = convert(table("t", col("a", "int", "int"))).table("db.t");
        assertThat(r.ddl.get(0)).contains("`__obkc_pk` bigint NOT NULL AUTO_INCREMENT", "UNIQUE KEY `__obkc_pk_uk_t` (`__obkc_pk`)");
        assertThat(r.hiddenKey.dropDdl()).isEqualTo("ALTER TABLE `db`.`t` DROP INDEX `__obkc_pk_uk_t`; ALTER TABLE `db`.`t` DROP COLUMN `__obkc_pk`");

        ColumnDef a = col("a", "int", "int");
        a.nullable = false;
        TableDef u = table("u", a);
        u.indexes.add(new IndexDef("uk", IndexDef.Kind.UNIQUE, List.of(IndexDef.Part.column("a")), null));
        ObjectReport ru = convert(u).table("db.u");
        assertThat(ru.ddl.get(0)).doesNotContain("__obkc_pk");
        assertThat(ru.rowKey).isEqualTo(new RowKey("db", "u", "UNIQUE", "uk", List.of("a")));
    }

    @Test
    void foreignKeysChecksAndLateIndexesAreDeferred() {
        TableDef p = table("p", col("id", "int", "int"));
        p.indexes.add(new IndexDef("PRIMARY", IndexDef.Kind.PRIMARY, List.of(IndexDef.Part.column("id")), null));
        TableDef c = table("c", col("id", "int", "int"), col("pid", "int", "int"));
        c.indexes.add(new IndexDef("PRIMARY", IndexDef.Kind.PRIMARY, List.of(IndexDef.Part.column("id")), null));
        c.indexes.add(new IndexDef("ix_pid", IndexDef.Kind.INDEX, List.of(IndexDef.Part.column("pid")), null));
        c.foreignKeys.add(new ForeignKeyDef("fk", List.of("pid"), "db", "p", List.of("id"), "CASCADE", "NO ACTION"));
        c.checks.add(new CheckDef("ck", "`pid` > 0"));
        ConversionOptions after = new ConversionOptions(ConversionOptions.IndexCreation.AFTER, "__obkc_pk", Map.of());
        ObjectReport r = convert(after, p, c).table("db.c");
        assertThat(r.ddl.get(0)).doesNotContain("ix_pid", "FOREIGN", "CHECK").contains("PRIMARY KEY (`id`)");
        assertThat(r.deferred).extracting(DeferredObject::ddl).containsExactly(
                "CREATE INDEX `ix_pid` ON `db`.`c` (`pid`)",
                "ALTER TABLE `db`.`c` ADD CONSTRAINT `fk` FOREIGN KEY (`pid`) REFERENCES `db`.`p` (`id`) ON DELETE CASCADE",
                "ALTER TABLE `db`.`c` ADD CONSTRAINT `ck` CHECK (`pid` > 0)");
        assertThat(r.deferred).extracting(DeferredObject::phase).containsExactly("after-full-load", "switchover", "switchover");
    }

    @Test
    void foreignKeyToATableThatIsNotMigratedIsDroppedWithAWarning() {
        TableDef c = table("c", col("id", "int", "int"));
        c.indexes.add(new IndexDef("PRIMARY", IndexDef.Kind.PRIMARY, List.of(IndexDef.Part.column("id")), null));
        c.foreignKeys.add(new ForeignKeyDef("fk", List.of("id"), "other", "p", List.of("id"), null, null));
        ObjectReport r = convert(c).table("db.c");
        assertThat(r.deferred).isEmpty();
        assertThat(r.warnings).anyMatch(w -> w.contains("references other.p, which is not migrated"));
    }

    @Test
    void oversizedSecondaryIndexGetsPrefixesAndOversizedUniqueKeyFails() {
        TableDef t = table("t", col("id", "int", "int"), col("a", "varchar", "varchar(3000)"), col("b", "varchar", "varchar(3000)"));
        t.indexes.add(new IndexDef("PRIMARY", IndexDef.Kind.PRIMARY, List.of(IndexDef.Part.column("id")), null));
        t.indexes.add(new IndexDef("ix", IndexDef.Kind.INDEX, List.of(IndexDef.Part.column("a"), IndexDef.Part.column("b")), null));
        ObjectReport r = convert(t).table("db.t");
        assertThat(r.ddl.get(0)).contains("KEY `ix` (`a`(2048), `b`(2048))");
        t.indexes.add(new IndexDef("uk", IndexDef.Kind.UNIQUE, List.of(IndexDef.Part.column("a"), IndexDef.Part.column("b")), null));
        assertThat(convert(t).table("db.t").error).contains("unique key uk is up to 24000 bytes, over OceanBase's 16384-byte index key limit");
    }

    @Test
    void lobDefaultsAreDroppedAndExpressionDefaultsParenthesised() {
        ColumnDef text = col("t", "text", "text");
        text.defaultKind = ColumnDef.DefaultKind.LITERAL;
        text.defaultValue = "x";
        ColumnDef u = col("u", "varchar", "varchar(36)");
        u.defaultKind = ColumnDef.DefaultKind.EXPRESSION;
        u.defaultValue = "uuid()";
        ColumnDef ts = col("ts", "datetime", "datetime(3)");
        ts.datetimePrecision = 3;
        ts.defaultKind = ColumnDef.DefaultKind.EXPRESSION;
        ts.defaultValue = "current_timestamp()";
        String ddl = convert(table("t", text, u, ts)).table("db.t").ddl.get(0);
        assertThat(ddl).contains("`t` text NULL DEFAULT NULL,", "`u` varchar(36) NULL DEFAULT (uuid())", "`ts` datetime(3) NULL DEFAULT CURRENT_TIMESTAMP(3)");
    }

    @Test
    void manyToOneCreatesTheTargetOnce() {
        TableDef a = table("orders_1", col("id", "int", "int"));
        TableDef b = table("orders_2", col("id", "int", "int"));
        SourceSchema s = new SourceSchema(SourceSchema.Engine.MYSQL, "8.0");
        s.tables.addAll(List.of(a, b));
        ConversionResult r = new SchemaConverter(new MysqlTypeMapper(), OB, ConversionOptions.defaults())
                .convert(s, ObjectMatcher.parse("db.orders_*=all.orders", "")::map);
        assertThat(r.table("db.orders_1").ddl).hasSize(1);
        assertThat(r.table("db.orders_2").ddl).isEmpty();
        assertThat(r.table("db.orders_2").warnings).anyMatch(w -> w.contains("many-to-one: rows go into all.orders"));
        assertThat(r.databases).containsExactly("all");
    }

    @Test
    void reservedWordsAreQuotedAndWarned() {
        ObjectReport r = convert(table("order", col("select", "int", "int"))).table("db.order");
        assertThat(r.ddl.get(0)).startsWith("CREATE TABLE `db`.`order` (\n  `select` int NULL");
        assertThat(r.warnings).anyMatch(w -> w.contains("table name 'order' is a reserved word"));
    }

    @Test
    void longIndexNamesAreShortenedDeterministically() {
        // Expected values computed outside this code: 55 characters, '_', CRC32 (zlib.crc32) of the full name in hex.
        assertThat(SchemaConverter.shortenRaw("i".repeat(80))).isEqualTo("i".repeat(55) + "_69d7e95a");
        assertThat(SchemaConverter.shortenRaw("i".repeat(81))).isEqualTo("i".repeat(55) + "_6dbb5972");
        assertThat(SchemaConverter.shortenRaw("i".repeat(64))).isEqualTo("i".repeat(64));
    }
}
