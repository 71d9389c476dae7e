package io.obkc.converters.format;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import io.obkc.common.connect.StructValues;
import io.obkc.converters.event.ColumnDef;
import io.obkc.converters.event.ConnectColumns;

/** Record-key helpers shared by the formats. */
final class Keys {

    /** OMS joins several key columns or values with this character ({@code record_primary_value}). */
    static final String SEPARATOR = "\u0001";

    private Keys() {
    }

    /**
     * The key values joined with {@link #SEPARATOR}, each rendered by {@code render}; the OMS-family formats use
     * this as the Kafka key so that Hash partitioning keeps each row's changes in order.
     */
    static byte[] joinedValues(Schema schema, Object key, BiFunction<ColumnDef, Object, String> render) {
        if (key == null) {
            return null;
        }
        if (!(key instanceof Struct struct)) {
            return key.toString().getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder();
        for (Field f : struct.schema().fields()) {
            if (sb.length() > 0) {
                sb.append(SEPARATOR);
            }
            ColumnDef col = ConnectColumns.columnOf(f);
            Object canonical = ConnectColumns.canonicalValue(col.kind(), f.schema(), StructValues.valueOf(struct, f));
            String text = render.apply(col, canonical);
            sb.append(text == null ? "" : text);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code [db, table]} from a Debezium topic name {@code <prefix>.<db>.<table>}; missing parts are null. */
    static String[] databaseAndTable(String topic) {
        if (topic == null) {
            return new String[] {null, null};
        }
        String[] parts = topic.split("\\.");
        return new String[] {parts.length >= 2 ? parts[parts.length - 2] : null, parts[parts.length - 1]};
    }
}
