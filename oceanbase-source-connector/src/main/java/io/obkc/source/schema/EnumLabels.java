package io.obkc.source.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The labels of an ENUM/SET COLUMN_TYPE such as {@code enum('a','it''s','b\\c')}. OceanBase writes a quote inside a
 * label without doubling it ({@code enum('d'e')}), so a quote ends a label only where a comma and the next label's quote,
 * or the closing parenthesis, follow; a label that itself contains {@code ','} cannot be told apart (documented).
 */
public final class EnumLabels {
    private EnumLabels() {
    }

    public static List<String> parse(String columnType) {
        List<String> out = new ArrayList<>();
        int i = columnType.indexOf('(');
        if (i < 0) {
            return out;
        }
        StringBuilder cur = null;
        for (i = i + 1; i < columnType.length(); i++) {
            char ch = columnType.charAt(i);
            if (cur == null) {
                if (ch == '\'') {
                    cur = new StringBuilder();
                } else if (ch == ')') {
                    break;
                }
                continue;
            }
            if (ch == '\\' && i + 1 < columnType.length()) {
                cur.append(columnType.charAt(++i));
            } else if (ch == '\'') {
                if (i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                    cur.append('\'');
                    i++;
                } else if (endsLabel(columnType, i)) {
                    out.add(cur.toString());
                    cur = null;
                } else {
                    cur.append('\'');
                }
            } else {
                cur.append(ch);
            }
        }
        return out;
    }

    private static boolean endsLabel(String s, int quote) {
        String rest = s.substring(quote + 1);
        return rest.startsWith(")") || rest.startsWith(",'");
    }
}
