package io.obkc.bulkload.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypeRulesTest {
    @Test
    void mysqlTypesTravelExactly() {
        assertThat(TypeRules.mysql("f", "float", "float").column().select()).isEqualTo("(`f` + 0e0)");
        assertThat(TypeRules.mysql("d", "datetime", "datetime(6)").column().select()).isEqualTo("CAST(`d` AS CHAR)");
        assertThat(TypeRules.mysql("b", "bit", "bit(3)").column().transfer()).isEqualTo(Column.Transfer.UNSIGNED_NUMBER);
        assertThat(TypeRules.mysql("x", "varbinary", "varbinary(8)").column().transfer()).isEqualTo(Column.Transfer.BYTES);
        assertThat(TypeRules.mysql("u", "bigint", "bigint(20) unsigned").column().keyBind()).isEqualTo(Column.KeyBind.NUMBER);
        assertThat(TypeRules.mysql("g", "geometry", "geometry").refusal()).contains("geometry").contains("full-load: debezium");
    }

    @Test
    void postgresTypesTravelExactlyOrAreRefused() {
        assertThat(TypeRules.postgres("t", "timestamp with time zone", "timestamptz", false).column().select())
                .isEqualTo("(\"t\" AT TIME ZONE 'UTC')");
        assertThat(TypeRules.postgres("b", "boolean", "bool", false).column().transfer()).isEqualTo(Column.Transfer.BOOLEAN);
        assertThat(TypeRules.postgres("e", "USER-DEFINED", "mood", true).column().select()).isEqualTo("\"e\"::text");
        assertThat(TypeRules.postgres("i", "interval", "interval", false).refusal()).contains("interval");
        assertThat(TypeRules.postgres("a", "ARRAY", "_int4", false).refusal()).contains("array");
        assertThat(TypeRules.postgres("g", "USER-DEFINED", "geometry", false).refusal()).contains("geometry");
    }

    @Test
    void valuesWithoutAnExactTargetAreRefused() {
        Column n = TypeRules.postgres("n", "numeric", "numeric", false).column();
        assertThat(TypeRules.refusal(n, "NaN")).contains("NaN");
        assertThat(TypeRules.refusal(n, "1.5")).isNull();
        Column scaled = n.withMaxScale(2);
        assertThat(TypeRules.refusal(scaled, "1.250")).isNull();
        assertThat(TypeRules.refusal(scaled, "1.255")).contains("3 fractional digits").contains("rounded");
        Column d = TypeRules.postgres("d", "date", "date", false).column();
        assertThat(TypeRules.refusal(d, "infinity")).isNotNull();
        assertThat(TypeRules.refusal(d, "0044-03-15 BC")).isNotNull();
        assertThat(TypeRules.refusal(d, "2024-02-29")).isNull();
        Column r = TypeRules.postgres("r", "real", "float4", false).column();
        assertThat(TypeRules.refusal(r, "-Infinity")).isNotNull();
        assertThat(TypeRules.refusal(r, "1.1")).isNull();
    }
}
