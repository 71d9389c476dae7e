package io.obkc.smt.rowfilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionParserTest {

    private static String tree(String expr) {
        return ExpressionParser.parse(expr).toString();
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        assertThat(tree("a = 1 OR b = 2 AND c = 3")).isEqualTo("((`a` = 1) OR ((`b` = 2) AND (`c` = 3)))");
        assertThat(tree("NOT a = 1 AND b = 2")).isEqualTo("((NOT (`a` = 1)) AND (`b` = 2))");
        assertThat(tree("(a = 1 OR b = 2) AND c = 3")).isEqualTo("(((`a` = 1) OR (`b` = 2)) AND (`c` = 3))");
        assertThat(tree("a = 1 or b = 2 or c = 3")).isEqualTo("(((`a` = 1) OR (`b` = 2)) OR (`c` = 3))");
        assertThat(tree("NOT NOT a")).isEqualTo("(NOT (NOT `a`))");
    }

    @Test
    void predicatesAndLiterals() {
        assertThat(tree("x IN (1, 'a', -2.5, TRUE, NULL)")).isEqualTo("(`x` IN [1, 'a', -2.5, TRUE, NULL])");
        assertThat(tree("x not in (1)")).isEqualTo("(`x` NOT IN [1])");
        assertThat(tree("x IS NULL AND y is not null")).isEqualTo("((`x` IS NULL) AND (`y` IS NOT NULL))");
        assertThat(tree("name LIKE 'a%' AND name NOT LIKE '_b'")).isEqualTo("((`name` LIKE 'a%') AND (`name` NOT LIKE '_b'))");
        assertThat(tree("x BETWEEN 1 AND 5 AND y = 2")).isEqualTo("((`x` BETWEEN 1 AND 5) AND (`y` = 2))");
        assertThat(tree("`order id` <> 'it''s'")).isEqualTo("(`order id` != 'it''s')");
        assertThat(tree("`a``b` >= 1e3")).isEqualTo("(`a``b` >= 1E+3)");
        assertThat(tree("x != \"dq\"")).isEqualTo("(`x` != 'dq')");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a =|4|Expected a value or field but found end of expression",
            "a = 1 AND|10|Expected a value or field but found end of expression",
            "(a = 1|7|Expected ')' but found end of expression",
            "a = 1)|6|Unexpected ')'",
            "a = 'x|5|Unclosed string",
            "a IN 1|6|Expected '(' after IN",
            "a IN (1 2)|9|Expected ',' or ')' in IN list",
            "a IS 1|6|Expected NULL after IS",
            "a LIKE b|8|Expected a string pattern after LIKE",
            "a NOT 1|7|Expected IN, LIKE or BETWEEN after NOT",
            "a BETWEEN 1 OR 2|13|Expected AND in BETWEEN",
            "a = 1 b = 2|7|Unexpected 'b'",
            "a # 1|3|Unexpected character '#'",
            "a ! 1|3|Unexpected '!'",
            "12abc = 1|1|Malformed number",
            "`` = 1|1|Empty quoted field name",
            "and = 1|1|Expected a value or field but found keyword 'AND'",
    })
    void errorsNameTheColumn(String expr, int column, String message) {
        assertThatThrownBy(() -> ExpressionParser.parse(expr))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.getMessage()).contains(message).contains("column " + column);
                });
    }

    @Test
    void blankIsAnError() {
        assertThatThrownBy(() -> ExpressionParser.parse("  ")).isInstanceOf(ExpressionSyntaxException.class);
    }
}
