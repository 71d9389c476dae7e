package io.obkc.verifier.core;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import io.obkc.verifier.model.RowValue;
import io.obkc.verifier.model.TypeCategory;

/**
 * Row-level equality of two canonical values. Canonical texts are equal for equal data by construction; two
 * cases get a second, engine-independent look in Java because SQL cannot normalize them identically everywhere:
 * JSON (MariaDB keeps JSON as text; number spellings differ) and floating point: the canonical text is the shortest
 * that reads back as the same double, but where a shorter text lies exactly halfway between two doubles MySQL's
 * dtoa takes it and PostgreSQL's Ryu does not ({@code 1.649680902610684e17} vs {@code 1.6496809026106842e17}), so
 * both are read back as doubles and compared exactly, without tolerance.
 * NULL never equals anything but NULL, so NULL vs '' is always a difference.
 */
public final class ValueComparator {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ValueComparator() {
    }

    public static boolean same(RowValue a, RowValue b, TypeCategory ca, TypeCategory cb) {
        if (a.isNull() || b.isNull()) {
            return a.isNull() && b.isNull();
        }
        if (a.canonical().equals(b.canonical())) {
            return true;
        }
        if (ca == TypeCategory.JSON || cb == TypeCategory.JSON) {
            String ja = normalizeJson(a.canonical());
            return ja != null && ja.equals(normalizeJson(b.canonical()));
        }
        if (isFloat(ca) || isFloat(cb)) {
            return sameNumber(a.canonical(), b.canonical());
        }
        return false;
    }

    private static boolean isFloat(TypeCategory c) {
        return c == TypeCategory.FLOAT || c == TypeCategory.DOUBLE;
    }

    /**
     * Equal when both read back as the same double (correctly rounded, as every engine reads them); -0 equals 0.
     * NaN and infinities only equal their own spelling (checked before). FLOAT canonical texts are the float's exact
     * double value, so this is exact for them too.
     */
    static boolean sameNumber(String a, String b) {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** JSON with object keys sorted, numbers without trailing zeros, no insignificant whitespace; null if not JSON. */
    public static String normalizeJson(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            write(n, sb);
            return sb.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static void write(JsonNode n, StringBuilder sb) {
        if (n.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(TextNode.valueOf(e.getKey()).toString()).append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(n.get(i), sb);
            }
            sb.append(']');
        } else if (n.isNumber()) {
            BigDecimal d = n.decimalValue();
            sb.append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
        } else {
            sb.append(Objects.toString(n));
        }
    }
}
