package io.obkc.sink.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Reads Debezium's transaction metadata ({@code provide.transaction.metadata=true}): the {@code transaction} block
 * of a change event, and the BEGIN/END records of the transaction topic. An END record counts the transaction's
 * events per data collection; the sink uses that to know when it has all of a transaction's rows.
 */
public final class TransactionMetadata {
    private TransactionMetadata() {
    }

    /** An END record: the transaction's id and its number of events per data collection ("db.table"). */
    public record End(String id, long eventCount, Map<String, Long> perCollection) {
    }

    /** The id in a change event's {@code transaction} block, or null (a snapshot read, or metadata not enabled). */
    public static String transactionId(SinkRecord record) {
        if (!(record.value() instanceof Struct v)) {
            return null;
        }
        Field f = v.schema().field("transaction");
        if (f == null || f.schema().type() != Schema.Type.STRUCT) {
            return null;
        }
        Struct tx = v.getStruct("transaction");
        if (tx == null || tx.schema().field("id") == null) {
            return null;
        }
        Object id = tx.getWithoutDefault("id");
        return id == null ? null : id.toString();
    }

    /** True for a record of Debezium's transaction topic (BEGIN or END). */
    public static boolean isBoundary(SinkRecord record) {
        if (!(record.value() instanceof Struct v)) {
            return false;
        }
        Schema s = v.schema();
        return s.field("status") != null && s.field("id") != null && s.field("event_count") != null && s.field("data_collections") != null
                && s.field("before") == null;
    }

    /** The END record's content, or null for a BEGIN or any other record. */
    public static End end(SinkRecord record) {
        if (!isBoundary(record)) {
            return null;
        }
        Struct v = (Struct) record.value();
        if (!"END".equals(v.getWithoutDefault("status"))) {
            return null;
        }
        Map<String, Long> per = new LinkedHashMap<>();
        Object collections = v.getWithoutDefault("data_collections");
        if (collections instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Struct c) {
                    Object n = c.getWithoutDefault("event_count");
                    per.merge(String.valueOf(c.getWithoutDefault("data_collection")), n == null ? 0L : ((Number) n).longValue(), Long::sum);
                }
            }
        }
        Object count = v.getWithoutDefault("event_count");
        return new End(String.valueOf(v.getWithoutDefault("id")), count == null ? 0L : ((Number) count).longValue(), per);
    }
}
