package io.obkc.verifier.dialect;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import io.obkc.verifier.model.ColumnInfo;
import io.obkc.verifier.model.RowValue;
import io.obkc.verifier.model.TypeCategory;

/** Engine-neutral helpers for canonical values. */
final class Canon {
    static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /** Between the elements of a row's hash text. */
    static final String SEPARATOR = "|,";
    /** A NULL element of a row's hash text (a non-NULL element never contains it: its {@code |} are escaped). */
    static final String NULL_MARK = "|N";
    /** What a {@code |} inside an element becomes. */
    static final String ESCAPED_BAR = "|!";

    private Canon() {
    }

    /** Fractional digits to compare temporal values at: the lower of both sides, 0..6. */
    static int fraction(ColumnInfo c, ColumnInfo peer) {
        int p = c.fractionalDigits() < 0 ? 6 : c.fractionalDigits();
        if (peer != null && peer.fractionalDigits() >= 0) {
            p = Math.min(p, peer.fractionalDigits());
        }
        return Math.max(0, Math.min(6, p));
    }

    /** Bytes of the value as the target should store them, when the target column is binary. */
    static byte[] bytes(ColumnInfo sourceColumn, String canonical) {
        if (sourceColumn != null && sourceColumn.category() == TypeCategory.BINARY) {
            return HexFormat.of().parseHex(canonical);
        }
        return canonical.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Text of the value for a non-binary target column (binary sources are decoded as UTF-8). Canonical texts are
     * lossless: floats are the exact shortest round-trip text, JSON the whole document, so they are written as
     * they are.
     */
    static String text(ColumnInfo sourceColumn, RowValue v) {
        if (sourceColumn != null && sourceColumn.category() == TypeCategory.BINARY) {
            return new String(HexFormat.of().parseHex(v.canonical()), StandardCharsets.UTF_8);
        }
        return v.canonical();
    }

    /**
     * The SQL elements of a row's hash text, one per column: the canonical expression, with {@code |}
     * escaped where the column may contain one (through the engine's {@code replaceFunction}), and
     * NULL as {@link #NULL_MARK}. Each dialect joins them with {@link #SEPARATOR} in its own syntax.
     * A NOT NULL column of a kind whose canonical expression is never NULL for a value skips the COALESCE: it
     * would never apply, and the text is the same as with it.
     */
    static List<String> rowTextElements(List<ColumnInfo> columns, List<String> canonicalExpressions, String replaceFunction) {
        List<String> parts = new java.util.ArrayList<>(canonicalExpressions.size());
        for (int i = 0; i < canonicalExpressions.size(); i++) {
            ColumnInfo c = columns.get(i);
            String e = canonicalExpressions.get(i);
            if (mayContainBar(c)) {
                e = replaceFunction + "(" + e + ", '|', '" + ESCAPED_BAR + "')";
            }
            parts.add(!c.nullable() && neverNullForAValue(c) ? e : "COALESCE(" + e + ", '" + NULL_MARK + "')");
        }
        return parts;
    }

    /**
     * Kinds whose canonical expressions (casts, trims, charset conversion, REPLACE) give a non-NULL text for every
     * non-NULL value on every engine. Temporal kinds are left out: MySQL's formatting functions can return NULL
     * for zero dates.
     */
    private static boolean neverNullForAValue(ColumnInfo c) {
        return switch (c.category()) {
            case INTEGER, DECIMAL, STRING -> true;
            default -> false;
        };
    }

    /** Whether the canonical text of such a column may contain a {@code |} and so must be escaped in a row hash. */

    static boolean mayContainBar(ColumnInfo c) {
        return switch (c.category()) {
            case STRING, OTHER, JSON -> true;
            default -> false;
        };
    }

    /**
     * The row hash text in Java, exactly as the dialects build it in SQL (for tests and documentation): elements
     * joined by {@link #SEPARATOR}, {@code |} escaped, NULL as {@link #NULL_MARK}.
     */
    static String hashText(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(SEPARATOR);
            }
            String v = values.get(i);
            sb.append(v == null ? NULL_MARK : v.replace("|", ESCAPED_BAR));
        }
        return sb.toString();
    }

    /**
     * Whether the CRC32 row text carries a NULL flag for this column: it is nullable on either side, or of a kind
     * whose canonical expression may be NULL for a value (zero dates). Decided from both sides, so both build the
     * same text.
     */
    static boolean crcNullFlag(ColumnInfo c, ColumnInfo peer) {
        return c.nullable() || !neverNullForAValue(c) || peer != null && (peer.nullable() || !neverNullForAValue(peer));
    }

    /** Whether the CRC32 row text carries the byte length of this column's element: it may contain a {@code |}. */
    static boolean crcLength(ColumnInfo c, ColumnInfo peer) {
        return mayContainBar(c) || peer != null && mayContainBar(peer);
    }

    /**
     * The CRC32 row text in Java, exactly as the MySQL-family dialects build it in SQL with {@code CONCAT_WS('|', ...)}
     * (for tests and documentation). Elements, joined by {@code |}:
     * <ol>
     * <li>one element of {@code 0}/{@code 1} NULL flags, one digit per flagged column, when any column is flagged;</li>
     * <li>the UTF-8 byte length of each non-NULL value of a length column;</li>
     * <li>each non-NULL value.</li>
     * </ol>
     * It decodes uniquely: the flags say which values are present, hence how many lengths follow; values of columns
     * without a length never contain {@code |} (numbers, dates, hex), and the others are read by their length.
     */
    static String crcHashText(List<Boolean> flagged, List<Boolean> withLength, List<String> values) {
        List<String> elements = new java.util.ArrayList<>();
        StringBuilder flags = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (flagged.get(i)) {
                flags.append(values.get(i) == null ? '1' : '0');
            } else if (values.get(i) == null) {
                throw new IllegalArgumentException("column " + i + " is not flagged but NULL");
            }
        }
        if (!flags.isEmpty()) {
            elements.add(flags.toString());
        }
        for (int i = 0; i < values.size(); i++) {
            if (withLength.get(i) && values.get(i) != null) {
                elements.add(Integer.toString(values.get(i).getBytes(StandardCharsets.UTF_8).length));
            }
        }
        for (String v : values) {
            if (v != null) {
                elements.add(v);
            }
        }
        return String.join("|", elements);
    }

    static boolean isNumber(String s) {
        return s != null && NUMBER.matcher(s).matches();
    }

    static String plain(String number) {
        try {
            return new BigDecimal(number).toPlainString();
        } catch (NumberFormatException e) {
            return number;
        }
    }
}
