package io.obkc.schema.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.obkc.common.rules.ObjectName;
import io.obkc.schema.model.ColumnDef;
import io.obkc.schema.model.TableDef;

class PostgresTypeMapperTest {
    final PostgresTypeMapper mapper = new PostgresTypeMapper();
    final MappingContext ctx = new MappingContext(new TableDef("s", "t"), TargetCapabilities.assumed(Map.of()));

    ColumnDef map(String dataType, String def) {
        ColumnDef c = new ColumnDef("c", dataType, dataType);
        c.length = dataType.equals("character varying") ? 20L : null;
        if (def != null) {
            c.defaultKind = ColumnDef.DefaultKind.EXPRESSION;
            c.defaultValue = def;
        }
        return mapper.map(c, ctx);
    }

    @Test
    void typesAndDefaults() {
        assertThat(map("boolean", "true").columnType).isEqualTo("tinyint(1)");
        assertThat(map("boolean", "false").defaultValue).isEqualTo("0");
        assertThat(map("character varying", "'it''s'::character varying").defaultValue).isEqualTo("it's");
        assertThat(map("numeric", null).columnType).isEqualTo("decimal(65,30)");
        assertThat(map("timestamp with time zone", "now()").defaultValue).isEqualTo("CURRENT_TIMESTAMP(6)");
        assertThat(map("uuid", "gen_random_uuid()").defaultValue).isEqualTo("(uuid())");
        assertThat(map("integer", "'-5'::integer").defaultValue).isEqualTo("-5");
        ColumnDef dropped = map("integer", "(floor((random() * 10)))::integer");
        assertThat(dropped.defaultKind).isEqualTo(ColumnDef.DefaultKind.NULL);
        assertThat(ctx.warnings()).anyMatch(w -> w.contains("has no OceanBase equivalent: dropped"));
        assertThat(map("array", null).columnType).isEqualTo("json");
        assertThatThrownBy(() -> map("hstore", null)).hasMessageStartingWith("column c: unknown type hstore; ");
    }

    @Test
    void expressions() {
        assertThat(mapper.expression("((status)::text = ANY ((ARRAY['new'::character varying, 'done'::character varying])::text[]))"))
                .isEqualTo("((status) IN ('new', 'done'))");
        assertThat(mapper.expression("(qty >= (0)::numeric)")).isEqualTo("(qty >= (0))");
        assertThat(mapper.expression("lower((\"Name\")::text)")).isEqualTo("lower((`Name`))");
        assertThat(mapper.expression("name ~~ 'a::b%'::text")).isEqualTo("name LIKE 'a::b%'");
    }

    @Test
    void viewReferencesAreRenamed() {
        String def = " SELECT p.id, p.name\n   FROM sm.parent p\n  WHERE p.id > 0;";
        assertThat(mapper.viewDefinition("sm", def, Map.of(new ObjectName("sm", "parent"), new ObjectName("ob", "parent2")), Map.of()).select())
                .isEqualTo("SELECT `p`.`id`, `p`.`name` FROM `ob`.`parent2` `p` WHERE `p`.`id` > 0");
    }
}
