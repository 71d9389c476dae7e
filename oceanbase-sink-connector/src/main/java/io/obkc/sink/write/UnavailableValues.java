package io.obkc.sink.write;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Finds the placeholder Debezium's PostgreSQL source sends for an unchanged TOASTed column it did not read
 * ({@code __debezium_unavailable_value} unless the source's unavailable.value.placeholder says otherwise): the text
 * itself, the bytes of the text (bytea), or an array holding it. Such a column's real value is only on the target,
 * so it must be left as it is there.
 */
public final class UnavailableValues {
    private static final UnavailableValues NONE = new UnavailableValues(null);

    private final String text;
    private final byte[] bytes;

    private UnavailableValues(String text) {
        this.text = text;
        this.bytes = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Detection of this placeholder; an empty or null one detects nothing. */
    public static UnavailableValues of(String placeholder) {
        return placeholder == null || placeholder.isEmpty() ? NONE : new UnavailableValues(placeholder);
    }

    /**
     * Per row schema, the fields whose type can carry the placeholder (strings, bytes, arrays of them, and fields
     * of unknown shape); the others are never looked at. Rows of one table share one Schema instance, so a steady
     * stream resolves this once and then checks only those fields. Checking every field of every row was a visible
     * share of the writer thread in the sink benchmark.
     */
    private record Candidates(Schema schema, Field[] fields) {
    }

    private Candidates last;

    /** The fields of the row that carry the placeholder, in schema order; empty (and no allocation) when none does. */
    public List<String> fieldsIn(Struct row) {
        if (text == null || row == null) {
            return List.of();
        }
        Candidates c = last;
        if (c == null || c.schema() != row.schema()) {
            c = candidates(row.schema());
            last = c;
        }
        List<String> out = null;
        for (Field f : c.fields()) {
            if (isPlaceholder(row.get(f))) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(f.name());
            }
        }
        return out == null ? List.of() : out;
    }

    private static Candidates candidates(Schema schema) {
        List<Field> out = new ArrayList<>();
        for (Field f : schema.fields()) {
            if (canCarry(f.schema())) {
                out.add(f);
            }
        }
        return new Candidates(schema, out.toArray(new Field[0]));
    }

    /**
     * Whether a value of this schema can be the placeholder: a string, bytes or an array (of anything: the check looks
     * into every element). Numbers, booleans, structs and maps never are: {@link #isPlaceholder} answers false for them.
     */
    static boolean canCarry(Schema schema) {
        if (schema == null) {
            return true;
        }
        return switch (schema.type()) {
            case STRING, BYTES, ARRAY -> true;
            default -> false;
        };
    }

    boolean isPlaceholder(Object v) {
        if (v instanceof String s) {
            return s.length() == text.length() && s.equals(text);
        }
        if (v instanceof byte[] b) {
            return Arrays.equals(b, bytes);
        }
        if (v instanceof ByteBuffer bb) {
            return bb.remaining() == bytes.length && bb.equals(ByteBuffer.wrap(bytes));
        }
        if (v instanceof Collection<?> c) {
            for (Object e : c) {
                if (isPlaceholder(e)) {
                    return true;
                }
            }
        }
        return false;
    }
}
