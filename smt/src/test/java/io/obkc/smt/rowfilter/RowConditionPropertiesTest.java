package io.obkc.smt.rowfilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.AlphaChars;

class RowConditionPropertiesTest {

    @Property(tries = 300)
    void numericComparisonsAgreeWithJava(@ForAll @IntRange(min = -1000, max = 1000) int a,
                                         @ForAll @IntRange(min = -1000, max = 1000) int b) {
        Map<String, Object> row = Map.of("a", a, "b", (long) b, "c", new BigDecimal(b).movePointLeft(1));
        assertThat(RowCondition.parse("a < b").test(row)).isEqualTo(a < b);
        assertThat(RowCondition.parse("a = b").test(row)).isEqualTo(a == b);
        assertThat(RowCondition.parse("a >= " + b).test(row)).isEqualTo(a >= b);
        assertThat(RowCondition.parse("c <= b").test(row)).isEqualTo(b >= 0);
    }

    @Property(tries = 200)
    void notIsTheComplementForNonNullRows(@ForAll @IntRange(min = 0, max = 20) int a,
                                          @ForAll @AlphaChars @StringLength(max = 4) String s) {
        Map<String, Object> row = Map.of("a", a, "s", s);
        String[] conditions = {"a > 10 AND s LIKE 'a%'", "a IN (1, 3, 5) OR s = 'x'", "a BETWEEN 2 AND 8", "s < 'm'"};
        for (String c : conditions) {
            assertThat(RowCondition.parse("NOT (" + c + ")").test(row)).isEqualTo(!RowCondition.parse(c).test(row));
        }
    }

    @Property(tries = 200)
    void quotedStringLiteralsRoundTrip(@ForAll @StringLength(max = 12) String s) {
        String literal = "'" + s.replace("'", "''") + "'";
        assertThat(RowCondition.parse("v = " + literal).test(Map.of("v", s))).isTrue();
    }

    @Property(tries = 200)
    void printedTreeParsesToTheSameTree(@ForAll @IntRange(min = 0, max = 5) int shape) {
        String[] exprs = {"a = 1 OR b = 2 AND NOT c = 3", "x IN (1, 'a') AND y IS NOT NULL", "NOT (a LIKE 'x%' OR b BETWEEN 1 AND 2)",
                "`we ird` <> -1.5", "a = TRUE OR b = NULL", "(a = 1)"};
        Expr e = ExpressionParser.parse(exprs[shape]);
        assertThat(ExpressionParser.parse(e.toString().replace("[", "(").replace("]", ")"))).isEqualTo(e);
    }
}
