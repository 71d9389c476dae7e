package io.obkc.sink.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.obkc.common.types.MysqlStringLiterals;

/**
 * A small MySQL-dialect tokenizer for DDL statements: words, `quoted` identifiers, 'string' and
 * "string" literals, numbers and single-character symbols. Comments are dropped, except that the
 * body of a MySQL executable comment ({@code /*!50100 ...}) is kept as SQL, like the server does.
 */
final class SqlLexer {
    enum Kind { WORD, QUOTED_ID, STRING, NUMBER, SYMBOL }

    /** One token. {@code text} is the source text; {@code value} the unquoted identifier or string. */
    record Token(Kind kind, String text, String value, int start, int end) {
        boolean isWord(String w) {
            return kind == Kind.WORD && text.equalsIgnoreCase(w);
        }

        boolean isSymbol(char c) {
            return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
        }

        /** An identifier: a bare word or a `quoted` one. */
        boolean isIdentifier() {
            return kind == Kind.WORD || kind == Kind.QUOTED_ID;
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private SqlLexer() {
    }

    static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || (c == '-' && i + 2 <= n && sql.startsWith("--", i) && (i + 2 == n || Character.isWhitespace(sql.charAt(i + 2))))) {
                int e = sql.indexOf('\n', i);
                i = e < 0 ? n : e + 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                if (sql.startsWith("/*!", i)) {
                    // Executable comment: skip the marker and the version digits, keep the body; drop the closing */.
                    int j = i + 3;
                    while (j < n && Character.isDigit(sql.charAt(j))) {
                        j++;
                    }
                    int e = sql.indexOf("*/", j);
                    String body = e < 0 ? sql.substring(j) : sql.substring(j, e);
                    for (Token t : tokenize(body)) {
                        out.add(new Token(t.kind(), t.text(), t.value(), t.start() + j, t.end() + j));
                    }
                    i = e < 0 ? n : e + 2;
                } else {
                    int e = sql.indexOf("*/", i + 2);
                    i = e < 0 ? n : e + 2;
                }
            } else if (c == '`') {
                StringBuilder v = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == '`') {
                        if (j + 1 < n && sql.charAt(j + 1) == '`') {
                            v.append('`');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    v.append(d);
                    j++;
                }
                out.add(new Token(Kind.QUOTED_ID, sql.substring(i, Math.min(n, j + 1)), v.toString(), i, Math.min(n, j + 1)));
                i = j + 1;
            } else if (c == '\'' || c == '"') {
                StringBuilder v = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == '\\' && j + 1 < n) {
                        appendEscape(v, sql.charAt(j + 1));
                        j += 2;
                        continue;
                    }
                    if (d == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            v.append(c);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    v.append(d);
                    j++;
                }
                out.add(new Token(Kind.STRING, sql.substring(i, Math.min(n, j + 1)), v.toString(), i, Math.min(n, j + 1)));
                i = j + 1;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.' || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
                    j++;
                }
                String text = sql.substring(i, j);
                // 1abc is a valid MySQL identifier; a number has no letters other than an exponent.
                Kind k = text.matches("\\d+(\\.\\d*)?([eE][-+]?\\d+)?") ? Kind.NUMBER : Kind.WORD;
                out.add(new Token(k, text, text, i, j));
                i = j;
            } else if (Character.isLetter(c) || c == '_' || c == '$' || c > 127) {
                int j = i;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (Character.isLetterOrDigit(d) || d == '_' || d == '$' || d > 127) {
                        j++;
                    } else {
                        break;
                    }
                }
                String text = sql.substring(i, j);
                out.add(new Token(Kind.WORD, text, text, i, j));
                i = j;
            } else {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return out;
    }

    /**
     * The text a MySQL string literal stands for, given its body without the enclosing quotes, as Debezium's
     * {@code tableChanges} carries defaults, comments and ENUM/SET labels.
     */
    static String unescapeStringBody(String body) {
        return MysqlStringLiterals.unescape(body);
    }

    private static void appendEscape(StringBuilder v, char c) {
        MysqlStringLiterals.appendEscape(v, c);
    }
}
