package io.obkc.verifier.core;

import io.obkc.common.rules.ObjectName;

/** A source table and the target table it is compared with. */
public record TableMapping(ObjectName source, ObjectName target) {
}
