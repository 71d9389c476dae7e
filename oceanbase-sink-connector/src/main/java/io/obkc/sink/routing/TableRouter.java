package io.obkc.sink.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import io.obkc.sink.table.TableId;

/**
 * Turns a record's topic and Debezium source block into the target table, through the configured
 * database and table name formats.
 */
public final class TableRouter {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final java.util.Set<String> KNOWN = java.util.Set.of("topic", "source.db", "source.schema", "source.table");

    private final String databaseFormat;
    private final String tableFormat;
    private static final int MAX_CACHED = 10_000;

    private final Map<String, TableId> byTopicCache = new ConcurrentHashMap<>();
    /**
     * Resolved names per (topic, source db, schema, table). Expanding the formats for every record made
     * fresh Strings whose hash codes every later map lookup recomputed; a steady stream now reuses one TableId.
     */
    private final Map<SourceKey, TableId> bySourceCache = new ConcurrentHashMap<>();

    private record SourceKey(String topic, Object db, Object schema, Object table) {
    }

    public TableRouter(String databaseFormat, String tableFormat) {
        this.databaseFormat = databaseFormat;
        this.tableFormat = tableFormat;
    }

    /** Returns the first unknown placeholder in a format, or null when all are known. */
    public static String unknownPlaceholder(String format) {
        Matcher m = PLACEHOLDER.matcher(format);
        while (m.find()) {
            if (!KNOWN.contains(m.group(1))) {
                return m.group();
            }
        }
        return null;
    }

    /**
     * @param source the envelope's source struct, or null for flat records and tombstones; then the
     *               db and table come from a Debezium-style topic name {@code <prefix>.<db>.<table>}.
     */
    public TableId route(String topic, Struct source) {
        if (source == null) {
            return cached(byTopicCache, topic, () -> resolve(topic, null));
        }
        SourceKey key = new SourceKey(topic, field(source, "db"), field(source, "schema"), field(source, "table"));
        return cached(bySourceCache, key, () -> resolve(topic, source));
    }

    private static Object field(Struct source, String name) {
        return source.schema().field(name) == null ? null : source.get(name);
    }

    private static <K> TableId cached(Map<K, TableId> cache, K key, java.util.function.Supplier<TableId> resolver) {
        TableId id = cache.get(key);
        if (id == null) {
            // Resolution errors must reach the caller for every record, so only successes are cached.
            id = resolver.get();
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(key, id);
        }
        return id;
    }

    /**
     * Routes a table named by a DDL statement. {@code topic} stands for the table's own topic (Debezium's
     * {@code <prefix>.<db>.<table>}), so ${topic} formats resolve as they do for the table's row changes.
     */
    public TableId route(String topic, String db, String table) {
        org.apache.kafka.connect.data.Schema s = org.apache.kafka.connect.data.SchemaBuilder.struct()
                .field("db", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)
                .field("schema", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)
                .field("table", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA).build();
        Struct source = new Struct(s).put("db", db).put("table", table);
        return resolve(topic, source);
    }

    private TableId resolve(String topic, Struct source) {
        String db = format(databaseFormat, topic, source);
        String table = format(tableFormat, topic, source);
        if (table.isEmpty()) {
            throw new DataException("Table name format '" + tableFormat + "' gives an empty name for a record of topic " + topic);
        }
        return new TableId(db, table);
    }

    private static String format(String format, String topic, Struct source) {
        Matcher m = PLACEHOLDER.matcher(format);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(value(m.group(1), topic, source)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String value(String placeholder, String topic, Struct source) {
        switch (placeholder) {
            case "topic":
                return topic;
            case "source.db":
                return source != null ? sourceField(source, "db", topic) : topicSegment(topic, 2, placeholder);
            case "source.schema":
                return source != null ? sourceField(source, "schema", topic) : topicSegment(topic, 2, placeholder);
            case "source.table":
                return source != null ? sourceField(source, "table", topic) : topicSegment(topic, 1, placeholder);
            default:
                throw new DataException("Unknown placeholder ${" + placeholder + "}");
        }
    }

    private static String sourceField(Struct source, String field, String topic) {
        if (source.schema().field(field) == null || source.get(field) == null) {
            throw new DataException("Record of topic " + topic + " has no source." + field
                    + "; change database.name.format/table.name.format to use ${topic} or another source field");
        }
        return source.get(field).toString();
    }

    /** Segment counted from the end of a dotted topic name (1 = last). */
    private static String topicSegment(String topic, int fromEnd, String placeholder) {
        String[] parts = topic.split("\\.");
        if (parts.length < 3) {
            throw new DataException("Record of topic " + topic + " has no source block, and the topic is not of the form <prefix>.<db>.<table>, so ${"
                    + placeholder + "} cannot be resolved; set database.name.format/table.name.format to use ${topic}");
        }
        return parts[parts.length - fromEnd];
    }
}
