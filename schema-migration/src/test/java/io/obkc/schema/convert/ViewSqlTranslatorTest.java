package io.obkc.schema.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.obkc.common.rules.ObjectName;
import io.obkc.schema.model.ColumnDef;
import io.obkc.schema.model.TableDef;

class ViewSqlTranslatorTest {
    static final Map<ObjectName, ObjectName> RENAMES = Map.of(new ObjectName("public", "actor"), new ObjectName("pagila", "actor"),
            new ObjectName("public", "film"), new ObjectName("pagila", "film2"));

    static final Map<ObjectName, TableDef> TABLES = Map.of(
            new ObjectName("public", "actor"), table("public", "actor", col("actor_id", "integer", null),
                    col("first_name", "character varying", null), col("last_name", "text", null),
                    col("last_update", "timestamp without time zone", null), col("active", "boolean", null),
                    col("tags", "jsonb", null), col("score", "double precision", null)),
            new ObjectName("public", "film"), table("public", "film", col("id", "integer", null), col("length", "smallint", null),
                    col("rate", "numeric", 2), col("raw", "numeric", null), col("released", "date", null)));

    static ColumnDef col(String name, String type, Integer scale) {
        ColumnDef c = new ColumnDef(name, type, type);
        c.scale = scale;
        return c;
    }

    static TableDef table(String schema, String name, ColumnDef... columns) {
        TableDef t = new TableDef(schema, name);
        t.columns.addAll(List.of(columns));
        return t;
    }

    static String pg(String def) {
        return new ViewSqlTranslator(ViewSqlTranslator.Dialect.POSTGRESQL, "public", RENAMES, TABLES).translate(def).select();
    }

    @Test
    void concatenationBecomesConcatAndCastsBecomeMysqlCasts() {
        // pg_get_viewdef output of: SELECT actor_id, first_name || ' ' || last_name AS full_name FROM actor
        assertThat(pg(" SELECT a.actor_id,\n    (((a.first_name)::text || ' '::text) || (a.last_name)::text) AS full_name\n"
                + "   FROM public.actor a;"))
                .isEqualTo("SELECT `a`.`actor_id`, (CONCAT(CAST((`a`.`first_name`) AS CHAR), ' ', CAST((`a`.`last_name`) AS CHAR))) "
                        + "AS `full_name` FROM `pagila`.`actor` `a`");
        assertThat(pg("SELECT (film.length)::bigint AS l, (film.rate)::numeric(4,2) AS r, 'a\\b'::text AS s FROM public.film"))
                .isEqualTo("SELECT CAST((`film`.`length`) AS SIGNED) AS `l`, CAST((`film`.`rate`) AS DECIMAL(4,2)) AS `r`, "
                        + "'a\\\\b' AS `s` FROM `pagila`.`film2` AS `film`");
    }

    @Test
    void functionsWithTheSameMeaningAreKept() {
        assertThat(pg("SELECT upper((a.first_name)::text) AS u, length(a.last_name) AS n, concat(a.first_name, a.last_name) AS c "
                + "FROM public.actor a")).isEqualTo("SELECT UPPER(CAST((`a`.`first_name`) AS CHAR)) AS `u`, CHAR_LENGTH(`a`.`last_name`) AS `n`, "
                        + "CONCAT_WS('', `a`.`first_name`, `a`.`last_name`) AS `c` FROM `pagila`.`actor` `a`");
    }

    @Test
    void postgresSpellingsOfLikeAndInBecomeLikeAndIn() {
        assertThat(pg("SELECT a.actor_id FROM public.actor a WHERE ((a.first_name)::text ~~ 'P%'::text) AND (a.last_name !~~ '%x~~y%')"))
                .isEqualTo("SELECT `a`.`actor_id` FROM `pagila`.`actor` `a` WHERE (CAST((`a`.`first_name`) AS CHAR) LIKE 'P%') "
                        + "AND (`a`.`last_name` NOT LIKE '%x~~y%')");
        assertThat(pg("SELECT a.actor_id FROM public.actor a WHERE (a.actor_id = ANY (ARRAY[1, 2])) "
                + "AND ((a.first_name)::text = ANY ((ARRAY['A'::character varying, 'B'::character varying])::text[])) "
                + "AND (a.actor_id <> ALL (ARRAY[3]))"))
                .isEqualTo("SELECT `a`.`actor_id` FROM `pagila`.`actor` `a` WHERE (`a`.`actor_id` IN (1, 2)) "
                        + "AND (CAST((`a`.`first_name`) AS CHAR) IN ('A', 'B')) AND (`a`.`actor_id` NOT IN (3))");
        assertThatThrownBy(() -> pg("SELECT a.actor_id FROM public.actor a WHERE a.first_name ~~* 'p%'::text"))
                .isInstanceOf(UntranslatableViewException.class);
    }

    @Test
    void viewsWhoseResultDependsOnStringComparisonAreWarned() {
        ViewSqlTranslator t = new ViewSqlTranslator(ViewSqlTranslator.Dialect.POSTGRESQL, "public", RENAMES, TABLES);
        assertThat(t.translate("SELECT max(a.first_name) AS m FROM public.actor a GROUP BY a.last_name").warnings())
                .singleElement().asString().contains("(max(), GROUP BY)", "utf8mb4_general_ci ignores case");
        assertThat(new ViewSqlTranslator(ViewSqlTranslator.Dialect.POSTGRESQL, "public", RENAMES, TABLES)
                .translate("SELECT a.first_name || a.last_name AS n FROM public.actor a WHERE a.actor_id > 0").warnings()).isEmpty();
    }

    @Test
    void operationsWhosePrintedValueDependsOnTheTypeAreRefused() {
        assertThatThrownBy(() -> pg("SELECT (a.last_update)::text AS t FROM public.actor a"))
                .isInstanceOf(UntranslatableViewException.class).hasMessageContaining("cast of a value of type timestamp to text");
        assertThatThrownBy(() -> pg("SELECT (a.first_name)::text || a.active AS t FROM public.actor a"))
                .isInstanceOf(UntranslatableViewException.class).hasMessageContaining("|| on a value of type boolean");
        assertThatThrownBy(() -> pg("SELECT a.tags || a.tags AS t FROM public.actor a"))
                .isInstanceOf(UntranslatableViewException.class).hasMessageContaining("|| on a value of type other");
        assertThatThrownBy(() -> pg("SELECT f.released + 1 AS d FROM public.film f"))
                .isInstanceOf(UntranslatableViewException.class).hasMessageContaining("arithmetic on a value of type date");
        assertThatThrownBy(() -> pg("SELECT (f.raw)::text AS r FROM public.film f"))
                .isInstanceOf(UntranslatableViewException.class).hasMessageContaining("unbounded decimal");
        assertThatThrownBy(() -> pg("SELECT s.x || 'a'::text AS r FROM (SELECT a.first_name AS x FROM public.actor a) s"))
                .isInstanceOf(UntranslatableViewException.class).hasMessageContaining("unknown to OBKC");
        assertThat(pg("SELECT (f.length * 2) + f.id AS l, (f.rate * 1.5) AS r, ((f.released)::text || ' '::text) AS d FROM public.film f"))
                .isEqualTo("SELECT (`f`.`length` * 2) + `f`.`id` AS `l`, (`f`.`rate` * 1.5) AS `r`, "
                        + "(CONCAT(CAST((`f`.`released`) AS CHAR), ' ')) AS `d` FROM `pagila`.`film2` `f`");
    }

    @Test
    void untranslatedConstructsAreNamed() {
        assertThatThrownBy(() -> pg("SELECT array_agg(a.first_name) AS x FROM public.actor a"))
                .isInstanceOf(UntranslatableViewException.class).hasMessageContaining("function array_agg()");
        assertThatThrownBy(() -> pg("SELECT (a.last_update)::timestamp with time zone AS x FROM public.actor a"))
                .isInstanceOf(UntranslatableViewException.class).hasMessageContaining("cast to timestamp with time zone");
        assertThatThrownBy(() -> pg("SELECT a.actor_id FROM public.actor a FULL JOIN public.film f ON f.id = a.actor_id"))
                .isInstanceOf(UntranslatableViewException.class).hasMessageContaining("FULL");
        assertThatThrownBy(() -> pg("SELECT a.actor_id / 2 AS half FROM public.actor a"))
                .isInstanceOf(UntranslatableViewException.class).hasMessageContaining("Division");
        assertThatThrownBy(() -> pg("SELECT a.actor_id FROM public.nosuch a"))
                .isInstanceOf(UntranslatableViewException.class).hasMessageContaining("public.nosuch, which is not migrated");
        assertThatThrownBy(() -> pg("SELECT a.actor_id FROM public.actor a WHERE a.first_name ~~* 'x%'"))
                .isInstanceOf(UntranslatableViewException.class);
    }

    @Test
    void mysqlStringLiteralsKeepTheirBackslashEscapes() {
        String def = "select 'it\\'s' AS `a`,'a\\\\b' AS `b` from `src`.`parent`";
        assertThat(new ViewSqlTranslator(ViewSqlTranslator.Dialect.MYSQL, "src",
                Map.of(new ObjectName("src", "parent"), new ObjectName("dst", "parent")), Map.of()).translate(def).select())
                .isEqualTo("SELECT 'it\\'s' AS `a`, 'a\\\\b' AS `b` FROM `dst`.`parent`");
    }

    @Test
    void mysqlCommonTableExpressionsAreNotTables() {
        String def = "with `c` as (select `src`.`parent`.`id` AS `id` from `src`.`parent`) select `c`.`id` AS `id` from `c`";
        assertThat(new ViewSqlTranslator(ViewSqlTranslator.Dialect.MYSQL, "src",
                Map.of(new ObjectName("src", "parent"), new ObjectName("dst", "parent")), Map.of()).translate(def).select())
                .isEqualTo("WITH `c` AS (SELECT `dst`.`parent`.`id` AS `id` FROM `dst`.`parent`) SELECT `c`.`id` AS `id` FROM `c`");
    }

    @Test
    void mysqlDefinitionsOnlyGetTheirTablesRenamed() {
        String def = "select `src`.`parent`.`id` AS `id`,concat(`src`.`parent`.`name`,' ') AS `n` from `src`.`parent` "
                + "where `src`.`parent`.`id` > 0";
        String out = new ViewSqlTranslator(ViewSqlTranslator.Dialect.MYSQL, "src",
                Map.of(new ObjectName("src", "parent"), new ObjectName("dst", "parent")), Map.of()).translate(def).select();
        assertThat(out).isEqualTo("SELECT `dst`.`parent`.`id` AS `id`, concat(`dst`.`parent`.`name`, ' ') AS `n` FROM `dst`.`parent` "
                + "WHERE `dst`.`parent`.`id` > 0");
    }
}
