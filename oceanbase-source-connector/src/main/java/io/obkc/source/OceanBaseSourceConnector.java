package io.obkc.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

import io.obkc.common.BundleVersion;
import io.obkc.common.rules.ObjectName;
import io.obkc.source.binlog.OceanBaseBinlogConfig;
import io.obkc.source.binlog.OceanBaseBinlogPreflight;
import io.obkc.source.binlog.OceanBaseBinlogSourceTask;
import io.obkc.source.schema.TableCatalog;

/**
 * Captures snapshot and changes of OceanBase (MySQL mode) tables as Debezium-compatible change events. One task; the
 * capture mode ({@code capture.mode}) decides how changes are read. See docs/oceanbase-source-connector.md.
 */
public class OceanBaseSourceConnector extends SourceConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return BundleVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        if (isBinlog(props)) {
            String origins = props.getOrDefault(OceanBaseSourceConfig.CHANGELOG_EXCLUDE_ORIGINS, "");
            if (!origins.isBlank()) {
                // Refused, not ignored: a filter silently not applied would send every change back (an echo loop).
                throw new org.apache.kafka.common.config.ConfigException(OceanBaseSourceConfig.CHANGELOG_EXCLUDE_ORIGINS, origins,
                        "works in capture.mode=changelog only: the OceanBase binlog records no origin marker, so binlog mode "
                                + "cannot leave out a sink's changes; run one direction at a time (docs/migration-guide.md)");
            }
            new OceanBaseBinlogConfig(props);
        } else {
            new OceanBaseSourceConfig(props);
        }
        this.props = props;
    }

    /** capture.mode=binlog runs Debezium's binlog engine in a task of its own; the other modes run in {@link OceanBaseSourceTask}. */
    @Override
    public Class<? extends Task> taskClass() {
        return isBinlog(props) ? OceanBaseBinlogSourceTask.class : OceanBaseSourceTask.class;
    }

    private static boolean isBinlog(Map<String, String> props) {
        return props != null && "binlog".equalsIgnoreCase(props.getOrDefault(OceanBaseSourceConfig.CAPTURE_MODE, "changelog").trim());
    }

    /** One task: the change stream is one ordered sequence. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return OceanBaseSourceConfig.CONFIG_DEF;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }

    /**
     * Checks what the typed config cannot: the server is reachable with these credentials, is OceanBase, the user may read the
     * captured tables, and what the capture mode needs (changelog: CREATE and TRIGGER privileges, current_scn()).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        if (isBinlog(connectorConfigs)) {
            return validateBinlog(connectorConfigs);
        }
        Config result = super.validate(connectorConfigs);
        for (ConfigValue v : result.configValues()) {
            if (!v.errorMessages().isEmpty()) {
                return result;
            }
        }
        OceanBaseSourceConfig config = new OceanBaseSourceConfig(connectorConfigs);
        ConfigValue host = find(result, OceanBaseSourceConfig.HOSTNAME);
        ConfigValue include = find(result, OceanBaseSourceConfig.TABLE_INCLUDE);
        ConfigValue mode = find(result, OceanBaseSourceConfig.CAPTURE_MODE);
        try (Connection c = SourceConnections.open(config)) {
            String version = scalar(c, "SELECT VERSION()");
            if (version == null || !version.contains("OceanBase")) {
                host.addErrorMessage("The server at " + config.hostname() + ":" + config.port() + " reports version '" + version
                        + "', not OceanBase (MySQL mode)");
                return result;
            }
            List<ObjectName> selected = TableCatalog.selectedTables(c, config.tables(), config.changelogDatabase());
            if (selected.isEmpty()) {
                include.addErrorMessage("table.include.list selects no table that user " + config.user() + " can see");
            }
            if (config.captureMode() == OceanBaseSourceConfig.CaptureMode.CHANGELOG) {
                try {
                    scalar(c, "SELECT current_scn()");
                } catch (SQLException e) {
                    mode.addErrorMessage("capture.mode=changelog needs current_scn() (OceanBase 4.x): " + e.getMessage());
                }
                String grants = grants(c).toUpperCase(Locale.ROOT);
                boolean all = grants.contains("ALL PRIVILEGES ON *.*");
                if (!all && !(grants.contains("TRIGGER") && grants.contains("CREATE"))) {
                    mode.addErrorMessage("capture.mode=changelog needs the TRIGGER privilege on the captured tables and CREATE, INSERT, "
                            + "SELECT, DELETE on " + config.changelogDatabase() + "; SHOW GRANTS says: " + grants);
                }
            }
        } catch (SQLException e) {
            // The message of a failed login never contains the password.
            host.addErrorMessage("Cannot connect to " + SourceConnections.describe(config) + ": " + e.getMessage());
        }
        return result;
    }

    /**
     * capture.mode=binlog has its own settings (docs/oceanbase-source-connector.md, "Binlog mode"): they are validated
     * against its ConfigDef, then the pre-start checks (reachability, credentials, OceanBase version, binlog service)
     * put each problem on the setting at fault.
     */
    private static Config validateBinlog(Map<String, String> connectorConfigs) {
        List<ConfigValue> values = new ArrayList<>(OceanBaseBinlogConfig.CONFIG_DEF.validate(connectorConfigs));
        if (values.stream().noneMatch(v -> v.name().equals(OceanBaseSourceConfig.CAPTURE_MODE))) {
            values.add(new ConfigValue(OceanBaseSourceConfig.CAPTURE_MODE, connectorConfigs.get(OceanBaseSourceConfig.CAPTURE_MODE), List.of(), List.of()));
        }
        Config result = new Config(values);
        if (values.stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return result;
        }
        for (OceanBaseBinlogPreflight.Problem p : OceanBaseBinlogPreflight.check(new OceanBaseBinlogConfig(connectorConfigs))) {
            ConfigValue v = values.stream().filter(x -> x.name().equals(p.key())).findFirst().orElse(null);
            if (v == null) {
                v = new ConfigValue(p.key(), connectorConfigs.get(p.key()), List.of(), new ArrayList<>());
                values.add(v);
            }
            v.addErrorMessage(p.message());
        }
        return result;
    }

    private static String grants(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return String.join("; ", out);
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static ConfigValue find(Config c, String name) {
        return c.configValues().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }
}
