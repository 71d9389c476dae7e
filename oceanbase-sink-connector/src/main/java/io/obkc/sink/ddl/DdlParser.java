package io.obkc.sink.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.obkc.common.sql.Identifiers;
import io.obkc.sink.ddl.ParsedDdl.AlterClause;
import io.obkc.sink.ddl.ParsedDdl.IndexKind;
import io.obkc.sink.ddl.ParsedDdl.IndexSpec;
import io.obkc.sink.ddl.ParsedDdl.Name;
import io.obkc.sink.ddl.SqlLexer.Kind;
import io.obkc.sink.ddl.SqlLexer.Token;

/**
 * Recognizes the statement class of a MySQL/MariaDB DDL statement and the parts the sink cannot get
 * from Debezium's structured {@code tableChanges}: the table names of RENAME/TRUNCATE/DROP, the clause
 * list of ALTER TABLE (with column renames and FIRST/AFTER positions) and index definitions. Column
 * definitions themselves are taken from {@code tableChanges}, not from this text.
 */
public final class DdlParser {
    private final String sql;
    private final List<Token> t;
    private int p;

    private DdlParser(String sql) {
        this.sql = sql;
        this.t = SqlLexer.tokenize(sql);
    }

    public static ParsedDdl parse(String ddl) {
        DdlParser parser = new DdlParser(ddl == null ? "" : ddl);
        try {
            return parser.statement();
        } catch (RuntimeException e) {
            return new ParsedDdl.Other("unparsed statement (" + e.getMessage() + ")");
        }
    }

    private ParsedDdl statement() {
        if (t.isEmpty()) {
            return new ParsedDdl.Other("empty statement");
        }
        if (accept("CREATE")) {
            accept("OR", "REPLACE");
            acceptAny("ONLINE", "OFFLINE");
            if (peekWord("TEMPORARY")) {
                return new ParsedDdl.Other("CREATE TEMPORARY TABLE");
            }
            if (accept("TABLE")) {
                return createTable();
            }
            IndexKind kind = IndexKind.INDEX;
            if (accept("UNIQUE")) {
                kind = IndexKind.UNIQUE;
            } else if (accept("FULLTEXT")) {
                kind = IndexKind.FULLTEXT;
            } else if (accept("SPATIAL")) {
                kind = IndexKind.SPATIAL;
            }
            if (accept("INDEX")) {
                accept("IF", "NOT", "EXISTS");
                String name = identifier();
                skipIndexType();
                expect("ON");
                Name table = qualifiedName();
                String parts = keyParts();
                return new ParsedDdl.CreateIndex(table, new IndexSpec(kind, name, parts));
            }
            return other(2);
        }
        if (accept("ALTER")) {
            acceptAny("ONLINE", "OFFLINE");
            accept("IGNORE");
            if (!accept("TABLE")) {
                return other(2);
            }
            accept("IF", "EXISTS");
            Name table = qualifiedName();
            return alterTable(table);
        }
        if (accept("RENAME")) {
            if (!accept("TABLE") && !accept("TABLES")) {
                return other(2);
            }
            List<ParsedDdl.Rename> renames = new ArrayList<>();
            do {
                accept("IF", "EXISTS");
                Name from = qualifiedName();
                accept("WAIT");
                expect("TO");
                renames.add(new ParsedDdl.Rename(from, qualifiedName()));
            } while (acceptSymbol(','));
            return new ParsedDdl.RenameTable(renames);
        }
        if (accept("TRUNCATE")) {
            accept("TABLE");
            return new ParsedDdl.TruncateTable(qualifiedName());
        }
        if (accept("DROP")) {
            if (peekWord("TEMPORARY")) {
                return new ParsedDdl.Other("DROP TEMPORARY TABLE");
            }
            if (accept("TABLE") || accept("TABLES")) {
                accept("IF", "EXISTS");
                List<Name> names = new ArrayList<>();
                do {
                    names.add(qualifiedName());
                } while (acceptSymbol(','));
                return new ParsedDdl.DropTable(names);
            }
            acceptAny("ONLINE", "OFFLINE");
            if (accept("INDEX")) {
                accept("IF", "EXISTS");
                String name = identifier();
                expect("ON");
                return new ParsedDdl.DropIndex(qualifiedName(), name);
            }
            return other(2);
        }
        return other(2);
    }

    private ParsedDdl other(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(words + 1, t.size()); i++) {
            if (t.get(i).kind() != Kind.WORD) {
                break;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(t.get(i).upper());
        }
        return new ParsedDdl.Other(sb.length() == 0 ? "statement" : sb.toString());
    }

    private ParsedDdl createTable() {
        accept("IF", "NOT", "EXISTS");
        Name table = qualifiedName();
        if (accept("LIKE")) {
            return new ParsedDdl.CreateTable(table, List.of(), true);
        }
        if (!acceptSymbol('(')) {
            // CREATE TABLE ... SELECT without a column list: the columns come from tableChanges.
            return new ParsedDdl.CreateTable(table, List.of(), false);
        }
        if (accept("LIKE")) {
            return new ParsedDdl.CreateTable(table, List.of(), true);
        }
        List<IndexSpec> indexes = new ArrayList<>();
        for (List<Token> element : splitUntilClose()) {
            IndexSpec idx = indexElement(element);
            if (idx != null) {
                indexes.add(idx);
            }
        }
        return new ParsedDdl.CreateTable(table, indexes, false);
    }

    /** Reads the elements of a parenthesized, comma-separated list whose '(' was consumed; consumes the ')'. */
    private List<List<Token>> splitUntilClose() {
        List<List<Token>> out = new ArrayList<>();
        List<Token> cur = new ArrayList<>();
        int depth = 0;
        while (p < t.size()) {
            Token tk = t.get(p++);
            if (tk.isSymbol('(')) {
                depth++;
            } else if (tk.isSymbol(')')) {
                if (depth == 0) {
                    if (!cur.isEmpty()) {
                        out.add(cur);
                    }
                    return out;
                }
                depth--;
            } else if (tk.isSymbol(',') && depth == 0) {
                out.add(cur);
                cur = new ArrayList<>();
                continue;
            }
            cur.add(tk);
        }
        throw new IllegalArgumentException("unbalanced parentheses");
    }

    /** The index of a CREATE TABLE element or ALTER TABLE ADD clause, or null when the element is not one. */
    private IndexSpec indexElement(List<Token> e) {
        DdlParser sub = sub(e);
        if (sub.accept("CONSTRAINT")) {
            if (!sub.peekWord("PRIMARY") && !sub.peekWord("UNIQUE") && !sub.peekWord("FOREIGN") && !sub.peekWord("CHECK")) {
                sub.identifier();
            }
        }
        IndexKind kind;
        if (sub.accept("PRIMARY", "KEY")) {
            kind = IndexKind.PRIMARY;
        } else if (sub.accept("UNIQUE")) {
            kind = IndexKind.UNIQUE;
            sub.acceptAny("INDEX", "KEY");
        } else if (sub.accept("FULLTEXT")) {
            kind = IndexKind.FULLTEXT;
            sub.acceptAny("INDEX", "KEY");
        } else if (sub.accept("SPATIAL")) {
            kind = IndexKind.SPATIAL;
            sub.acceptAny("INDEX", "KEY");
        } else if (sub.accept("INDEX") || sub.accept("KEY")) {
            kind = IndexKind.INDEX;
        } else {
            return null;
        }
        sub.accept("IF", "NOT", "EXISTS");
        String name = null;
        if (!sub.peekSymbol('(') && !sub.peekWord("USING")) {
            name = sub.identifier();
        }
        sub.skipIndexType();
        String parts = sub.keyParts();
        return new IndexSpec(kind, kind == IndexKind.PRIMARY ? null : name, parts);
    }

    private ParsedDdl alterTable(Name table) {
        List<AlterClause> clauses = new ArrayList<>();
        List<Token> cur = new ArrayList<>();
        int depth = 0;
        while (p < t.size()) {
            Token tk = t.get(p++);
            if (tk.isSymbol('(')) {
                depth++;
            } else if (tk.isSymbol(')')) {
                depth--;
            } else if ((tk.isSymbol(',') || tk.isSymbol(';')) && depth == 0) {
                if (!cur.isEmpty()) {
                    clauses.add(alterClause(cur));
                }
                cur = new ArrayList<>();
                continue;
            }
            cur.add(tk);
        }
        if (!cur.isEmpty()) {
            clauses.add(alterClause(cur));
        }
        return new ParsedDdl.AlterTable(table, clauses);
    }

    private AlterClause alterClause(List<Token> c) {
        String text = sql.substring(c.get(0).start(), c.get(c.size() - 1).end());
        DdlParser s = sub(c);
        if (s.accept("ADD")) {
            IndexSpec idx = indexElement(c.subList(1, c.size()));
            if (idx != null) {
                return new AlterClause(DdlClass.ADD_INDEX, null, null, null, idx, null, null, text);
            }
            if (s.peekWord("CONSTRAINT") || s.peekWord("FOREIGN") || s.peekWord("CHECK") || s.peekWord("PARTITION") || s.peekWord("PERIOD")
                    || s.peekWord("SYSTEM")) {
                return other(text);
            }
            s.accept("COLUMN");
            s.accept("IF", "NOT", "EXISTS");
            if (s.peekSymbol('(')) {
                // ADD COLUMN (a INT, b INT): one clause per column, positions are not allowed in this form.
                return new AlterClause(DdlClass.ADD_COLUMN, null, null, null, null, null, null, text);
            }
            String col = s.identifier();
            return new AlterClause(DdlClass.ADD_COLUMN, col, null, position(c), null, null, null, text);
        }
        if (s.accept("DROP")) {
            if (s.accept("PRIMARY", "KEY")) {
                return new AlterClause(DdlClass.DROP_INDEX, null, null, null, null, "PRIMARY", null, text);
            }
            if (s.accept("INDEX") || s.accept("KEY")) {
                s.accept("IF", "EXISTS");
                return new AlterClause(DdlClass.DROP_INDEX, null, null, null, null, s.identifier(), null, text);
            }
            if (s.peekWord("FOREIGN") || s.peekWord("CONSTRAINT") || s.peekWord("CHECK") || s.peekWord("PARTITION") || s.peekWord("PERIOD")
                    || s.peekWord("SYSTEM")) {
                return other(text);
            }
            s.accept("COLUMN");
            s.accept("IF", "EXISTS");
            return new AlterClause(DdlClass.DROP_COLUMN, s.identifier(), null, null, null, null, null, text);
        }
        if (s.accept("MODIFY")) {
            s.accept("COLUMN");
            s.accept("IF", "EXISTS");
            return new AlterClause(DdlClass.MODIFY_COLUMN, s.identifier(), null, position(c), null, null, null, text);
        }
        if (s.accept("CHANGE")) {
            s.accept("COLUMN");
            s.accept("IF", "EXISTS");
            String old = s.identifier();
            String neu = s.identifier();
            return new AlterClause(DdlClass.CHANGE_COLUMN, old, neu, position(c), null, null, null, text);
        }
        if (s.accept("ALTER")) {
            s.accept("COLUMN");
            if (s.peekWord("INDEX") || s.peekWord("KEY") || s.peekWord("CONSTRAINT") || s.peekWord("CHECK")) {
                return other(text);
            }
            String col = s.identifier();
            if (s.accept("SET", "DEFAULT") || s.accept("DROP", "DEFAULT")) {
                return new AlterClause(DdlClass.MODIFY_COLUMN, col, null, null, null, null, null, text);
            }
            return other(text);
        }
        if (s.accept("RENAME")) {
            if (s.accept("COLUMN")) {
                String old = s.identifier();
                s.expect("TO");
                return new AlterClause(DdlClass.CHANGE_COLUMN, old, s.identifier(), null, null, null, null, text);
            }
            if (s.peekWord("INDEX") || s.peekWord("KEY")) {
                return other(text);
            }
            if (!s.accept("TO")) {
                s.accept("AS");
            }
            return new AlterClause(DdlClass.RENAME_TABLE, null, null, null, null, null, s.qualifiedName(), text);
        }
        return other(text);
    }

    private static AlterClause other(String text) {
        return new AlterClause(DdlClass.OTHER, null, null, null, null, null, null, text);
    }

    /** "FIRST" or "AFTER `x`" at the end of a column clause, or null. */
    private static String position(List<Token> c) {
        Token last = c.get(c.size() - 1);
        if (last.isWord("FIRST")) {
            return "FIRST";
        }
        if (c.size() >= 2 && c.get(c.size() - 2).isWord("AFTER") && last.isIdentifier()) {
            return "AFTER " + Identifiers.quoteMysql(last.value());
        }
        return null;
    }

    /** Parses "(part, ...)" into OceanBase SQL: columns re-quoted, prefix lengths and ASC/DESC kept, expressions as written. */
    private String keyParts() {
        expectSymbol('(');
        List<String> rendered = new ArrayList<>();
        for (List<Token> part : splitUntilClose()) {
            if (part.isEmpty()) {
                continue;
            }
            Token first = part.get(0);
            StringBuilder sb = new StringBuilder();
            int i;
            if (first.isSymbol('(')) {
                int depth = 0;
                int j = 0;
                for (; j < part.size(); j++) {
                    if (part.get(j).isSymbol('(')) {
                        depth++;
                    } else if (part.get(j).isSymbol(')') && --depth == 0) {
                        break;
                    }
                }
                sb.append(sql, first.start(), part.get(Math.min(j, part.size() - 1)).end());
                i = j + 1;
            } else {
                sb.append(Identifiers.quoteMysql(first.value()));
                i = 1;
                if (i + 2 < part.size() && part.get(i).isSymbol('(')) {
                    sb.append('(').append(part.get(i + 1).text()).append(')');
                    i += 3;
                }
            }
            if (i < part.size() && part.get(i).isWord("DESC")) {
                sb.append(" DESC");
            }
            rendered.add(sb.toString());
        }
        return "(" + String.join(", ", rendered) + ")";
    }

    private void skipIndexType() {
        if (accept("USING")) {
            p++;
        }
    }

    private Name qualifiedName() {
        String first = identifier();
        if (acceptSymbol('.')) {
            return new Name(first, identifier());
        }
        return new Name(null, first);
    }

    private String identifier() {
        if (p >= t.size()) {
            throw new IllegalArgumentException("name expected at end of statement");
        }
        Token tk = t.get(p);
        if (!tk.isIdentifier() && tk.kind() != Kind.STRING) {
            throw new IllegalArgumentException("name expected at '" + tk.text() + "'");
        }
        p++;
        return tk.value();
    }

    private DdlParser sub(List<Token> tokens) {
        DdlParser s = new DdlParser(sql, tokens);
        return s;
    }

    private DdlParser(String sql, List<Token> tokens) {
        this.sql = sql;
        this.t = tokens;
    }

    private boolean peekWord(String w) {
        return p < t.size() && t.get(p).isWord(w);
    }

    private boolean peekSymbol(char c) {
        return p < t.size() && t.get(p).isSymbol(c);
    }

    /** Consumes the words if all of them come next, in order. */
    private boolean accept(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (p + i >= t.size() || !t.get(p + i).isWord(words[i])) {
                return false;
            }
        }
        p += words.length;
        return true;
    }

    private boolean acceptAny(String... words) {
        for (String w : words) {
            if (accept(w)) {
                return true;
            }
        }
        return false;
    }

    private boolean acceptSymbol(char c) {
        if (peekSymbol(c)) {
            p++;
            return true;
        }
        return false;
    }

    private void expect(String word) {
        if (!accept(word)) {
            throw new IllegalArgumentException(word.toUpperCase(Locale.ROOT) + " expected");
        }
    }

    private void expectSymbol(char c) {
        if (!acceptSymbol(c)) {
            throw new IllegalArgumentException("'" + c + "' expected");
        }
    }
}
