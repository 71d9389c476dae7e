package io.obkc.smt;

import java.util.Map;
import java.util.Optional;

import io.obkc.smt.rowfilter.ExpressionSyntaxException;
import io.obkc.smt.rowfilter.RowCondition;
import io.obkc.smt.support.BundleTransformation;
import io.obkc.smt.support.ChangeRecord;
import io.obkc.smt.support.TableScopes;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Keeps only rows for which a WHERE-style condition is TRUE (OMS "row filter"), per table.
 * Envelopes are tested on {@code after}, or {@code before} when there is no after image
 * (deletes); flat records on the value itself. Records without a row (DDL, truncates, tombstones,
 * values that are neither Struct nor Map) and records of tables in no scope pass unchanged.
 * Conditions are parsed once, at configure time, into a syntax tree; they are never run as code.
 */
public class RowFilter<R extends ConnectRecord<R>> extends BundleTransformation<R> {
    public static final String CONDITION_CONFIG = "condition";

    static final ConfigDef SCOPE_KEYS = new ConfigDef()
            .define(CONDITION_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.HIGH,
                    "WHERE-style condition a row must satisfy to be kept, e.g. \"amount >= 100 AND status IN ('paid','sent')\". "
                            + "Blank keeps every row. See docs/smt.md for the language.");

    public static final ConfigDef CONFIG_DEF = TableScopes.define(new ConfigDef(SCOPE_KEYS), "(rows of other tables pass unchanged)");

    private TableScopes<Optional<RowCondition>> scopes;

    public RowFilter() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        scopes = TableScopes.configure(props, config, SCOPE_KEYS, (prefix, c) -> {
            String text = c.getString(CONDITION_CONFIG);
            if (text == null || text.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(RowCondition.parse(text));
            } catch (ExpressionSyntaxException e) {
                throw new ConfigException(prefix + CONDITION_CONFIG, text, e.getMessage());
            }
        });
    }

    @Override
    public R apply(R record) {
        ChangeRecord r = ChangeRecord.of(record);
        Object row = r.row();
        if (row == null) {
            return record;
        }
        Optional<RowCondition> condition = scopes.settingsFor(r).flatMap(c -> c);
        if (condition.isEmpty()) {
            return record;
        }
        return condition.get().test(row) ? record : null;
    }
}
