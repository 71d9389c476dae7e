package io.obkc.converters.event;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The statement class of a DDL; formats name these differently (Canal ERASE, Maxwell table-drop, ...). */
public enum DdlKind {
    CREATE_TABLE,
    ALTER_TABLE,
    DROP_TABLE,
    TRUNCATE_TABLE,
    RENAME_TABLE,
    CREATE_INDEX,
    DROP_INDEX,
    CREATE_DATABASE,
    DROP_DATABASE,
    OTHER;

    // Leading comments (/* ... */) are common in DDL logged by tools such as gh-ost; skip them before classifying.
    private static final Pattern LEADING_NOISE = Pattern.compile("^(\\s+|/\\*.*?\\*/)+", Pattern.DOTALL);
    private static final Pattern WORDS = Pattern.compile(
            "^(CREATE|ALTER|DROP|TRUNCATE|RENAME)\\s+(?:(?:TEMPORARY|UNIQUE|FULLTEXT|SPATIAL|ONLINE|OFFLINE)\\s+)*"
                    + "(TABLE|INDEX|DATABASE|SCHEMA)?",
            Pattern.CASE_INSENSITIVE);

    /** Classifies a statement by its leading keywords. Unknown statements are {@link #OTHER}. */
    public static DdlKind classify(String ddl) {
        if (ddl == null) {
            return OTHER;
        }
        String text = LEADING_NOISE.matcher(ddl).replaceFirst("");
        Matcher m = WORDS.matcher(text);
        if (!m.find()) {
            return OTHER;
        }
        String verb = m.group(1).toUpperCase(Locale.ROOT);
        String object = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
        switch (verb) {
            case "CREATE":
                return object.equals("TABLE") ? CREATE_TABLE
                        : object.equals("INDEX") ? CREATE_INDEX
                        : object.equals("DATABASE") || object.equals("SCHEMA") ? CREATE_DATABASE : OTHER;
            case "ALTER":
                return object.equals("TABLE") ? ALTER_TABLE : OTHER;
            case "DROP":
                return object.equals("TABLE") ? DROP_TABLE
                        : object.equals("INDEX") ? DROP_INDEX
                        : object.equals("DATABASE") || object.equals("SCHEMA") ? DROP_DATABASE : OTHER;
            case "TRUNCATE":
                return TRUNCATE_TABLE;
            case "RENAME":
                return RENAME_TABLE;
            default:
                return OTHER;
        }
    }
}
