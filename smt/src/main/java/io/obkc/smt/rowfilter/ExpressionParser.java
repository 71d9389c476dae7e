package io.obkc.smt.rowfilter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser for row-filter expressions. Grammar, loosest binding first:
 *
 * <pre>
 * expression := or END
 * or         := and ( OR and )*
 * and        := not ( AND not )*
 * not        := NOT not | predicate
 * predicate  := operand [ cmp operand
 *                       | IS [NOT] NULL
 *                       | [NOT] IN '(' operand ( ',' operand )* ')'
 *                       | [NOT] LIKE string
 *                       | [NOT] BETWEEN operand AND operand ]
 * operand    := '-' operand | number | string | TRUE | FALSE | NULL | field | '(' or ')'
 * cmp        := = | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=
 * </pre>
 *
 * The expression is only ever turned into an {@link Expr} tree; nothing is evaluated as code.
 */
public final class ExpressionParser {
    private final String src;
    private final List<Token> tokens;
    private int i;

    private ExpressionParser(String src) {
        this.src = src;
        this.tokens = Lexer.tokenize(src);
    }

    /**
     * Parses an expression.
     *
     * @throws ExpressionSyntaxException with the 1-based column of the problem
     */
    public static Expr parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new ExpressionSyntaxException("Empty expression", 1, String.valueOf(expression));
        }
        ExpressionParser p = new ExpressionParser(expression);
        Expr e = p.or();
        Token t = p.peek();
        if (t.kind() != Token.Kind.END) {
            throw p.error("Unexpected " + t.describe() + " (missing AND/OR, or an unmatched ')')", t);
        }
        return e;
    }

    private Token peek() {
        return tokens.get(i);
    }

    private Token take() {
        return tokens.get(i++);
    }

    private boolean acceptKeyword(String kw) {
        if (peek().isKeyword(kw)) {
            i++;
            return true;
        }
        return false;
    }

    private Expr or() {
        Expr left = and();
        while (acceptKeyword("OR")) {
            left = new Expr.Or(left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (acceptKeyword("AND")) {
            left = new Expr.And(left, not());
        }
        return left;
    }

    private Expr not() {
        if (acceptKeyword("NOT")) {
            return new Expr.Not(not());
        }
        return predicate();
    }

    private Expr predicate() {
        Expr left = operand();
        Token t = peek();
        if (t.kind() == Token.Kind.OPERATOR) {
            i++;
            return new Expr.Compare(Expr.CompareOp.of(t.text()), left, operand());
        }
        if (acceptKeyword("IS")) {
            boolean negated = acceptKeyword("NOT");
            Token n = take();
            if (!n.isKeyword("NULL")) {
                throw error("Expected NULL after IS" + (negated ? " NOT" : "") + " but found " + n.describe(), n);
            }
            return new Expr.IsNull(left, negated);
        }
        boolean negated = false;
        if (peek().isKeyword("NOT")) {
            Token after = tokens.get(i + 1);
            if (after.isKeyword("IN") || after.isKeyword("LIKE") || after.isKeyword("BETWEEN")) {
                i++;
                negated = true;
            } else {
                throw error("Expected IN, LIKE or BETWEEN after NOT but found " + after.describe(), after);
            }
        }
        if (acceptKeyword("IN")) {
            return in(left, negated);
        }
        if (acceptKeyword("LIKE")) {
            Token p = take();
            if (p.kind() != Token.Kind.STRING) {
                throw error("Expected a string pattern after LIKE but found " + p.describe(), p);
            }
            String pattern = (String) p.value();
            return new Expr.Like(left, pattern, likeRegex(pattern), negated);
        }
        if (acceptKeyword("BETWEEN")) {
            Expr low = operand();
            Token a = take();
            if (!a.isKeyword("AND")) {
                throw error("Expected AND in BETWEEN but found " + a.describe(), a);
            }
            return new Expr.Between(left, low, operand(), negated);
        }
        return left;
    }

    private Expr in(Expr left, boolean negated) {
        Token open = take();
        if (open.kind() != Token.Kind.LPAREN) {
            throw error("Expected '(' after IN but found " + open.describe(), open);
        }
        List<Expr> items = new ArrayList<>();
        items.add(operand());
        while (true) {
            Token t = take();
            if (t.kind() == Token.Kind.RPAREN) {
                return new Expr.In(left, List.copyOf(items), negated);
            }
            if (t.kind() != Token.Kind.COMMA) {
                throw error("Expected ',' or ')' in IN list but found " + t.describe(), t);
            }
            items.add(operand());
        }
    }

    private Expr operand() {
        Token t = take();
        switch (t.kind()) {
            case MINUS:
                return new Expr.Negate(operand());
            case NUMBER:
            case STRING:
                return new Expr.Literal(t.value());
            case IDENTIFIER:
                return new Expr.FieldRef((String) t.value());
            case LPAREN: {
                Expr e = or();
                Token close = take();
                if (close.kind() != Token.Kind.RPAREN) {
                    throw error("Expected ')' but found " + close.describe(), close);
                }
                return e;
            }
            case KEYWORD:
                if (t.isKeyword("TRUE")) {
                    return new Expr.Literal(Boolean.TRUE);
                }
                if (t.isKeyword("FALSE")) {
                    return new Expr.Literal(Boolean.FALSE);
                }
                if (t.isKeyword("NULL")) {
                    return new Expr.Literal(null);
                }
                throw error("Expected a value or field but found keyword " + t.describe()
                        + " (quote a field with this name in backticks)", t);
            default:
                throw error("Expected a value or field but found " + t.describe(), t);
        }
    }

    /** SQL LIKE to a regex: % any run, _ one code point, backslash makes the next character literal. */
    static Pattern likeRegex(String like) {
        StringBuilder re = new StringBuilder();
        for (int k = 0; k < like.length(); k++) {
            char c = like.charAt(k);
            if (c == '\\' && k + 1 < like.length()) {
                re.append(Pattern.quote(String.valueOf(like.charAt(++k))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private ExpressionSyntaxException error(String problem, Token at) {
        return new ExpressionSyntaxException(problem, at.column(), src);
    }
}
