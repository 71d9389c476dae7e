package io.obkc.bulkload.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.obkc.common.rules.ObjectName;

class SqlTest {
    static Column col(String name) {
        return TypeRules.mysql(name, "int", "int(11)").column();
    }

    static TablePlan mysql(List<Column> cols, List<Column> key) {
        return new TablePlan(SourceKind.MYSQL, new ObjectName("s", "t"), new ObjectName("d", "t2"), cols, key, 0);
    }

    @Test
    void singleKeyRangesAreHalfOpen() {
        Column id = col("id");
        Column v = col("v");
        TablePlan t = mysql(List.of(id, v), List.of(id));
        assertThat(Sql.boundary(t, false)).isEqualTo("SELECT `id` FROM `s`.`t` ORDER BY `id` LIMIT 1 OFFSET ?");
        assertThat(Sql.boundary(t, true)).isEqualTo("SELECT `id` FROM `s`.`t` WHERE `id` > ? ORDER BY `id` LIMIT 1 OFFSET ?");
        assertThat(Sql.chunk(t, true, true)).isEqualTo("SELECT `id`, `v` FROM `s`.`t` WHERE `id` > ? AND NOT `id` > ?");
        assertThat(Sql.chunk(t, false, false)).isEqualTo("SELECT `id`, `v` FROM `s`.`t`");
        assertThat(Sql.keyParameterOrder(t)).containsExactly(0);
    }

    @Test
    void compositeKeysAreExpandedForMysqlAndRowValuesForPostgres() {
        Column a = col("a");
        Column b = col("b");
        Column c = col("c");
        TablePlan t = mysql(List.of(a, b, c), List.of(a, b, c));
        assertThat(Sql.after(t)).isEqualTo("((`a` > ?) OR (`a` = ? AND `b` > ?) OR (`a` = ? AND `b` = ? AND `c` > ?))");
        assertThat(Sql.keyParameters(t)).isEqualTo(6);
        assertThat(Sql.keyParameterOrder(t)).containsExactly(0, 0, 1, 0, 1, 2);
        Column pa = TypeRules.postgres("a", "integer", "int4", false).column();
        Column pb = TypeRules.postgres("b", "text", "text", false).column();
        TablePlan p = new TablePlan(SourceKind.POSTGRESQL, new ObjectName("s", "t"), new ObjectName("s", "t"), List.of(pa, pb),
                List.of(pa, pb), 0);
        assertThat(Sql.after(p)).isEqualTo("(\"a\", \"b\") > (?, ?)");
        assertThat(Sql.keyParameterOrder(p)).containsExactly(0, 1);
    }

    @Test
    void upsertUpdatesTheNonKeyColumns() {
        Column id = col("id");
        Column v = col("v`x");
        assertThat(Sql.upsert(mysql(List.of(id, v), List.of(id)), 2)).isEqualTo("INSERT INTO `d`.`t2` (`id`, `v``x`) VALUES "
                + "(?, ?), (?, ?) ON DUPLICATE KEY UPDATE `v``x` = VALUES(`v``x`)");
        assertThat(Sql.insert(mysql(List.of(id, v), List.of(id)), 2)).isEqualTo("INSERT INTO `d`.`t2` (`id`, `v``x`) VALUES (?, ?), (?, ?)");
        assertThat(Sql.upsert(mysql(List.of(id), List.of(id)), 1)).isEqualTo("INSERT INTO `d`.`t2` (`id`) VALUES (?) "
                + "ON DUPLICATE KEY UPDATE `id` = VALUES(`id`)");
    }
}
