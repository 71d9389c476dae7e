package io.obkc.common.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one matching rule (already cut out of its list and stripped) into a {@link MatchRule}.
 *
 * <p>The rule is read left to right in one pass. A rule has a source side and, for include rules,
 * an optional target side after {@code =}. Each side has one part ({@code table}) or two parts
 * ({@code database.table}). See {@code docs/matching-rules.md} for the grammar.
 */
final class RuleParser {
    private static final String QUOTE_HINT = "Quote names that contain special characters with backticks, e.g. `my.db`.`t*1`.";

    private final String rule;
    private final MatchRule.Kind kind;
    private final int number;
    private final boolean caseSensitive;

    private int position;
    private final List<PartBuilder> sourceParts = new ArrayList<>();
    private List<PartBuilder> targetParts;
    private int equalsColumn;
    private PartBuilder currentPart;

    private RuleParser(String rule, MatchRule.Kind kind, int number, boolean caseSensitive) {
        this.rule = rule;
        this.kind = kind;
        this.number = number;
        this.caseSensitive = caseSensitive;
    }

    static MatchRule parse(String rule, MatchRule.Kind kind, int number, boolean caseSensitive) {
        return new RuleParser(rule, kind, number, caseSensitive).parse();
    }

    private MatchRule parse() {
        currentPart = startPart(sourceParts);
        while (position < rule.length()) {
            char c = rule.charAt(position);
            switch (c) {
                case '`' -> readQuoted();
                case '[' -> readCharClass();
                case ']' -> throw error(column(), "unmatched ']'",
                        "Remove it, or quote the name with backticks if ']' is part of it.");
                case '*' -> {
                    currentPart.addWildcard(new PatternElement.AnyRun());
                    position++;
                }
                case '?' -> {
                    requireOnSourceSide("'?'");
                    currentPart.addWildcard(new PatternElement.AnyChar());
                    position++;
                }
                case '.' -> readDot();
                case '=' -> readEquals();
                case '\\' -> throw error(column(), "backslash escapes are not supported", QUOTE_HINT);
                default -> {
                    if (Character.isWhitespace(c)) {
                        readWhitespace();
                    } else {
                        currentPart.addLiteral(String.valueOf(c));
                        position++;
                    }
                }
            }
        }
        finishPart(true);
        return build();
    }

    private void readQuoted() {
        int openingColumn = column();
        position++;
        StringBuilder name = new StringBuilder();
        while (true) {
            if (position >= rule.length()) {
                throw error(openingColumn, "unclosed backtick",
                        "Close the quoted name with a backtick; write a backtick inside a quoted name as two backticks (``).");
            }
            char c = rule.charAt(position);
            if (c == '`') {
                if (position + 1 < rule.length() && rule.charAt(position + 1) == '`') {
                    name.append('`');
                    position += 2;
                    continue;
                }
                position++;
                break;
            }
            name.append(c);
            position++;
        }
        currentPart.addLiteral(name.toString());
    }

    private void readCharClass() {
        requireOnSourceSide("'[...]'");
        int openingColumn = column();
        position++;
        boolean negated = position < rule.length() && (rule.charAt(position) == '!' || rule.charAt(position) == '^');
        if (negated) {
            position++;
        }
        List<PatternElement.CodePointRange> ranges = new ArrayList<>();
        while (true) {
            if (position >= rule.length()) {
                throw error(openingColumn, "unclosed '['",
                        "Close the character class with ']', or quote the name with backticks if '[' is part of it.");
            }
            int first = rule.codePointAt(position);
            if (first == ']') {
                if (ranges.isEmpty()) {
                    throw error(openingColumn, "empty character class",
                            "Put at least one character between the brackets, e.g. [abc] or [a-z].");
                }
                position++;
                break;
            }
            if (first == '`') {
                throw error(column(), "backtick inside '[...]'",
                        "Character classes cannot contain backticks; match that character with '?' or a quoted literal instead.");
            }
            position += Character.charCount(first);
            boolean isRange = position + 1 < rule.length() && rule.charAt(position) == '-' && rule.charAt(position + 1) != ']';
            if (!isRange) {
                ranges.add(new PatternElement.CodePointRange(first, first));
                continue;
            }
            int last = rule.codePointAt(position + 1);
            if (last == '`') {
                throw error(position + 2, "backtick inside '[...]'",
                        "Character classes cannot contain backticks; match that character with '?' or a quoted literal instead.");
            }
            if (last < first) {
                throw error(position + 1, "reversed range '" + Character.toString(first) + '-' + Character.toString(last) + '\'',
                        "Write the lower character first, e.g. [a-z].");
            }
            ranges.add(new PatternElement.CodePointRange(first, last));
            position += 1 + Character.charCount(last);
        }
        currentPart.addWildcard(new PatternElement.CharClass(ranges, negated));
    }

    private void readDot() {
        List<PartBuilder> side = targetParts != null ? targetParts : sourceParts;
        if (side.size() == 2) {
            throw error(column(), "too many dots: a name has at most two parts, database.table",
                    "If a database or table name contains '.', quote it with backticks, e.g. `my.db`.orders.");
        }
        if (currentPart.isEmpty()) {
            throw error(column(), "empty database name before '.'", "Write a database name or pattern before '.', e.g. db.* or *.orders.");
        }
        currentPart.endColumn = column();
        position++;
        currentPart = startPart(side);
    }

    private void readEquals() {
        if (kind == MatchRule.Kind.EXCLUDE) {
            throw error(column(), "exclude rules cannot rename",
                    "Remove '=' and the target; put renames in the include rules. Quote names containing '=' with backticks.");
        }
        if (targetParts != null) {
            throw error(column(), "more than one '='",
                    "A rule has one source and at most one target, e.g. db.t=db2.t2. Quote names containing '=' with backticks.");
        }
        if (sourceParts.size() == 1 && currentPart.isEmpty()) {
            throw error(column(), "the source before '=' is empty", "Write the source name before '=', e.g. db.t=db2.t2.");
        }
        finishPart(false);
        equalsColumn = column();
        position++;
        targetParts = new ArrayList<>();
        currentPart = startPart(targetParts);
    }

    /** Whitespace is allowed only around '='; anywhere else it is almost certainly part of a name that needs quoting. */
    private void readWhitespace() {
        int start = position;
        int end = position;
        while (end < rule.length() && Character.isWhitespace(rule.charAt(end))) {
            end++;
        }
        boolean afterEquals = start > 0 && rule.charAt(start - 1) == '=';
        boolean beforeEquals = end < rule.length() && rule.charAt(end) == '=';
        if (!afterEquals && !beforeEquals) {
            throw error(start + 1, "unquoted whitespace",
                    "Quote names containing spaces with backticks, e.g. db.`my table`.");
        }
        position = end;
    }

    private void requireOnSourceSide(String what) {
        if (targetParts != null) {
            throw error(column(), what + " in a rename target",
                    "A target may only use '*' to copy what the source wildcards matched, e.g. db.t_?=db.u_*.");
        }
    }

    /** Checks the part that just ended (at '=' or at the end of the rule). */
    private void finishPart(boolean atEndOfRule) {
        if (currentPart.endColumn == 0) {
            currentPart.endColumn = atEndOfRule ? rule.length() + 1 : column();
        }
        if (!currentPart.isEmpty()) {
            return;
        }
        boolean onTargetSide = targetParts != null;
        boolean isSecondPart = (onTargetSide ? targetParts : sourceParts).size() == 2;
        if (isSecondPart) {
            throw error(currentPart.startColumn, "empty table name after '.'",
                    "Write a table name or pattern after '.', e.g. db.* or db.orders.");
        }
        if (onTargetSide) {
            throw error(equalsColumn, "the rename target after '=' is empty",
                    "Write the target name after '=', e.g. db.t=db2.t2, or remove the '='.");
        }
        throw error(currentPart.startColumn, "empty name", "Write a name or pattern, e.g. db.orders or db.*.");
    }

    private MatchRule build() {
        boolean singleLevel = sourceParts.size() == 1;
        PartBuilder sourceTable = sourceParts.get(sourceParts.size() - 1);
        NamePattern databasePattern = singleLevel
                ? new NamePattern(List.of(), caseSensitive, "")
                : sourceParts.get(0).toPattern(caseSensitive);
        NamePattern tablePattern = sourceTable.toPattern(caseSensitive);
        if (targetParts == null) {
            return new MatchRule(kind, number, rule, singleLevel, databasePattern, tablePattern, null, null);
        }
        if (targetParts.size() != sourceParts.size()) {
            throw error(equalsColumn + 1, "the rename target has " + partCount(targetParts.size())
                            + " but the source has " + partCount(sourceParts.size()),
                    "Write source and target the same way, e.g. db.t=db2.t2 (or t=t2 for names without a database).");
        }
        NameTemplate targetTable = targetParts.get(targetParts.size() - 1).toTemplate("table", sourceTable);
        NameTemplate targetDatabase = singleLevel
                ? new NameTemplate(List.of(""), "")
                : targetParts.get(0).toTemplate("database", sourceParts.get(0));
        return new MatchRule(kind, number, rule, singleLevel, databasePattern, tablePattern, targetDatabase, targetTable);
    }

    private static String partCount(int parts) {
        return parts == 1 ? "one part" : "two parts";
    }

    private PartBuilder startPart(List<PartBuilder> side) {
        PartBuilder part = new PartBuilder(column());
        side.add(part);
        return part;
    }

    private int column() {
        return position + 1;
    }

    private RuleSyntaxException error(int column, String problem, String fix) {
        return new RuleSyntaxException(kind, number, rule, column, problem, fix);
    }

    /** Collects the elements of one part while the rule is read. */
    private final class PartBuilder {
        final int startColumn;
        int endColumn;
        final List<PatternElement> elements = new ArrayList<>();

        PartBuilder(int startColumn) {
            this.startColumn = startColumn;
        }

        void addLiteral(String text) {
            elements.add(new PatternElement.Literal(text));
        }

        void addWildcard(PatternElement wildcard) {
            elements.add(wildcard);
        }

        /** True when the part would match only the empty string; empty quotes (``) count as empty too. */
        boolean isEmpty() {
            return elements.stream().allMatch(e -> e instanceof PatternElement.Literal literal && literal.text().isEmpty());
        }

        String text() {
            int end = endColumn == 0 ? rule.length() + 1 : endColumn;
            return rule.substring(startColumn - 1, end - 1).strip();
        }

        NamePattern toPattern(boolean caseSensitive) {
            return new NamePattern(elements, caseSensitive, text());
        }

        NameTemplate toTemplate(String partName, PartBuilder source) {
            List<String> textAroundSlots = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (PatternElement element : elements) {
                if (element instanceof PatternElement.Literal literal) {
                    text.append(literal.text());
                } else {
                    textAroundSlots.add(text.toString());
                    text.setLength(0);
                }
            }
            textAroundSlots.add(text.toString());
            int slots = textAroundSlots.size() - 1;
            int sourceWildcards = (int) source.elements.stream().filter(e -> !(e instanceof PatternElement.Literal)).count();
            if (slots > sourceWildcards) {
                String problem = sourceWildcards == 0
                        ? "the target " + partName + " uses '*' but the source " + partName + " has no wildcard to copy from"
                        : "the target " + partName + " has " + slots + " '*' but the source " + partName + " has only "
                                + sourceWildcards + " wildcard" + (sourceWildcards == 1 ? "" : "s");
                throw error(startColumn, problem,
                        "Each '*' in the target copies the text matched by the wildcard in the same position of the source "
                                + partName + "; write the target " + partName + " in full (e.g. db.t_*=db.t) or add a wildcard to the source.");
            }
            return new NameTemplate(textAroundSlots, text());
        }
    }
}
