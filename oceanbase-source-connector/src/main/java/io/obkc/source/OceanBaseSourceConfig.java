package io.obkc.source;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.obkc.common.rules.ObjectMatcher;
import io.obkc.common.rules.RuleSyntaxException;

/** Typed configuration of {@link OceanBaseSourceConnector}; the docs' config table is generated from {@link #CONFIG_DEF}. */
public final class OceanBaseSourceConfig extends AbstractConfig {
    public static final String HOSTNAME = "database.hostname";
    public static final String PORT = "database.port";
    public static final String USER = "database.user";
    public static final String PASSWORD = "database.password";
    public static final String TENANT = "database.tenant";
    public static final String JDBC_PROPERTIES = "database.jdbc.properties";

    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String TABLE_INCLUDE = "table.include.list";
    public static final String TABLE_EXCLUDE = "table.exclude.list";
    public static final String PROPAGATE_SOURCE_TYPE = "datatype.propagate.source.type";
    public static final String DECIMAL_HANDLING = "decimal.handling.mode";
    public static final String BIGINT_UNSIGNED_HANDLING = "bigint.unsigned.handling.mode";
    public static final String TRANSACTION_METADATA = "provide.transaction.metadata";
    public static final String TOMBSTONES_ON_DELETE = "tombstones.on.delete";
    public static final String HEARTBEAT_INTERVAL = "heartbeat.interval.ms";
    public static final String HEARTBEAT_TOPICS_PREFIX = "heartbeat.topics.prefix";

    public static final String CAPTURE_MODE = "capture.mode";
    public static final String SNAPSHOT_MODE = "snapshot.mode";
    public static final String SNAPSHOT_CHUNK_SIZE = "snapshot.chunk.size";
    public static final String QUERY_TIMEOUT = "database.query.timeout.ms";
    public static final String POLL_INTERVAL = "poll.interval.ms";
    public static final String MAX_BATCH_SIZE = "max.batch.size";

    public static final String CHANGELOG_DATABASE = "changelog.database";
    public static final String CHANGELOG_TABLE = "changelog.table";
    public static final String CHANGELOG_INSTALL = "changelog.install";
    public static final String CHANGELOG_PURGE = "changelog.purge";
    public static final String CHANGELOG_STRUCTURE_CHECK = "changelog.structure.check.interval.ms";
    public static final String CHANGELOG_TX_WAIT = "changelog.open.transactions.wait.ms";
    public static final String CHANGELOG_EXCLUDE_ORIGINS = "changelog.exclude.origins";

    public enum CaptureMode { CHANGELOG, BINLOG }
    public enum SnapshotMode { INITIAL, NO_DATA }
    public enum DecimalHandling { PRECISE, DOUBLE, STRING }
    public enum BigintUnsignedHandling { LONG, PRECISE }
    public enum ChangelogInstall { AUTO, CHECK }

    private static final String G_CONN = "Connection";
    private static final String G_OUT = "Output";
    private static final String G_CAPTURE = "Capture";
    private static final String G_CHANGELOG = "Change-log capture mode";

    public static final ConfigDef CONFIG_DEF = build();

    private static ConfigDef build() {
        ConfigDef d = new ConfigDef();
        int o = 0;
        d.define(HOSTNAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                "Host of the OceanBase server (or ODP) in MySQL mode.", G_CONN, ++o, Width.MEDIUM, "Host");
        d.define(PORT, Type.INT, 2881, ConfigDef.Range.between(1, 65535), Importance.HIGH, "MySQL-protocol port.", G_CONN, ++o,
                Width.SHORT, "Port");
        d.define(USER, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                "User name; through ODP write user@tenant#cluster as ODP expects.", G_CONN, ++o, Width.MEDIUM, "User");
        d.define(PASSWORD, Type.PASSWORD, "", Importance.HIGH, "Password. Never logged.", G_CONN, ++o, Width.MEDIUM, "Password");
        d.define(TENANT, Type.STRING, "", Importance.MEDIUM,
                "Tenant name put into the source block's tenant field. Empty: detected from the server (SELECT tenant_name FROM "
                        + "oceanbase.DBA_OB_TENANTS ... or the user@tenant form of the user name); null when neither tells.",
                G_CONN, ++o, Width.MEDIUM, "Tenant");
        d.define(JDBC_PROPERTIES, Type.STRING, "", Importance.LOW,
                "Extra MySQL Connector/J URL properties, as key=value pairs joined by '&'.", G_CONN, ++o, Width.LONG, "JDBC properties");
        d.define(QUERY_TIMEOUT, Type.LONG, 600_000L, ConfigDef.Range.atLeast(1_000L), Importance.LOW,
                "Session ob_query_timeout (ms) of the connector's connections; snapshot chunks read AS OF SNAPSHOT need more than "
                        + "OceanBase's 10 s default on big tables.",
                G_CONN, ++o, Width.SHORT, "Query timeout");

        o = 0;
        d.define(TOPIC_PREFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                "Prefix of every topic (<prefix>.<db>.<table>, <prefix>.transaction, schema changes on <prefix>) and the source "
                        + "block's name.",
                G_OUT, ++o, Width.MEDIUM, "Topic prefix");
        d.define(TABLE_INCLUDE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                "Tables to capture, as OMS matching rules (docs/matching-rules.md), e.g. 'shop.*, crm.customer'. A blank list "
                        + "selects nothing: write *.* for everything. System databases are never captured.",
                G_OUT, ++o, Width.LONG, "Tables to include");
        d.define(TABLE_EXCLUDE, Type.STRING, "", Importance.MEDIUM, "Tables to leave out, as matching rules; exclusion wins.", G_OUT,
                ++o, Width.LONG, "Tables to exclude");
        d.define(PROPAGATE_SOURCE_TYPE, Type.LIST, "", Importance.MEDIUM,
                "Regular expressions over source type names (e.g. .+ for all, DECIMAL, VARCHAR): the field schemas of matching "
                        + "columns carry __debezium.source.column.type/length/scale, as in Debezium.",
                G_OUT, ++o, Width.LONG, "Propagate source types");
        d.define(DECIMAL_HANDLING, Type.STRING, "precise", enumValidator(DecimalHandling.values()), Importance.MEDIUM,
                "DECIMAL as Connect Decimal (precise), double or string, as in Debezium.", G_OUT, ++o, Width.SHORT, "Decimal handling");
        d.define(BIGINT_UNSIGNED_HANDLING, Type.STRING, "long", enumValidator(BigintUnsignedHandling.values()), Importance.MEDIUM,
                "BIGINT UNSIGNED as int64 (long; values above 2^63-1 wrap to negative numbers, as in Debezium) or as Decimal with "
                        + "scale 0 (precise).",
                G_OUT, ++o, Width.SHORT, "BIGINT UNSIGNED handling");
        d.define(TRANSACTION_METADATA, Type.BOOLEAN, false, Importance.MEDIUM,
                "Emit BEGIN/END records on <prefix>.transaction and a transaction block on every change event.", G_OUT, ++o,
                Width.SHORT, "Transaction metadata");
        d.define(TOMBSTONES_ON_DELETE, Type.BOOLEAN, true, Importance.MEDIUM,
                "After each delete event, emit a tombstone (the key with a null value), as Debezium does.", G_OUT, ++o, Width.SHORT,
                "Tombstones");
        d.define(HEARTBEAT_INTERVAL, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW,
                "Interval (ms) of heartbeat records on <heartbeat.topics.prefix>.<prefix>; 0 disables them.", G_OUT, ++o, Width.SHORT,
                "Heartbeat interval");
        d.define(HEARTBEAT_TOPICS_PREFIX, Type.STRING, "__debezium-heartbeat", new ConfigDef.NonEmptyString(), Importance.LOW,
                "Prefix of the heartbeat topic.", G_OUT, ++o, Width.MEDIUM, "Heartbeat topic prefix");

        o = 0;
        d.define(CAPTURE_MODE, Type.STRING, "changelog", enumValidator(CaptureMode.values()), Importance.HIGH,
                "How changes are captured: changelog (SQL only, any OceanBase including seekdb: triggers feed a change-log table "
                        + "read in commit-version order) or binlog (the OceanBase Binlog Service).",
                G_CAPTURE, ++o, Width.SHORT, "Capture mode");
        d.define(SNAPSHOT_MODE, Type.STRING, "initial", enumValidator(SnapshotMode.values()), Importance.MEDIUM,
                "initial: read every table at one snapshot SCN, then stream from it; no_data: stream only, from the SCN at start.",
                G_CAPTURE, ++o, Width.SHORT, "Snapshot mode");
        d.define(SNAPSHOT_CHUNK_SIZE, Type.INT, 5000, ConfigDef.Range.atLeast(1), Importance.LOW,
                "Rows per snapshot chunk (primary-key keyset pages); the offset advances per row, a restart resumes after the last "
                        + "committed row.",
                G_CAPTURE, ++o, Width.SHORT, "Snapshot chunk size");
        d.define(POLL_INTERVAL, Type.LONG, 500L, ConfigDef.Range.atLeast(1L), Importance.MEDIUM,
                "Wait (ms) between polls of the source when the last poll found nothing.", G_CAPTURE, ++o, Width.SHORT, "Poll interval");
        d.define(MAX_BATCH_SIZE, Type.INT, 2048, ConfigDef.Range.atLeast(1), Importance.LOW, "Most change rows read per poll.",
                G_CAPTURE, ++o, Width.SHORT, "Max batch size");

        o = 0;
        d.define(CHANGELOG_DATABASE, Type.STRING, "obkc_cdc", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Database of the change-log table (changelog mode). Never captured itself.", G_CHANGELOG, ++o, Width.MEDIUM,
                "Change-log database");
        d.define(CHANGELOG_TABLE, Type.STRING, "change_log", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Change-log table name. One connector per change-log table: the connector purges what it consumed.", G_CHANGELOG, ++o,
                Width.MEDIUM, "Change-log table");
        d.define(CHANGELOG_INSTALL, Type.STRING, "auto", enumValidator(ChangelogInstall.values()), Importance.MEDIUM,
                "auto: create the change-log table and the triggers on captured tables; check: only verify they exist and match "
                        + "(for a DBA who installs them from the connector's log of the statements).",
                G_CHANGELOG, ++o, Width.SHORT, "Install mode");
        d.define(CHANGELOG_PURGE, Type.BOOLEAN, true, Importance.LOW,
                "Delete change-log rows once Kafka Connect has committed the offsets past them.", G_CHANGELOG, ++o, Width.SHORT,
                "Purge consumed rows");
        d.define(CHANGELOG_STRUCTURE_CHECK, Type.LONG, 1000L, ConfigDef.Range.atLeast(0L), Importance.LOW,
                "How often (ms) the captured tables' structures are compared with information_schema; a change (e.g. ADD COLUMN) "
                        + "emits a schema-change event and rebuilds the table's triggers. A change-log row of an older structure "
                        + "triggers the check at once, so this bounds only how soon a change is announced.",
                G_CHANGELOG, ++o, Width.SHORT, "Structure check interval");
        d.define(CHANGELOG_TX_WAIT, Type.LONG, 300_000L, ConfigDef.Range.atLeast(0L), Importance.LOW,
                "After installing triggers, how long (ms) to wait for transactions that began before them to end; changes those "
                        + "transactions made before the triggers existed are in neither the snapshot nor the change log, so the task "
                        + "fails rather than start while one is still open.",
                G_CHANGELOG, ++o, Width.SHORT, "Open transactions wait");
        d.define(CHANGELOG_EXCLUDE_ORIGINS, Type.LIST, "", Importance.MEDIUM,
                "Origin markers whose changes are left out. A writing session marks its changes with SET @obkc_origin = '<marker>' "
                        + "(the OceanBase sink does with session.origin.marker); the triggers record it in the change log. For two-way "
                        + "sync: list the marker of the sink that writes into this database, so its changes are not sent back. Rows "
                        + "recorded by triggers of an earlier version (no origin) are never left out. Changelog mode only: the binlog "
                        + "carries no such marker.",
                G_CHANGELOG, ++o, Width.LONG, "Excluded origins");
        return d;
    }

    private static ConfigDef.Validator enumValidator(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = values[i].name().toLowerCase(Locale.ROOT);
        }
        return ConfigDef.CaseInsensitiveValidString.in(names);
    }

    private final ObjectMatcher tables;
    private final List<Pattern> propagate;
    private final java.util.Set<String> excludedOrigins;

    public OceanBaseSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props, false);
        try {
            tables = ObjectMatcher.parse(getString(TABLE_INCLUDE), getString(TABLE_EXCLUDE));
        } catch (RuleSyntaxException e) {
            throw new ConfigException(TABLE_INCLUDE + "/" + TABLE_EXCLUDE + ": " + e.getMessage());
        }
        propagate = getList(PROPAGATE_SOURCE_TYPE).stream().filter(s -> !s.isBlank())
                .map(s -> Pattern.compile(s.trim(), Pattern.CASE_INSENSITIVE)).toList();
        excludedOrigins = java.util.Set.copyOf(getList(CHANGELOG_EXCLUDE_ORIGINS).stream().map(String::trim).filter(s -> !s.isEmpty())
                .toList());
        for (String origin : excludedOrigins) {
            if (origin.length() > 128) {
                throw new ConfigException(CHANGELOG_EXCLUDE_ORIGINS + ": the origin marker '" + origin.substring(0, 20)
                        + "...' is longer than the 128 characters the change log records");
            }
        }
    }

    public String hostname() { return getString(HOSTNAME); }
    public int port() { return getInt(PORT); }
    public String user() { return getString(USER); }
    public Password password() { return getPassword(PASSWORD); }
    public String tenant() { return getString(TENANT); }
    public String jdbcProperties() { return getString(JDBC_PROPERTIES); }
    public long queryTimeoutMs() { return getLong(QUERY_TIMEOUT); }
    public String topicPrefix() { return getString(TOPIC_PREFIX); }
    public ObjectMatcher tables() { return tables; }
    public List<Pattern> propagateSourceTypes() { return propagate; }
    public DecimalHandling decimalHandling() { return DecimalHandling.valueOf(getString(DECIMAL_HANDLING).toUpperCase(Locale.ROOT)); }
    public BigintUnsignedHandling bigintUnsignedHandling() {
        return BigintUnsignedHandling.valueOf(getString(BIGINT_UNSIGNED_HANDLING).toUpperCase(Locale.ROOT));
    }
    public boolean transactionMetadata() { return getBoolean(TRANSACTION_METADATA); }
    public boolean tombstonesOnDelete() { return getBoolean(TOMBSTONES_ON_DELETE); }
    public int heartbeatIntervalMs() { return getInt(HEARTBEAT_INTERVAL); }
    public String heartbeatTopic() { return getString(HEARTBEAT_TOPICS_PREFIX) + "." + topicPrefix(); }
    public CaptureMode captureMode() { return CaptureMode.valueOf(getString(CAPTURE_MODE).toUpperCase(Locale.ROOT)); }
    public SnapshotMode snapshotMode() { return SnapshotMode.valueOf(getString(SNAPSHOT_MODE).toUpperCase(Locale.ROOT)); }
    public int snapshotChunkSize() { return getInt(SNAPSHOT_CHUNK_SIZE); }
    public long pollIntervalMs() { return getLong(POLL_INTERVAL); }
    public int maxBatchSize() { return getInt(MAX_BATCH_SIZE); }
    public String changelogDatabase() { return getString(CHANGELOG_DATABASE); }
    public String changelogTable() { return getString(CHANGELOG_TABLE); }
    public ChangelogInstall changelogInstall() { return ChangelogInstall.valueOf(getString(CHANGELOG_INSTALL).toUpperCase(Locale.ROOT)); }
    public boolean changelogPurge() { return getBoolean(CHANGELOG_PURGE); }
    public long structureCheckIntervalMs() { return getLong(CHANGELOG_STRUCTURE_CHECK); }
    public long openTransactionsWaitMs() { return getLong(CHANGELOG_TX_WAIT); }
    /** Origin markers whose change-log rows are left out (never empty strings). */
    public java.util.Set<String> excludedOrigins() { return excludedOrigins; }

    /** The JDBC URL (no credentials in it, so it may be logged). */
    public String jdbcUrl() {
        String extra = jdbcProperties().isBlank() ? "" : "&" + jdbcProperties().trim();
        return "jdbc:mysql://" + hostname() + ":" + port() + "/?useSSL=false&allowPublicKeyRetrieval=true&useUnicode=true"
                + "&characterEncoding=UTF-8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&zeroDateTimeBehavior=CONVERT_TO_NULL"
                + extra;
    }
}
