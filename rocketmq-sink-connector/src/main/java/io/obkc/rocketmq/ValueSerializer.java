package io.obkc.rocketmq;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;

/**
 * Turns a record's value into a message body with the Kafka Connect {@link Converter} named by
 * {@code rocketmq.value.converter}, configured with the {@code rocketmq.value.converter.*} settings, as the worker does
 * for its own converters. The class is loaded by name, so any converter on the plugin's class path works.
 */
final class ValueSerializer implements AutoCloseable {
    private final Converter converter;

    ValueSerializer(Class<?> converterClass, Map<String, Object> settings) {
        if (!Converter.class.isAssignableFrom(converterClass)) {
            throw new ConnectException(RocketMqSinkConfig.VALUE_CONVERTER + "=" + converterClass.getName()
                    + " is not a Kafka Connect Converter (org.apache.kafka.connect.storage.Converter)");
        }
        this.converter = (Converter) Utils.newInstance(converterClass);
        converter.configure(new HashMap<>(settings), false);
    }

    /** The body, or null when the converter writes nothing for this record (a tombstone, for one). */
    byte[] body(SinkRecord record) {
        return converter.fromConnectData(record.topic(), record.valueSchema(), record.value());
    }

    String converterName() {
        return converter.getClass().getName();
    }

    @Override
    public void close() {
        try {
            converter.close();
        } catch (Exception e) {
            // Closing is best effort: nothing was left to deliver by then.
        }
    }
}
