package io.obkc.acceptance.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTableTest {
    private static final byte[] CSV = ("id,name,price,ratio,day,at,empty\n"
            + "1,\"a, quoted\",1.50,0.123456789,2013-01-01,2013-01-01T06:00:00Z,NA\n"
            + "3000000000,b,NA,2,2013-01-02,2013-01-01T07:00:00Z,\n").getBytes(StandardCharsets.UTF_8);

    @Test
    void typesAreInferredFromTheValuesAndNullTokensAreNull() {
        CorpusTable t = CsvTable.read("t", CSV, "NA", List.of("id"), r -> true, null);
        assertThat(t.columns()).extracting(c -> c.name() + " " + c.type().mariadbDdl() + (c.nullable() ? " NULL" : " NOT NULL"))
                .containsExactly("id BIGINT NOT NULL", "name VARCHAR(10) NOT NULL", "price DECIMAL(3,2) NULL", "ratio DOUBLE NOT NULL",
                        "day DATE NOT NULL", "at DATETIME NOT NULL", "empty VARCHAR(10) NULL");
        assertThat(t.columns().get(5).type().postgresDdl()).isEqualTo("TIMESTAMPTZ");
        assertThat(t.rows().get(0)).containsExactly(1L, "a, quoted", new BigDecimal("1.50"), 0.123456789, LocalDate.of(2013, 1, 1),
                Instant.parse("2013-01-01T06:00:00Z"), null);
        assertThat(t.rows().get(1)[2]).isNull();
    }

    @Test
    void aSurrogateKeyNumbersTheKeptDataLines() {
        CorpusTable t = CsvTable.read("t", CSV, "NA", List.of(), r -> r[1].equals("b"), "line");
        assertThat(t.primaryKey()).containsExactly("line");
        assertThat(t.rows()).hasSize(1);
        assertThat(t.rows().get(0)[0]).isEqualTo(2L);
        assertThat(t.rows().get(0)[1]).isEqualTo(3000000000L);
    }
}
