package io.obkc.common.sql;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDBC URLs users give the bundle's tools: what the tools read from them (scheme, host, port, database), and the
 * one way every message and log line shows them, with any password hidden.
 */
public final class JdbcUrls {
    private static final Pattern URL = Pattern.compile(
            "(?i)jdbc:(mysql|mariadb|oceanbase|postgresql)://(\\[[^\\]]+\\]|[^:/?]+)(?::(\\d+))?(?:/([^?;]*))?.*");

    private JdbcUrls() {
    }

    /**
     * Host, port and database of a URL: {@code scheme} is mysql, mariadb, oceanbase or postgresql (lower case),
     * {@code database} null when the URL names none.
     */
    public record Parts(String scheme, String host, int port, String database) {
        public boolean postgres() {
            return scheme.equals("postgresql");
        }
    }

    /**
     * Reads {@code jdbc:mysql|mariadb|oceanbase://host[:port]/[database]} or {@code jdbc:postgresql://host[:port]/database}
     * given as {@code --<role>-url}; the default ports are 3306, 2881 (OceanBase) and 5432. A URL of another shape, or a
     * PostgreSQL URL without its database, is refused with {@code badInput} (the tool's own bad-input exception).
     */
    public static Parts parse(String role, String url, Function<String, ? extends RuntimeException> badInput) {
        Matcher m = URL.matcher(url.trim());
        if (!m.matches()) {
            throw badInput.apply("--" + role + "-url must look like jdbc:mysql://host:port/[database], jdbc:mariadb://..., "
                    + "jdbc:oceanbase://... or jdbc:postgresql://host:port/database, not '" + redact(url) + "'");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
        int port = m.group(3) != null ? Integer.parseInt(m.group(3))
                : scheme.equals("postgresql") ? 5432 : scheme.equals("oceanbase") ? 2881 : 3306;
        String database = m.group(4) == null || m.group(4).isEmpty() ? null : m.group(4);
        if (scheme.equals("postgresql") && database == null) {
            throw badInput.apply("--" + role + "-url: a PostgreSQL URL names the database: jdbc:postgresql://host:port/database");
        }
        return new Parts(scheme, host, port, database);
    }

    /** The URL with {@code password=...} parameters and a {@code //user:password@} part hidden; null stays null. */
    public static String redact(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }
}
