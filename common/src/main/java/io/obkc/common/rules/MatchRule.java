package io.obkc.common.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed matching rule, such as {@code shop.order_*} or {@code shop.*=shop_new.*}.
 *
 * <p>A rule has a database pattern and a table pattern. A one-part rule such as {@code orders}
 * is a single-level rule: its database pattern is the empty literal, so it selects only names
 * without a database. An include rule may also have a rename target (one {@link NameTemplate} per
 * part); exclude rules never do.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MatchRule {

    /** Which list a rule came from. */
    public enum Kind {
        INCLUDE("include"),
        EXCLUDE("exclude");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Lower-case word used in messages. */
        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final int number;
    private final String text;
    private final boolean singleLevel;
    private final NamePattern databasePattern;
    private final NamePattern tablePattern;
    private final NameTemplate targetDatabase;
    private final NameTemplate targetTable;

    MatchRule(Kind kind, int number, String text, boolean singleLevel, NamePattern databasePattern,
            NamePattern tablePattern, NameTemplate targetDatabase, NameTemplate targetTable) {
        this.kind = Objects.requireNonNull(kind);
        this.number = number;
        this.text = Objects.requireNonNull(text);
        this.singleLevel = singleLevel;
        this.databasePattern = Objects.requireNonNull(databasePattern);
        this.tablePattern = Objects.requireNonNull(tablePattern);
        if ((targetDatabase == null) != (targetTable == null)) {
            throw new IllegalArgumentException("a rename target needs both parts");
        }
        this.targetDatabase = targetDatabase;
        this.targetTable = targetTable;
    }

    public Kind kind() {
        return kind;
    }

    /** 1-based position of this rule among the non-blank rules of its list. */
    public int number() {
        return number;
    }

    /** The rule as written, without surrounding whitespace. */
    public String text() {
        return text;
    }

    /** True for a one-part rule ({@code orders}), which only selects names without a database. */
    public boolean isSingleLevel() {
        return singleLevel;
    }

    /** Pattern for the database part; the empty literal for single-level rules. */
    public NamePattern databasePattern() {
        return databasePattern;
    }

    public NamePattern tablePattern() {
        return tablePattern;
    }

    /** True when the rule has an {@code =target}. */
    public boolean isRename() {
        return targetTable != null;
    }

    /** The rename target for the database part; empty for rules without a rename and for single-level rules. */
    public Optional<NameTemplate> targetDatabase() {
        return singleLevel ? Optional.empty() : Optional.ofNullable(targetDatabase);
    }

    /** The rename target for the table part; empty for rules without a rename. */
    public Optional<NameTemplate> targetTable() {
        return Optional.ofNullable(targetTable);
    }

    /** True when this rule's source pattern matches {@code name}, whatever the other rules say. */
    public boolean matches(ObjectName name) {
        Objects.requireNonNull(name, "name");
        return databasePattern.matches(name.databaseOrEmpty()) && tablePattern.matches(name.table());
    }

    /**
     * The target name for {@code name} according to this rule alone: empty when the rule does not
     * match, {@code name} itself when the rule has no rename. A rename that produces an empty
     * database produces a {@code null} database.
     */
    public Optional<ObjectName> map(ObjectName name) {
        Objects.requireNonNull(name, "name");
        List<String> databaseCaptures = databasePattern.capture(name.databaseOrEmpty());
        if (databaseCaptures == null) {
            return Optional.empty();
        }
        List<String> tableCaptures = tablePattern.capture(name.table());
        if (tableCaptures == null) {
            return Optional.empty();
        }
        if (!isRename()) {
            return Optional.of(name);
        }
        String database = targetDatabase.fill(databaseCaptures);
        String table = targetTable.fill(tableCaptures);
        return Optional.of(new ObjectName(database.isEmpty() ? null : database, table));
    }

    @Override
    public String toString() {
        return kind.label() + " rule #" + number + " \"" + text + '"';
    }
}
