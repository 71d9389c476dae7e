package io.obkc.smt.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import io.obkc.common.connect.StructValues;

/**
 * Reads and copies named fields of a "row-like" value: a schemaful {@link Struct} or a schemaless
 * {@link Map}. Every SMT goes through this so Structs and Maps are handled the same way.
 */
public final class Fields {
    private Fields() {
    }

    /** True for the two value kinds the SMTs can look into. */
    public static boolean isRowLike(Object value) {
        return value instanceof Struct || value instanceof Map;
    }

    /** The field's value, or null when the value is not row-like or has no such field. */
    public static Object get(Object row, String name) {
        if (row instanceof Struct) {
            Struct s = (Struct) row;
            Field f = s.schema().field(name);
            return f == null ? null : StructValues.valueOf(s, f);
        }
        if (row instanceof Map) {
            return ((Map<?, ?>) row).get(name);
        }
        return null;
    }

    /** The field's value as a string, or null. */
    public static String getString(Object row, String name) {
        Object v = get(row, name);
        return v == null ? null : v.toString();
    }

    /** True when the row has the field (even if its value is null). */
    public static boolean has(Object row, String name) {
        if (row instanceof Struct) {
            return ((Struct) row).schema().field(name) != null;
        }
        if (row instanceof Map) {
            return ((Map<?, ?>) row).containsKey(name);
        }
        return false;
    }

    /** The field's schema for a Struct row, or null (schemaless rows, unknown fields). */
    public static Schema schemaOf(Object row, String name) {
        if (row instanceof Struct) {
            Field f = ((Struct) row).schema().field(name);
            return f == null ? null : f.schema();
        }
        return null;
    }

    /**
     * A copy of {@code row} with one field replaced. The original is never changed, because the
     * same record object may still be referenced by the worker (error reporting, retries).
     */
    public static Object with(Object row, String name, Object value) {
        if (row instanceof Struct) {
            Struct s = (Struct) row;
            Struct copy = new Struct(s.schema());
            for (Field f : s.schema().fields()) {
                copy.put(f, f.name().equals(name) ? value : StructValues.valueOf(s, f));
            }
            return copy;
        }
        if (row instanceof Map) {
            Map<Object, Object> copy = new LinkedHashMap<>((Map<?, ?>) row);
            copy.put(name, value);
            return copy;
        }
        throw new IllegalArgumentException("Not a Struct or Map: " + row.getClass().getName());
    }
}
