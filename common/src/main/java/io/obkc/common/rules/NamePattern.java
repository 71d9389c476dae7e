package io.obkc.common.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled wildcard pattern for one part of a name (the database part or the table part).
 *
 * <p>Matching is done with a small dynamic-programming table instead of a regular expression, so
 * that a rule such as {@code *a*a*a*a*b} cannot make matching exponentially slow: the cost is
 * bounded by (pattern length × name length).
 *
 * <p>When the pattern matches, every wildcard ({@code *}, {@code ?}, {@code [...]}) captures the
 * text it consumed, in order; rename targets use these captures. Each {@code *} takes as much text
 * as it can, leftmost first (greedy, like {@code .*} in a regular expression).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class NamePattern {
    private final PatternElement[] elements;
    private final boolean caseSensitive;
    /** For each element that is a literal, its code points (folded when case-insensitive); otherwise null. */
    private final int[][] literalCodePoints;
    private final int wildcardCount;
    private final String ruleText;

    NamePattern(List<PatternElement> elements, boolean caseSensitive, String ruleText) {
        this.elements = mergeAdjacentLiterals(elements).toArray(PatternElement[]::new);
        this.caseSensitive = caseSensitive;
        this.ruleText = ruleText;
        this.literalCodePoints = new int[this.elements.length][];
        int wildcards = 0;
        for (int i = 0; i < this.elements.length; i++) {
            if (this.elements[i] instanceof PatternElement.Literal literal) {
                int[] codePoints = literal.text().codePoints().toArray();
                literalCodePoints[i] = caseSensitive ? codePoints : CaseFolding.fold(codePoints);
            } else {
                wildcards++;
            }
        }
        this.wildcardCount = wildcards;
    }

    private static List<PatternElement> mergeAdjacentLiterals(List<PatternElement> elements) {
        List<PatternElement> merged = new ArrayList<>();
        for (PatternElement element : elements) {
            int last = merged.size() - 1;
            if (element instanceof PatternElement.Literal next && last >= 0
                    && merged.get(last) instanceof PatternElement.Literal previous) {
                merged.set(last, new PatternElement.Literal(previous.text() + next.text()));
            } else if (!(element instanceof PatternElement.Literal literal && literal.text().isEmpty())) {
                merged.add(element);
            }
        }
        return merged;
    }

    /** True if the whole of {@code name} matches; null is treated as the empty string. */
    public boolean matches(String name) {
        return capture(name) != null;
    }

    /** True if the pattern has no wildcards, i.e. it selects exactly one name (up to case). */
    public boolean isLiteral() {
        return wildcardCount == 0;
    }

    /** The name a literal pattern selects, as written in the rule; throws if the pattern has wildcards. */
    public String literalName() {
        if (!isLiteral()) {
            throw new IllegalStateException("pattern " + ruleText + " has wildcards");
        }
        return elements.length == 0 ? "" : ((PatternElement.Literal) elements[0]).text();
    }

    /** Number of wildcards; the n-th {@code *} of a rename target copies the n-th capture. */
    public int wildcardCount() {
        return wildcardCount;
    }

    public boolean isCaseSensitive() {
        return caseSensitive;
    }

    /**
     * A Java regular expression that matches exactly the names this pattern matches, for filters that only take regular
     * expressions (Debezium's include lists). Case-insensitive patterns compare with {@code (?iu)}, which agrees with
     * this class's folding for the names databases allow. Every character other than a letter or digit is written as
     * {@code \x{..}}, so the expression contains no comma and survives comma-separated lists.
     *
     * @param wildcardsSkipDots when true, no wildcard ({@code *}, {@code ?}, {@code [...]}) consumes a '.': for the database part of a
     *        {@code database.table} text, so a wildcard cannot reach into the table part
     */
    public String toRegex(boolean wildcardsSkipDots) {
        String any = wildcardsSkipDots ? "[^.]" : "[\\s\\S]";
        StringBuilder regex = new StringBuilder(caseSensitive ? "(?-iu:" : "(?iu:");
        for (PatternElement element : elements) {
            if (element instanceof PatternElement.Literal literal) {
                literal.text().codePoints().forEach(cp -> appendCodePoint(regex, cp));
            } else if (element instanceof PatternElement.AnyRun) {
                regex.append(any).append('*');
            } else if (element instanceof PatternElement.AnyChar) {
                regex.append(any);
            } else if (element instanceof PatternElement.CharClass charClass) {
                regex.append(wildcardsSkipDots ? "(?![.])" : "").append(charClass.negated() ? "[^" : "[");
                for (PatternElement.CodePointRange range : charClass.ranges()) {
                    appendCodePoint(regex, range.first());
                    if (range.last() != range.first()) {
                        regex.append('-');
                        appendCodePoint(regex, range.last());
                    }
                }
                regex.append(']');
            }
        }
        return regex.append(')').toString();
    }

    private static void appendCodePoint(StringBuilder regex, int codePoint) {
        if (codePoint < 128 && Character.isLetterOrDigit(codePoint)) {
            regex.append((char) codePoint);
        } else {
            regex.append("\\x{").append(Integer.toHexString(codePoint)).append('}');
        }
    }

    /** The pattern as written in its rule. */
    @Override
    public String toString() {
        return ruleText;
    }

    /**
     * The text each wildcard consumed, in order, or {@code null} if {@code name} does not match.
     * Captures keep the name's own spelling, even when matching is case-insensitive.
     */
    List<String> capture(String name) {
        int[] text = (name == null ? "" : name).codePoints().toArray();
        int[] comparable = caseSensitive ? text : CaseFolding.fold(text);
        if (isLiteral()) {
            // Fast path: most rules are plain names.
            int[] literal = elements.length == 0 ? new int[0] : literalCodePoints[0];
            return Arrays.equals(literal, comparable) ? List.of() : null;
        }
        boolean[][] suffixMatches = suffixMatchTable(text, comparable);
        if (!suffixMatches[0][0]) {
            return null;
        }
        return collectCaptures(text, suffixMatches);
    }

    /** {@code table[i][j]} is true when elements {@code i..} match exactly the text from position {@code j}. */
    private boolean[][] suffixMatchTable(int[] text, int[] comparable) {
        int textLength = text.length;
        boolean[][] table = new boolean[elements.length + 1][textLength + 1];
        table[elements.length][textLength] = true;
        for (int i = elements.length - 1; i >= 0; i--) {
            PatternElement element = elements[i];
            for (int j = textLength; j >= 0; j--) {
                table[i][j] = elementMatchesAt(i, element, j, text, comparable, table);
            }
        }
        return table;
    }

    /** Whether element {@code i} can start at text position {@code j} with the rest of the pattern matching after it. */
    private boolean elementMatchesAt(int i, PatternElement element, int j, int[] text, int[] comparable, boolean[][] table) {
        int textLength = text.length;
        if (element instanceof PatternElement.AnyRun) {
            // Either the run is empty here, or it swallows one more character.
            return table[i + 1][j] || (j < textLength && table[i][j + 1]);
        }
        if (element instanceof PatternElement.AnyChar) {
            return j < textLength && table[i + 1][j + 1];
        }
        if (element instanceof PatternElement.CharClass charClass) {
            return j < textLength && table[i + 1][j + 1] && charClass.accepts(text[j], caseSensitive);
        }
        int[] expected = literalCodePoints[i];
        int end = j + expected.length;
        return end <= textLength && table[i + 1][end] && Arrays.equals(comparable, j, end, expected, 0, expected.length);
    }

    private List<String> collectCaptures(int[] text, boolean[][] suffixMatches) {
        List<String> captures = new ArrayList<>(wildcardCount);
        int position = 0;
        for (int i = 0; i < elements.length; i++) {
            PatternElement element = elements[i];
            if (element instanceof PatternElement.Literal) {
                position += literalCodePoints[i].length;
            } else if (element instanceof PatternElement.AnyRun) {
                int end = text.length;
                while (!suffixMatches[i + 1][end]) {
                    end--; // the table guarantees that some end >= position works
                }
                captures.add(new String(text, position, end - position));
                position = end;
            } else {
                captures.add(new String(text, position, 1)); // '?' and '[...]' take one code point
                position++;
            }
        }
        return captures;
    }
}
