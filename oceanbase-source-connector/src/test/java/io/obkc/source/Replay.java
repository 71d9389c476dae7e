package io.obkc.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Applies change events to an in-memory copy of tables, strictly: a create of an existing key, or an update/delete of a
 * missing one (or with a before-image that differs from the copy), is an error. So a duplicate or a gap in the stream
 * cannot go unnoticed, and the final copy can be compared with the table.
 */
public final class Replay {
    /** topic to (key text to row as column name to value). */
    private final Map<String, Map<String, Map<String, Object>>> tables = new TreeMap<>();
    private final List<String> errors = new ArrayList<>();

    public Replay apply(List<SourceRecord> records) {
        for (SourceRecord r : records) {
            apply(r);
        }
        return this;
    }

    public void apply(SourceRecord r) {
        if (!(r.value() instanceof Struct v) || v.schema().field("op") == null) {
            return;
        }
        Map<String, Map<String, Object>> t = tables.computeIfAbsent(r.topic(), k -> new TreeMap<>());
        String op = v.getString("op");
        Struct before = v.getStruct("before");
        Struct after = v.getStruct("after");
        String key = String.valueOf(r.key());
        switch (op) {
            case "r", "c" -> {
                if (t.containsKey(key)) {
                    errors.add(op + " of existing key " + key + " in " + r.topic() + " at " + r.sourceOffset());
                }
                t.put(key, map(after));
            }
            case "u" -> {
                Map<String, Object> old = t.get(key);
                if (old == null) {
                    errors.add("u of missing key " + key + " in " + r.topic() + " at " + r.sourceOffset());
                } else if (!sameCommon(old, map(before))) {
                    errors.add("u with before " + map(before) + " but the copy has " + old + " at " + r.sourceOffset());
                }
                t.put(key, map(after));
            }
            case "d" -> {
                Map<String, Object> old = t.remove(key);
                if (old == null) {
                    errors.add("d of missing key " + key + " in " + r.topic() + " at " + r.sourceOffset());
                } else if (!sameCommon(old, map(before))) {
                    errors.add("d with before " + map(before) + " but the copy has " + old + " at " + r.sourceOffset());
                }
            }
            default -> errors.add("unknown op " + op);
        }
    }

    /** Equal on the columns both have (an image from before an ADD COLUMN lacks the new column). */
    private static boolean sameCommon(Map<String, Object> a, Map<String, Object> b) {
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (b.containsKey(e.getKey()) && !java.util.Objects.equals(b.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    public List<String> errors() {
        return errors;
    }

    public Map<String, Map<String, Object>> table(String topic) {
        return tables.getOrDefault(topic, Map.of());
    }

    static Map<String, Object> map(Struct s) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field f : s.schema().fields()) {
            Object v = s.get(f);
            m.put(f.name(), v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v);
        }
        return m;
    }
}
