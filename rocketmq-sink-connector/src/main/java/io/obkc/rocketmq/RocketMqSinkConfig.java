package io.obkc.rocketmq;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/** The typed settings of {@link RocketMqSinkConnector}; the reference table in docs/rocketmq-sink-connector.md is generated from {@link #CONFIG_DEF}. */
public final class RocketMqSinkConfig extends AbstractConfig {
    public static final String NAMESRV_ADDR = "rocketmq.namesrv.addr";
    public static final String TOPIC = "rocketmq.topic";
    public static final String PRODUCER_GROUP = "rocketmq.producer.group";
    public static final String ACCESS_KEY = "rocketmq.access.key";
    public static final String SECRET_KEY = "rocketmq.secret.key";
    public static final String SEND_TIMEOUT_MS = "rocketmq.send.timeout.ms";
    public static final String SEND_RETRIES = "rocketmq.send.retries";
    public static final String RETRY_BACKOFF_MS = "rocketmq.retry.backoff.ms";
    public static final String BATCH_MAX_BYTES = "rocketmq.batch.max.bytes";
    public static final String VALUE_CONVERTER = "rocketmq.value.converter";
    /** Settings under this prefix go to the value converter with the prefix removed. */
    public static final String VALUE_CONVERTER_PREFIX = VALUE_CONVERTER + ".";

    private static final String GROUP_CONNECTION = "RocketMQ connection";
    private static final String GROUP_ROUTING = "Routing";
    private static final String GROUP_DELIVERY = "Delivery";
    private static final String GROUP_SERIALIZATION = "Serialization";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(NAMESRV_ADDR, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, "Name server addresses, host:port separated by semicolons, e.g. `ns1:9876;ns2:9876`.",
                    GROUP_CONNECTION, 1, Width.LONG, "Name servers")
            .define(PRODUCER_GROUP, Type.STRING, "obkc-rocketmq-sink", new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.MEDIUM, "Producer group the connector's producers join (shown by `mqadmin producerConnection`).",
                    GROUP_CONNECTION, 2, Width.MEDIUM, "Producer group")
            .define(ACCESS_KEY, Type.STRING, null, Importance.MEDIUM,
                    "ACL access key. Leave empty for a cluster without ACL; set together with `" + SECRET_KEY + "`.",
                    GROUP_CONNECTION, 3, Width.MEDIUM, "Access key")
            .define(SECRET_KEY, Type.PASSWORD, null, Importance.MEDIUM,
                    "ACL secret key (never logged). Set together with `" + ACCESS_KEY + "`.",
                    GROUP_CONNECTION, 4, Width.MEDIUM, "Secret key")
            .define(TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, "RocketMQ topic to write to: a fixed name, or a template with `${topic}` (the Kafka topic), "
                            + "`${database}` and `${table}` (from the change event's `source` block, else from the Kafka topic's "
                            + "last two dot-separated parts). Characters RocketMQ does not allow in topic names (anything but "
                            + "letters, digits, `_`, `-`, `%` and `|`) become `_`. The topic must exist: the connector never creates it.",
                    GROUP_ROUTING, 1, Width.LONG, "Topic")
            .define(SEND_TIMEOUT_MS, Type.INT, 3000, ConfigDef.Range.atLeast(100), Importance.MEDIUM,
                    "Time to wait for the broker's acknowledgement of one send, in milliseconds.",
                    GROUP_DELIVERY, 1, Width.SHORT, "Send timeout (ms)")
            .define(SEND_RETRIES, Type.INT, 60, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "How many times a failed send (or a failed route lookup) is retried before the task fails; with the "
                            + "default backoff, 60 rides out about a minute of broker outage. Keep retries × (send timeout + "
                            + "backoff) below the worker's `consumer.max.poll.interval.ms` (5 minutes by default).",
                    GROUP_DELIVERY, 2, Width.SHORT, "Send retries")
            .define(RETRY_BACKOFF_MS, Type.LONG, 1000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Wait between two tries of a failed send, in milliseconds.",
                    GROUP_DELIVERY, 3, Width.SHORT, "Retry backoff (ms)")
            .define(BATCH_MAX_BYTES, Type.INT, 1024 * 1024, ConfigDef.Range.between(1024, 4 * 1024 * 1024), Importance.LOW,
                    "Largest batch sent to one queue in one request, in bytes of message bodies. Must stay below the broker's "
                            + "`maxMessageSize` (4 MiB by default). A single larger message is sent alone.",
                    GROUP_DELIVERY, 4, Width.SHORT, "Batch size (bytes)")
            .define(VALUE_CONVERTER, Type.CLASS, "org.apache.kafka.connect.json.JsonConverter", Importance.HIGH,
                    "Kafka Connect `Converter` that turns each record's value into the message body, e.g. one of the OBKC "
                            + "OMS format converters (`io.obkc.converters.CanalConverter`, `io.obkc.converters.OmsDefaultConverter`, "
                            + "...; see docs/converters.md) or Kafka's `JsonConverter`. Its settings are given with the prefix `"
                            + VALUE_CONVERTER_PREFIX + "`, e.g. `" + VALUE_CONVERTER_PREFIX + "schemas.enable=false`. "
                            + "It must be visible to this plugin's class loader (the OBKC bundle ships both).",
                    GROUP_SERIALIZATION, 1, Width.LONG, "Value converter");

    public RocketMqSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    public String namesrvAddr() {
        return getString(NAMESRV_ADDR);
    }

    public String topic() {
        return getString(TOPIC);
    }

    public String producerGroup() {
        return getString(PRODUCER_GROUP);
    }

    /** The access key, or null when ACL is not used. */
    public String accessKey() {
        String k = getString(ACCESS_KEY);
        return k == null || k.isBlank() ? null : k;
    }

    public Password secretKey() {
        return getPassword(SECRET_KEY);
    }

    public int sendTimeoutMs() {
        return getInt(SEND_TIMEOUT_MS);
    }

    public int sendRetries() {
        return getInt(SEND_RETRIES);
    }

    public long retryBackoffMs() {
        return getLong(RETRY_BACKOFF_MS);
    }

    public int batchMaxBytes() {
        return getInt(BATCH_MAX_BYTES);
    }

    public Class<?> valueConverterClass() {
        return getClass(VALUE_CONVERTER);
    }

    public Map<String, Object> valueConverterSettings() {
        return originalsWithPrefix(VALUE_CONVERTER_PREFIX);
    }
}
