package io.obkc.common.types;

/**
 * MySQL's string literal escapes (MySQL manual, "String Literals"), undone: {@code \0 \b \n \r \t \Z} are control
 * characters, {@code \%} and {@code \_} keep their backslash, any other {@code \x} is {@code x}. Used for the texts
 * Debezium's MySQL/MariaDB connectors pass on with their escapes kept: column defaults, comments and ENUM/SET labels in
 * {@code tableChanges}, ENUM/SET labels in the {@code allowed} schema parameter (where a comma inside a label is
 * {@code \,}) and ENUM/SET values in rows.
 */
public final class MysqlStringLiterals {
    private MysqlStringLiterals() {
    }

    /** The text a literal body (without its enclosing single quotes) stands for: escapes and doubled {@code ''} undone. */
    public static String unescape(String body) {
        return unescape(body, true);
    }

    /** Only the backslash escapes undone; a doubled quote stays two quotes. */
    public static String unescapeBackslashes(String text) {
        return text.indexOf('\\') < 0 ? text : unescape(text, false);
    }

    private static String unescape(String body, boolean doubledQuotes) {
        StringBuilder v = new StringBuilder(body.length());
        int n = body.length();
        for (int j = 0; j < n; j++) {
            char d = body.charAt(j);
            if (d == '\\' && j + 1 < n) {
                appendEscape(v, body.charAt(++j));
            } else if (doubledQuotes && d == '\'' && j + 1 < n && body.charAt(j + 1) == '\'') {
                v.append('\'');
                j++;
            } else {
                v.append(d);
            }
        }
        return v.toString();
    }

    /** Appends what {@code \c} stands for. */
    public static void appendEscape(StringBuilder v, char c) {
        switch (c) {
            case 'n' -> v.append('\n');
            case 't' -> v.append('\t');
            case 'r' -> v.append('\r');
            case '0' -> v.append('\0');
            case 'b' -> v.append('\b');
            case 'Z' -> v.append('\u001A');
            case '%', '_' -> v.append('\\').append(c);
            default -> v.append(c);
        }
    }

    /**
     * Debezium's {@code allowed} parameter split into labels: the labels are joined with commas, and a comma inside a
     * label (or a backslash) comes escaped, so only unescaped commas separate.
     */
    public static java.util.List<String> splitAllowed(String allowed) {
        java.util.List<String> labels = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < allowed.length(); i++) {
            char c = allowed.charAt(i);
            if (c == '\\' && i + 1 < allowed.length()) {
                cur.append(c).append(allowed.charAt(++i));
            } else if (c == ',') {
                labels.add(unescapeBackslashes(cur.toString()));
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        labels.add(unescapeBackslashes(cur.toString()));
        return labels;
    }
}
