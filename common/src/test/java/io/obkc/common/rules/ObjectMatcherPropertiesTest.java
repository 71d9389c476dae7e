package io.obkc.common.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Properties every rule engine user relies on, checked over generated names and rules. */
class ObjectMatcherPropertiesTest {

    private static final List<String> TRICKY_RULES = List.of(
            "*.*", "a*.b?", "[a-z]*.[!0-9]*", "`my.db`.`t*1`", "x.*_*=y.*-*", "t*=u*", "*.*a*a*a*b");

    @Property
    void literalRuleMatchesExactlyItsName(@ForAll @StringLength(min = 1, max = 20) String database,
            @ForAll @StringLength(min = 1, max = 20) String table,
            @ForAll @StringLength(min = 1, max = 20) String otherTable) {
        ObjectName name = new ObjectName(database, table);
        ObjectMatcher matcher = ObjectMatcher.parse(RuleQuoting.literalRule(name), null, true);
        assertThat(matcher.matches(name)).isTrue();
        assertThat(matcher.map(name)).containsSame(name);
        assertThat(matcher.matches(new ObjectName(database, otherTable))).isEqualTo(otherTable.equals(table));
    }

    @Property
    void literalRuleForASingleLevelNameMatchesOnlyThatName(@ForAll @StringLength(min = 1, max = 20) String table,
            @ForAll @StringLength(min = 1, max = 5) String database) {
        ObjectMatcher matcher = ObjectMatcher.parse(RuleQuoting.literalRule(new ObjectName(null, table)), null, true);
        assertThat(matcher.matches(new ObjectName(null, table))).isTrue();
        assertThat(matcher.matches(new ObjectName(database, table))).isFalse();
    }

    @Property
    void caseInsensitiveLiteralRuleMatchesOtherSpellings(@ForAll("asciiNames") String database, @ForAll("asciiNames") String table) {
        ObjectMatcher matcher = ObjectMatcher.parse(RuleQuoting.literalRule(new ObjectName(database, table)), null);
        assertThat(matcher.matches(new ObjectName(database.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)))).isTrue();
    }

    @Property
    void escapingRoundTrips(@ForAll @StringLength(min = 1, max = 30) String part) {
        String rule = RuleQuoting.quotePart(part) + "." + RuleQuoting.quotePart(part);
        MatchRule parsed = ObjectMatcher.parse(rule, null, true).rules().get(0);
        assertThat(parsed.databasePattern().isLiteral()).isTrue();
        assertThat(parsed.databasePattern().literalName()).isEqualTo(part);
        assertThat(parsed.tablePattern().literalName()).isEqualTo(part);
    }

    @Property
    void starStarMatchesEverything(@ForAll String database, @ForAll String table, @ForAll boolean caseSensitive) {
        ObjectMatcher matcher = ObjectMatcher.parse("*.*", null, caseSensitive);
        assertThat(matcher.matches(new ObjectName(database, table))).isTrue();
        assertThat(matcher.matches(new ObjectName(null, table))).isTrue();
    }

    @Property
    void excludedNameIsNeverMatched(@ForAll("patterns") String includePattern, @ForAll("asciiNames") String database,
            @ForAll("asciiNames") String table) {
        ObjectName name = new ObjectName(database, table);
        ObjectMatcher matcher = ObjectMatcher.parse("*.*," + includePattern + "." + includePattern, RuleQuoting.literalRule(name));
        assertThat(matcher.matches(name)).isFalse();
        assertThat(matcher.map(name)).isEmpty();
    }

    @Property
    void databaseRenameKeepsTableNames(@ForAll String database, @ForAll String table) {
        ObjectMatcher matcher = ObjectMatcher.parse("*.*=x.*", null);
        assertThat(matcher.map(new ObjectName(database, table))).contains(new ObjectName("x", table));
    }

    /** Over arbitrary names: no exception, a name is mapped exactly when it matches, and the excluded a.b never is. */
    @Property
    void matchAndMapAgreeOnArbitraryNames(@ForAll String database, @ForAll String table) {
        for (String rule : TRICKY_RULES) {
            ObjectMatcher matcher = ObjectMatcher.parse(rule, "a.b");
            for (ObjectName name : List.of(new ObjectName(database, table), new ObjectName(null, table))) {
                assertThat(matcher.map(name).isPresent()).as("%s on %s", rule, name).isEqualTo(matcher.matches(name));
            }
            assertThat(matcher.matches(new ObjectName("a", "b"))).as(rule).isFalse();
        }
        assertThat(ObjectMatcher.parse("*.*", "a.b").matches(new ObjectName(database, table)))
                .isEqualTo(!(database.equals("a") && table.equals("b")));
    }

    /**
     * Any text either parses into a matcher that works (deterministically: parsing again selects the same way) or is
     * refused with a RuleSyntaxException that points into the rule; no other exception escapes.
     */
    @Property
    void parserOnlyEverThrowsRuleSyntaxException(@ForAll("ruleLikeText") String include, @ForAll("ruleLikeText") String exclude) {
        ObjectMatcher parsed;
        try {
            parsed = ObjectMatcher.parse(include, exclude);
        } catch (RuleSyntaxException refused) {
            assertThat(refused.column()).isBetween(1, refused.ruleText().length() + 1);
            assertThat(refused.getMessage()).contains(refused.ruleText());
            return;
        }
        ObjectMatcher again = ObjectMatcher.parse(include, exclude);
        assertThat(parsed.rules()).hasSameSizeAs(again.rules());
        for (ObjectName name : List.of(new ObjectName("a", "b"), new ObjectName("ab", "ba"), new ObjectName(null, "a"))) {
            assertThat(parsed.matches(name)).isEqualTo(again.matches(name));
            assertThat(parsed.map(name)).isEqualTo(again.map(name));
            assertThat(parsed.map(name).isPresent()).isEqualTo(parsed.matches(name));
        }
    }

    /** The hand-written matcher must agree with an obvious regular-expression translation. */
    @Property
    void agreesWithRegexOracle(@ForAll("patterns") String pattern, @ForAll("smallNames") String name, @ForAll boolean caseSensitive) {
        boolean expected = Pattern.compile(toRegex(pattern), caseSensitive ? 0 : Pattern.CASE_INSENSITIVE).matcher(name).matches();
        ObjectMatcher matcher = ObjectMatcher.parse("db." + pattern, null, caseSensitive);
        assertThat(matcher.matches(new ObjectName("db", name))).isEqualTo(expected);
    }

    /** Copying every wildcard back with '*' rebuilds the original name, whatever the pattern. */
    @Property
    void renamingEveryWildcardToStarIsIdentity(@ForAll("patternWithMatchingName") String[] patternAndName) {
        String pattern = patternAndName[0];
        String name = patternAndName[1];
        String target = pattern.replaceAll("\\[[^]]*]", "*").replace('?', '*');
        ObjectMatcher matcher = ObjectMatcher.parse("db." + pattern + "=db." + target, null, true);
        assertThat(matcher.map(new ObjectName("db", name))).contains(new ObjectName("db", name));
    }

    @Provide
    Arbitrary<String> asciiNames() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withChars("_$#.*`= ").ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> smallNames() {
        return Arbitraries.strings().withChars("abAB_").ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of("a", "b", "A", "_", "*", "?", "[ab]", "[!a]", "[a-b]")
                .list().ofMinSize(1).ofMaxSize(6)
                .map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> ruleLikeText() {
        return Arbitraries.strings().withChars("ab.*?[]!-=`,; \n\\").ofMaxLength(16);
    }

    /** A pattern together with a name built to match it, by choosing what each wildcard consumes. */
    @Provide
    Arbitrary<String[]> patternWithMatchingName() {
        Arbitrary<String[]> piece = Arbitraries.oneOf(
                Arbitraries.of("a", "b", "_").map(c -> new String[] {c, c}),
                Arbitraries.strings().withChars("ab_").ofMaxLength(3).map(s -> new String[] {"*", s}),
                Arbitraries.of("a", "b", "_").map(c -> new String[] {"?", c}),
                Arbitraries.of("a", "b").map(c -> new String[] {"[ab]", c}));
        return piece.list().ofMinSize(1).ofMaxSize(6).map(pieces -> {
            StringBuilder pattern = new StringBuilder();
            StringBuilder name = new StringBuilder();
            for (String[] p : pieces) {
                pattern.append(p[0]);
                name.append(p[1]);
            }
            return new String[] {pattern.toString(), name.toString()};
        });
    }

    private static String toRegex(String glob) {
        return glob.replace("*", ".*").replace("?", ".").replace("[!", "[^");
    }

}
