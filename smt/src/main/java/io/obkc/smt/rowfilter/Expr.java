package io.obkc.smt.rowfilter;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The parsed form of a row-filter expression. Nodes evaluate against a {@link RowValues}:
 * operands yield values, predicates yield {@code Boolean.TRUE}, {@code Boolean.FALSE} or null
 * (SQL's UNKNOWN, e.g. any comparison with NULL). Logic is SQL three-valued logic.
 * {@link #toString()} prints a fully parenthesised form, used by tests to check precedence.
 */
public sealed interface Expr {

    Object eval(RowValues row);

    /** A constant: BigDecimal, String, Boolean or null. */
    record Literal(Object value) implements Expr {
        @Override
        public Object eval(RowValues row) {
            return value;
        }

        @Override
        public String toString() {
            return value instanceof String ? "'" + ((String) value).replace("'", "''") + "'" : String.valueOf(value).toUpperCase(java.util.Locale.ROOT);
        }
    }

    record FieldRef(String name) implements Expr {
        @Override
        public Object eval(RowValues row) {
            return row.get(name);
        }

        @Override
        public String toString() {
            return "`" + name.replace("`", "``") + "`";
        }
    }

    record Negate(Expr operand) implements Expr {
        @Override
        public Object eval(RowValues row) {
            return Values.negate(operand.eval(row));
        }

        @Override
        public String toString() {
            return "-" + operand;
        }
    }

    record Not(Expr operand) implements Expr {
        @Override
        public Object eval(RowValues row) {
            Boolean b = Values.truth(operand.eval(row));
            return b == null ? null : !b;
        }

        @Override
        public String toString() {
            return "(NOT " + operand + ")";
        }
    }

    record And(Expr left, Expr right) implements Expr {
        @Override
        public Object eval(RowValues row) {
            Boolean l = Values.truth(left.eval(row));
            if (Boolean.FALSE.equals(l)) {
                return false;
            }
            Boolean r = Values.truth(right.eval(row));
            if (Boolean.FALSE.equals(r)) {
                return false;
            }
            return l == null || r == null ? null : true;
        }

        @Override
        public String toString() {
            return "(" + left + " AND " + right + ")";
        }
    }

    record Or(Expr left, Expr right) implements Expr {
        @Override
        public Object eval(RowValues row) {
            Boolean l = Values.truth(left.eval(row));
            if (Boolean.TRUE.equals(l)) {
                return true;
            }
            Boolean r = Values.truth(right.eval(row));
            if (Boolean.TRUE.equals(r)) {
                return true;
            }
            return l == null || r == null ? null : false;
        }

        @Override
        public String toString() {
            return "(" + left + " OR " + right + ")";
        }
    }

    enum CompareOp {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        CompareOp(String symbol) {
            this.symbol = symbol;
        }

        static CompareOp of(String text) {
            switch (text) {
                case "=": return EQ;
                case "!=": case "<>": return NE;
                case "<": return LT;
                case "<=": return LE;
                case ">": return GT;
                case ">=": return GE;
                default: throw new IllegalArgumentException(text);
            }
        }

        boolean test(int cmp) {
            switch (this) {
                case EQ: return cmp == 0;
                case NE: return cmp != 0;
                case LT: return cmp < 0;
                case LE: return cmp <= 0;
                case GT: return cmp > 0;
                default: return cmp >= 0;
            }
        }
    }

    record Compare(CompareOp op, Expr left, Expr right) implements Expr {
        @Override
        public Object eval(RowValues row) {
            Integer c = Values.compare(left.eval(row), right.eval(row));
            return c == null ? null : op.test(c);
        }

        @Override
        public String toString() {
            return "(" + left + " " + op.symbol + " " + right + ")";
        }
    }

    record In(Expr operand, List<Expr> candidates, boolean negated) implements Expr {
        @Override
        public Object eval(RowValues row) {
            Object v = operand.eval(row);
            boolean unknown = false;
            for (Expr e : candidates) {
                Integer c = Values.compare(v, e.eval(row));
                if (c == null) {
                    unknown = true;
                } else if (c == 0) {
                    return !negated;
                }
            }
            return unknown ? null : negated;
        }

        @Override
        public String toString() {
            return "(" + operand + (negated ? " NOT IN " : " IN ") + candidates + ")";
        }
    }

    record IsNull(Expr operand, boolean negated) implements Expr {
        @Override
        public Object eval(RowValues row) {
            return (operand.eval(row) == null) != negated;
        }

        @Override
        public String toString() {
            return "(" + operand + (negated ? " IS NOT NULL)" : " IS NULL)");
        }
    }

    /** LIKE with a literal pattern, compiled once: {@code %} any run, {@code _} one character, backslash escapes. */
    record Like(Expr operand, String pattern, Pattern regex, boolean negated) implements Expr {
        @Override
        public Object eval(RowValues row) {
            String s = Values.likeText(operand.eval(row));
            if (s == null) {
                return null;
            }
            return regex.matcher(s).matches() != negated;
        }

        @Override
        public String toString() {
            return "(" + operand + (negated ? " NOT LIKE '" : " LIKE '") + pattern.replace("'", "''") + "')";
        }

        // Pattern has identity equality; two LIKEs are equal when their pattern text is.
        @Override
        public boolean equals(Object o) {
            return o instanceof Like && ((Like) o).operand.equals(operand) && ((Like) o).pattern.equals(pattern)
                    && ((Like) o).negated == negated;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(operand, pattern, negated);
        }
    }

    record Between(Expr operand, Expr low, Expr high, boolean negated) implements Expr {
        @Override
        public Object eval(RowValues row) {
            Object v = operand.eval(row);
            Integer lo = Values.compare(v, low.eval(row));
            Integer hi = Values.compare(v, high.eval(row));
            Boolean geLow = lo == null ? null : lo >= 0;
            Boolean leHigh = hi == null ? null : hi <= 0;
            Boolean in;
            if (Boolean.FALSE.equals(geLow) || Boolean.FALSE.equals(leHigh)) {
                in = false;
            } else if (geLow == null || leHigh == null) {
                in = null;
            } else {
                in = true;
            }
            return in == null ? null : in != negated;
        }

        @Override
        public String toString() {
            return "(" + operand + (negated ? " NOT BETWEEN " : " BETWEEN ") + low + " AND " + high + ")";
        }
    }
}
