package io.obkc.smt.rowfilter;

/** A parsed row-filter condition, ready to test rows. Immutable and thread-safe. */
public final class RowCondition {
    private final String text;
    private final Expr expr;

    private RowCondition(String text, Expr expr) {
        this.text = text;
        this.expr = expr;
    }

    /** @throws ExpressionSyntaxException when the text is not a valid expression */
    public static RowCondition parse(String text) {
        return new RowCondition(text, ExpressionParser.parse(text));
    }

    /** True only when the condition is TRUE for the row; FALSE and UNKNOWN (NULLs) both reject it, as in SQL WHERE. */
    public boolean test(Object row) {
        return Boolean.TRUE.equals(Values.truth(expr.eval(new RowValues(row))));
    }

    public Expr expression() {
        return expr;
    }

    @Override
    public String toString() {
        return text;
    }
}
