package io.obkc.common.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * TEMP stub of the shared rule engine (replaced by the rules branch). Minimal OMS match rules: one rule per
 * line, {@code db.table} with {@code *} and {@code ?} wildcards, optional {@code =db2.table2} rename where a
 * {@code *} on the right copies what the left {@code *} matched.
 */
public final class ObjectMatcher {
    private record Rule(Pattern db, Pattern table, String targetDb, String targetTable) {
    }

    private final List<Rule> include;
    private final List<Rule> exclude;

    private ObjectMatcher(List<Rule> include, List<Rule> exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    public static ObjectMatcher parse(String includeRules, String excludeRules) {
        return new ObjectMatcher(rules(includeRules), rules(excludeRules));
    }

    public boolean matches(ObjectName name) {
        return find(include, name) != null && find(exclude, name) == null;
    }

    public Optional<ObjectName> map(ObjectName name) {
        if (!matches(name)) {
            return Optional.empty();
        }
        Rule r = find(include, name);
        String db = r.targetDb == null ? name.database() : substitute(r.targetDb, r.db, name.database());
        String t = r.targetTable == null ? name.table() : substitute(r.targetTable, r.table, name.table());
        return Optional.of(new ObjectName(db, t));
    }

    private static String substitute(String target, Pattern source, String value) {
        if (!target.contains("*")) {
            return target;
        }
        var m = source.matcher(value);
        String star = m.matches() && m.groupCount() > 0 ? m.group(1) : "";
        return target.replace("*", star);
    }

    private static Rule find(List<Rule> rules, ObjectName n) {
        for (Rule r : rules) {
            if (r.db.matcher(n.database()).matches() && r.table.matcher(n.table()).matches()) {
                return r;
            }
        }
        return null;
    }

    private static List<Rule> rules(String text) {
        List<Rule> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("[\\r\\n,]+")) {
            String l = line.trim();
            if (l.isEmpty()) {
                continue;
            }
            String[] sides = l.split("=", 2);
            String[] src = split(sides[0]);
            String[] dst = sides.length > 1 ? split(sides[1]) : new String[] {null, null};
            out.add(new Rule(glob(src[0]), glob(src[1]), dst[0], dst[1]));
        }
        return out;
    }

    private static String[] split(String s) {
        int dot = s.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("Rule must be <db>.<table>: " + s);
        }
        return new String[] {s.substring(0, dot), s.substring(dot + 1)};
    }

    private static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        boolean grouped = false;
        for (char c : g.toCharArray()) {
            if (c == '*') {
                re.append(grouped ? ".*" : "(.*)");
                grouped = true;
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
