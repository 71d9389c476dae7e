package io.obkc.converters;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The module version, from a resource Maven filters at build time. */
public final class ConverterVersion {

    public static final String VERSION = load();

    private ConverterVersion() {
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = ConverterVersion.class.getResourceAsStream("converters-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": a missing version must not stop a worker from loading the plugin
        }
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }
}
