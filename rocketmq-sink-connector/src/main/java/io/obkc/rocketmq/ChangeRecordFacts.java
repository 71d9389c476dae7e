package io.obkc.rocketmq;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What routing needs from one record: the database and table it changes and its key values. A Debezium change
 * event names its table in the {@code source} block; other records fall back to the Kafka topic, whose last two
 * dot-separated parts are taken as database and table ({@code prefix.db.table}, as Debezium names topics).
 *
 * @param keyValues the record key's values as text, in field order; empty when the record has no key
 */
record ChangeRecordFacts(String database, String table, List<String> keyValues) {

    static ChangeRecordFacts of(SinkRecord record) {
        String database = null;
        String table = null;
        if (record.value() instanceof Struct value && value.schema().field("source") != null
                && value.get("source") instanceof Struct source) {
            database = text(source, "db");
            table = text(source, "table");
        }
        String[] parts = record.topic().split("\\.");
        if (table == null) {
            table = parts[parts.length - 1];
        }
        if (database == null && parts.length >= 2) {
            database = parts[parts.length - 2];
        }
        return new ChangeRecordFacts(database == null ? "" : database, table, keyValues(record.key()));
    }

    private static String text(Struct s, String field) {
        if (s.schema().field(field) == null) {
            return null;
        }
        Object v = s.get(field);
        return v == null ? null : v.toString();
    }

    /** The key's values as text: each field of a Struct key, each value of a map key, or the key itself. */
    static List<String> keyValues(Object key) {
        List<String> out = new ArrayList<>();
        if (key == null) {
            return out;
        }
        if (key instanceof Struct s) {
            for (Field f : s.schema().fields()) {
                out.add(valueText(s.get(f)));
            }
        } else if (key instanceof Map<?, ?> m) {
            m.values().forEach(v -> out.add(valueText(v)));
        } else {
            out.add(valueText(key));
        }
        return out;
    }

    private static String valueText(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (v instanceof ByteBuffer b) {
            ByteBuffer copy = b.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Struct s) {
            return String.join(",", keyValues(s));
        }
        if (v instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            c.forEach(e -> parts.add(valueText(e)));
            return String.join(",", parts);
        }
        return v.toString();
    }
}
