package io.obkc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.obkc.common.rules.ObjectMatcher;
import io.obkc.schema.apply.SchemaApplier;
import io.obkc.schema.convert.ConversionOptions;
import io.obkc.schema.convert.ConversionResult;
import io.obkc.schema.convert.DeferredObject;
import io.obkc.schema.convert.ObjectReport;
import io.obkc.schema.convert.PostgresTypeMapper;
import io.obkc.schema.convert.SchemaConverter;
import io.obkc.schema.convert.TargetCapabilities;
import io.obkc.schema.convert.TargetNaming;
import io.obkc.schema.model.SourceSchema;
import io.obkc.schema.read.PostgresSchemaReader;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.SqlAssertions;
import io.obkc.testing.TestBed;

/** PostgreSQL corpus -> seekdb: schema becomes a database ({schema}_ob), types mapped, deferred objects applied, data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresMigrationIT {
    static final String SRC = "sm_pg_src";
    static final String DST = "sm_pg_src_ob";

    DatabaseEndpoint pg;
    DatabaseEndpoint ob;
    ConversionResult result;

    @BeforeAll
    void migrate() throws Exception {
        pg = TestBed.postgres();
        ob = TestBed.oceanbase();
        pg.recreateDatabase(SRC);
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + SRC);
            for (String sql : Corpus.statements("postgres-corpus.sql")) {
                s.execute(sql);
            }
        }
        ob.execute("DROP DATABASE IF EXISTS " + DST);
        ObjectMatcher rules = ObjectMatcher.parse(SRC + ".*", "");
        try (Connection src = pg.connect(); Connection dst = ob.connect()) {
            SourceSchema schema = new PostgresSchemaReader().read(src, rules::matches);
            result = new SchemaConverter(new PostgresTypeMapper(), TargetCapabilities.probe(dst, Map.of()), ConversionOptions.defaults())
                    .convert(schema, TargetNaming.postgres(rules, "{schema}_ob", pg.defaultDatabase()));
            new SchemaApplier(dst).apply(result);
        }
    }

    @Test
    void everyObjectIsAccountedForAndNothingFailed() {
        for (ObjectReport r : result.all()) {
            assertThat(r.failed()).as(r.source + ": " + r.error + " / " + r.apply + " / " + r.ddl).isFalse();
        }
        assertThat(result.tables).extracting(r -> r.source.substring(SRC.length() + 1)).containsExactlyInAnyOrder("all_types",
                "identity_always", "identity_default", "idx", "parent", "child", "grandchild", "no_pk", "no_pk_uk", "gen",
                "measurements", "used_sequence");
        assertThat(result.views).extracting(r -> r.apply).containsOnly(SchemaApplier.CREATED).hasSize(3);
        assertThat(result.others).extracting(r -> r.kind + " " + r.source.substring(SRC.length() + 1)).containsExactlyInAnyOrder(
                "SEQUENCE standalone_seq", "FUNCTION touch", "TRIGGER trg_parent",
                "MATERIALIZED VIEW mv_parent");
        // Partitions are not objects of their own: their rows belong to the partitioned table.
        assertThat(result.table(SRC + ".measurements").warnings).anyMatch(w -> w.contains("partitions " + SRC
                + ".measurements_2024 are not created: their rows belong to this table"));
    }

    @Test
    void typesAreMapped() throws Exception {
        String ddl = Corpus.showCreate(ob, DST, "all_types");
        assertThat(ddl).contains("`id` int(11) NOT NULL AUTO_INCREMENT", "`c_smallint` smallint(6) DEFAULT '7'",
                "`c_numeric` decimal(65,30)", "`c_numeric_ps` decimal(12,4) DEFAULT '1.5000'", "`c_numeric_big` decimal(65,10)",
                "`c_real` float", "`c_double` double", "`c_money` decimal(19,2)", "`c_bool` tinyint(1) DEFAULT '1'",
                "`c_char` char(5) DEFAULT 'ab'", "`c_char_big` varchar(300)", "`c_varchar` varchar(100) DEFAULT 'it\\'s'",
                "`c_varchar_nolen` longtext", "`c_varchar_huge` longtext", "`c_text` longtext", "`c_bytea` longblob",
                "`c_time` time(3)", "`c_timestamp` datetime(3) DEFAULT CURRENT_TIMESTAMP(3)",
                "`c_timestamptz` datetime(6) DEFAULT CURRENT_TIMESTAMP(6)", "`c_interval` varchar(64)", "`c_uuid` char(36)",
                "`c_json` json", "`c_jsonb` json", "`c_xml` longtext", "`c_inet` varchar(43)", "`c_bit` bit(8)",
                "`c_int_array` json", "`c_text_array2` json", "`c_mood` enum('sad','ok','happy') DEFAULT 'ok'",
                "`c_domain` int(11) NOT NULL", "`Order` int(11)", "COMMENT 'a column comment'", "COMMENT = 'every PostgreSQL type'");
        ObjectReport r = result.table(SRC + ".all_types");
        assertThat(r.warnings).anyMatch(w -> w.contains("c_weird_default: default") && w.contains("dropped"))
                .anyMatch(w -> w.contains("numeric without precision"))
                .anyMatch(w -> w.contains("c_text: default x dropped"));
    }

    @Test
    void sequencesCarryOverAsAutoIncrementStart() throws Exception {
        assertThat(Corpus.showCreate(ob, DST, "used_sequence")).contains("AUTO_INCREMENT = 42");
        assertThat(Corpus.showCreate(ob, DST, "identity_default")).contains("AUTO_INCREMENT = 100");
        assertThat(Corpus.showCreate(ob, DST, "identity_always")).contains("`id` bigint(20) NOT NULL AUTO_INCREMENT");
    }

    @Test
    void indexes() throws Exception {
        String ddl = Corpus.showCreate(ob, DST, "idx");
        assertThat(ddl).contains("PRIMARY KEY (`a`, `b`)", "UNIQUE KEY `uk_c` (`c`)", "UNIQUE KEY `uk_ef` (`e`, `f`)",
                "KEY `ix_multi` (`e`, `f`)", "KEY `ix_text` (`d`)", "KEY `ix_lower` ((lower(`c`)))", "`b` varchar(");
        assertThat(ddl).doesNotContain("ix_partial", "ix_gin");
        assertThat(result.table(SRC + ".idx").warnings).anyMatch(w -> w.contains("partial index ix_partial"))
                .anyMatch(w -> w.contains("gin index ix_gin"));
        assertThat(Corpus.showCreate(ob, DST, "no_pk")).contains("`__obkc_pk` bigint(20) NOT NULL AUTO_INCREMENT");
        assertThat(Corpus.showCreate(ob, DST, "no_pk_uk")).doesNotContain("__obkc_pk");
        assertThat(Corpus.showCreate(ob, DST, "gen")).contains("GENERATED ALWAYS AS", "STORED");
    }

    @Test
    void deferredForeignKeysAndChecksApply() throws Exception {
        List<DeferredObject> deferred = result.all().stream().flatMap(r -> r.deferred.stream()).toList();
        assertThat(deferred).extracting(d -> d.type() + " " + d.table() + "." + d.name()).contains(
                "FOREIGN_KEY child.child_parent_id_fkey", "FOREIGN_KEY grandchild.fk_gc_self", "CHECK child.child_qty_check",
                "CHECK child.chk_status", "CHECK all_types.all_types_c_domain_positive_int_check");
        try (Connection dst = ob.connect()) {
            assertThat(new SchemaApplier(dst).applyDeferred(deferred, DeferredObject.SWITCHOVER)).allMatch(l -> l.endsWith(": CREATED"));
        }
        assertThat(Corpus.showCreate(ob, DST, "child")).contains("FOREIGN KEY (`parent_id`)", "CONSTRAINT `chk_status` CHECK");
        // PostgreSQL's logical decoding carries the rows of foreign-key actions: no binlog warning.
        assertThat(result.all()).allMatch(r -> r.warnings.stream().noneMatch(w -> w.contains("binlog")));
    }

    @Test
    void dataRoundTrips() throws Exception {
        pg.execute("INSERT INTO " + SRC + ".all_types (c_int, c_numeric_ps, c_bool, c_varchar, c_text, c_date, c_timestamp, c_jsonb, "
                + "c_mood, c_domain, c_bytea) VALUES (1, 12345678.1234, true, 'caf\u00e9', 'long', '2024-02-29', '2024-01-02 03:04:05.678', "
                + "'{\"a\": [1, 2]}', 'happy', 5, '\\x00ff'), (NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, 'sad', 1, NULL)");
        String pgSelect = "SELECT id, c_int, c_numeric_ps, c_bool::int, c_varchar, c_text, c_date::text, "
                + "to_char(c_timestamp, 'YYYY-MM-DD HH24:MI:SS.MS'), c_uuid::text, c_jsonb::text, c_mood::text, c_domain, "
                + "upper(encode(c_bytea, 'hex')) FROM " + SRC + ".all_types ORDER BY id";
        List<String> cols = List.of("id", "c_int", "c_numeric_ps", "c_bool", "c_varchar", "c_text", "c_date", "c_timestamp", "c_uuid",
                "c_jsonb", "c_mood", "c_domain");
        try (Connection src = pg.connect(); Connection dst = ob.connect(DST)) {
            Corpus.copy(src, pgSelect.replace(", upper(encode(c_bytea, 'hex'))", ""), dst, DST, "all_types", cols);
        }
        List<List<String>> expected = SqlAssertions.rows(pg, null, pgSelect.replace("upper(encode(c_bytea, 'hex'))", "NULL"));
        List<List<String>> actual = SqlAssertions.rows(ob, DST, "SELECT id, c_int, c_numeric_ps, c_bool, c_varchar, c_text, "
                + "c_date, DATE_FORMAT(c_timestamp, '%Y-%m-%d %H:%i:%s.%f'), c_uuid, c_jsonb, c_mood, c_domain, NULL "
                + "FROM all_types ORDER BY id");
        for (List<String> row : actual) {
            if (row.get(7) != null) {
                row.set(7, row.get(7).substring(0, row.get(7).length() - 3)); // %f is microseconds; PostgreSQL MS is millis
            }
        }
        assertThat(actual).isEqualTo(expected).hasSize(2);
    }
}
