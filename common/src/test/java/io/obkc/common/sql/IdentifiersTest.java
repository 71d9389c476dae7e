package io.obkc.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void quotesMysqlNamesAndDoublesBackticks() {
        assertThat(Identifiers.quoteMysql("order")).isEqualTo("`order`");
        assertThat(Identifiers.quoteMysql("a`b")).isEqualTo("`a``b`");
        assertThat(Identifiers.quoteMysql("db", "t 1")).isEqualTo("`db`.`t 1`");
        assertThat(Identifiers.quoteMysql("", "t")).isEqualTo("`t`");
    }

    @Test
    void quotesPostgresNames() {
        assertThat(Identifiers.quotePostgres("My\"Table")).isEqualTo("\"My\"\"Table\"");
        assertThat(Identifiers.quotePostgres("public", "t")).isEqualTo("\"public\".\"t\"");
    }

    @Test
    void rejectsEmptyAndNul() {
        assertThatThrownBy(() -> Identifiers.quoteMysql("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Identifiers.quoteMysql("a\0b")).hasMessageContaining("NUL");
    }

    @Test
    void escapesStringLiterals() {
        assertThat(Identifiers.quoteMysqlString("it's a \\ test")).isEqualTo("'it''s a \\\\ test'");
    }
}
