package io.obkc.common.rules;

import java.util.List;

/**
 * The target side of a rename for one name part: literal text with {@code *} slots. The n-th
 * {@code *} is replaced by what the n-th wildcard of the same source part captured.
 */
public final class NameTemplate {
    /** Text around the slots: {@code a*b*c} is stored as [a, b, c]; there is one slot between each pair. */
    private final List<String> textAroundSlots;
    private final String ruleText;

    NameTemplate(List<String> textAroundSlots, String ruleText) {
        if (textAroundSlots.isEmpty()) {
            throw new IllegalArgumentException("a template needs at least one (possibly empty) text piece");
        }
        this.textAroundSlots = List.copyOf(textAroundSlots);
        this.ruleText = ruleText;
    }

    /** Number of {@code *} slots. */
    public int slotCount() {
        return textAroundSlots.size() - 1;
    }

    /** Fills the slots with {@code captures}; the parser guarantees there are enough of them. */
    String fill(List<String> captures) {
        StringBuilder name = new StringBuilder(textAroundSlots.get(0));
        for (int slot = 0; slot < slotCount(); slot++) {
            name.append(captures.get(slot)).append(textAroundSlots.get(slot + 1));
        }
        return name.toString();
    }

    /** The template as written in its rule. */
    @Override
    public String toString() {
        return ruleText;
    }
}
