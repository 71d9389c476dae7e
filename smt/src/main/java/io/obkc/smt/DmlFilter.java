package io.obkc.smt;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.obkc.smt.support.BundleTransformation;
import io.obkc.smt.support.ChangeRecord;
import io.obkc.smt.support.Configs;
import io.obkc.smt.support.Operation;
import io.obkc.smt.support.TableScopes;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

import io.obkc.common.config.Choices;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Keeps or drops records by operation (OMS "DML filter"), optionally per table. Operations are
 * insert (c), update (u), delete (d), read (r, snapshot rows), truncate (t), ddl (Debezium
 * schema-change records) and tombstone (null values). A record is kept when its operation is in
 * {@code operations} and not in {@code operations.exclude} of the scope its table falls in.
 * Records of tables in no scope are kept untouched: the filter only governs the tables it names.
 */
public class DmlFilter<R extends ConnectRecord<R>> extends BundleTransformation<R> {
    public static final String OPERATIONS_CONFIG = "operations";
    public static final String OPERATIONS_EXCLUDE_CONFIG = "operations.exclude";
    public static final String UNKNOWN_OPERATION_CONFIG = "unknown.operation";

    static final String ALL_OPERATIONS = "insert,update,delete,read,truncate,ddl,tombstone";

    /** Keys every scope (top level and each named rule) has. */
    static final ConfigDef SCOPE_KEYS = new ConfigDef()
            .define(OPERATIONS_CONFIG, ConfigDef.Type.LIST, ALL_OPERATIONS, ConfigDef.Importance.HIGH,
                    "Operations to keep: insert (c), update (u), delete (d), read (r, snapshot), truncate (t), ddl, tombstone.")
            .define(OPERATIONS_EXCLUDE_CONFIG, ConfigDef.Type.LIST, "", ConfigDef.Importance.HIGH,
                    "Operations to drop even when listed in 'operations'.");

    public static final ConfigDef CONFIG_DEF = TableScopes.define(new ConfigDef(SCOPE_KEYS), "(records of other tables pass unchanged)")
            .define(UNKNOWN_OPERATION_CONFIG, ConfigDef.Type.STRING, "keep", ConfigDef.CaseInsensitiveValidString.in("keep", "drop"),
                    ConfigDef.Importance.LOW, "What to do with records whose operation cannot be told (flat rows without __op, "
                            + "Debezium 'm' messages, values that are not Structs or Maps): keep or drop.", null, -1, ConfigDef.Width.NONE, UNKNOWN_OPERATION_CONFIG, Choices.of("keep", "drop"));

    private TableScopes<Set<Operation>> scopes;
    private boolean keepUnknown;

    public DmlFilter() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        keepUnknown = "keep".equalsIgnoreCase(config.getString(UNKNOWN_OPERATION_CONFIG));
        scopes = TableScopes.configure(props, config, SCOPE_KEYS, (prefix, c) -> {
            Set<Operation> kept = EnumSet.noneOf(Operation.class);
            kept.addAll(Configs.operations(prefix + OPERATIONS_CONFIG, c.getList(OPERATIONS_CONFIG)));
            kept.removeAll(Configs.operations(prefix + OPERATIONS_EXCLUDE_CONFIG, c.getList(OPERATIONS_EXCLUDE_CONFIG)));
            return kept;
        });
    }

    @Override
    public R apply(R record) {
        ChangeRecord r = ChangeRecord.of(record);
        Operation op = r.operation();
        if (op == null) {
            return keepUnknown ? record : null;
        }
        Optional<Set<Operation>> kept = scopes.settingsFor(r);
        // Tables in no scope are not governed by this filter.
        return kept.isEmpty() || kept.get().contains(op) ? record : null;
    }
}
