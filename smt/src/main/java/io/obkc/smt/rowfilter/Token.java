package io.obkc.smt.rowfilter;

/** One lexical token; {@code column} is 1-based, {@code value} is the literal's value or the field's name. */
record Token(Kind kind, String text, Object value, int column) {
    enum Kind {
        NUMBER, STRING, IDENTIFIER, KEYWORD, OPERATOR, LPAREN, RPAREN, COMMA, MINUS, END
    }

    boolean isKeyword(String keyword) {
        return kind == Kind.KEYWORD && text.equals(keyword);
    }

    boolean isOperator(String op) {
        return kind == Kind.OPERATOR && text.equals(op);
    }

    /** How the token is shown in error messages. */
    String describe() {
        return kind == Kind.END ? "end of expression" : "'" + text + "'";
    }
}
