package io.obkc.common.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectMatcherTest {

    private static ObjectName name(String database, String table) {
        return new ObjectName(database, table);
    }

    private static ObjectMatcher include(String rules) {
        return ObjectMatcher.parse(rules, null);
    }

    @Nested
    class Wildcards {
        @ParameterizedTest(name = "{0} matches {1}.{2}: {3}")
        @CsvSource({
                "shop.orders,      shop,   orders,    true",
                "shop.orders,      shop,   orders2,   false",
                "shop.orders,      shop2,  orders,    false",
                "shop.*,           shop,   anything,  true",
                "shop.*,           shop,   '',        true",
                "shop.order*,      shop,   order,     true",
                "shop.order*,      shop,   orders_1,  true",
                "shop.order*,      shop,   my_order,  false",
                "shop*.*,          shop_eu, t,        true",
                "*.*,              x,      y,         true",
                "shop.t?,          shop,   t1,        true",
                "shop.t?,          shop,   t,         false",
                "shop.t?,          shop,   t12,       false",
                "shop.t[123],      shop,   t2,        true",
                "shop.t[123],      shop,   t4,        false",
                "shop.t[a-c]x,     shop,   tbx,       true",
                "shop.t[a-c]x,     shop,   tdx,       false",
                "shop.t[!a-c],     shop,   td,        true",
                "shop.t[!a-c],     shop,   tb,        false",
                "shop.t[^a-c],     shop,   tb,        false",
                "shop.t[a-],       shop,   t-,        true",
                "shop.t[-a],       shop,   t-,        true",
                "shop.*_log_*,     shop,   app_log_2024, true",
                "shop.*_log_*,     shop,   app_log2024,  false",
                "shop.*a*a*a*b,    shop,   aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, false",
        })
        void matchesWholeNamesPartByPart(String rule, String database, String table, boolean expected) {
            assertThat(include(rule).matches(name(database, table))).isEqualTo(expected);
        }

        @Test
        void wildcardsApplyToEachPartSeparately() {
            // '*' in the database part never swallows the dot and part of the table.
            ObjectMatcher matcher = include("a*.c");
            assertThat(matcher.matches(name("ab", "c"))).isTrue();
            assertThat(matcher.matches(name("a", "b.c"))).isFalse();
        }

        @Test
        void questionMarkMatchesOneCodePointNotOneUtf16Char() {
            assertThat(include("db.t?").matches(name("db", "t\uD83D\uDE00"))).isTrue(); // t😀
            assertThat(include("db.t[\uD83D\uDE00]").matches(name("db", "t\uD83D\uDE00"))).isTrue();
        }

        @Test
        void namesWithWildcardCharactersAreMatchedLiterally() {
            assertThat(include("db.`t*1`").matches(name("db", "t*1"))).isTrue();
            assertThat(include("db.`t*1`").matches(name("db", "tx1"))).isFalse();
        }
    }

    @Nested
    class Quoting {
        @Test
        void backticksQuoteDotsStarsCommasAndEquals() {
            ObjectMatcher matcher = include("`my.db`.`t*1`, `a,b`.`c=d`");
            assertThat(matcher.matches(name("my.db", "t*1"))).isTrue();
            assertThat(matcher.matches(name("my.db", "tx1"))).isFalse();
            assertThat(matcher.matches(name("a,b", "c=d"))).isTrue();
            assertThat(matcher.rules()).hasSize(2);
        }

        @Test
        void doubledBacktickIsALiteralBacktick() {
            assertThat(include("db.`a``b`").matches(name("db", "a`b"))).isTrue();
        }

        @Test
        void quotedAndUnquotedTextCanBeMixedInOnePart() {
            ObjectMatcher matcher = include("`my.db`.`t*`_*");
            assertThat(matcher.matches(name("my.db", "t*_2024"))).isTrue();
            assertThat(matcher.matches(name("my.db", "tx_2024"))).isFalse();
        }

        @Test
        void quotedNamesMayContainSpacesAndSeparators() {
            ObjectMatcher matcher = include("`my db`.`order; items\nv2`");
            assertThat(matcher.matches(name("my db", "order; items\nv2"))).isTrue();
            assertThat(matcher.rules()).hasSize(1);
        }
    }

    @Nested
    class RuleLists {
        @ParameterizedTest
        @ValueSource(strings = {"a.b,c.d", "a.b;c.d", "a.b\nc.d", "a.b\r\nc.d", " a.b , c.d ", "a.b,,\n\n;c.d,"})
        void separatorsAndBlankRules(String list) {
            ObjectMatcher matcher = include(list);
            assertThat(matcher.includeRules()).extracting(MatchRule::text).containsExactly("a.b", "c.d");
            assertThat(matcher.includeRules()).extracting(MatchRule::number).containsExactly(1, 2);
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "   ", "\n", ",;,"})
        void blankIncludeSelectsNothing(String blank) {
            ObjectMatcher matcher = ObjectMatcher.parse(blank, "");
            assertThat(matcher.selectsNothing()).isTrue();
            assertThat(matcher.matches(name("db", "t"))).isFalse();
            assertThat(matcher.map(name("db", "t"))).isEmpty();
        }

        @Test
        void rulesListsIncludesThenExcludes() {
            ObjectMatcher matcher = ObjectMatcher.parse("a.*,b.*", "a.x");
            assertThat(matcher.rules()).extracting(MatchRule::kind)
                    .containsExactly(MatchRule.Kind.INCLUDE, MatchRule.Kind.INCLUDE, MatchRule.Kind.EXCLUDE);
            assertThat(matcher.rules()).extracting(MatchRule::text).containsExactly("a.*", "b.*", "a.x");
        }

        @Test
        void whitespaceAroundEqualsIsAllowed() {
            assertThat(include("db.t = db2.t2").map(name("db", "t"))).contains(name("db2", "t2"));
        }
    }

    @Nested
    class Exclusion {
        @Test
        void excludedObjectsAreNeverSelected() {
            ObjectMatcher matcher = ObjectMatcher.parse("shop.*", "shop.tmp_*, shop.audit");
            assertThat(matcher.matches(name("shop", "orders"))).isTrue();
            assertThat(matcher.matches(name("shop", "tmp_1"))).isFalse();
            assertThat(matcher.matches(name("shop", "audit"))).isFalse();
            assertThat(matcher.map(name("shop", "audit"))).isEmpty();
            assertThat(matcher.isExcluded(name("shop", "audit"))).isTrue();
            assertThat(matcher.selectingRule(name("shop", "audit"))).isEmpty();
        }

        @Test
        void exclusionAppliesToTheSourceNameNotTheRenamedTarget() {
            ObjectMatcher matcher = ObjectMatcher.parse("a.t=b.t", "b.t");
            assertThat(matcher.map(name("a", "t"))).contains(name("b", "t"));
        }

        @Test
        void excludeWithoutIncludeSelectsNothing() {
            assertThat(ObjectMatcher.parse(null, "a.b").matches(name("x", "y"))).isFalse();
        }
    }

    @Nested
    class Renames {
        @Test
        void noRenameMapsToTheSameInstance() {
            ObjectName source = name("Shop", "Orders");
            assertThat(include("shop.*").map(source)).containsSame(source);
        }

        @Test
        void literalRename() {
            ObjectMatcher matcher = include("kd_test.person=kd_test_new.person_new");
            assertThat(matcher.map(name("kd_test", "person"))).contains(name("kd_test_new", "person_new"));
            assertThat(matcher.map(name("kd_test", "person2"))).isEmpty();
        }

        @Test
        void databaseRenameKeepsTableNames() {
            ObjectMatcher matcher = include("kd_test.*=kd_test_new.*");
            assertThat(matcher.map(name("kd_test", "person"))).contains(name("kd_test_new", "person"));
            assertThat(matcher.map(name("kd_test", "Mixed_Case"))).contains(name("kd_test_new", "Mixed_Case"));
        }

        @Test
        void starInTheTargetTakesWhatTheSourceStarMatched() {
            ObjectMatcher matcher = include("kd_test.person*=kd_test_new.people*");
            assertThat(matcher.map(name("kd_test", "person_2024"))).contains(name("kd_test_new", "people_2024"));
            assertThat(include("src_*.t=dst_*.t").map(name("src_eu", "t"))).contains(name("dst_eu", "t"));
        }

        @Test
        void manyToOneAggregation() {
            ObjectMatcher matcher = include("src_schema.test_*=dst_schema.test");
            assertThat(matcher.map(name("src_schema", "test_1"))).contains(name("dst_schema", "test"));
            assertThat(matcher.map(name("src_schema", "test_2"))).contains(name("dst_schema", "test"));
        }

        @Test
        void questionMarksAndClassesAreCapturedInOrder() {
            ObjectMatcher matcher = include("db.t?_[0-9]*=db.u*-*-*");
            assertThat(matcher.map(name("db", "tA_7rest"))).contains(name("db", "uA-7-rest"));
        }

        @Test
        void targetMayUseFewerStarsThanTheSourceHasWildcards() {
            assertThat(include("db.*_*=db.*").map(name("db", "a_b_c"))).contains(name("db", "a_b"));
        }

        @Test
        void eachStarIsGreedyLeftmostFirst() {
            assertThat(include("db.*_*=db.*|*").map(name("db", "a_b_c"))).contains(name("db", "a_b|c"));
        }

        @Test
        void captureKeepsTheSourceSpellingWhenMatchingIgnoresCase() {
            assertThat(include("SHOP.ORD*=archive.ord*").map(name("shop", "OrdERS"))).contains(name("archive", "ordERS"));
        }

        @Test
        void quotedTargetIsLiteral() {
            assertThat(include("db.t=`new.db`.`t*`").map(name("db", "t"))).contains(name("new.db", "t*"));
        }

        @Test
        void firstMatchingRuleWinsEvenWhenRenamesDisagree() {
            ObjectMatcher matcher = include("db.t=one.t, db.*=two.*, db.t");
            assertThat(matcher.map(name("db", "t"))).contains(name("one", "t"));
            assertThat(matcher.selectingRule(name("db", "t"))).map(MatchRule::number).contains(1);
            assertThat(matcher.map(name("db", "u"))).contains(name("two", "u"));
        }

        @Test
        void aNonRenamingRuleFirstKeepsTheName() {
            assertThat(include("db.t, db.t=x.y").map(name("db", "t"))).contains(name("db", "t"));
        }
    }

    @Nested
    class SingleLevelNames {
        @Test
        void oneWordRuleMatchesOnlyNamesWithoutADatabase() {
            ObjectMatcher matcher = include("orders");
            assertThat(matcher.matches(name(null, "orders"))).isTrue();
            assertThat(matcher.matches(name("", "orders"))).isTrue();
            assertThat(matcher.matches(name("db", "orders"))).isFalse();
            assertThat(matcher.rules().get(0).isSingleLevel()).isTrue();
        }

        @Test
        void starDatabaseAlsoMatchesAMissingDatabase() {
            assertThat(include("*.orders").matches(name(null, "orders"))).isTrue();
        }

        @Test
        void oneWordRename() {
            assertThat(include("t_*=u_*").map(name(null, "t_1"))).contains(name(null, "u_1"));
        }

        @Test
        void renameProducingAnEmptyDatabaseGivesNull() {
            assertThat(include("*.t=*.u").map(name("", "t"))).contains(name(null, "u"));
        }
    }

    @Nested
    class CaseSensitivity {
        @Test
        void caseInsensitiveByDefault() {
            ObjectMatcher matcher = include("Shop.ORDER_[a-c]");
            assertThat(matcher.isCaseSensitive()).isFalse();
            assertThat(matcher.matches(name("SHOP", "order_B"))).isTrue();
            assertThat(matcher.matches(name("shop", "Order_b"))).isTrue();
        }

        @Test
        void caseSensitiveOnRequest() {
            ObjectMatcher matcher = ObjectMatcher.parse("Shop.ORDER_[a-c]", null, true);
            assertThat(matcher.isCaseSensitive()).isTrue();
            assertThat(matcher.matches(name("Shop", "ORDER_a"))).isTrue();
            assertThat(matcher.matches(name("shop", "ORDER_a"))).isFalse();
            assertThat(matcher.matches(name("Shop", "ORDER_A"))).isFalse();
        }

        @Test
        void exclusionsFollowTheSameCaseRule() {
            assertThat(ObjectMatcher.parse("*.*", "db.TMP").matches(name("DB", "tmp"))).isFalse();
            assertThat(ObjectMatcher.parse("*.*", "db.TMP", true).matches(name("DB", "tmp"))).isTrue();
        }

        @Test
        void nonAsciiNamesFoldToo() {
            assertThat(include("ΣΧΉΜΑ.Ä*").matches(name("σχήμα", "äpfel"))).isTrue();
        }
    }

    @Nested
    class RuleIntrospection {
        @Test
        void exposesPatternsAndTargets() {
            MatchRule rule = include("shop.order_*=archive.o_*").rules().get(0);
            assertThat(rule.databasePattern().isLiteral()).isTrue();
            assertThat(rule.databasePattern().literalName()).isEqualTo("shop");
            assertThat(rule.tablePattern().isLiteral()).isFalse();
            assertThat(rule.tablePattern().wildcardCount()).isEqualTo(1);
            assertThat(rule.tablePattern()).hasToString("order_*");
            assertThat(rule.isRename()).isTrue();
            assertThat(rule.targetDatabase().map(Object::toString)).contains("archive");
            assertThat(rule.targetTable().map(NameTemplate::slotCount)).contains(1);
            assertThat(rule).hasToString("include rule #1 \"shop.order_*=archive.o_*\"");
        }

        @Test
        void quotedLiteralNameIsUnquoted() {
            MatchRule rule = include("`my.db`.t").rules().get(0);
            assertThat(rule.databasePattern().literalName()).isEqualTo("my.db");
            assertThat(rule.databasePattern()).hasToString("`my.db`");
        }

        @Test
        void ruleMapOnItsOwn() {
            MatchRule rule = include("a.*=b.*").rules().get(0);
            assertThat(rule.map(name("a", "x"))).isEqualTo(Optional.of(name("b", "x")));
            assertThat(rule.map(name("c", "x"))).isEmpty();
        }
    }

    @Test
    void objectNameToString() {
        assertThat(name("db", "t")).hasToString("db.t");
        assertThat(name(null, "t")).hasToString("t");
        assertThat(name("", "t")).hasToString("t");
        assertThat(name("", "t").hasDatabase()).isFalse();
    }
}
