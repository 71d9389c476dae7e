package io.obkc.sink.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the sink needs to know about a {@code jdbc:mysql://} or {@code jdbc:oceanbase://} URL without a driver: whether
 * it carries a password, and which hosts it names (for the reachability check of validate()).
 */
public final class JdbcUrls {
    /** {@code password=}, {@code password1=}.. (Connector/J's multi-factor passwords), {@code pwd=}, as URL or key-value parameters. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)[?&;(,]\\s*(password\\d?|pwd)\\s*=");

    private JdbcUrls() {
    }

    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** True when the URL has a password parameter or {@code user:password@} before a host. */
    public static boolean carriesPassword(String url) {
        if (PASSWORD_PARAMETER.matcher(url).find()) {
            return true;
        }
        String authority = authority(url);
        int at = authority.lastIndexOf('@');
        return at >= 0 && authority.substring(0, at).contains(":");
    }

    /** The hosts of the URL's authority ({@code h1:p1,h2:p2}), with the driver's default port where none is given. */
    public static List<HostPort> hosts(String url) {
        int defaultPort = url.toLowerCase(Locale.ROOT).startsWith("jdbc:oceanbase:") ? 2881 : 3306;
        String authority = authority(url);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        List<HostPort> out = new ArrayList<>();
        for (String h : authority.split(",")) {
            h = h.trim();
            if (h.isEmpty() || h.startsWith("(")) {
                continue; // Connector/J's key-value host form, (host=..,port=..): left to the driver
            }
            String host = h;
            int port = defaultPort;
            if (h.startsWith("[")) { // [IPv6]:port
                int close = h.indexOf(']');
                host = h.substring(1, close < 0 ? h.length() : close);
                if (close >= 0 && close + 1 < h.length() && h.charAt(close + 1) == ':') {
                    port = parsePort(h.substring(close + 2), defaultPort);
                }
            } else if (h.indexOf(':') >= 0) {
                host = h.substring(0, h.indexOf(':'));
                port = parsePort(h.substring(h.indexOf(':') + 1), defaultPort);
            }
            out.add(new HostPort(host, port));
        }
        return out;
    }

    private static int parsePort(String s, int dflt) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** The part between {@code //} and the first {@code /}, {@code ?} or end. */
    private static String authority(String url) {
        int start = url.indexOf("//");
        if (start < 0) {
            return "";
        }
        start += 2;
        int end = url.length();
        for (char c : new char[] {'/', '?'}) {
            int i = url.indexOf(c, start);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return url.substring(start, end);
    }

    /** {@code a.b} split at dots outside backticks or double quotes, quotes removed. */
    public static List<String> splitQualifiedName(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    if (i + 1 < name.length() && name.charAt(i + 1) == quote) {
                        cur.append(ch);
                        i++;
                    } else {
                        quote = 0;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '`' || ch == '"') {
                quote = ch;
            } else if (ch == '.') {
                parts.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        parts.add(cur.toString().trim());
        return parts;
    }
}
