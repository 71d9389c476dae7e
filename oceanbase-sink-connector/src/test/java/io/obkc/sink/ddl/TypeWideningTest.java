package io.obkc.sink.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.obkc.sink.table.TypeWidening;

class TypeWideningTest {

    @Test
    void widens() {
        assertThat(TypeWidening.widerType("varchar(10)", "VARCHAR(50)")).isEqualTo("VARCHAR(50)");
        assertThat(TypeWidening.widerType("int(11)", "BIGINT")).isEqualTo("BIGINT");
        assertThat(TypeWidening.widerType("int", "BIGINT")).isEqualTo("BIGINT");
        assertThat(TypeWidening.widerType("int(10) unsigned", "BIGINT UNSIGNED")).isEqualTo("BIGINT UNSIGNED");
        assertThat(TypeWidening.widerType("decimal(5,2)", "DECIMAL(10,2)")).isEqualTo("DECIMAL(10,2)");
        assertThat(TypeWidening.widerType("decimal(5,2)", "DECIMAL(5,3)")).isEqualTo("DECIMAL(6,3)");
        assertThat(TypeWidening.widerType("float", "DOUBLE")).isEqualTo("DOUBLE");
        assertThat(TypeWidening.widerType("datetime(3)", "DATETIME(6)")).isEqualTo("DATETIME(6)");
        assertThat(TypeWidening.widerType("text", "LONGTEXT")).isEqualTo("LONGTEXT");
        assertThat(TypeWidening.widerType("char(2)", "CHAR(8)")).isEqualTo("CHAR(8)");
    }

    @Test
    void neverNarrowsOrChangesFamily() {
        assertThat(TypeWidening.widerType("varchar(50)", "VARCHAR(10)")).isNull();
        assertThat(TypeWidening.widerType("varchar(50)", "VARCHAR(50)")).isNull();
        assertThat(TypeWidening.widerType("bigint(20)", "INT")).isNull();
        assertThat(TypeWidening.widerType("decimal(10,2)", "DECIMAL(5,2)")).isNull();
        // More integer digits but less scale: widen to hold both, never lose the scale.
        assertThat(TypeWidening.widerType("decimal(10,2)", "DECIMAL(10,1)")).isEqualTo("DECIMAL(11,2)");
        assertThat(TypeWidening.widerType("varchar(10)", "LONGTEXT")).isNull();
        assertThat(TypeWidening.widerType("int(11)", "BIGINT UNSIGNED")).isNull();
        assertThat(TypeWidening.widerType("double", "FLOAT")).isNull();
        assertThat(TypeWidening.widerType("longtext", "TEXT")).isNull();
        assertThat(TypeWidening.widerType("enum('a')", "ENUM('a','b')")).isNull();
    }

    /** Issue 9 item 1: a size the record does not declare (no source length) is never a reason to widen. */
    @Test
    void neverWidensFromAMissingLength() {
        assertThat(TypeWidening.widerType("timestamp", "TIMESTAMP(6)", false)).isNull();
        assertThat(TypeWidening.widerType("datetime", "DATETIME(3)", false)).isNull();
        assertThat(TypeWidening.widerType("decimal(10,2)", "DECIMAL(65,2)", false)).isNull();
        assertThat(TypeWidening.widerType("varchar(10)", "VARCHAR(262144)", false)).isNull();
        // Integer and TEXT/BLOB families, and FLOAT to DOUBLE, do not depend on a length.
        assertThat(TypeWidening.widerType("int(11)", "BIGINT", false)).isEqualTo("BIGINT");
        assertThat(TypeWidening.widerType("text", "LONGTEXT", false)).isEqualTo("LONGTEXT");
        assertThat(TypeWidening.widerType("datetime(3)", "DATETIME(6)", true)).isEqualTo("DATETIME(6)");
    }
}
