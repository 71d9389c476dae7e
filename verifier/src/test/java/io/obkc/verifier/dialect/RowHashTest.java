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
        String my = new MySqlDialect(true).rowHash(cols, cols, List.of("N", "S"), RowHash.MD5);
        assertThat(my).isEqualTo("CAST(CONV(SUBSTRING(MD5(CONCAT(COALESCE(N, '|N'), '|,', "
                + "COALESCE(REPLACE(S, '|', '|!'), '|N'))), 1, 15), 16, 10) AS UNSIGNED)");
        String pg = new PostgresDialect().rowHash(cols, cols, List.of("N", "S"), RowHash.MD5);
        assertThat(pg).isEqualTo("('x' || substr(md5(COALESCE(N, '|N') || '|,' || "
                + "COALESCE(replace(S, '|', '|!'), '|N')), 1, 15))::bit(60)::bigint");
    }

    /**
     * Decodes a CRC32 row text given only the shape (which columns are flagged and which carry lengths), as
     * {@link Canon#crcHashText} documents it; succeeding for every row proves that text injective too.
     */
    private static List<String> decodeCrc(String text, List<Boolean> flagged, List<Boolean> withLength) {
        int n = flagged.size();
        int pos = 0;
        boolean[] isNull = new boolean[n];
        if (flagged.contains(true)) {
            int bar = text.indexOf('|');
            String flags = bar < 0 ? text : text.substring(0, bar);
            pos = bar < 0 ? text.length() : bar + 1;
            int f = 0;
            for (int i = 0; i < n; i++) {
                if (flagged.get(i)) {
                    isNull[i] = flags.charAt(f++) == '1';
                }
            }
            assertThat(f).isEqualTo(flags.length());
        }
        List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (withLength.get(i) && !isNull[i]) {
                int bar = text.indexOf('|', pos);
                lengths.add(Integer.parseInt(text.substring(pos, bar < 0 ? text.length() : bar)));
                pos = bar < 0 ? text.length() : bar + 1;
            }
        }
        byte[] rest = text.substring(Math.min(pos, text.length())).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int b = 0;
        int li = 0;
        List<String> out = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < n; i++) {
            if (isNull[i]) {
                out.add(null);
                continue;
            }
            if (!first) {
                assertThat(rest[b]).isEqualTo((byte) '|');
                b++;
            }
            first = false;
            int end;
            if (withLength.get(i)) {
                end = b + lengths.get(li++);
            } else {
                end = b;
                while (end < rest.length && rest[end] != '|') {
                    end++;
                }
            }
            out.add(new String(rest, b, end - b, java.nio.charset.StandardCharsets.UTF_8));
            b = end;
        }
        assertThat(b).isEqualTo(rest.length);
        return out;
    }

    @Test
    void crcTextDecodesToTheSameRowSoDistinctRowsNeverShareIt() {
        String[] texts = {null, "", "N", "|", "||", "0", "1", "|0", "0|", "1|1", "a|b", "3|a", "é|ü", "\\N"};
        String[] numbers = {null, "0", "1", "10", "-1", "2.5"};
        // a nullable string, a NOT NULL string, a nullable number, a nullable string: flags, lengths and bare values
        List<Boolean> flagged = List.of(true, false, true, true);
        List<Boolean> withLength = List.of(true, true, false, true);
        Map<String, List<String>> seen = new HashMap<>();
        for (String a : texts) {
            for (String b : texts) {
                if (b == null) {
                    continue;
                }
                for (String n : numbers) {
                    for (String d : texts) {
                        List<String> row = Arrays.asList(a, b, n, d);
                        String text = Canon.crcHashText(flagged, withLength, row);
                        assertThat(decodeCrc(text, flagged, withLength)).as(text).isEqualTo(row);
                        assertThat(seen.put(text, row)).as(text).isNull();
                    }
                }
            }
        }
    }

    @Test
    void crcTextShapeIsDecidedByBothSides() {
        ColumnInfo nullableText = new ColumnInfo("s", "varchar", "varchar(9)", TypeCategory.STRING, -1, -1, true, "utf8mb4_bin");
        ColumnInfo notNullText = new ColumnInfo("s", "varchar", "varchar(9)", TypeCategory.STRING, -1, -1, false, "utf8mb4_bin");
        ColumnInfo notNullInt = new ColumnInfo("s", "int", "int", TypeCategory.INTEGER, -1, -1, false, null);
        MySqlDialect my = new MySqlDialect(true);
        OceanBaseDialect ob = new OceanBaseDialect();
        // NOT NULL here, nullable there: both sides flag it, so both build the same text.
        assertThat(my.rowHash(List.of(notNullText), List.of(nullableText), List.of("CONVERT(`s` USING utf8mb4)"), RowHash.CRC32))
                .isEqualTo("CRC32(CONCAT_WS('|', ISNULL(`s`), LENGTH(`s`), `s`))");
        assertThat(ob.rowHash(List.of(nullableText), List.of(notNullText), List.of("CONVERT(`s` USING utf8mb4)"), RowHash.CRC32))
                .isEqualTo("CRC32(CONCAT_WS('|', ISNULL(`s`), LENGTH(`s`), `s`))");
        // An integer facing a string carries the string's length on both sides.
        assertThat(ob.rowHash(List.of(notNullInt), List.of(notNullText), List.of("CAST(`s` AS CHAR)"), RowHash.CRC32))
                .isEqualTo("CRC32(CONCAT_WS('|', LENGTH(`s`), `s`))");
        assertThat(my.rowHash(List.of(notNullText, notNullInt), List.of(notNullText, notNullInt),
                List.of("CONVERT(`s` USING utf8mb4)", "CAST(`s` AS CHAR)"), RowHash.CRC32))
                .isEqualTo("CRC32(CONCAT_WS('|', LENGTH(`s`), `s`, `s`))");
    }

    @Test
    void postgresRefusesCrc32AndAutoPicksItOnlyForMySqlFamilyPairs() {
        MySqlDialect maria = new MySqlDialect(true);
        OceanBaseDialect ob = new OceanBaseDialect();
        PostgresDialect pg = new PostgresDialect();
        assertThat(RowHash.choose("auto", maria, ob)).isEqualTo(RowHash.CRC32);
        assertThat(RowHash.choose("auto", pg, ob)).isEqualTo(RowHash.MD5);
        assertThat(RowHash.choose("md5", maria, ob)).isEqualTo(RowHash.MD5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RowHash.choose("crc32", pg, ob))
                .hasMessageContaining("--row-hash md5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RowHash.choose("sha", maria, ob))
                .hasMessageContaining("auto, crc32 or md5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pg.rowHash(List.of(), List.of(), List.of(), RowHash.CRC32))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void datetimeWithSixDigitsOnBothSidesIsACast() {
        ColumnInfo dt6 = new ColumnInfo("d", "datetime", "datetime(6)", TypeCategory.DATETIME, 6, -1, true, null);
        ColumnInfo dt3 = new ColumnInfo("d", "datetime", "datetime(3)", TypeCategory.DATETIME, 3, -1, true, null);
        assertThat(new MySqlDialect(true).canonical(dt6, dt6)).isEqualTo("CAST(`d` AS CHAR)");
        assertThat(new OceanBaseDialect().canonical(dt6, dt3)).startsWith("CONCAT(SUBSTRING_INDEX(DATE_FORMAT(");
    }
}
