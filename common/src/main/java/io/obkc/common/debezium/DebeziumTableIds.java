package io.obkc.common.debezium;

import java.util.ArrayList;
import java.util.List;

/**
 * Debezium's table ids as they appear in schema change events ({@code tableChanges[].id}) and
 * history records: dot-separated parts, each optionally double-quoted, with {@code ""} escaping a
 * quote inside a quoted part. MySQL ids are {@code "db"."table"}; PostgreSQL's are
 * {@code "db"."schema"."table"}.
 */
public final class DebeziumTableIds {
    private DebeziumTableIds() {
    }

    /** The id's parts, unquoted; an empty id gives an empty list. A dot inside quotes belongs to its part. */
    public static List<String> split(String id) {
        List<String> parts = new ArrayList<>();
        if (id == null || id.isEmpty()) {
            return parts;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < id.length() && id.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        parts.add(cur.toString());
        return parts;
    }
}
