package io.obkc.common.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Selects and renames database objects with OMS-style matching rules. This is the one rule engine
 * shared by schema migration, the routing SMT and the verifier, so they always agree on which
 * objects a task covers and what they are called on the target.
 *
 * <ul>
 *   <li>An object is <em>selected</em> when at least one include rule matches it and no exclude
 *       rule does. Exclusion always wins.</li>
 *   <li>A blank (null, empty or whitespace-only) include list selects <strong>nothing</strong>.
 *       Selecting everything by accident would copy or drop far more than intended; write
 *       {@code *.*} to select everything.</li>
 *   <li>A blank exclude list excludes nothing.</li>
 *   <li>When several include rules match, the <strong>first one wins</strong>: its rename (or
 *       lack of one) decides the target name. Two rules renaming one object to different targets
 *       are therefore not an error.</li>
 *   <li>By default names are compared case-insensitively, like MySQL-family sources and OceanBase
 *       with {@code lower_case_table_names=1}. Use {@link #parse(String, String, boolean)} with
 *       {@code true} for case-sensitive matching (e.g. PostgreSQL).</li>
 * </ul>
 *
 * <p>The grammar is described in {@code docs/matching-rules.md}. Instances are immutable and
 * thread-safe; parse once and reuse.
 */
public final class ObjectMatcher {
    private final List<MatchRule> includeRules;
    private final List<MatchRule> excludeRules;
    private final boolean caseSensitive;

    private ObjectMatcher(List<MatchRule> includeRules, List<MatchRule> excludeRules, boolean caseSensitive) {
        this.includeRules = List.copyOf(includeRules);
        this.excludeRules = List.copyOf(excludeRules);
        this.caseSensitive = caseSensitive;
    }

    /**
     * Parses case-insensitive rules. Rules in each list are separated by commas, semicolons or
     * line breaks. A blank include list matches nothing.
     *
     * @throws RuleSyntaxException naming the first bad rule, the column and what to fix
     */
    public static ObjectMatcher parse(String includeRules, String excludeRules) {
        return parse(includeRules, excludeRules, false);
    }

    /**
     * Parses rules with the given case sensitivity.
     *
     * @throws RuleSyntaxException naming the first bad rule, the column and what to fix
     */
    public static ObjectMatcher parse(String includeRules, String excludeRules, boolean caseSensitive) {
        return new ObjectMatcher(
                parseList(includeRules, MatchRule.Kind.INCLUDE, caseSensitive),
                parseList(excludeRules, MatchRule.Kind.EXCLUDE, caseSensitive),
                caseSensitive);
    }

    private static List<MatchRule> parseList(String ruleList, MatchRule.Kind kind, boolean caseSensitive) {
        List<String> texts = RuleListSplitter.split(ruleList);
        List<MatchRule> rules = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            rules.add(RuleParser.parse(texts.get(i), kind, i + 1, caseSensitive));
        }
        return rules;
    }

    /** True when {@code source} is selected: some include rule matches it and no exclude rule does. */
    public boolean matches(ObjectName source) {
        return selectingRule(source).isPresent();
    }

    /**
     * The target name of {@code source}: empty when it is not selected; otherwise the name
     * produced by the first matching include rule, which is {@code source} itself when that rule
     * has no rename.
     */
    public Optional<ObjectName> map(ObjectName source) {
        return selectingRule(source).flatMap(rule -> rule.map(source));
    }

    /**
     * The include rule that selects {@code source} (the first one that matches), or empty when no
     * include rule matches or an exclude rule does. Useful to explain a decision in logs.
     */
    public Optional<MatchRule> selectingRule(ObjectName source) {
        Objects.requireNonNull(source, "source");
        if (isExcluded(source)) {
            return Optional.empty();
        }
        for (MatchRule rule : includeRules) {
            if (rule.matches(source)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** True when some exclude rule matches {@code source}, whether or not it is included. */
    public boolean isExcluded(ObjectName source) {
        Objects.requireNonNull(source, "source");
        for (MatchRule rule : excludeRules) {
            if (rule.matches(source)) {
                return true;
            }
        }
        return false;
    }

    /** All rules: the include rules in order, then the exclude rules in order. */
    public List<MatchRule> rules() {
        List<MatchRule> all = new ArrayList<>(includeRules.size() + excludeRules.size());
        all.addAll(includeRules);
        all.addAll(excludeRules);
        return List.copyOf(all);
    }

    public List<MatchRule> includeRules() {
        return includeRules;
    }

    public List<MatchRule> excludeRules() {
        return excludeRules;
    }

    public boolean isCaseSensitive() {
        return caseSensitive;
    }

    /** True when the include list is blank, so nothing can ever be selected. */
    public boolean selectsNothing() {
        return includeRules.isEmpty();
    }

    /**
     * One Java regular expression over {@code database.table} that matches (with {@link java.util.regex.Matcher#matches()})
     * exactly the objects {@link #matches} selects, for filters that only take regular expressions, such as Debezium's
     * {@code table.include.list}: the include rules as alternatives, behind a negative look-ahead of the exclude rules.
     * It contains no comma. The database and table parts are joined with a '.', as Debezium writes a MySQL table's
     * identifier, and wildcards of the database part never consume a '.'. A database name that itself contains '.'
     * makes that text ambiguous (as it is in Debezium): such a database is selected only by a rule that names it
     * literally.
     * A blank include list gives an expression that matches nothing.
     */
    public String toQualifiedNameRegex() {
        if (includeRules.isEmpty()) {
            return "(?!)";
        }
        StringBuilder regex = new StringBuilder();
        if (!excludeRules.isEmpty()) {
            regex.append("(?!").append(alternatives(excludeRules)).append("$)");
        }
        return regex.append(alternatives(includeRules)).toString();
    }

    private static String alternatives(List<MatchRule> rules) {
        StringBuilder regex = new StringBuilder("(?:");
        for (int i = 0; i < rules.size(); i++) {
            MatchRule rule = rules.get(i);
            if (i > 0) {
                regex.append('|');
            }
            regex.append(rule.databasePattern().toRegex(true)).append("\\.").append(rule.tablePattern().toRegex(false));
        }
        return regex.append(')').toString();
    }

    @Override
    public String toString() {
        return "ObjectMatcher{include=" + includeRules.stream().map(MatchRule::text).toList()
                + ", exclude=" + excludeRules.stream().map(MatchRule::text).toList()
                + ", caseSensitive=" + caseSensitive + '}';
    }
}
