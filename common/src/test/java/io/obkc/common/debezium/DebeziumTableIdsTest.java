package io.obkc.common.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DebeziumTableIdsTest {
    @Test
    void splitsQuotedAndPlainIds() {
        assertThat(DebeziumTableIds.split("\"db\".\"t\"")).containsExactly("db", "t");
        assertThat(DebeziumTableIds.split("db.schema.t")).containsExactly("db", "schema", "t");
        assertThat(DebeziumTableIds.split("\"d.b\".\"t\"\"x\"")).containsExactly("d.b", "t\"x");
        assertThat(DebeziumTableIds.split("t")).containsExactly("t");
        assertThat(DebeziumTableIds.split("")).isEmpty();
        assertThat(DebeziumTableIds.split(null)).isEmpty();
    }
}
