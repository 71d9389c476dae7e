package io.obkc.common.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * TEMPORARY STUB of the shared rule engine (to be replaced by the rules branch; drop at merge).
 * Minimal subset: comma-separated {@code db.table} patterns with {@code *} wildcards, optional
 * {@code =db2.table2} rename of an exact name; case-insensitive.
 */
public final class ObjectMatcher {
    private record Rule(Pattern db, Pattern table, ObjectName target) {
    }

    private final List<Rule> includes;
    private final List<Rule> excludes;

    private ObjectMatcher(List<Rule> includes, List<Rule> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    public static ObjectMatcher parse(String includeRules, String excludeRules) {
        return new ObjectMatcher(rules(includeRules), rules(excludeRules));
    }

    public boolean matches(ObjectName name) {
        return find(includes, name) != null && find(excludes, name) == null;
    }

    public Optional<ObjectName> map(ObjectName name) {
        if (!matches(name)) {
            return Optional.empty();
        }
        Rule r = find(includes, name);
        return Optional.of(r.target() != null ? r.target() : name);
    }

    private static Rule find(List<Rule> rules, ObjectName n) {
        for (Rule r : rules) {
            if (r.db().matcher(n.database()).matches() && r.table().matcher(n.table()).matches()) {
                return r;
            }
        }
        return null;
    }

    private static List<Rule> rules(String text) {
        List<Rule> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String[] lr = p.split("=", 2);
            String[] src = split(lr[0].trim());
            ObjectName target = lr.length == 2 ? toName(split(lr[1].trim())) : null;
            out.add(new Rule(glob(src[0]), glob(src[1]), target));
        }
        return out;
    }

    private static String[] split(String s) {
        int dot = s.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("Rule '" + s + "' must be of the form db.table");
        }
        return new String[] {s.substring(0, dot), s.substring(dot + 1)};
    }

    private static ObjectName toName(String[] p) {
        return new ObjectName(p[0], p[1]);
    }

    private static Pattern glob(String g) {
        StringBuilder sb = new StringBuilder();
        for (char c : g.toCharArray()) {
            sb.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    @Override
    public String toString() {
        return "ObjectMatcher(stub)" + includes.size() + "/" + excludes.size() + Locale.ROOT.toString();
    }
}
