package io.obkc.common.rules;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed rules: every message must name the rule, the column and what to do. */
class RuleSyntaxTest {

    @ParameterizedTest(name = "[{0}] -> {1} at column {2}")
    @CsvSource(delimiter = '|', value = {
            "db.[abc        | unclosed '['                        | 4",
            "db.t[]         | empty character class               | 5",
            "db.t[!]        | empty character class               | 5",
            "db.t[z-a]      | reversed range 'z-a'                | 7",
            "db.t]          | unmatched ']'                       | 5",
            "`db.t          | unclosed backtick                   | 1",
            "db.`t          | unclosed backtick                   | 4",
            ".t             | empty database name before '.'      | 1",
            "db.            | empty table name after '.'          | 4",
            "``             | empty name                          | 1",
            "``.t           | empty database name before '.'      | 3",
            "a.b.c          | too many dots                       | 4",
            "a.b=c.d.e      | too many dots                       | 8",
            "db.t=          | the rename target after '=' is empty| 5",
            "=db.t          | the source before '=' is empty      | 1",
            "a.b=c.d=e.f    | more than one '='                   | 8",
            "db.t=x.*       | the target table uses '*' but the source table has no wildcard | 8",
            "*.t=db.*       | the target table uses '*' but the source table has no wildcard | 8",
            "db.*=x.**      | the target table has 2 '*' but the source table has only 1 wildcard | 8",
            "db.t=x.t?      | '?' in a rename target              | 9",
            "db.t=x.[ab]    | '[...]' in a rename target          | 8",
            "db.t=t2        | the rename target has one part but the source has two parts | 6",
            "db.my table    | unquoted whitespace                 | 6",
            "db.t\\*        | backslash escapes are not supported | 5",
            "db.t[a`]       | backtick inside '[...]'             | 7",
    })
    void reportsProblemAndColumn(String rule, String problem, int column) {
        RuleSyntaxException e = catchThrowableOfType(RuleSyntaxException.class, () -> ObjectMatcher.parse(rule, null));
        assertThat(e).as("rule %s", rule).isNotNull();
        assertThat(e.getMessage()).contains(problem).contains('"' + rule + '"').contains("at column " + column);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.ruleText()).isEqualTo(rule);
        assertThat(e.kind()).isEqualTo(MatchRule.Kind.INCLUDE);
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messageNamesTheListAndRuleNumberAndSaysWhatToFix() {
        assertThatThrownBy(() -> ObjectMatcher.parse("a.*", "ok.t,\n  db.[abc  "))
                .isInstanceOf(RuleSyntaxException.class)
                .hasMessage("Invalid exclude rule #2 \"db.[abc\": unclosed '[' at column 4. "
                        + "Close the character class with ']', or quote the name with backticks if '[' is part of it.");
    }

    @Test
    void tooManyDotsSuggestsQuoting() {
        assertThatThrownBy(() -> ObjectMatcher.parse("my.db.t", null))
                .hasMessageContaining("too many dots")
                .hasMessageContaining("`my.db`.orders");
    }

    @Test
    void wildcardTargetWithoutSourceWildcardExplainsTheFix() {
        assertThatThrownBy(() -> ObjectMatcher.parse("db.t=db2.*", null))
                .hasMessageContaining("has no wildcard to copy from")
                .hasMessageContaining("write the target table in full");
    }

    @Test
    void excludeRulesCannotRename() {
        RuleSyntaxException e = catchThrowableOfType(RuleSyntaxException.class, () -> ObjectMatcher.parse("*.*", "a.b=c.d"));
        assertThat(e.kind()).isEqualTo(MatchRule.Kind.EXCLUDE);
        assertThat(e.ruleNumber()).isEqualTo(1);
        assertThat(e.getMessage()).contains("exclude rules cannot rename");
    }

    @Test
    void unclosedBacktickSwallowsTheRestOfTheList() {
        // The separators after an unclosed backtick are part of the quoted text, so the error is reported once, for the rule that opened it.
        RuleSyntaxException e = catchThrowableOfType(RuleSyntaxException.class, () -> ObjectMatcher.parse("a.b, `c.d, e.f", null));
        assertThat(e.ruleNumber()).isEqualTo(2);
        assertThat(e.ruleText()).isEqualTo("`c.d, e.f");
    }

    @Test
    void sameRulesParseInCaseSensitiveMode() {
        assertThatThrownBy(() -> ObjectMatcher.parse("db.[", null, true)).isInstanceOf(RuleSyntaxException.class);
    }
}
