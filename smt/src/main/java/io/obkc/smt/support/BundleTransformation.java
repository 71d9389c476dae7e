package io.obkc.smt.support;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;

import io.obkc.common.BundleVersion;

/**
 * What every SMT of the bundle shares: it reports the bundle's version (so the worker's plugin listing
 * shows it), exposes its documented {@link ConfigDef}, and holds nothing that needs closing unless it
 * overrides {@link #close()}.
 */
public abstract class BundleTransformation<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {
    private final ConfigDef configDef;

    protected BundleTransformation(ConfigDef configDef) {
        this.configDef = configDef;
    }

    @Override
    public ConfigDef config() {
        return configDef;
    }

    @Override
    public String version() {
        return BundleVersion.get();
    }

    @Override
    public void close() {
    }
}
