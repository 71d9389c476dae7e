package io.obkc.sink.table;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a target column should be widened to hold what a record's schema now says the
 * source column is: a longer VARCHAR/CHAR/VARBINARY/BINARY, a bigger integer, a DECIMAL with more
 * integer digits or scale, FLOAT to DOUBLE, more fractional seconds, a bigger TEXT/BLOB. It never
 * narrows and never changes the type family. Used for sources that emit no DDL (PostgreSQL), and as
 * a safety net when a MySQL row change overtakes its own MODIFY COLUMN event.
 */
public final class TypeWidening {
    private static final Pattern TYPE = Pattern.compile("^\\s*([a-z ]+?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*(unsigned)?\\s*(zerofill)?\\s*$");
    private static final List<String> INTEGERS = List.of("tinyint", "smallint", "mediumint", "int", "bigint");
    private static final List<String> TEXTS = List.of("tinytext", "text", "mediumtext", "longtext");
    private static final List<String> BLOBS = List.of("tinyblob", "blob", "mediumblob", "longblob");
    private static final Map<String, String> ALIASES = Map.of("integer", "int", "numeric", "decimal", "real", "double", "double precision", "double");

    private TypeWidening() {
    }

    record Parsed(String base, Integer p1, Integer p2, boolean unsigned) {
    }

    static Parsed parse(String type) {
        if (type == null) {
            return null;
        }
        Matcher m = TYPE.matcher(type.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        String base = m.group(1).trim();
        base = ALIASES.getOrDefault(base, base);
        return new Parsed(base, m.group(2) == null ? null : Integer.valueOf(m.group(2)), m.group(3) == null ? null : Integer.valueOf(m.group(3)),
                m.group(4) != null || m.group(5) != null);
    }

    /**
     * @param targetColumnType the target's COLUMN_TYPE, e.g. {@code varchar(10)}, {@code int(11)}, {@code decimal(5,2)}
     * @param wantedType       the type the record's schema maps to, e.g. {@code VARCHAR(50)}
     * @return the wider type to MODIFY the column to, or null when the target is already wide enough (or the change is not a widening)
     */
    public static String widerType(String targetColumnType, String wantedType) {
        return widerType(targetColumnType, wantedType, true);
    }

    /**
     * @param sizeDeclared whether the record states the size behind {@code wantedType} (a source length or decimal
     *                     precision, {@link ColumnTypeMapper#declaresSize}); when it does not, lengths, precisions and
     *                     fractional seconds in {@code wantedType} are defaults and never widen the target
     */
    public static String widerType(String targetColumnType, String wantedType, boolean sizeDeclared) {
        Parsed t = parse(targetColumnType);
        Parsed w = parse(wantedType);
        if (t == null || w == null) {
            return null;
        }
        String u = w.unsigned() ? " UNSIGNED" : "";
        if (INTEGERS.contains(t.base()) && INTEGERS.contains(w.base())) {
            if (t.unsigned() != w.unsigned() || INTEGERS.indexOf(w.base()) <= INTEGERS.indexOf(t.base())) {
                return null;
            }
            return w.base().toUpperCase(Locale.ROOT) + u;
        }
        if (t.base().equals("float") && w.base().equals("double")) {
            return "DOUBLE" + (t.unsigned() ? " UNSIGNED" : "");
        }
        for (List<String> family : List.of(TEXTS, BLOBS)) {
            if (family.contains(t.base()) && family.contains(w.base())) {
                return family.indexOf(w.base()) > family.indexOf(t.base()) ? w.base().toUpperCase(Locale.ROOT) : null;
            }
        }
        if (!sizeDeclared) {
            return null;
        }
        if (t.base().equals("decimal") && w.base().equals("decimal")) {
            if (t.unsigned() != w.unsigned()) {
                return null;
            }
            int tp = t.p1() == null ? 10 : t.p1();
            int ts = t.p2() == null ? 0 : t.p2();
            int wp = w.p1() == null ? 10 : w.p1();
            int ws = w.p2() == null ? 0 : w.p2();
            int digits = Math.max(tp - ts, wp - ws);
            int scale = Math.min(30, Math.max(ts, ws));
            int precision = Math.min(65, digits + scale);
            if (precision <= tp && scale <= ts || precision < tp || scale < ts) {
                return null;
            }
            return "DECIMAL(" + precision + "," + scale + ")" + u;
        }
        for (String lengthType : List.of("varchar", "char", "varbinary", "binary", "bit")) {
            if (t.base().equals(lengthType) && w.base().equals(lengthType)) {
                if (t.p1() == null || w.p1() == null || w.p1() <= t.p1()) {
                    return null;
                }
                return lengthType.toUpperCase(Locale.ROOT) + "(" + w.p1() + ")";
            }
        }
        for (String fspType : List.of("datetime", "timestamp", "time")) {
            if (t.base().equals(fspType) && w.base().equals(fspType)) {
                int tf = t.p1() == null ? 0 : t.p1();
                int wf = w.p1() == null ? 0 : w.p1();
                return wf > tf ? fspType.toUpperCase(Locale.ROOT) + "(" + wf + ")" : null;
            }
        }
        return null;
    }
}
