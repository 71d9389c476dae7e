package io.obkc.common.rules;

import java.util.List;

/** One piece of a {@link NamePattern}: literal text or a wildcard. */
sealed interface PatternElement {

    /** Text that must appear as written (subject to the matcher's case sensitivity). */
    record Literal(String text) implements PatternElement {
    }

    /** {@code *}: any run of characters, including none. */
    record AnyRun() implements PatternElement {
    }

    /** {@code ?}: exactly one character. */
    record AnyChar() implements PatternElement {
    }

    /** {@code [abc]}, {@code [a-z]} or, negated, {@code [!abc]}: exactly one character from (or not from) a set. */
    record CharClass(List<CodePointRange> ranges, boolean negated) implements PatternElement {
        public CharClass {
            ranges = List.copyOf(ranges);
        }

        boolean accepts(int codePoint, boolean caseSensitive) {
            boolean inSet = caseSensitive
                    ? contains(codePoint)
                    : contains(codePoint) || contains(Character.toLowerCase(codePoint))
                            || contains(Character.toUpperCase(codePoint)) || contains(CaseFolding.fold(codePoint));
            return inSet != negated;
        }

        private boolean contains(int codePoint) {
            for (CodePointRange range : ranges) {
                if (codePoint >= range.first() && codePoint <= range.last()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An inclusive range of code points inside a character class; a single character is a range of one. */
    record CodePointRange(int first, int last) {
    }
}
