package io.obkc.common.rules;

/**
 * A matching rule could not be parsed. The message names the list (include or exclude), the rule's
 * number in that list, the rule text, the 1-based column of the problem, and what to change.
 */
public final class RuleSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final MatchRule.Kind kind;
    private final int ruleNumber;
    private final String ruleText;
    private final int column;

    RuleSyntaxException(MatchRule.Kind kind, int ruleNumber, String ruleText, int column, String problem, String fix) {
        super(describe(kind, ruleNumber, ruleText, column, problem, fix));
        this.kind = kind;
        this.ruleNumber = ruleNumber;
        this.ruleText = ruleText;
        this.column = column;
    }

    private static String describe(MatchRule.Kind kind, int ruleNumber, String ruleText, int column, String problem, String fix) {
        return "Invalid " + kind.label() + " rule #" + ruleNumber + " \"" + ruleText + "\": " + problem
                + " at column " + column + ". " + fix;
    }

    /** Whether the bad rule was in the include or the exclude list. */
    public MatchRule.Kind kind() {
        return kind;
    }

    /** 1-based number of the bad rule among the non-blank rules of its list. */
    public int ruleNumber() {
        return ruleNumber;
    }

    /** The bad rule as written, without surrounding whitespace. */
    public String ruleText() {
        return ruleText;
    }

    /** 1-based column (UTF-16 char position) in {@link #ruleText()} where the problem was found. */
    public int column() {
        return column;
    }
}
