package io.obkc.schema.convert;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.obkc.common.rules.ObjectName;
import io.obkc.common.sql.Identifiers;
import io.obkc.schema.model.TableDef;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.statement.select.Distinct;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.UnionOp;

/**
 * Translates a view's SELECT into OceanBase MySQL-mode SQL with JSqlParser: parses the source definition, rewrites the
 * syntax tree and prints it. Table references become the migrated target tables. For PostgreSQL, only constructs
 * whose meaning is the same in MySQL mode are accepted (a whitelist of node types, functions and cast types);
 * {@code ||} becomes CONCAT, {@code x::type} becomes CAST(x AS mysql-type), names are quoted with backticks and
 * backslashes in string literals are escaped. Anything else throws {@link UntranslatableViewException} naming the
 * construct, so a view is never created with a different meaning. MySQL/MariaDB definitions are MySQL already:
 * only their table references are rewritten.
 */
final class ViewSqlTranslator {
    enum Dialect {
        POSTGRESQL, MYSQL
    }

    /** PostgreSQL syntax-tree node types whose MySQL-mode printing means the same (after the rewrites below). */
    private static final Set<String> PG_NODES = Set.of("PlainSelect", "ParenthesedSelect", "SetOperationList", "UnionOp",
            "SelectItem", "Table", "Alias", "Join", "GroupByElement", "OrderByElement", "Distinct", "ExpressionList",
            "ParenthesedExpressionList", "Column", "LongValue", "DoubleValue", "StringValue", "NullValue", "AndExpression",
            "OrExpression", "NotExpression", "EqualsTo", "NotEqualsTo", "GreaterThan", "GreaterThanEquals", "MinorThan",
            "MinorThanEquals", "Addition", "Subtraction", "Multiplication", "IsNullExpression", "InExpression", "Between",
            "LikeExpression", "CaseExpression", "WhenClause", "Function", "CastExpression", "Concat", "SignedExpression",
            "AllColumns", "AllTableColumns", "ExistsExpression", "ColDataType");
    /** PostgreSQL function -> MySQL function with the same result for the same arguments. */
    private static final Map<String, String> PG_FUNCTIONS = Map.ofEntries(Map.entry("upper", "UPPER"), Map.entry("lower", "LOWER"),
            Map.entry("coalesce", "COALESCE"), Map.entry("nullif", "NULLIF"), Map.entry("abs", "ABS"),
            Map.entry("length", "CHAR_LENGTH"), Map.entry("char_length", "CHAR_LENGTH"), Map.entry("character_length", "CHAR_LENGTH"),
            Map.entry("replace", "REPLACE"), Map.entry("count", "COUNT"), Map.entry("sum", "SUM"), Map.entry("min", "MIN"),
            Map.entry("max", "MAX"), Map.entry("substr", "SUBSTRING"), Map.entry("substring", "SUBSTRING"));
    /** Keywords PostgreSQL prints as bare names that mean something else (or nothing) in MySQL mode. */
    private static final Set<String> PG_KEYWORD_NAMES = Set.of("current_date", "current_time", "current_timestamp", "localtime",
            "localtimestamp", "current_user", "session_user", "user", "current_role", "current_schema", "current_catalog");

    private static final Pattern TYPE_PARAMS = Pattern.compile("^([a-z ]+?)\\s*\\(([\\d\\s,]+)\\)$");

    private final Dialect dialect;
    private final Map<ObjectName, TableDef> sourceTables;
    /** PostgreSQL: the value types of the view's expressions, from the source tables' columns. */
    private PgValueTypes types;
    private final String sourceDatabase;
    private final Map<ObjectName, ObjectName> renames;
    private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Names defined by WITH: references to them are not tables. */
    private final Set<String> commonTableNames = new HashSet<>();
    private final Set<Object> ourConcats = Collections.newSetFromMap(new IdentityHashMap<>());
    /** PostgreSQL constructs whose result depends on how strings compare (in order of appearance). */
    private final Set<String> collationSensitive = new LinkedHashSet<>();

    ViewSqlTranslator(Dialect dialect, String sourceDatabase, Map<ObjectName, ObjectName> renames,
            Map<ObjectName, TableDef> sourceTables) {
        this.dialect = dialect;
        this.sourceDatabase = sourceDatabase;
        this.renames = renames;
        this.sourceTables = sourceTables;
    }

    /** Parses the definition; throws {@link UntranslatableViewException} when it does not parse as one SELECT. */
    static Select parse(String definition, Dialect dialect) {
        String sql = definition.trim();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1);
        }
        Statement st;
        try {
            // MySQL string literals escape with backslashes; PostgreSQL's (standard_conforming_strings) do not.
            st = CCJSqlParserUtil.parse(sql, parser -> parser.withBackslashEscapeCharacter(dialect == Dialect.MYSQL));
        } catch (JSQLParserException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : String.valueOf(e.getMessage());
            throw new UntranslatableViewException("the definition could not be parsed: " + why.lines().findFirst().orElse(why));
        }
        if (!(st instanceof Select)) {
            throw new UntranslatableViewException("the definition is not a SELECT");
        }
        return (Select) st;
    }

    static boolean parses(String definition, Dialect dialect) {
        try {
            parse(definition, dialect);
            return true;
        } catch (UntranslatableViewException e) {
            return false;
        }
    }

    TranslatedView translate(String definition) {
        Select select = parse(dialect == Dialect.POSTGRESQL ? likeOperators(definition) : definition, dialect);
        if (select.getWithItemsList() != null) {
            select.getWithItemsList().forEach(w -> commonTableNames.add(unquote(w.getAlias().getName()).toLowerCase(Locale.ROOT)));
        }
        if (dialect == Dialect.POSTGRESQL) {
            types = PgValueTypes.of(select, sourceTables);
        }
        String sql = rewrite(select).toString();
        List<String> warnings = new ArrayList<>();
        if (!collationSensitive.isEmpty()) {
            warnings.add("the view compares, groups or sorts values (" + String.join(", ", collationSensitive) + "): string values "
                    + "compare under the target collation (utf8mb4_general_ci ignores case; every utf8mb4 collation ignores "
                    + "trailing spaces), PostgreSQL compares them exactly, so rows can differ for strings that differ only in "
                    + "case or trailing spaces (see --collation-map, --key-collation)");
        }
        return new TranslatedView(sql, warnings);
    }

    /** Rewrites children first (fields of JSqlParser nodes, found by reflection), then the node itself. */
    @SuppressWarnings("unchecked")
    private Object rewrite(Object node) {
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object before = list.get(i);
                Object after = rewrite(before);
                if (after != before) {
                    ((List<Object>) list).set(i, after);
                }
            }
            return node;
        }
        if (node == null || !isAstNode(node) || !visited.add(node)) {
            return node;
        }
        if (dialect == Dialect.POSTGRESQL && node instanceof ComparisonOperator op) {
            Expression in = anyArrayAsIn(op);
            if (in != null) {
                visited.add(in);
                node = in;
            }
        }
        check(node);
        if (node instanceof Column c) {
            return column(c);
        }
        if (node instanceof Table t) {
            return table(t);
        }
        for (Class<?> k = node.getClass(); k != null && isAstClass(k); k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive() || f.getType() == String.class) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    Object before = f.get(node);
                    Object after = rewrite(before);
                    if (after != before) {
                        f.set(node, after);
                    }
                } catch (UntranslatableViewException e) {
                    throw e;
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot rewrite " + k.getSimpleName() + "." + f.getName() + ": " + e, e);
                }
            }
        }
        return replace(node);
    }

    /**
     * {@code x = ANY (ARRAY[a, b])} (how PostgreSQL prints {@code x IN (a, b)}) -> {@code x IN (a, b)}, and
     * {@code x <> ALL (ARRAY[...])} -> {@code x NOT IN (...)}: the same three-valued logic, NULLs included.
     * Null when the node is another comparison.
     */
    private static Expression anyArrayAsIn(ComparisonOperator op) {
        boolean in = op instanceof EqualsTo;
        boolean notIn = op instanceof NotEqualsTo;
        if (!(in || notIn) || !(op.getRightExpression() instanceof Function f) || f.getParameters() == null
                || f.getParameters().size() != 1 || !f.getName().equalsIgnoreCase(in ? "ANY" : "ALL")) {
            return null;
        }
        Object arg = f.getParameters().get(0);
        while (true) {
            if (arg instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
                arg = p.get(0);
            } else if (arg instanceof CastExpression c && c.getColDataType().getArrayData() != null
                    && !c.getColDataType().getArrayData().isEmpty()) {
                arg = c.getLeftExpression(); // ARRAY['a'::varchar]::text[]: the elements carry their own casts
            } else if (arg instanceof CastExpression c && c.getColDataType().getDataType().endsWith("[]")) {
                arg = c.getLeftExpression();
            } else {
                break;
            }
        }
        if (!(arg instanceof ArrayConstructor array) || array.getExpressions() == null || array.getExpressions().isEmpty()) {
            return null;
        }
        List<Expression> items = new ArrayList<>();
        array.getExpressions().forEach(e -> items.add((Expression) e));
        InExpression result = new InExpression(op.getLeftExpression(), new ParenthesedExpressionList<>(items));
        result.setNot(notIn);
        return result;
    }

    /**
     * PostgreSQL prints LIKE as {@code ~~} and NOT LIKE as {@code !~~} (ILIKE as {@code ~~*}, left alone and so
     * rejected); the parser reads {@code ~~} as a regular expression match. Replaced outside literals and quoted names.
     */
    static String likeOperators(String sql) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"') {
                int j = i + 1;
                while (j < sql.length()) {
                    if (sql.charAt(j) == ch) {
                        if (j + 1 < sql.length() && sql.charAt(j + 1) == ch) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.append(sql, i, Math.min(j + 1, sql.length()));
                i = j + 1;
            } else if (sql.startsWith("!~~", i) && !sql.startsWith("!~~*", i)) {
                out.append(" NOT LIKE ");
                i += 3;
            } else if (sql.startsWith("~~", i) && !sql.startsWith("~~*", i)) {
                out.append(" LIKE ");
                i += 2;
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isAstNode(Object o) {
        return !(o instanceof Enum) && isAstClass(o.getClass());
    }

    private static boolean isAstClass(Class<?> k) {
        String n = k.getName();
        return n.startsWith("net.sf.jsqlparser.") && !n.startsWith("net.sf.jsqlparser.parser.");
    }

    /** PostgreSQL: rejects node types and variants whose MySQL meaning differs or that are not translated. */
    private void check(Object node) {
        if (dialect != Dialect.POSTGRESQL) {
            return;
        }
        String type = node.getClass().getSimpleName();
        if (!PG_NODES.contains(type) && !(node instanceof UnionOp)) {
            throw untranslatable(type, node);
        }
        if (node instanceof SetOperation op && !(op instanceof UnionOp)) {
            throw untranslatable(type, node);
        }
        if (node instanceof Join j && (j.isFull() || j.isApply() || j.isSemi() || j.isStraight() || j.isGlobal())) {
            throw untranslatable("FULL/APPLY/SEMI join", node);
        }
        if (node instanceof Distinct d && d.getOnSelectItems() != null && !d.getOnSelectItems().isEmpty()) {
            throw untranslatable("DISTINCT ON", node);
        }
        if (node instanceof LikeExpression l && (l.getLikeKeyWord() != LikeExpression.KeyWord.LIKE || l.getEscape() != null)) {
            throw untranslatable(l.getLikeKeyWord() + (l.getEscape() != null ? " ... ESCAPE" : ""), node);
        }
        if (node instanceof StringValue s && s.getPrefix() != null) {
            throw untranslatable("string literal with prefix " + s.getPrefix(), node);
        }
        if (node instanceof Function f) {
            checkFunction(f);
        }
        String typeProblem = types.problem(node);
        if (typeProblem != null) {
            throw untranslatable(typeProblem, node);
        }
        noteCollationSensitive(node);
    }

    /**
     * Records constructs whose result depends on how strings compare, for the view's warning. An expression whose
     * type is known not to be a string (numbers, dates, booleans) does not count; unknown types do.
     */
    private void noteCollationSensitive(Object node) {
        String what = null;
        if (node instanceof ComparisonOperator c) {
            what = mayBeString(c.getLeftExpression()) && mayBeString(c.getRightExpression()) ? "comparisons" : null;
        } else if (node instanceof InExpression in) {
            what = mayBeString(in.getLeftExpression()) ? "comparisons" : null;
        } else if (node instanceof Between b) {
            what = mayBeString(b.getLeftExpression()) ? "comparisons" : null;
        } else if (node instanceof LikeExpression) {
            what = "LIKE";
        } else if (node instanceof GroupByElement g) {
            what = g.getGroupByExpressionList().stream().anyMatch(e -> mayBeString((Expression) e)) ? "GROUP BY" : null;
        } else if (node instanceof OrderByElement o) {
            what = mayBeString(o.getExpression()) ? "ORDER BY" : null;
        } else if (node instanceof Distinct) {
            what = "DISTINCT";
        } else if (node instanceof SetOperationList) {
            what = "UNION";
        } else if (node instanceof Function f) {
            String n = f.getName().toLowerCase(Locale.ROOT);
            boolean minMax = (n.equals("min") || n.equals("max")) && f.getParameters() != null && !f.getParameters().isEmpty();
            what = minMax && mayBeString((Expression) f.getParameters().get(0)) ? n + "()" : null;
        }
        if (what != null) {
            collationSensitive.add(what);
        }
    }

    private boolean mayBeString(Expression e) {
        PgValueTypes.Kind k = types.kind(e);
        return k == PgValueTypes.Kind.TEXT || k == PgValueTypes.Kind.UNKNOWN || k == PgValueTypes.Kind.OTHER;
    }

    private void checkFunction(Function f) {
        String name = f.getName() == null ? "" : f.getName().toLowerCase(Locale.ROOT);
        if (f.getMultipartName() != null && f.getMultipartName().size() > 1) {
            throw untranslatable("function " + f.getName(), f);
        }
        if (!PG_FUNCTIONS.containsKey(name) && !name.equals("concat") && !name.equals("btrim") && !name.equals("ltrim")
                && !name.equals("rtrim")) {
            throw untranslatable("function " + f.getName() + "()", f);
        }
        List<?> args = f.getParameters() == null ? List.of() : f.getParameters();
        if ((name.equals("btrim") || name.equals("ltrim") || name.equals("rtrim")) && args.size() != 1) {
            throw untranslatable(name + "() with a character list", f);
        }
        if (name.startsWith("substr") && (args.size() < 2 || !isNonNegativeLiteral(args.get(1), 1)
                || (args.size() > 2 && !isNonNegativeLiteral(args.get(2), 0)))) {
            // PostgreSQL counts positions before 1 into the length; MySQL returns '' for position 0: same only for literals >= 1.
            throw untranslatable(name + "() with a start position that is not a literal >= 1", f);
        }
    }

    private static boolean isNonNegativeLiteral(Object e, long min) {
        return e instanceof LongValue l && l.getValue() >= min;
    }

    private static UntranslatableViewException untranslatable(String construct, Object node) {
        String text = String.valueOf(node);
        if (text.length() > 120) {
            text = text.substring(0, 117) + "...";
        }
        return new UntranslatableViewException("construct " + construct + " is not translated (in: " + text + ")");
    }

    private Object replace(Object node) {
        if (dialect != Dialect.POSTGRESQL) {
            return node;
        }
        if (node instanceof Concat c) {
            Function f = new Function("CONCAT");
            List<Expression> args = new ArrayList<>();
            addConcatArgs(c.getLeftExpression(), args);
            addConcatArgs(c.getRightExpression(), args);
            f.setParameters(new ExpressionList<>(args));
            ourConcats.add(f);
            return f;
        }
        if (node instanceof CastExpression cast) {
            return cast(cast);
        }
        if (node instanceof Function f) {
            return function(f);
        }
        if (node instanceof StringValue s) {
            // PostgreSQL literals take backslash literally (standard_conforming_strings); MySQL reads it as an escape.
            s.setValue(s.getValue().replace("\\", "\\\\"));
            return s;
        }
        if (node instanceof Alias a) {
            a.setName(Identifiers.quoteMysql(unquotePg(a.getName())));
            return a;
        }
        return node;
    }

    private void addConcatArgs(Expression e, List<Expression> out) {
        Expression inner = e;
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            inner = (Expression) p.get(0);
        }
        if (ourConcats.contains(inner)) {
            out.addAll(((Function) inner).getParameters().stream().map(Expression.class::cast).toList());
        } else {
            out.add(e);
        }
    }

    private Expression function(Function f) {
        String name = f.getName().toLowerCase(Locale.ROOT);
        if (name.equals("concat")) {
            // PostgreSQL concat() skips NULL arguments, as CONCAT_WS does; MySQL CONCAT() would return NULL.
            List<Expression> args = new ArrayList<>();
            args.add(new StringValue(""));
            f.getParameters().forEach(a -> args.add((Expression) a));
            f.setName("CONCAT_WS");
            f.setParameters(new ExpressionList<>(args));
            return f;
        }
        f.setName(switch (name) {
            case "btrim" -> "TRIM";
            case "ltrim" -> "LTRIM";
            case "rtrim" -> "RTRIM";
            default -> PG_FUNCTIONS.get(name);
        });
        return f;
    }

    /** {@code x::type} / CAST(x AS type) -> CAST(x AS mysql-type); rejects casts whose result would differ. */
    private Expression cast(CastExpression cast) {
        ColDataType t = cast.getColDataType();
        String type = t.getDataType().toLowerCase(Locale.ROOT).replace("\"", "").trim();
        List<String> args = t.getArgumentsStringList() == null ? List.of() : t.getArgumentsStringList();
        Matcher params = TYPE_PARAMS.matcher(type);
        if (params.matches()) { // the parser keeps "numeric (4, 2)" as one type name
            type = params.group(1).trim();
            args = Arrays.stream(params.group(2).split(",")).map(String::trim).toList();
        }
        if (t.getArrayData() != null && !t.getArrayData().isEmpty()) {
            throw untranslatable("cast to array type " + cast.getColDataType(), cast);
        }
        String target = switch (type) {
            case "text", "name" -> "CHAR";
            case "varchar", "character varying", "char", "character", "bpchar" -> args.isEmpty() ? "CHAR" : "CHAR(" + args.get(0) + ")";
            case "int2", "smallint", "int4", "int", "integer", "int8", "bigint" -> "SIGNED";
            case "numeric", "decimal" -> args.isEmpty() ? null : "DECIMAL(" + String.join(",", args) + ")";
            case "date" -> "DATE";
            case "timestamp", "timestamp without time zone" -> "DATETIME(6)";
            case "time", "time without time zone" -> "TIME(6)";
            case "float8", "double precision" -> "DOUBLE";
            default -> null;
        };
        if (target == null) {
            throw untranslatable("cast to " + cast.getColDataType(), cast);
        }
        Expression value = cast.getLeftExpression();
        if (target.equals("CHAR") && value instanceof StringValue) {
            return value; // 'x'::text is the literal itself
        }
        return new CastExpression("CAST", value, target);
    }

    private Expression column(Column c) {
        if (dialect == Dialect.POSTGRESQL) {
            String raw = c.getColumnName();
            if (!raw.startsWith("\"") && PG_KEYWORD_NAMES.contains(raw.toLowerCase(Locale.ROOT))) {
                throw untranslatable(raw.toUpperCase(Locale.ROOT), c);
            }
            if (!raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
                c.setColumnName(Identifiers.quoteMysql(unquotePg(raw)));
            }
        }
        Table q = c.getTable();
        if (q != null && q.getName() != null) {
            if (q.getSchemaName() != null) {
                ObjectName dst = target(q);
                q.setSchemaName(Identifiers.quoteMysql(dst.database()));
                q.setName(Identifiers.quoteMysql(dst.table()));
            } else if (dialect == Dialect.POSTGRESQL) {
                q.setName(Identifiers.quoteMysql(unquotePg(q.getName()))); // an alias or the table's own name
            }
        }
        return c;
    }

    private Table table(Table t) {
        if (t.getSchemaName() == null && commonTableNames.contains(unquote(t.getName()).toLowerCase(Locale.ROOT))) {
            return t;
        }
        if (t.getSchemaName() == null && dialect == Dialect.POSTGRESQL) {
            throw untranslatable("unqualified table reference " + t.getName(), t);
        }
        String sourceName = unquote(t.getName());
        ObjectName dst = target(t);
        t.setSchemaName(Identifiers.quoteMysql(dst.database()));
        t.setName(Identifiers.quoteMysql(dst.table()));
        if (t.getAlias() != null) {
            rewrite(t.getAlias());
        } else if (dialect == Dialect.POSTGRESQL && !dst.table().equals(sourceName)) {
            // PostgreSQL qualifies columns with the bare table name: keep that name valid after a rename.
            t.setAlias(new Alias(Identifiers.quoteMysql(sourceName), true));
        }
        return t;
    }

    private ObjectName target(Table t) {
        String db = t.getSchemaName() == null ? sourceDatabase : unquote(t.getSchemaName());
        ObjectName src = new ObjectName(db, unquote(t.getName()));
        ObjectName dst = renames.get(src);
        if (dst == null) {
            throw new UntranslatableViewException("it references " + src + ", which is not migrated (not selected, or not a "
                    + "table or view)");
        }
        return dst;
    }

    private String unquote(String name) {
        return dialect == Dialect.POSTGRESQL ? unquotePg(name) : unquoteMysql(name);
    }

    static String unquotePg(String name) {
        return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
                ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name;
    }

    static String unquoteMysql(String name) {
        return name.length() >= 2 && name.startsWith("`") && name.endsWith("`")
                ? name.substring(1, name.length() - 1).replace("``", "`") : name;
    }
}
