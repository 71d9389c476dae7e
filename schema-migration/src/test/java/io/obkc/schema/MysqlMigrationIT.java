package io.obkc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.obkc.common.rules.ObjectMatcher;
import io.obkc.common.rules.ObjectName;
import io.obkc.schema.apply.SchemaApplier;
import io.obkc.schema.convert.ConversionOptions;
import io.obkc.schema.convert.ConversionResult;
import io.obkc.schema.convert.DeferredObject;
import io.obkc.schema.convert.MysqlTypeMapper;
import io.obkc.schema.convert.ObjectReport;
import io.obkc.schema.convert.SchemaConverter;
import io.obkc.schema.convert.TargetCapabilities;
import io.obkc.schema.model.SourceSchema;
import io.obkc.schema.read.MysqlSchemaReader;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.SqlAssertions;
import io.obkc.testing.TestBed;

/** MariaDB corpus -> seekdb: read, convert, apply, check SHOW CREATE TABLE, deferred objects, idempotence, data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MysqlMigrationIT {
    static final String SRC = "sm_my_src";
    static final String DST = "sm_my_dst";

    DatabaseEndpoint mysql;
    DatabaseEndpoint ob;
    ConversionResult result;

    @BeforeAll
    void migrate() throws Exception {
        mysql = TestBed.mysql();
        ob = TestBed.oceanbase();
        mysql.recreateDatabase(SRC);
        Corpus.load(mysql, SRC, "mysql-corpus.sql");
        ob.execute("DROP DATABASE IF EXISTS " + DST);
        result = run();
    }

    ConversionResult run() throws Exception {
        ObjectMatcher rules = ObjectMatcher.parse(SRC + ".*=" + DST + ".*", SRC + ".excluded_table");
        try (Connection src = mysql.connect(SRC); Connection dst = ob.connect()) {
            SourceSchema schema = new MysqlSchemaReader().read(src, rules::matches);
            TargetCapabilities caps = TargetCapabilities.probe(dst, Map.of());
            ConversionResult r = new SchemaConverter(new MysqlTypeMapper(), caps, ConversionOptions.defaults())
                    .convert(schema, rules::map);
            new SchemaApplier(dst).apply(r);
            return r;
        }
    }

    @Test
    void everyObjectIsAccountedForAndNothingFailed() {
        for (ObjectReport r : result.all()) {
            assertThat(r.failed()).as(r.source + ": " + r.error + " / " + r.apply).isFalse();
        }
        assertThat(result.tables).extracting(r -> r.source).hasSize(16).doesNotContain(SRC + ".excluded_table");
        assertThat(result.views).extracting(r -> r.apply).containsOnly(SchemaApplier.CREATED);
        assertThat(result.others).extracting(r -> r.kind + " " + r.source).containsExactlyInAnyOrder(
                "TRIGGER " + SRC + ".trg_parent", "PROCEDURE " + SRC + ".proc_noop", "FUNCTION " + SRC + ".fn_one",
                "EVENT " + SRC + ".ev_noop", "SEQUENCE " + SRC + ".seq_orders");
        assertThat(result.others).allMatch(r -> r.getStatus() == ObjectReport.Status.NOT_MIGRATED);
    }

    @Test
    void allTypesAreCreatedWithTheExpectedColumns() throws Exception {
        String ddl = Corpus.showCreate(ob, DST, "all_types");
        assertThat(ddl).contains("`c_tinyint_u` tinyint(3) unsigned", "`c_int_zf` int(8) unsigned zerofill",
                "`c_dec` decimal(65,30)", "`c_dec2` decimal(10,2) DEFAULT '1.50'", "`c_float73` float(7,3)",
                "`c_bit64` bit(64) DEFAULT b'101'", "`c_bool` tinyint(1) DEFAULT '0'",
                "`c_datetime` datetime(6) DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)",
                "`c_char` char(10) NOT NULL DEFAULT 'abc'", "`c_varchar_big` varchar(16000)",
                
                "`c_enum` enum('a','b','it", "NOT NULL DEFAULT 'b'", "`c_set` set('x','y','z') DEFAULT 'x,y'",
                "`c_json` json", "`c_point` point", "`c_geomcollection` geomcollection", "`c_uuid` char(36)",
                "`c_inet6` varchar(39)", "`c_longblob` longblob", "`order` int(11) DEFAULT NULL COMMENT 'reserved word, with a comment'",
                "AUTO_INCREMENT = 1000", "COMMENT = 'every MySQL/MariaDB type'");
        assertThat(ddl).doesNotContain("CHARSET latin1", "CHARACTER SET latin1", "unicode_ci");
        ObjectReport r = result.table(SRC + ".all_types");
        assertThat(r.warnings).anyMatch(w -> w.contains("c_text: default dropped default dropped"))
                .anyMatch(w -> w.contains("charset latin1 (collation latin1_swedish_ci) is not supported"))
                .anyMatch(w -> w.contains("charset utf8mb3 (collation utf8mb3_unicode_ci) is not supported"))
                .anyMatch(w -> w.contains("'order' is a reserved word"));
    }

    @Test
    void indexesOfEveryKind() throws Exception {
        String ddl = Corpus.showCreate(ob, DST, "idx");
        assertThat(ddl).contains("PRIMARY KEY (`a`, `b`)", "UNIQUE KEY `uk_c` (`c`)", "UNIQUE KEY `uk_ef` (`e`, `f`)",
                "KEY `ix_d_prefix` (`d`(20))", "KEY `ix_multi` (`e`, `f`, `c`(10))", "COMMENT 'multi-column'",
                "KEY `ix_desc` (`f`)", "FULLTEXT KEY `ft_h` (`h`)", "SPATIAL KEY `sp_g` (`g`)");
        assertThat(Corpus.showCreate(ob, DST, "gen")).contains("GENERATED ALWAYS AS", "STORED", "VIRTUAL", "KEY `ix_total` (`total`)");
    }

    @Test
    void partitionedTablesKeepTheirPartitioning() throws Exception {
        assertThat(Corpus.showCreate(ob, DST, "part_range").toLowerCase()).contains("partition by range", "p2021", "maxvalue");
        assertThat(Corpus.showCreate(ob, DST, "part_list").toLowerCase()).contains("partition by list");
        assertThat(Corpus.showCreate(ob, DST, "part_hash").toLowerCase()).contains("partition by hash");
        assertThat(Corpus.showCreate(ob, DST, "part_key").toLowerCase()).contains("partition by key");
        assertThat(Corpus.showCreate(ob, DST, "part_range_columns").toLowerCase()).contains("partition by range columns");
        assertThat(Corpus.showCreate(ob, DST, "part_no_pk")).contains("`__obkc_pk` bigint(20) NOT NULL AUTO_INCREMENT",
                "UNIQUE KEY `__obkc_pk_uk_part_no_pk` (`id`, `__obkc_pk`)");
    }

    @Test
    void tablesWithoutPrimaryKey() throws Exception {
        assertThat(Corpus.showCreate(ob, DST, "no_pk")).contains("`__obkc_pk` bigint(20) NOT NULL AUTO_INCREMENT",
                "UNIQUE KEY `__obkc_pk_uk_no_pk` (`__obkc_pk`)");
        assertThat(Corpus.showCreate(ob, DST, "no_pk_uk")).doesNotContain("__obkc_pk");
        assertThat(result.table(SRC + ".no_pk_uk").rowKey.kind()).isEqualTo("UNIQUE");
        assertThat(result.table(SRC + ".no_pk_nullable_uk").hiddenKey).isNotNull();
        assertThat(result.table(SRC + ".no_pk").hiddenKey.dropDdl())
                .isEqualTo("ALTER TABLE `sm_my_dst`.`no_pk` DROP INDEX `__obkc_pk_uk_no_pk`; ALTER TABLE `sm_my_dst`.`no_pk` DROP COLUMN `__obkc_pk`");
    }

    @Test
    void foreignKeysAndChecksAreDeferredAndApplyAtSwitchover() throws Exception {
        assertThat(Corpus.showCreate(ob, DST, "child")).doesNotContain("FOREIGN KEY");
        assertThat(Corpus.showCreate(ob, DST, "checks")).doesNotContain("CHECK");
        List<DeferredObject> deferred = result.all().stream().flatMap(r -> r.deferred.stream()).toList();
        assertThat(deferred).extracting(d -> d.type() + " " + d.table() + "." + d.name()).contains(
                "FOREIGN_KEY child.fk_child_parent", "FOREIGN_KEY child.fk_child_parent_name", "FOREIGN_KEY grandchild.fk_gc_child",
                "FOREIGN_KEY grandchild.fk_gc_self", "CHECK checks.chk_qty", "CHECK checks.chk_range");
        try (Connection dst = ob.connect()) {
            SchemaApplier applier = new SchemaApplier(dst);
            assertThat(applier.applyDeferred(deferred, DeferredObject.SWITCHOVER)).allMatch(l -> l.endsWith(": CREATED"), "created");
            assertThat(applier.applyDeferred(deferred, DeferredObject.SWITCHOVER)).allMatch(l -> l.endsWith(": ALREADY_EXISTS"));
        }
        assertThat(Corpus.showCreate(ob, DST, "child")).contains("CONSTRAINT `fk_child_parent` FOREIGN KEY (`parent_id`) REFERENCES `sm_my_dst`.`parent`",
                "ON DELETE CASCADE");
        assertThat(Corpus.showCreate(ob, DST, "checks")).contains("CONSTRAINT `chk_qty` CHECK");
    }

    @Test
    void foreignKeyActionsMissingFromTheBinlogAreWarned() {
        assertThat(result.table(SRC + ".child").warnings)
                .anyMatch(w -> w.startsWith("foreign key fk_child_parent [parent_id] -> " + SRC + ".parent ON DELETE CASCADE: ")
                        && w.contains("not in the binlog"))
                .anyMatch(w -> w.startsWith("foreign key fk_child_parent_name [parent_name] -> " + SRC + ".parent ON UPDATE SET NULL: "));
        assertThat(result.table(SRC + ".grandchild").warnings).noneMatch(w -> w.contains("binlog"));
    }

    @Test
    void reRunCompletesAPartialMigration() throws Exception {
        ob.execute("DROP TABLE IF EXISTS " + DST + ".part_key", "DROP VIEW IF EXISTS " + DST + ".v_parent_upper");
        ConversionResult again = run();
        assertThat(again.table(SRC + ".part_key").apply).isEqualTo(SchemaApplier.CREATED);
        assertThat(again.table(SRC + ".parent").apply).isEqualTo(SchemaApplier.ALREADY_EXISTS);
        assertThat(again.views).filteredOn(v -> v.source.endsWith("v_parent_upper")).extracting(v -> v.apply)
                .containsExactly(SchemaApplier.CREATED);
        assertThat(again.anyFailed()).isFalse();
    }

    @Test
    void dataRoundTripsIntoTheMigratedTables() throws Exception {
        String cols = "id, c_tinyint, c_bigint_u, c_dec, c_double, c_date, c_time, c_datetime, c_char, c_varchar_latin1, "
                + "c_varchar_uni, c_text, c_blob, c_enum, c_set, c_year, `order`";
        mysql.execute("DELETE FROM " + SRC + ".all_types",
                "INSERT INTO " + SRC + ".all_types (" + cols + ") VALUES "
                        + "(1, -128, 18446744073709551615, 12345.678900000000000000000000000001, 2.5, '2024-02-29', '12:34:56.789', "
                        + "'2024-01-02 03:04:05.123456', 'x', 'caf\u00e9', '\u4e2d\u6587', 'long text', x'00ff10', 'it''s', 'x,z', 2024, 7),"
                        + "(2, 127, 0, -1, -0.125, '1000-01-01', '00:00:00', '9999-12-31 23:59:59.999999', '', NULL, NULL, NULL, NULL, 'a', '', 1901, NULL)");
        ob.execute("DELETE FROM " + DST + ".all_types");
        List<String> list = List.of(cols.replace("`", "").split(",\\s*"));
        try (Connection src = mysql.connect(SRC); Connection dst = ob.connect(DST)) {
            Corpus.copy(src, "SELECT " + cols.replace("c_year", "c_year + 0") + " FROM all_types", dst, DST, "all_types", list);
        }
        String compare = "SELECT " + cols.replace("c_blob", "HEX(c_blob)") + " FROM all_types ORDER BY id";
        assertThat(SqlAssertions.rows(ob, DST, compare)).isEqualTo(SqlAssertions.rows(mysql, SRC, compare));

        mysql.execute("DELETE FROM " + SRC + ".no_pk", "INSERT INTO " + SRC + ".no_pk VALUES (1, 'a'), (1, 'a'), (NULL, 'b')");
        ob.execute("DELETE FROM " + DST + ".no_pk");
        try (Connection src = mysql.connect(SRC); Connection dst = ob.connect(DST)) {
            Corpus.copy(src, "SELECT a, b FROM no_pk", dst, DST, "no_pk", List.of("a", "b"));
        }
        String q = "SELECT a, b FROM no_pk ORDER BY a, b";
        assertThat(SqlAssertions.rows(ob, DST, q)).isEqualTo(SqlAssertions.rows(mysql, SRC, q)).hasSize(3);
    }

    @Test
    void renamesThroughRules() {
        Optional<ObjectName> n = ObjectMatcher.parse(SRC + ".*=" + DST + ".*", "").map(new ObjectName(SRC, "parent"));
        assertThat(n).contains(new ObjectName(DST, "parent"));
        assertThat(result.table(SRC + ".parent").target).isEqualTo(DST + ".parent");
    }
}
