package io.obkc.smt.rowfilter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Splits a row-filter expression into tokens. Keywords are case-insensitive and reported upper-case. */
final class Lexer {
    static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "BETWEEN", "TRUE", "FALSE");

    private final String src;
    private int pos;

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> tokenize(String src) {
        return new Lexer(src).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (pos >= src.length()) {
                out.add(new Token(Token.Kind.END, "", null, pos + 1));
                return out;
            }
            out.add(next());
        }
    }

    private void skipWhitespace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private Token next() {
        int start = pos;
        char c = src.charAt(pos);
        switch (c) {
            case '(':
                pos++;
                return new Token(Token.Kind.LPAREN, "(", null, start + 1);
            case ')':
                pos++;
                return new Token(Token.Kind.RPAREN, ")", null, start + 1);
            case ',':
                pos++;
                return new Token(Token.Kind.COMMA, ",", null, start + 1);
            case '-':
                pos++;
                return new Token(Token.Kind.MINUS, "-", null, start + 1);
            case '=':
                pos++;
                return new Token(Token.Kind.OPERATOR, "=", null, start + 1);
            case '!':
                if (peek(1) == '=') {
                    pos += 2;
                    return new Token(Token.Kind.OPERATOR, "!=", null, start + 1);
                }
                throw error("Unexpected '!' (use != or NOT)", start);
            case '<':
                if (peek(1) == '=' || peek(1) == '>') {
                    pos += 2;
                    return new Token(Token.Kind.OPERATOR, src.substring(start, pos), null, start + 1);
                }
                pos++;
                return new Token(Token.Kind.OPERATOR, "<", null, start + 1);
            case '>':
                if (peek(1) == '=') {
                    pos += 2;
                    return new Token(Token.Kind.OPERATOR, ">=", null, start + 1);
                }
                pos++;
                return new Token(Token.Kind.OPERATOR, ">", null, start + 1);
            case '\'':
            case '"':
                return quoted(c, Token.Kind.STRING, "string");
            case '`':
                return quoted(c, Token.Kind.IDENTIFIER, "field name");
            default:
                if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
                    return number();
                }
                if (Character.isLetter(c) || c == '_' || c == '$') {
                    return word();
                }
                throw error("Unexpected character '" + c + "'", start);
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    /** A quoted string or field name; the quote character is escaped by doubling it, as in SQL. */
    private Token quoted(char quote, Token.Kind kind, String what) {
        int start = pos;
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length()) {
                throw error("Unclosed " + what + " (missing " + quote + ")", start);
            }
            char c = src.charAt(pos);
            if (c == quote) {
                if (peek(1) == quote) {
                    sb.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            sb.append(c);
            pos++;
        }
        if (kind == Token.Kind.IDENTIFIER && sb.length() == 0) {
            throw error("Empty quoted field name", start);
        }
        return new Token(kind, src.substring(start, pos), sb.toString(), start + 1);
    }

    private Token number() {
        int start = pos;
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
        }
        if (pos < src.length() && src.charAt(pos) == '.') {
            pos++;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
            throw error("Malformed number '" + src.substring(start, pos + 1) + "'", start);
        }
        String text = src.substring(start, pos);
        return new Token(Token.Kind.NUMBER, text, new BigDecimal(text), start + 1);
    }

    private Token word() {
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                pos++;
            } else {
                break;
            }
        }
        String text = src.substring(start, pos);
        String upper = text.toUpperCase(Locale.ROOT);
        if (KEYWORDS.contains(upper)) {
            return new Token(Token.Kind.KEYWORD, upper, null, start + 1);
        }
        return new Token(Token.Kind.IDENTIFIER, text, text, start + 1);
    }

    private ExpressionSyntaxException error(String problem, int index) {
        return new ExpressionSyntaxException(problem, index + 1, src);
    }
}
