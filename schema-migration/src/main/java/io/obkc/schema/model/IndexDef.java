package io.obkc.schema.model;

import java.util.List;

/** An index or key. The primary key is an index of kind {@link Kind#PRIMARY}. */
public record IndexDef(String name, Kind kind, List<Part> parts, String comment) {
    public enum Kind {
        PRIMARY, UNIQUE, INDEX, FULLTEXT, SPATIAL
    }

    /** One key part: a column (with optional prefix length) or an expression (functional index). */
    public record Part(String column, String expression, Integer prefixLength, boolean descending) {
        public static Part column(String column) {
            return new Part(column, null, null, false);
        }

        public boolean isExpression() {
            return expression != null;
        }
    }

    public IndexDef {
        parts = List.copyOf(parts);
    }

    public boolean isUnique() {
        return kind == Kind.PRIMARY || kind == Kind.UNIQUE;
    }

    public List<String> columnNames() {
        return parts.stream().filter(p -> p.column() != null).map(Part::column).toList();
    }
}
