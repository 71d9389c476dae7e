package io.obkc.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The bundle's version, as every connector, SMT and converter reports it through {@code Versioned}. */
public final class BundleVersion {
    private static final String VERSION = load();

    private BundleVersion() {
    }

    public static String get() {
        return VERSION;
    }

    /** What every OBKC command line tool prints for {@code -V}/{@code --version}: one text, so they never disagree. */
    public static String versionText() {
        return "OBKC " + VERSION + " (OceanBase Kafka Connect bundle; Java " + Runtime.version().feature() + ")";
    }

    private static String load() {
        try (InputStream in = BundleVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
