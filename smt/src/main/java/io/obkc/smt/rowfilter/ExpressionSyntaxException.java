package io.obkc.smt.rowfilter;

/** A row-filter expression that cannot be parsed; {@link #column()} is 1-based. */
public class ExpressionSyntaxException extends IllegalArgumentException {
    private final int column;
    private final String expression;

    public ExpressionSyntaxException(String problem, int column, String expression) {
        super(problem + " at column " + column + " in: " + expression);
        this.column = column;
        this.expression = expression;
    }

    public int column() {
        return column;
    }

    public String expression() {
        return expression;
    }
}
