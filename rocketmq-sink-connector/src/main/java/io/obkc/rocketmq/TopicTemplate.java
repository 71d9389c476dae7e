package io.obkc.rocketmq;

import java.util.regex.Pattern;

/**
 * The RocketMQ topic a record goes to: {@code rocketmq.topic} with {@code ${topic}}, {@code ${database}} and
 * {@code ${table}} filled in. RocketMQ topic names allow only letters, digits, {@code _ - % |}; any other character
 * (a Kafka topic's dots, for one) becomes {@code _}, as documented for the setting.
 */
final class TopicTemplate {
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9_%|-]");
    /** RocketMQ's own limit (TopicValidator.TOPIC_MAX_LENGTH). */
    static final int MAX_LENGTH = 127;

    private final String template;

    TopicTemplate(String template) {
        this.template = template;
    }

    /** Whether the template names one topic whatever the record, so it can be checked before any record arrives. */
    boolean isFixed() {
        return !template.contains("${");
    }

    String fixedName() {
        return sanitize(template);
    }

    String resolve(String kafkaTopic, ChangeRecordFacts facts) {
        if (isFixed()) {
            return fixedName();
        }
        return sanitize(template.replace("${topic}", kafkaTopic)
                .replace("${database}", facts.database())
                .replace("${table}", facts.table()));
    }

    static String sanitize(String name) {
        return NOT_ALLOWED.matcher(name).replaceAll("_");
    }
}
