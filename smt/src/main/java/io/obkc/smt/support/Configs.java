package io.obkc.smt.support;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.config.ConfigException;

/** Small parsing helpers shared by the SMT configs. */
public final class Configs {
    private Configs() {
    }

    /** Parses a list of operation names; {@code key} names the setting in errors. */
    public static Set<Operation> operations(String key, List<String> names) {
        Set<Operation> ops = EnumSet.noneOf(Operation.class);
        for (String n : names) {
            if (n.isBlank()) {
                continue;
            }
            try {
                ops.add(Operation.parse(n));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, names, e.getMessage());
            }
        }
        return ops;
    }
}
