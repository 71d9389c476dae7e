package io.obkc.smt;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.obkc.common.connect.StructValues;
import io.obkc.common.rules.ObjectName;
import io.obkc.smt.support.BundleTransformation;
import io.obkc.smt.support.ChangeRecord;
import io.obkc.smt.support.Fields;
import io.obkc.smt.support.TableNames;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

import io.obkc.common.config.Choices;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Sets the record's Kafka partition the way OMS partitions Kafka targets:
 * <ul>
 *   <li>{@code single}: every record to one partition (order kept across all tables);</li>
 *   <li>{@code primary_key}: murmur2 of the canonical key string modulo {@code partitions}
 *       (order kept per row); with {@code fields}, the hash is over those row columns instead
 *       (OMS sharding columns);</li>
 *   <li>{@code table}: murmur2 of {@code db.table} modulo {@code partitions} (order kept per table).</li>
 * </ul>
 * The canonical key string is the key's field values in schema order (schemaless maps: sorted by
 * field name), each as plain text, joined by U+0001 as OMS joins primary-key values. A record
 * without key values falls back to the table hash. With {@code partitions} unset the hash modes
 * leave the partition alone, since a modulo of an unknown count would be meaningless.
 */
public class OmsPartitioner<R extends ConnectRecord<R>> extends BundleTransformation<R> {
    public static final String MODE_CONFIG = "mode";
    public static final String PARTITION_CONFIG = "partition";
    public static final String PARTITIONS_CONFIG = "partitions";
    public static final String FIELDS_CONFIG = "fields";

    enum Mode { SINGLE, PRIMARY_KEY, TABLE }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(MODE_CONFIG, ConfigDef.Type.STRING, "primary_key",
                    ConfigDef.CaseInsensitiveValidString.in("single", "primary_key", "table"), ConfigDef.Importance.HIGH,
                    "single: all records to 'partition'; primary_key: hash of the key (or of 'fields'); table: hash of db.table.", null, -1, ConfigDef.Width.NONE, MODE_CONFIG, Choices.of("single", "primary_key", "table"))
            .define(PARTITION_CONFIG, ConfigDef.Type.INT, 0, ConfigDef.Range.atLeast(0), ConfigDef.Importance.MEDIUM,
                    "The partition for mode=single.")
            .define(PARTITIONS_CONFIG, ConfigDef.Type.INT, -1, ConfigDef.Importance.HIGH,
                    "Number of partitions of the target topic, for the hash modes. -1 (unset) leaves the partition unchanged.")
            .define(FIELDS_CONFIG, ConfigDef.Type.LIST, "", ConfigDef.Importance.MEDIUM,
                    "mode=primary_key only: hash these row columns (OMS sharding columns) instead of the record key.");

    static {
        TableNames.define(CONFIG_DEF);
    }

    private static final String SEPARATOR = "\u0001";

    private Mode mode;
    private int partition;
    private int partitions;
    private List<String> fields;
    private TableNames.DatabaseField databaseField;

    public OmsPartitioner() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        mode = Mode.valueOf(config.getString(MODE_CONFIG).toUpperCase(Locale.ROOT));
        partition = config.getInt(PARTITION_CONFIG);
        partitions = config.getInt(PARTITIONS_CONFIG);
        if (partitions == 0 || partitions < -1) {
            throw new ConfigException(PARTITIONS_CONFIG, partitions, "Must be a positive partition count, or -1 for unknown");
        }
        fields = config.getList(FIELDS_CONFIG).stream().filter(s -> !s.isBlank()).toList();
        databaseField = TableNames.DatabaseField.parse(config.getString(TableNames.DATABASE_FIELD_CONFIG));
    }

    @Override
    public R apply(R record) {
        Integer target = partitionOf(record);
        if (target == null || target.equals(record.kafkaPartition())) {
            return record;
        }
        return record.newRecord(record.topic(), target, record.keySchema(), record.key(), record.valueSchema(),
                record.value(), record.timestamp(), record.headers());
    }

    private Integer partitionOf(R record) {
        if (mode == Mode.SINGLE) {
            return partition;
        }
        if (partitions < 0) {
            return null;
        }
        ChangeRecord r = ChangeRecord.of(record);
        String hashed = null;
        if (mode == Mode.PRIMARY_KEY) {
            hashed = fields.isEmpty() ? canonicalKey(record.key()) : canonicalColumns(r.row());
        }
        if (hashed == null) {
            ObjectName table = TableNames.of(r, databaseField);
            hashed = table.hasDatabase() ? table.database() + "." + table.table() : table.table();
        }
        return hashPartition(hashed, partitions);
    }

    /** murmur2 of the UTF-8 text, made non-negative, modulo the partition count (Kafka's own key partitioning). */
    static int hashPartition(String text, int partitions) {
        return Utils.toPositive(Utils.murmur2(text.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The canonical key string, or null when the key carries no values. */
    static String canonicalKey(Object key) {
        if (key == null) {
            return null;
        }
        if (key instanceof Struct) {
            Struct s = (Struct) key;
            StringBuilder sb = new StringBuilder();
            for (Field f : s.schema().fields()) {
                if (f.index() > 0) {
                    sb.append(SEPARATOR);
                }
                sb.append(text(StructValues.valueOf(s, f)));
            }
            return s.schema().fields().isEmpty() ? null : sb.toString();
        }
        if (key instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) key;
            if (m.isEmpty()) {
                return null;
            }
            TreeMap<String, Object> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            return String.join(SEPARATOR, sorted.values().stream().map(OmsPartitioner::text).toList());
        }
        return text(key);
    }

    private String canonicalColumns(Object row) {
        if (row == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(SEPARATOR);
            }
            sb.append(text(Fields.get(row, fields.get(i))));
        }
        return sb.toString();
    }

    /** Plain text of one key value: decimals without exponent, bytes as base64, null as the empty string. */
    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        if (v instanceof byte[]) {
            return Base64.getEncoder().encodeToString((byte[]) v);
        }
        if (v instanceof ByteBuffer) {
            ByteBuffer b = ((ByteBuffer) v).duplicate();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return Base64.getEncoder().encodeToString(out);
        }
        return v.toString();
    }
}
