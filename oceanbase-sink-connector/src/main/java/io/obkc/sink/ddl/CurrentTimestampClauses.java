package io.obkc.sink.ddl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.obkc.sink.ddl.SqlLexer.Token;

/**
 * {@code DEFAULT CURRENT_TIMESTAMP} and {@code ON UPDATE CURRENT_TIMESTAMP} of the columns a CREATE TABLE or ALTER TABLE
 * statement defines, read from the statement text. Debezium's {@code tableChanges} carries neither: it replaces the
 * default with {@code 1970-01-01 00:00:00} (a wrong default for DATETIME, and one OceanBase rejects for TIMESTAMP)
 * and drops ON UPDATE.
 *
 * @param defaultExpression {@code CURRENT_TIMESTAMP[(n)]}, or null when the default is not the current time
 * @param onUpdate          {@code CURRENT_TIMESTAMP[(n)]}, or null
 */
public record CurrentTimestampClauses(String defaultExpression, String onUpdate) {
    private static final Set<String> NOW = Set.of("CURRENT_TIMESTAMP", "NOW", "LOCALTIME", "LOCALTIMESTAMP");

    /** Per column name (lower case), for the columns that have either clause. */
    public static Map<String, CurrentTimestampClauses> read(String ddl) {
        Map<String, CurrentTimestampClauses> out = new HashMap<>();
        if (ddl == null) {
            return out;
        }
        List<Token> t = SqlLexer.tokenize(ddl);
        if (t.isEmpty()) {
            return out;
        }
        boolean create = t.get(0).isWord("CREATE");
        int depth = 0;
        int elementDepth = create ? 1 : 0;
        List<Token> cur = new ArrayList<>();
        for (Token tk : t) {
            if (tk.isSymbol('(')) {
                depth++;
                if (depth == elementDepth) {
                    cur = new ArrayList<>();
                    continue;
                }
            } else if (tk.isSymbol(')')) {
                if (depth == elementDepth) {
                    element(cur, out);
                    cur = new ArrayList<>();
                }
                depth--;
            } else if (tk.isSymbol(',') && depth == elementDepth) {
                element(cur, out);
                cur = new ArrayList<>();
                continue;
            }
            if (depth >= elementDepth) {
                cur.add(tk);
            }
        }
        if (!create) {
            element(cur, out);
        }
        return out;
    }

    /** One column definition, possibly after ALTER's ADD/MODIFY/CHANGE [COLUMN] [IF [NOT] EXISTS] (and CHANGE's old name). */
    private static void element(List<Token> e, Map<String, CurrentTimestampClauses> out) {
        int i = 0;
        if (!e.isEmpty() && e.get(0).isWord("ALTER")) {
            // "ALTER TABLE t ADD ...": the first clause carries the statement head.
            while (i < e.size() && !e.get(i).isWord("ADD") && !e.get(i).isWord("MODIFY") && !e.get(i).isWord("CHANGE")) {
                i++;
            }
        }
        boolean change = i < e.size() && e.get(i).isWord("CHANGE");
        if (i < e.size() && (e.get(i).isWord("ADD") || e.get(i).isWord("MODIFY") || change)) {
            i++;
        }
        if (i < e.size() && e.get(i).isWord("COLUMN")) {
            i++;
        }
        while (i < e.size() && (e.get(i).isWord("IF") || e.get(i).isWord("NOT") || e.get(i).isWord("EXISTS"))) {
            i++;
        }
        if (change) {
            i++;
        }
        if (i >= e.size() || !e.get(i).isIdentifier()) {
            return;
        }
        String column = e.get(i).value();
        String dflt = null;
        String onUpdate = null;
        for (int j = i + 1; j < e.size(); j++) {
            if (e.get(j).isWord("DEFAULT")) {
                dflt = now(e, j + 1);
            } else if (e.get(j).isWord("ON") && j + 1 < e.size() && e.get(j + 1).isWord("UPDATE")) {
                onUpdate = now(e, j + 2);
            }
        }
        if (dflt != null || onUpdate != null) {
            out.put(column.toLowerCase(Locale.ROOT), new CurrentTimestampClauses(dflt, onUpdate));
        }
    }

    /** {@code CURRENT_TIMESTAMP[(n)]} when the tokens from {@code i} are one of its spellings, else null. */
    private static String now(List<Token> e, int i) {
        if (i >= e.size() || e.get(i).kind() != SqlLexer.Kind.WORD || !NOW.contains(e.get(i).upper())) {
            return null;
        }
        if (i + 2 < e.size() && e.get(i + 1).isSymbol('(')) {
            if (e.get(i + 2).kind() == SqlLexer.Kind.NUMBER && i + 3 < e.size() && e.get(i + 3).isSymbol(')')) {
                return "CURRENT_TIMESTAMP(" + e.get(i + 2).text() + ")";
            }
        }
        return "CURRENT_TIMESTAMP";
    }
}
