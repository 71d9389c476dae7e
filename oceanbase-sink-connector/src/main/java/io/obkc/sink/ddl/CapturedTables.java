package io.obkc.sink.ddl;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which source tables a sink captures, for DDL synchronization: a table is captured when its row-change topic, as
 * Debezium names it ({@code <topic.prefix>.<database>.<table>}, the prefix being the schema change topic's name), is
 * one the sink subscribes to ({@code topics} or {@code topics.regex}). Debezium sends the DDL of every database to
 * the schema change topic when its history stores all tables
 * ({@code schema.history.internal.store.only.captured.tables.ddl=false}); without this rule the sink applied DDL of
 * tables it never receives rows for (issue 9 item 11), and, with {@code database.name.format} routing several
 * databases into one, even to the target tables of captured ones.
 */
@FunctionalInterface
public interface CapturedTables {
    /** Every table is captured (the rule is off). */
    CapturedTables ALL = (change, table) -> true;

    boolean isCaptured(SchemaChange change, ParsedDdl.Name table);

    /** The rule of the sink's subscription: an explicit topic list, or a regex (null or empty when not set). */
    public static CapturedTables fromSubscription(Collection<String> topics, String topicsRegex) {
        List<String> list = topics == null ? List.of() : topics.stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
        Pattern regex = topicsRegex == null || topicsRegex.isBlank() ? null : Pattern.compile(topicsRegex);
        if (list.isEmpty() && regex == null) {
            // No subscription known (a task driven without the worker's settings): nothing to judge by.
            return ALL;
        }
        return (change, table) -> {
            String topic = rowTopic(change, table);
            return list.contains(topic) || regex != null && regex.matcher(topic).matches();
        };
    }

    /** Debezium's default row-change topic of a table: {@code <schema change topic>.<database>.<table>}. */
    static String rowTopic(SchemaChange change, ParsedDdl.Name table) {
        String db = table.database() != null ? table.database() : change.databaseName();
        return change.record().topic() + "." + db + "." + table.table();
    }
}
