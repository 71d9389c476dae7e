package io.obkc.smt;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.obkc.common.connect.StructValues;
import io.obkc.smt.support.BundleTransformation;
import io.obkc.smt.support.ChangeRecord;
import io.obkc.smt.support.SchemaCopy;
import io.obkc.smt.support.TableScopes;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Keeps, drops and renames columns (OMS "column filter" and column mapping), per table. Applies to
 * both images of an envelope ({@code before}/{@code after}, which share one row schema) or to a
 * flat value; Structs and Maps. Key columns are renamed like value columns (so key and value keep
 * agreeing) but never dropped: a key without its columns could not identify the row.
 */
public class ColumnFilter<R extends ConnectRecord<R>> extends BundleTransformation<R> {
    public static final String INCLUDE_CONFIG = "include";
    public static final String EXCLUDE_CONFIG = "exclude";
    public static final String RENAME_CONFIG = "rename";
    public static final String APPLY_TO_KEY_CONFIG = "apply.to.key";

    static final ConfigDef SCOPE_KEYS = new ConfigDef()
            .define(INCLUDE_CONFIG, ConfigDef.Type.LIST, "", ConfigDef.Importance.HIGH,
                    "Columns to keep (names as in the source). Empty keeps every column not excluded.")
            .define(EXCLUDE_CONFIG, ConfigDef.Type.LIST, "", ConfigDef.Importance.HIGH, "Columns to drop.")
            .define(RENAME_CONFIG, ConfigDef.Type.LIST, "", ConfigDef.Importance.HIGH,
                    "Column renames as old:new pairs, e.g. 'cust_id:customer_id,amt:amount'.");

    public static final ConfigDef CONFIG_DEF = TableScopes.define(new ConfigDef(SCOPE_KEYS), "(other tables pass unchanged)")
            .define(APPLY_TO_KEY_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Also rename the record key's fields (keys are never filtered).");

    private TableScopes<ColumnPlan> scopes;
    private boolean applyToKey;

    public ColumnFilter() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        applyToKey = config.getBoolean(APPLY_TO_KEY_CONFIG);
        boolean caseSensitive = config.getBoolean(TableScopes.CASE_SENSITIVE_CONFIG);
        scopes = TableScopes.configure(props, config, SCOPE_KEYS, (prefix, c) -> new ColumnPlan(
                c.getList(INCLUDE_CONFIG), c.getList(EXCLUDE_CONFIG), renames(prefix + RENAME_CONFIG, c.getList(RENAME_CONFIG)),
                caseSensitive));
    }

    private static Map<String, String> renames(String key, List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : pairs) {
            int colon = p.indexOf(':');
            if (colon <= 0 || colon == p.length() - 1 || p.indexOf(':', colon + 1) >= 0) {
                throw new ConfigException(key, pairs, "Each rename must be old:new, got '" + p + "'");
            }
            out.put(p.substring(0, colon).trim(), p.substring(colon + 1).trim());
        }
        return out;
    }

    @Override
    public R apply(R record) {
        ChangeRecord r = ChangeRecord.of(record);
        if (r.shape() != ChangeRecord.Shape.ENVELOPE && r.shape() != ChangeRecord.Shape.FLAT
                && r.shape() != ChangeRecord.Shape.TOMBSTONE) {
            return record;
        }
        Optional<ColumnPlan> found = scopes.settingsFor(r);
        if (found.isEmpty() || found.get().isIdentity()) {
            return record;
        }
        ColumnPlan plan = found.get();
        Schema valueSchema = record.valueSchema();
        Object value = record.value();
        if (r.shape() == ChangeRecord.Shape.ENVELOPE) {
            if (value instanceof Struct) {
                valueSchema = plan.envelopeSchema(valueSchema);
                value = SchemaCopy.envelopeValue((Struct) value, valueSchema, row -> (Struct) plan.row(row, false));
            } else {
                Map<Object, Object> env = new LinkedHashMap<>((Map<?, ?>) value);
                env.computeIfPresent(ChangeRecord.BEFORE, (k, v) -> plan.row(v, false));
                env.computeIfPresent(ChangeRecord.AFTER, (k, v) -> plan.row(v, false));
                value = env;
            }
        } else if (r.shape() == ChangeRecord.Shape.FLAT) {
            valueSchema = value instanceof Struct ? plan.rowSchema(valueSchema, false) : null;
            value = plan.row(value, false);
        }
        Schema keySchema = record.keySchema();
        Object key = record.key();
        if (applyToKey && (key instanceof Struct || key instanceof Map)) {
            keySchema = key instanceof Struct ? plan.rowSchema(keySchema, true) : null;
            key = plan.row(key, true);
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), keySchema, key, valueSchema, value,
                record.timestamp(), record.headers());
    }

    /** One scope's column plan, with its schema caches. */
    static final class ColumnPlan {
        private final Set<String> include;
        private final Set<String> exclude;
        private final Map<String, String> rename;
        private final boolean caseSensitive;
        private final Cache<Schema, Schema> rowSchemas = new SynchronizedCache<>(new LRUCache<>(256));
        private final Cache<Schema, Schema> keySchemas = new SynchronizedCache<>(new LRUCache<>(256));
        private final Cache<Schema, Schema> envelopeSchemas = new SynchronizedCache<>(new LRUCache<>(256));

        ColumnPlan(List<String> include, List<String> exclude, Map<String, String> rename, boolean caseSensitive) {
            this.caseSensitive = caseSensitive;
            this.include = new HashSet<>();
            include.stream().filter(s -> !s.isBlank()).forEach(s -> this.include.add(norm(s)));
            this.exclude = new HashSet<>();
            exclude.stream().filter(s -> !s.isBlank()).forEach(s -> this.exclude.add(norm(s)));
            this.rename = new HashMap<>();
            rename.forEach((k, v) -> this.rename.put(norm(k), v));
        }

        private String norm(String name) {
            return caseSensitive ? name : name.toLowerCase(Locale.ROOT);
        }

        boolean isIdentity() {
            return include.isEmpty() && exclude.isEmpty() && rename.isEmpty();
        }

        private boolean keeps(String column, boolean isKey) {
            if (isKey) {
                return true;
            }
            String n = norm(column);
            return (include.isEmpty() || include.contains(n)) && !exclude.contains(n);
        }

        private String targetName(String column) {
            return rename.getOrDefault(norm(column), column);
        }

        Schema envelopeSchema(Schema envelope) {
            Schema cached = envelopeSchemas.get(envelope);
            if (cached == null) {
                Field after = envelope.field(ChangeRecord.AFTER);
                Field before = envelope.field(ChangeRecord.BEFORE);
                Schema row = (after != null ? after : before).schema();
                cached = SchemaCopy.envelopeWithRow(envelope, rowSchema(row, false));
                envelopeSchemas.put(envelope, cached);
            }
            return cached;
        }

        Schema rowSchema(Schema row, boolean isKey) {
            Cache<Schema, Schema> cache = isKey ? keySchemas : rowSchemas;
            Schema cached = cache.get(row);
            if (cached == null) {
                SchemaBuilder b = SchemaCopy.structLike(row);
                Set<String> seen = new HashSet<>();
                for (Field f : row.fields()) {
                    if (keeps(f.name(), isKey)) {
                        String name = targetName(f.name());
                        if (!seen.add(name)) {
                            throw new DataException("Column renames give two columns the name '" + name + "' in " + row.name());
                        }
                        b.field(name, f.schema());
                    }
                }
                cached = b.build();
                cache.put(row, cached);
            }
            return cached;
        }

        /** The row (Struct or Map) with columns dropped and renamed. */
        Object row(Object row, boolean isKey) {
            if (row instanceof Struct) {
                Struct in = (Struct) row;
                Struct out = new Struct(rowSchema(in.schema(), isKey));
                for (Field f : in.schema().fields()) {
                    if (keeps(f.name(), isKey)) {
                        out.put(targetName(f.name()), StructValues.valueOf(in, f));
                    }
                }
                return out;
            }
            if (row instanceof Map) {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) row).entrySet()) {
                    String name = String.valueOf(e.getKey());
                    if (keeps(name, isKey)) {
                        out.put(targetName(name), e.getValue());
                    }
                }
                return out;
            }
            return row;
        }
    }
}
