package io.obkc.schema.convert;

import java.util.Optional;
import java.util.function.Function;

import io.obkc.common.rules.ObjectMatcher;
import io.obkc.common.rules.ObjectName;

/**
 * Source name -> target name. The shared rule engine selects and renames; for PostgreSQL, a schema that no rule
 * renamed becomes the database named by a template ({@code {schema}} by default; {@code {database}} is the
 * PostgreSQL database), e.g. {@code {database}_{schema}}.
 */
public final class TargetNaming {
    public static final String DEFAULT_PG_TEMPLATE = "{schema}";

    private TargetNaming() {
    }

    public static Function<ObjectName, Optional<ObjectName>> mysql(ObjectMatcher rules) {
        return rules::map;
    }

    public static Function<ObjectName, Optional<ObjectName>> postgres(ObjectMatcher rules, String template, String pgDatabase) {
        return source -> rules.map(source).map(target -> target.database().equals(source.database())
                ? new ObjectName(template.replace("{schema}", source.database()).replace("{database}", pgDatabase), target.table())
                : target);
    }
}
