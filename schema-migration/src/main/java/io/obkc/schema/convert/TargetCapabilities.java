package io.obkc.schema.convert;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the target OceanBase tenant supports, probed with {@code SHOW COLLATION} (or assumed when there is no
 * target connection, e.g. a dry run without {@code --target-url}), and the charset/collation mapping built on it.
 */
public final class TargetCapabilities {
    public static final String DEFAULT_CHARSET = "utf8mb4";
    public static final String DEFAULT_COLLATION = "utf8mb4_general_ci";

    private final String version;
    /** collation -> charset. */
    private final Map<String, String> collations;
    /** charset -> its default collation. */
    private final Map<String, String> defaults;
    private final Map<String, String> overrides;

    public TargetCapabilities(String version, Map<String, String> collations, Map<String, String> defaults,
            Map<String, String> overrides) {
        this.version = version;
        this.collations = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.collations.putAll(collations);
        this.defaults = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.defaults.putAll(defaults);
        this.overrides = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.overrides.putAll(overrides);
    }

    /** The lowest common denominator of OceanBase CE 4.2.1 and seekdb: utf8mb4 (general_ci, bin) and binary. */
    public static TargetCapabilities assumed(Map<String, String> overrides) {
        return new TargetCapabilities("assumed OceanBase 4.2.1 (no target connection)",
                Map.of("utf8mb4_general_ci", "utf8mb4", "utf8mb4_bin", "utf8mb4", "binary", "binary"),
                Map.of("utf8mb4", "utf8mb4_general_ci", "binary", "binary"), overrides);
    }

    public static TargetCapabilities probe(Connection target, Map<String, String> overrides) throws SQLException {
        Map<String, String> coll = new HashMap<>();
        Map<String, String> defs = new HashMap<>();
        String version;
        try (Statement s = target.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT VERSION()")) {
                rs.next();
                version = rs.getString(1);
            }
            try (ResultSet rs = s.executeQuery("SHOW COLLATION")) {
                while (rs.next()) {
                    coll.put(rs.getString("Collation"), rs.getString("Charset"));
                    if ("Yes".equalsIgnoreCase(rs.getString("Default"))) {
                        defs.put(rs.getString("Charset"), rs.getString("Collation"));
                    }
                }
            }
        }
        return new TargetCapabilities(version, coll, defs, overrides);
    }

    public String version() {
        return version;
    }

    public boolean supportsCollation(String collation) {
        return collations.containsKey(collation);
    }

    public boolean supportsCharset(String charset) {
        return defaults.containsKey(charset);
    }

    /** A mapped charset and collation. */
    public record Collation(String charset, String collation, String warning) {
    }

    /**
     * Maps a source charset/collation to what the target supports: user overrides first, then the same
     * collation, then the same charset with the closest collation (same case/accent sensitivity), then utf8mb4.
     */
    public Collation map(String charset, String collation) {
        if (collation != null && overrides.containsKey(collation)) {
            String c = overrides.get(collation);
            return new Collation(charsetOf(c), c, null);
        }
        if (collation != null && supportsCollation(collation)) {
            return new Collation(collations.get(collation), collation, null);
        }
        String cs = charset != null ? charset : collation != null ? charsetOf(collation) : DEFAULT_CHARSET;
        String targetCs = supportsCharset(cs) ? cs : DEFAULT_CHARSET;
        if (collation == null) {
            return new Collation(targetCs, defaults.getOrDefault(targetCs, DEFAULT_COLLATION),
                    targetCs.equalsIgnoreCase(cs) ? null : "charset " + cs + " is not supported by the target: converted to " + targetCs);
        }
        String lc = collation.toLowerCase(Locale.ROOT);
        List<String> candidates;
        if (lc.endsWith("_bin") || lc.endsWith("_cs") || lc.contains("_as_cs") || lc.equals("binary")) {
            candidates = List.of(targetCs + "_bin");
        } else if (lc.contains("unicode") || lc.contains("0900") || lc.contains("uca")) {
            candidates = List.of(targetCs + "_0900_ai_ci", targetCs + "_unicode_ci", targetCs + "_general_ci");
        } else {
            candidates = List.of(targetCs + "_general_ci", targetCs + "_unicode_ci");
        }
        String chosen = candidates.stream().filter(this::supportsCollation).findFirst()
                .orElse(defaults.getOrDefault(targetCs, DEFAULT_COLLATION));
        String why = targetCs.equalsIgnoreCase(cs) ? "collation " + collation
                : "charset " + cs + " (collation " + collation + ")";
        return new Collation(targetCs, chosen, why + " is not supported by the target: mapped to " + chosen);
    }

    static String charsetOf(String collation) {
        int u = collation.indexOf('_');
        return u < 0 ? collation : collation.substring(0, u);
    }

    /** Bytes per character of a charset, for key length estimates. */
    public static int maxBytesPerChar(String charset) {
        if (charset == null) {
            return 4;
        }
        return switch (charset.toLowerCase(Locale.ROOT)) {
            case "binary", "latin1", "ascii" -> 1;
            case "gbk", "ucs2" -> 2;
            case "utf8", "utf8mb3" -> 3;
            default -> 4;
        };
    }

    @Override
    public String toString() {
        return version + ", " + collations.size() + " collations";
    }
}
