package io.obkc.schema.convert;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.obkc.common.rules.ObjectName;
import io.obkc.schema.model.ColumnDef;
import io.obkc.schema.model.TableDef;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;

/**
 * The value types of a PostgreSQL view's expressions, as far as the source tables tell them, and the rule that
 * decides whether an operation prints the same value in MySQL mode. {@code ||}, {@code ::text} and arithmetic are
 * the same only for some types: a timestamp cast to text has no fraction in PostgreSQL but six digits in MySQL, a
 * boolean is {@code true} there and {@code 1} here, {@code date + 1} adds a day there and makes a number here,
 * {@code jsonb || jsonb} merges there. Unknown types (columns of subqueries or views) are refused for these operations.
 */
final class PgValueTypes {
    enum Kind {
        TEXT, INTEGER, DECIMAL, UNBOUNDED_DECIMAL, FLOAT, DATE, TIMESTAMP, TIME, BOOLEAN, NULL, OTHER, UNKNOWN
    }

    private static final Set<Kind> PRINTS_THE_SAME = Set.of(Kind.TEXT, Kind.INTEGER, Kind.DECIMAL, Kind.DATE, Kind.NULL);
    private static final Set<Kind> NUMBERS = Set.of(Kind.INTEGER, Kind.DECIMAL, Kind.UNBOUNDED_DECIMAL, Kind.FLOAT, Kind.NULL);

    /** Lower-cased table name or alias -> the table (null: a view, a subquery or ambiguous). */
    private final Map<String, TableDef> byQualifier;
    private final List<TableDef> all;

    private PgValueTypes(Map<String, TableDef> byQualifier, List<TableDef> all) {
        this.byQualifier = byQualifier;
        this.all = all;
    }

    static PgValueTypes of(Object statement, Map<ObjectName, TableDef> sourceTables) {
        Map<String, TableDef> byQualifier = new HashMap<>();
        List<TableDef> all = new ArrayList<>();
        for (Table t : tables(statement)) {
            if (t.getSchemaName() == null) {
                continue;
            }
            TableDef def = sourceTables.get(new ObjectName(ViewSqlTranslator.unquotePg(t.getSchemaName()),
                    ViewSqlTranslator.unquotePg(t.getName())));
            String q = ViewSqlTranslator.unquotePg(t.getAlias() != null ? t.getAlias().getName() : t.getName()).toLowerCase(Locale.ROOT);
            if (byQualifier.containsKey(q) && byQualifier.get(q) != def) {
                byQualifier.put(q, null); // the same name in two scopes: do not guess
            } else {
                byQualifier.put(q, def);
            }
            if (def != null && !all.contains(def)) {
                all.add(def);
            }
        }
        return new PgValueTypes(byQualifier, all);
    }

    /** Why the node would give a different value in MySQL mode, or null when it gives the same. */
    String problem(Object node) {
        if (node instanceof Concat c) {
            for (Expression e : List.of(c.getLeftExpression(), c.getRightExpression())) {
                Kind k = kind(e);
                if (!PRINTS_THE_SAME.contains(k)) {
                    return "|| on a value of type " + describe(k) + " (" + e + ")";
                }
            }
        } else if (node instanceof CastExpression cast) {
            Kind to = castKind(cast);
            Kind from = kind(cast.getLeftExpression());
            boolean literal = cast.getLeftExpression() instanceof StringValue;
            boolean same = switch (to) {
                case TEXT -> PRINTS_THE_SAME.contains(from);
                case INTEGER, DECIMAL -> from == Kind.TEXT || from == Kind.INTEGER || from == Kind.DECIMAL
                        || from == Kind.UNBOUNDED_DECIMAL || from == Kind.NULL;
                case FLOAT -> NUMBERS.contains(from) || literal;
                case DATE, TIMESTAMP -> literal || from == Kind.DATE || from == Kind.TIMESTAMP || from == Kind.NULL;
                case TIME -> literal || from == Kind.TIME || from == Kind.TIMESTAMP || from == Kind.NULL;
                default -> true; // refused by the cast mapping itself
            };
            if (!same) {
                return "cast of a value of type " + describe(from) + " to " + cast.getColDataType();
            }
        } else if (node instanceof Addition || node instanceof Subtraction || node instanceof Multiplication) {
            BinaryExpression b = (BinaryExpression) node;
            for (Expression e : List.of(b.getLeftExpression(), b.getRightExpression())) {
                Kind k = kind(e);
                if (!NUMBERS.contains(k)) {
                    return "arithmetic on a value of type " + describe(k) + " (" + e + ")";
                }
            }
        }
        return null;
    }

    private static String describe(Kind k) {
        return k == Kind.UNKNOWN ? "unknown to OBKC" : k.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    Kind kind(Expression e) {
        if (e instanceof StringValue) {
            return Kind.TEXT;
        }
        if (e instanceof LongValue) {
            return Kind.INTEGER;
        }
        if (e instanceof DoubleValue) {
            return Kind.DECIMAL; // 1.5 is numeric in PostgreSQL
        }
        if (e instanceof NullValue) {
            return Kind.NULL;
        }
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            return kind((Expression) p.get(0));
        }
        if (e instanceof SignedExpression s) {
            return kind(s.getExpression());
        }
        if (e instanceof Column c) {
            ColumnDef col = column(c);
            return col == null ? Kind.UNKNOWN : kindOfColumn(col);
        }
        if (e instanceof CastExpression cast) {
            return castKind(cast);
        }
        if (e instanceof Concat) {
            return Kind.TEXT;
        }
        if (e instanceof Addition || e instanceof Subtraction || e instanceof Multiplication) {
            Kind l = kind(((BinaryExpression) e).getLeftExpression());
            Kind r = kind(((BinaryExpression) e).getRightExpression());
            if (!NUMBERS.contains(l) || !NUMBERS.contains(r)) {
                return Kind.OTHER;
            }
            for (Kind widest : List.of(Kind.FLOAT, Kind.UNBOUNDED_DECIMAL, Kind.DECIMAL)) {
                if (l == widest || r == widest) {
                    return widest;
                }
            }
            return Kind.INTEGER;
        }
        if (e instanceof CaseExpression ce) {
            Kind k = null;
            List<Expression> results = new ArrayList<>();
            for (WhenClause w : ce.getWhenClauses()) {
                results.add(w.getThenExpression());
            }
            if (ce.getElseExpression() != null) {
                results.add(ce.getElseExpression());
            }
            for (Expression r : results) {
                Kind rk = kind(r);
                if (rk == Kind.NULL) {
                    continue;
                }
                if (k != null && k != rk) {
                    return Kind.UNKNOWN;
                }
                k = rk;
            }
            return k == null ? Kind.NULL : k;
        }
        if (e instanceof Function f) {
            String n = f.getName().toLowerCase(Locale.ROOT);
            List<?> args = f.getParameters() == null ? List.of() : f.getParameters();
            return switch (n) {
                case "upper", "lower", "replace", "btrim", "ltrim", "rtrim", "substr", "substring", "concat" -> Kind.TEXT;
                case "length", "char_length", "character_length", "count" -> Kind.INTEGER;
                case "min", "max", "abs", "coalesce", "nullif" -> args.isEmpty() ? Kind.UNKNOWN : kind((Expression) args.get(0));
                default -> Kind.UNKNOWN; // sum(integer) is bigint in PostgreSQL but DECIMAL in MySQL: same value, unknown print
            };
        }
        return Kind.UNKNOWN;
    }

    private static Kind castKind(CastExpression cast) {
        String t = cast.getColDataType().getDataType().toLowerCase(Locale.ROOT).replace("\"", "").replaceAll("\\s*\\(.*", "").trim();
        return switch (t) {
            case "text", "name", "varchar", "character varying", "char", "character", "bpchar" -> Kind.TEXT;
            case "int2", "smallint", "int4", "int", "integer", "int8", "bigint" -> Kind.INTEGER;
            case "numeric", "decimal" -> cast.getColDataType().toString().contains("(") ? Kind.DECIMAL : Kind.UNBOUNDED_DECIMAL;
            case "float8", "double precision" -> Kind.FLOAT;
            case "date" -> Kind.DATE;
            case "timestamp", "timestamp without time zone" -> Kind.TIMESTAMP;
            case "time", "time without time zone" -> Kind.TIME;
            default -> Kind.OTHER;
        };
    }

    static Kind kindOfColumn(ColumnDef c) {
        String t = c.dataType;
        if (c.domain != null || c.arrayDimensions > 0) {
            return Kind.OTHER;
        }
        return switch (t) {
            case "text", "character varying", "character", "name", "enum" -> Kind.TEXT;
            case "smallint", "integer", "bigint" -> Kind.INTEGER;
            case "numeric" -> c.scale != null ? Kind.DECIMAL : Kind.UNBOUNDED_DECIMAL;
            case "real", "double precision" -> Kind.FLOAT;
            case "date" -> Kind.DATE;
            case "timestamp without time zone" -> Kind.TIMESTAMP;
            case "time without time zone" -> Kind.TIME;
            case "boolean" -> Kind.BOOLEAN;
            default -> Kind.OTHER;
        };
    }

    private ColumnDef column(Column c) {
        String name = ViewSqlTranslator.unquotePg(c.getColumnName());
        Table q = c.getTable();
        if (q != null && q.getName() != null) {
            if (q.getSchemaName() != null) {
                return null;
            }
            TableDef t = byQualifier.get(ViewSqlTranslator.unquotePg(q.getName()).toLowerCase(Locale.ROOT));
            return t == null ? null : t.column(name).orElse(null);
        }
        ColumnDef found = null;
        for (TableDef t : all) {
            ColumnDef col = t.column(name).orElse(null);
            if (col != null) {
                if (found != null) {
                    return null;
                }
                found = col;
            }
        }
        return found;
    }

    /** Every FROM-item table of the statement (column qualifiers are Tables too, but are not walked into). */
    private static List<Table> tables(Object root) {
        List<Table> out = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(root, out, seen);
        return out;
    }

    private static void collect(Object node, List<Table> out, Set<Object> seen) {
        if (node instanceof List<?> list) {
            list.forEach(o -> collect(o, out, seen));
            return;
        }
        if (node == null || node instanceof Enum || !node.getClass().getName().startsWith("net.sf.jsqlparser.")
                || node.getClass().getName().startsWith("net.sf.jsqlparser.parser.") || !seen.add(node) || node instanceof Column) {
            return;
        }
        if (node instanceof Table t) {
            out.add(t);
            return;
        }
        for (Class<?> k = node.getClass(); k != null && k.getName().startsWith("net.sf.jsqlparser."); k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive() || f.getType() == String.class) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    collect(f.get(node), out, seen);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot read " + k.getSimpleName() + "." + f.getName() + ": " + e, e);
                }
            }
        }
    }
}
