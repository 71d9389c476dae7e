package io.obkc.source;

import java.util.HashMap;
import java.util.Map;

import io.obkc.testing.DatabaseEndpoint;

/** Connector configs for the ITs against the test bed's seekdb. */
public final class SourceTestConfigs {
    private SourceTestConfigs() {
    }

    public static Map<String, String> changelog(DatabaseEndpoint ob, String prefix, String include, String cdcDatabase) {
        Map<String, String> m = new HashMap<>();
        m.put(OceanBaseSourceConfig.HOSTNAME, ob.host());
        m.put(OceanBaseSourceConfig.PORT, String.valueOf(ob.port()));
        m.put(OceanBaseSourceConfig.USER, ob.user());
        m.put(OceanBaseSourceConfig.PASSWORD, ob.password());
        m.put(OceanBaseSourceConfig.TOPIC_PREFIX, prefix);
        m.put(OceanBaseSourceConfig.TABLE_INCLUDE, include);
        m.put(OceanBaseSourceConfig.CHANGELOG_DATABASE, cdcDatabase);
        m.put(OceanBaseSourceConfig.POLL_INTERVAL, "50");
        m.put(OceanBaseSourceConfig.CHANGELOG_TX_WAIT, "60000");
        return m;
    }
}
