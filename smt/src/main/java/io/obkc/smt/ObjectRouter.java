package io.obkc.smt;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.obkc.common.rules.ObjectMatcher;
import io.obkc.common.rules.ObjectName;
import io.obkc.smt.support.BundleTransformation;
import io.obkc.smt.support.ChangeRecord;
import io.obkc.smt.support.Fields;
import io.obkc.smt.support.TableNames;
import io.obkc.smt.support.TableScopes;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

import io.obkc.common.config.Choices;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;

/**
 * Selects and renames tables with OMS matching rules (the shared {@link ObjectMatcher}), on
 * Debezium's source block (so a sink routing on {@code ${source.db}}/{@code ${source.schema}}/
 * {@code ${source.table}} follows) and/or on the topic ({@code <prefix>.<db>.<table>}).
 * Schema-change records get their {@code databaseName}/{@code schemaName} and source block renamed.
 * Records of tables that are not selected are dropped, or passed on unchanged with {@code unmatched=keep}.
 */
public class ObjectRouter<R extends ConnectRecord<R>> extends BundleTransformation<R> {
    public static final String INCLUDE_CONFIG = "include";
    public static final String EXCLUDE_CONFIG = "exclude";
    public static final String REWRITE_CONFIG = "rewrite";
    public static final String UNMATCHED_CONFIG = "unmatched";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(INCLUDE_CONFIG, ConfigDef.Type.STRING, "*.*", ConfigDef.Importance.HIGH,
                    "OMS include rules with optional renames, e.g. 'db.t=db2.t2, db.*=db2.*, db.t_*=db.t'. First matching rule wins.")
            .define(EXCLUDE_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.HIGH,
                    "OMS exclude rules; exclusion wins over inclusion. Matched against the source name.")
            .define(REWRITE_CONFIG, ConfigDef.Type.LIST, "source,topic",
                    ConfigDef.ValidList.in("source", "topic"), ConfigDef.Importance.MEDIUM,
                    "What to rename: 'source' (the envelope's source block and a schema change's databaseName/schemaName) "
                            + "and/or 'topic' (its trailing <db>.<table>, when it ends with the record's source names).", null, -1, ConfigDef.Width.NONE, REWRITE_CONFIG, Choices.of("source", "topic"))
            .define(UNMATCHED_CONFIG, ConfigDef.Type.STRING, "drop", ConfigDef.CaseInsensitiveValidString.in("drop", "keep"),
                    ConfigDef.Importance.MEDIUM, "Records of tables not selected (excluded or matching no include rule): drop or keep unchanged.", null, -1, ConfigDef.Width.NONE, UNMATCHED_CONFIG, Choices.of("drop", "keep"))
            .define(TableScopes.CASE_SENSITIVE_CONFIG, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW,
                    "Match table names case-sensitively (e.g. PostgreSQL). Default false.");

    static {
        TableNames.define(CONFIG_DEF);
    }

    private ObjectMatcher matcher;
    private boolean rewriteSource;
    private boolean rewriteTopic;
    private boolean dropUnmatched;
    private TableNames.DatabaseField databaseField;
    private final Cache<ObjectName, Optional<ObjectName>> targets = new SynchronizedCache<>(new LRUCache<>(4096));

    public ObjectRouter() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        String include = config.getString(INCLUDE_CONFIG);
        String exclude = config.getString(EXCLUDE_CONFIG);
        try {
            matcher = ObjectMatcher.parse(include, exclude, config.getBoolean(TableScopes.CASE_SENSITIVE_CONFIG));
        } catch (io.obkc.common.rules.RuleSyntaxException e) {
            boolean inExclude = e.kind() == io.obkc.common.rules.MatchRule.Kind.EXCLUDE;
            throw new ConfigException(inExclude ? EXCLUDE_CONFIG : INCLUDE_CONFIG, inExclude ? exclude : include, e.getMessage());
        }
        List<String> rewrite = config.getList(REWRITE_CONFIG);
        rewriteSource = rewrite.stream().anyMatch(s -> s.trim().toLowerCase(Locale.ROOT).equals("source"));
        rewriteTopic = rewrite.stream().anyMatch(s -> s.trim().toLowerCase(Locale.ROOT).equals("topic"));
        dropUnmatched = "drop".equalsIgnoreCase(config.getString(UNMATCHED_CONFIG));
        databaseField = TableNames.DatabaseField.parse(config.getString(TableNames.DATABASE_FIELD_CONFIG));
    }

    @Override
    public R apply(R record) {
        ChangeRecord r = ChangeRecord.of(record);
        ObjectName source = TableNames.of(r, databaseField);
        Optional<ObjectName> target = targetOf(source);
        if (target.isEmpty()) {
            return dropUnmatched ? null : record;
        }
        ObjectName to = target.get();
        if (to.equals(source)) {
            return record;
        }
        String topic = record.topic();
        if (rewriteTopic) {
            String renamed = TableNames.renameTopic(topic, source, to);
            if (renamed != null) {
                topic = renamed;
            }
        }
        Object value = record.value();
        if (rewriteSource) {
            value = renamedValue(r, to);
        }
        if (topic.equals(record.topic()) && value == record.value()) {
            return record;
        }
        return record.newRecord(topic, record.kafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema(), value, record.timestamp(), record.headers());
    }

    private Optional<ObjectName> targetOf(ObjectName source) {
        Optional<ObjectName> t = targets.get(source);
        if (t == null) {
            t = matcher.map(source);
            targets.put(source, t);
        }
        return t;
    }

    /** The value with the source block (and a schema change's database name) renamed; the same object when nothing applies. */
    private Object renamedValue(ChangeRecord r, ObjectName to) {
        Object value = r.value();
        switch (r.shape()) {
            case ENVELOPE: {
                Object source = r.source();
                if (!Fields.isRowLike(source) || Fields.get(source, "table") == null) {
                    return value;
                }
                return Fields.with(value, ChangeRecord.SOURCE, renamedSource(source, to, true));
            }
            case SCHEMA_CHANGE: {
                String dbField = TableNames.schemaChangeDatabaseFieldOf(value, databaseField);
                Object renamed = Fields.has(value, dbField) ? Fields.with(value, dbField, databaseValue(value, dbField, to)) : value;
                Object source = r.source();
                if (Fields.isRowLike(source)) {
                    // A DDL's source.table may be absent (CREATE DATABASE) or name the table: rename only what is there.
                    renamed = Fields.with(renamed, ChangeRecord.SOURCE,
                            renamedSource(source, to, Fields.get(source, "table") != null && !to.table().isEmpty()));
                }
                return renamed;
            }
            default:
                return value;
        }
    }

    private Object renamedSource(Object source, ObjectName to, boolean renameTable) {
        String dbField = TableNames.databaseFieldOf(source, databaseField);
        Object out = source;
        if (Fields.has(source, dbField)) {
            out = Fields.with(out, dbField, databaseValue(source, dbField, to));
        }
        if (renameTable && Fields.has(source, "table")) {
            out = Fields.with(out, "table", to.table());
        }
        return out;
    }

    /** The target database for a field: null when the target has none and the field allows it, else the empty string. */
    private static Object databaseValue(Object row, String field, ObjectName to) {
        if (to.hasDatabase()) {
            return to.database();
        }
        if (row instanceof org.apache.kafka.connect.data.Struct) {
            Field f = ((org.apache.kafka.connect.data.Struct) row).schema().field(field);
            return f.schema().isOptional() ? null : "";
        }
        return null;
    }
}
