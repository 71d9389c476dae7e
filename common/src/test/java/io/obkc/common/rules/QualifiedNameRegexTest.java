package io.obkc.common.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@link ObjectMatcher#toQualifiedNameRegex()} must select exactly what {@link ObjectMatcher#matches} selects: the binlog
 * capture mode hands it to Debezium as its only table filter, so any difference captures a table the rules leave out,
 * or silently drops one they select.
 */
class QualifiedNameRegexTest {

    private static boolean regexSelects(ObjectMatcher matcher, String db, String table) {
        return Pattern.compile(matcher.toQualifiedNameRegex()).matcher(db + "." + table).matches();
    }

    @Test
    void includeAndExcludeRulesBecomeOneExpression() {
        ObjectMatcher m = ObjectMatcher.parse("shop.order_*, crm.customer", "shop.order_archive*");
        assertThat(regexSelects(m, "shop", "order_items")).isTrue();
        assertThat(regexSelects(m, "SHOP", "Order_Items")).as("case-insensitive like the rules").isTrue();
        assertThat(regexSelects(m, "shop", "order_archive_2020")).as("excluded").isFalse();
        assertThat(regexSelects(m, "crm", "customer")).isTrue();
        assertThat(regexSelects(m, "crm", "customers")).isFalse();
        assertThat(m.toQualifiedNameRegex()).doesNotContain(",");
    }

    @Test
    void caseSensitiveRulesStayCaseSensitive() {
        ObjectMatcher m = ObjectMatcher.parse("Shop.T*", "", true);
        assertThat(regexSelects(m, "Shop", "Tx")).isTrue();
        assertThat(regexSelects(m, "shop", "Tx")).isFalse();
        assertThat(Pattern.compile(m.toQualifiedNameRegex(), Pattern.CASE_INSENSITIVE).matcher("shop.tx").matches())
                .as("an outer CASE_INSENSITIVE flag (Debezium compiles its lists with one) does not widen it").isFalse();
    }

    @Test
    void blankIncludeListSelectsNothing() {
        assertThat(regexSelects(ObjectMatcher.parse("", ""), "a", "b")).isFalse();
    }

    @Test
    void databaseWildcardsDoNotReachIntoTheTable() {
        ObjectMatcher m = ObjectMatcher.parse("a*.c, x?.c, p[!q].c", "");
        assertThat(regexSelects(m, "a", "b.c")).isFalse();
        assertThat(regexSelects(m, "x", ".c")).isFalse();
        assertThat(regexSelects(m, "p", ".c")).isFalse();
        assertThat(regexSelects(m, "ab", "c")).isTrue();
    }

    @Test
    void specialCharactersAreLiteral() {
        ObjectMatcher m = ObjectMatcher.parse("`a,b`.`c(d)+e$`, db.`t*1`", "");
        assertThat(regexSelects(m, "a,b", "c(d)+e$")).isTrue();
        assertThat(regexSelects(m, "db", "t*1")).isTrue();
        assertThat(regexSelects(m, "db", "tx1")).isFalse();
        assertThat(m.toQualifiedNameRegex()).doesNotContain(",");
    }

    /** Random rules and names over a small alphabet with case variants, '.', and a non-ASCII letter; 20,000 pairs. */
    @Test
    void agreesWithTheMatcherOnRandomRulesAndNames() {
        Random random = new Random(20261201L);
        String alphabet = "abAB._\u00e9\u00c9";
        int checked = 0;
        for (int round = 0; round < 400; round++) {
            List<String> include = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                include.add(quoted(randomPattern(random, alphabet)) + "." + quoted(randomPattern(random, alphabet)));
            }
            List<String> exclude = new ArrayList<>();
            for (int i = 0; i < random.nextInt(3); i++) {
                exclude.add(quoted(randomPattern(random, alphabet)) + "." + quoted(randomPattern(random, alphabet)));
            }
            boolean caseSensitive = random.nextBoolean();
            ObjectMatcher m = ObjectMatcher.parse(String.join(",", include), String.join(",", exclude), caseSensitive);
            Pattern regex = Pattern.compile(m.toQualifiedNameRegex());
            for (int n = 0; n < 50; n++) {
                String db = randomName(random, alphabet.replace(".", ""));
                String table = randomName(random, alphabet);
                boolean expected = m.matches(new ObjectName(db, table));
                assertThat(regex.matcher(db + "." + table).matches()).as("%s on %s.%s", m, db, table).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(20_000);
    }

    private static String randomPattern(Random random, String alphabet) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            switch (random.nextInt(6)) {
                case 0 -> p.append('*');
                case 1 -> p.append('?');
                case 2 -> p.append(random.nextBoolean() ? "[!" : "[").append(alphabet.charAt(random.nextInt(alphabet.length())))
                        .append(']');
                default -> p.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return p.toString();
    }

    /** Backticks around a part, so '.' in it is a literal character rather than the separator. */
    private static String quoted(String part) {
        return "`" + part + "`";
    }

    private static String randomName(Random random, String alphabet) {
        StringBuilder n = new StringBuilder();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            n.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return n.toString();
    }
}
