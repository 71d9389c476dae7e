package io.obkc.smt.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.obkc.common.rules.ObjectMatcher;
import io.obkc.common.rules.ObjectName;
import io.obkc.common.rules.RuleSyntaxException;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Per-table settings for an SMT, in one config shape shared by every table-aware SMT:
 *
 * <pre>
 * tables = db1.*                 # OMS include rules: which tables the top-level settings cover
 * tables.exclude = db1.tmp_*     # OMS exclude rules
 * &lt;setting&gt; = ...               # the top-level settings
 * rules = big, audit             # optional named rules, checked in order before the top level
 * rules.big.tables = db2.orders  # required for each named rule
 * rules.big.tables.exclude = ... # optional
 * rules.big.&lt;setting&gt; = ...     # the rule's own settings (unset keys take their defaults)
 * </pre>
 *
 * A record's table is looked up in the named rules first (the first whose tables select it wins),
 * then in the top level. A table selected by neither has no settings, and the SMT leaves its
 * records alone. Table patterns are parsed by the shared {@link ObjectMatcher}; no other rule
 * syntax exists.
 *
 * @param <T> the SMT's parsed settings for one scope
 */
public final class TableScopes<T> {
    public static final String TABLES_CONFIG = "tables";
    public static final String TABLES_EXCLUDE_CONFIG = "tables.exclude";
    public static final String RULES_CONFIG = "rules";
    public static final String CASE_SENSITIVE_CONFIG = "case.sensitive";

    /** Builds one scope's settings from its typed config ({@code label} names the scope in error messages). */
    @FunctionalInterface
    public interface SettingsFactory<T> {
        T create(String label, AbstractConfig config);
    }

    private record Scope<T>(String label, ObjectMatcher matcher, T settings) {
    }

    private final List<Scope<T>> scopes;
    private final TableNames.DatabaseField databaseField;
    private final boolean caseSensitive;
    private final Cache<ObjectName, Optional<T>> lookups = new SynchronizedCache<>(new LRUCache<>(4096));

    private TableScopes(List<Scope<T>> scopes, TableNames.DatabaseField databaseField, boolean caseSensitive) {
        this.scopes = List.copyOf(scopes);
        this.databaseField = databaseField;
        this.caseSensitive = caseSensitive;
    }

    /** Adds the shared keys ({@code tables}, {@code tables.exclude}, {@code rules}, {@code case.sensitive}, {@code source.database.field}). */
    public static ConfigDef define(ConfigDef def, String scopeDoc) {
        def.define(TABLES_CONFIG, ConfigDef.Type.STRING, "*.*", ConfigDef.Importance.HIGH,
                "OMS matching rules (include) selecting the tables the top-level settings apply to " + scopeDoc
                        + ". Comma, semicolon or newline separated; see docs/matching-rules.md.");
        def.define(TABLES_EXCLUDE_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM,
                "OMS matching rules (exclude) removing tables from 'tables'.");
        def.define(RULES_CONFIG, ConfigDef.Type.LIST, "", ConfigDef.Importance.MEDIUM,
                "Names of per-table rules, checked in order before the top-level settings. Each rule <name> takes "
                        + "rules.<name>.tables (required), rules.<name>.tables.exclude and its own copy of the settings.");
        def.define(CASE_SENSITIVE_CONFIG, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW,
                "Compare table (and column) names case-sensitively. Default false, as MySQL-family sources and OceanBase do.");
        TableNames.define(def);
        return def;
    }

    /**
     * Parses the scopes.
     *
     * @param props     the SMT's raw configuration
     * @param topLevel  the SMT's parsed top-level configuration (its {@code config()})
     * @param scopeKeys the per-scope setting keys, without the shared ones
     */
    public static <T> TableScopes<T> configure(Map<String, ?> props, AbstractConfig topLevel, ConfigDef scopeKeys,
                                               SettingsFactory<T> factory) {
        boolean caseSensitive = topLevel.getBoolean(CASE_SENSITIVE_CONFIG);
        TableNames.DatabaseField dbField = TableNames.DatabaseField.parse(topLevel.getString(TableNames.DATABASE_FIELD_CONFIG));
        List<String> names = topLevel.getList(RULES_CONFIG);
        checkNoStrayRuleKeys(props, names);

        ConfigDef ruleDef = new ConfigDef(scopeKeys);
        ruleDef.define(TABLES_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH, "");
        ruleDef.define(TABLES_EXCLUDE_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM, "");

        List<Scope<T>> scopes = new ArrayList<>();
        for (String name : names) {
            String prefix = RULES_CONFIG + "." + name + ".";
            Map<String, Object> sub = new HashMap<>();
            props.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    sub.put(k.substring(prefix.length()), v);
                }
            });
            for (String k : sub.keySet()) {
                if (!ruleDef.names().contains(k)) {
                    throw new ConfigException(prefix + k, sub.get(k), "Unknown key for rule '" + name
                            + "'; a rule takes " + new java.util.TreeSet<>(ruleDef.names()));
                }
            }
            AbstractConfig cfg;
            try {
                cfg = new AbstractConfig(ruleDef, sub, false);
            } catch (ConfigException e) {
                throw new ConfigException("Rule '" + name + "' (keys " + prefix + "*): " + e.getMessage());
            }
            ObjectMatcher m = matcher(prefix, cfg.getString(TABLES_CONFIG), cfg.getString(TABLES_EXCLUDE_CONFIG), caseSensitive);
            scopes.add(new Scope<>("rule '" + name + "'", m, factory.create(prefix, cfg)));
        }
        ObjectMatcher top = matcher("", topLevel.getString(TABLES_CONFIG), topLevel.getString(TABLES_EXCLUDE_CONFIG), caseSensitive);
        scopes.add(new Scope<>("top level", top, factory.create("", topLevel)));
        return new TableScopes<>(scopes, dbField, caseSensitive);
    }

    private static void checkNoStrayRuleKeys(Map<String, ?> props, List<String> names) {
        for (String k : props.keySet()) {
            if (k.startsWith(RULES_CONFIG + ".")) {
                String rest = k.substring(RULES_CONFIG.length() + 1);
                boolean known = names.stream().anyMatch(n -> rest.startsWith(n + "."));
                if (!known) {
                    throw new ConfigException(k, props.get(k), "Key belongs to no rule listed in '" + RULES_CONFIG + "' " + names);
                }
            }
        }
    }

    /** Parses include/exclude rules, naming the offending key in the error. */
    public static ObjectMatcher matcher(String prefix, String include, String exclude, boolean caseSensitive) {
        try {
            return ObjectMatcher.parse(include, exclude, caseSensitive);
        } catch (RuleSyntaxException e) {
            String key = prefix + (e.kind() == io.obkc.common.rules.MatchRule.Kind.EXCLUDE ? TABLES_EXCLUDE_CONFIG : TABLES_CONFIG);
            throw new ConfigException(key, e.kind() == io.obkc.common.rules.MatchRule.Kind.EXCLUDE ? exclude : include, e.getMessage());
        }
    }

    /** The settings for a table: the first named rule selecting it, else the top level, else empty. */
    public Optional<T> settingsFor(ObjectName table) {
        Optional<T> cached = lookups.get(table);
        if (cached != null) {
            return cached;
        }
        Optional<T> found = Optional.empty();
        for (Scope<T> s : scopes) {
            if (s.matcher().matches(table)) {
                found = Optional.of(s.settings());
                break;
            }
        }
        lookups.put(table, found);
        return found;
    }

    /** The settings for a record's table. */
    public Optional<T> settingsFor(ChangeRecord r) {
        return settingsFor(TableNames.of(r, databaseField));
    }

    public TableNames.DatabaseField databaseField() {
        return databaseField;
    }

    public boolean caseSensitive() {
        return caseSensitive;
    }
}
