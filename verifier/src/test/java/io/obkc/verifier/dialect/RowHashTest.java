package io.obkc.verifier.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.obkc.verifier.model.ColumnInfo;
import io.obkc.verifier.model.TypeCategory;

class RowHashTest {
    private static ColumnInfo col(String name, TypeCategory cat) {
        return new ColumnInfo(name, "x", "x", cat, -1, -1, true, null);
    }

    /** Decodes a hash text back into its elements; succeeding for every text proves the encoding injective. */
    private static List<String> decode(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean nul = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch != '|') {
                cur.append(ch);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case '!' -> cur.append('|');
                case 'N' -> nul = true;
                case ',' -> {
                    out.add(nul ? null : cur.toString());
                    cur.setLength(0);
                    nul = false;
                }
                default -> throw new IllegalArgumentException(text);
            }
        }
        out.add(nul ? null : cur.toString());
        return out;
    }

    @Test
    void textDecodesToTheSameElementsSoDistinctRowsNeverShareIt() {
        String[] values = {null, "", "N", "|N", "|", "||", "|,", ",", "!", "|!", "a|b", "a", "b", "\\N", "\\", "|,|N"};
        Map<String, List<String>> seen = new HashMap<>();
        for (String a : values) {
            for (String b : values) {
                for (String c : values) {
                    List<String> row = Arrays.asList(a, b, c);
                    String text = Canon.hashText(row);
                    assertThat(decode(text)).isEqualTo(row);
                    assertThat(seen.put(text, row)).as(text).isNull();
                }
            }
        }
        assertThat(Canon.hashText(Arrays.asList("a|b", "c"))).isNotEqualTo(Canon.hashText(Arrays.asList("a", "b|c")));
        assertThat(Canon.hashText(Arrays.asList((String) null))).isNotEqualTo(Canon.hashText(List.of("")));
        assertThat(Canon.hashText(Arrays.asList((String) null))).isNotEqualTo(Canon.hashText(List.of("|N")));
    }

    @Test
    void everyElementIsEvaluatedOnceAndOnlyTextColumnsAreEscaped() {
        List<ColumnInfo> cols = List.of(col("n", TypeCategory.INTEGER), col("s", TypeCategory.STRING));
        String my = new MySqlDialect(true).rowHash(cols, List.of("N", "S"));
        assertThat(my).isEqualTo("CAST(CONV(SUBSTRING(MD5(CONCAT(COALESCE(N, '|N'), '|,', "
                + "COALESCE(REPLACE(S, '|', '|!'), '|N'))), 1, 15), 16, 10) AS UNSIGNED)");
        String pg = new PostgresDialect().rowHash(cols, List.of("N", "S"));
        assertThat(pg).isEqualTo("('x' || substr(md5(COALESCE(N, '|N') || '|,' || "
                + "COALESCE(replace(S, '|', '|!'), '|N')), 1, 15))::bit(60)::bigint");
    }

    @Test
    void datetimeWithSixDigitsOnBothSidesIsACast() {
        ColumnInfo dt6 = new ColumnInfo("d", "datetime", "datetime(6)", TypeCategory.DATETIME, 6, -1, true, null);
        ColumnInfo dt3 = new ColumnInfo("d", "datetime", "datetime(3)", TypeCategory.DATETIME, 3, -1, true, null);
        assertThat(new MySqlDialect(true).canonical(dt6, dt6)).isEqualTo("CAST(`d` AS CHAR)");
        assertThat(new OceanBaseDialect().canonical(dt6, dt3)).startsWith("CONCAT(SUBSTRING_INDEX(DATE_FORMAT(");
    }
}
