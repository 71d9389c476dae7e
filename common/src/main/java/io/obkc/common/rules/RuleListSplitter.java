package io.obkc.common.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a rule list into single rules. Commas, semicolons and line breaks separate rules unless
 * they are inside backticks. Whitespace around each rule is dropped and blank rules are skipped,
 * so trailing separators and empty lines are harmless.
 */
final class RuleListSplitter {
    private RuleListSplitter() {
    }

    static List<String> split(String ruleList) {
        List<String> rules = new ArrayList<>();
        if (ruleList == null) {
            return rules;
        }
        boolean insideBackticks = false;
        int ruleStart = 0;
        for (int i = 0; i < ruleList.length(); i++) {
            char c = ruleList.charAt(i);
            if (c == '`') {
                // A doubled backtick inside a quoted part toggles twice, so it needs no special case.
                insideBackticks = !insideBackticks;
            } else if (!insideBackticks && isSeparator(c)) {
                addIfNotBlank(rules, ruleList.substring(ruleStart, i));
                ruleStart = i + 1;
            }
        }
        addIfNotBlank(rules, ruleList.substring(ruleStart));
        return rules;
    }

    static boolean isSeparator(char c) {
        return c == ',' || c == ';' || c == '\n' || c == '\r';
    }

    private static void addIfNotBlank(List<String> rules, String rule) {
        String stripped = rule.strip();
        if (!stripped.isEmpty()) {
            rules.add(stripped);
        }
    }
}
