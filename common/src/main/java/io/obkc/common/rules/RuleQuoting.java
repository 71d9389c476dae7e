package io.obkc.common.rules;

import java.util.Objects;

/**
 * Writes names as rule text, the inverse of parsing: {@code ObjectMatcher.parse(literalRule(name), null)}
 * selects exactly {@code name}. Use it when generating rules from a list of concrete objects (for
 * example the "Specify Objects" mode or a CSV import).
 */
public final class RuleQuoting {
    private RuleQuoting() {
    }

    /**
     * One name part as rule text: unchanged when it holds only characters with no meaning in the
     * grammar, otherwise wrapped in backticks with embedded backticks doubled.
     *
     * @throws IllegalArgumentException if {@code name} is empty, since rules cannot name an empty part
     */
    public static String quotePart(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an empty name cannot be written as a rule");
        }
        return needsQuoting(name) ? '`' + name.replace("`", "``") + '`' : name;
    }

    /** A rule that selects exactly {@code name}: {@code db.table}, or {@code table} when there is no database. */
    public static String literalRule(ObjectName name) {
        Objects.requireNonNull(name, "name");
        return name.hasDatabase() ? quotePart(name.database()) + '.' + quotePart(name.table()) : quotePart(name.table());
    }

    private static boolean needsQuoting(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isSpecial(c) || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpecial(char c) {
        return switch (c) {
            case '`', '.', '=', '*', '?', '[', ']', '\\' -> true;
            default -> RuleListSplitter.isSeparator(c);
        };
    }
}
