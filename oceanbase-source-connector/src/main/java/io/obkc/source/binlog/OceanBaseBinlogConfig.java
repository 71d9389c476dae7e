package io.obkc.source.binlog;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.obkc.common.rules.MatchRule;
import io.obkc.common.rules.ObjectMatcher;
import io.obkc.common.rules.RuleSyntaxException;

/**
 * Settings of {@code capture.mode=binlog}: capture from the OceanBase Binlog Service (obbinlog) through ODP with
 * Debezium's MySQL connector engine. The keys here are the ones this mode documents and checks; every other key the
 * task receives is handed to Debezium's MySQL connector unchanged (so any Debezium MySQL property can be set), except
 * {@value #STRUCT_MAKER} which this mode owns.
 */
public final class OceanBaseBinlogConfig extends AbstractConfig {
    public static final String HOSTNAME = "database.hostname";
    public static final String PORT = "database.port";
    public static final String USER = "database.user";
    public static final String PASSWORD = "database.password";
    public static final String TENANT = "oceanbase.tenant";
    public static final String SERVER_ID = "database.server.id";
    public static final String SHOW_DDL_IN_COMPAT_MODE = "oceanbase.show.ddl.in.compat.mode";
    public static final String INITIAL_STATEMENTS = "database.initial.statements";

    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String DATABASE_INCLUDE_LIST = "database.include.list";
    public static final String DATABASE_EXCLUDE_LIST = "database.exclude.list";
    public static final String TABLE_INCLUDE_LIST = "table.include.list";
    public static final String TABLE_EXCLUDE_LIST = "table.exclude.list";
    public static final String SNAPSHOT_MODE = "snapshot.mode";
    public static final String SNAPSHOT_LOCKING_MODE = "snapshot.locking.mode";
    public static final String INCLUDE_SCHEMA_CHANGES = "include.schema.changes";
    public static final String PROVIDE_TRANSACTION_METADATA = "provide.transaction.metadata";
    public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";

    public static final String HISTORY_BOOTSTRAP_SERVERS = "schema.history.internal.kafka.bootstrap.servers";
    public static final String HISTORY_TOPIC = "schema.history.internal.kafka.topic";

    public static final String DECIMAL_HANDLING_MODE = "decimal.handling.mode";
    public static final String BIGINT_UNSIGNED_HANDLING_MODE = "bigint.unsigned.handling.mode";
    public static final String PROPAGATE_SOURCE_TYPE = "datatype.propagate.source.type";

    /** Debezium's hook for the {@code source} block; this mode always sets it to {@link OceanBaseSourceInfoStructMaker}. */
    static final String STRUCT_MAKER = "sourceinfo.struct.maker";
    /** The session setting that makes obbinlog-facing sessions print DDL (SHOW CREATE TABLE) in MySQL syntax. */
    static final String COMPAT_MODE_STATEMENT = "SET SESSION _show_ddl_in_compat_mode = 1";

    private static final String CONNECTION = "Connection";
    private static final String CAPTURE = "Capture";
    private static final String HISTORY = "Schema history";
    private static final String TYPES = "Types";

    /** Checks that a rule list parses as the list it is (exclude rules take no rename), naming the bad rule. */
    private static ConfigDef.Validator matchingRules(MatchRule.Kind kind) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String rules = value == null ? "" : value.toString();
                try {
                    ObjectMatcher.parse(kind == MatchRule.Kind.INCLUDE ? rules : "", kind == MatchRule.Kind.EXCLUDE ? rules : "");
                } catch (RuleSyntaxException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "matching rules (docs/matching-rules.md)";
            }
        };
    }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(HOSTNAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Host of the ODP (OBProxy) in front of the OceanBase cluster whose tenant has a binlog in the OceanBase Binlog Service. "
                            + "Both the snapshot (SQL) and the binlog dump go through this ODP.",
                    CONNECTION, 1, Width.LONG, "ODP host")
            .define(PORT, Type.INT, 2883, Range.between(1, 65535), Importance.HIGH,
                    "ODP port (2883 by default in an OceanBase deployment).", CONNECTION, 2, Width.SHORT, "ODP port")
            .define(USER, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "User as ODP expects it: user@tenant#cluster (or user@tenant when ODP fronts one cluster). "
                            + "Needs SELECT on the captured tables, REPLICATION SLAVE and REPLICATION CLIENT.",
                    CONNECTION, 3, Width.MEDIUM, "User")
            .define(PASSWORD, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Password of the user. Never logged.", CONNECTION, 4, Width.MEDIUM, "Password")
            .define(TENANT, Type.STRING, "", Importance.MEDIUM,
                    "Tenant written to source.tenant of every event. Empty: taken from the user name (the part after '@', "
                            + "up to '#'; or the middle part of cluster:tenant:user). Stays null when neither names one.",
                    CONNECTION, 5, Width.MEDIUM, "Tenant")
            .define(SERVER_ID, Type.LONG, ConfigDef.NO_DEFAULT_VALUE, Range.between(1L, 4_294_967_295L), Importance.HIGH,
                    "Replica server id this task registers with the Binlog Service. Must differ from every other reader of the "
                            + "same binlog (other connectors, obbinlog's own replicas).",
                    CONNECTION, 6, Width.SHORT, "Server id")
            .define(SHOW_DDL_IN_COMPAT_MODE, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Run '" + COMPAT_MODE_STATEMENT + "' on every JDBC session, so SHOW CREATE TABLE during the snapshot gives "
                            + "MySQL-compatible DDL that Debezium's MySQL DDL parser reads. Turn off only for a server that does not "
                            + "know the variable (the MariaDB stand-in of the tests).",
                    CONNECTION, 7, Width.SHORT, "MySQL-compatible DDL")
            .define(INITIAL_STATEMENTS, Type.STRING, "", Importance.LOW,
                    "More statements run on every JDBC session, separated by ';' (';;' for a literal semicolon); they run after "
                            + "the compat-mode statement.",
                    CONNECTION, 8, Width.LONG, "Initial statements")
            .define(TOPIC_PREFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Prefix of every topic: changes go to <prefix>.<database>.<table>, schema changes to <prefix>, transaction "
                            + "metadata to <prefix>.transaction, heartbeats to __debezium-heartbeat.<prefix>. Also names the "
                            + "stored offsets: changing it starts over.",
                    CAPTURE, 1, Width.MEDIUM, "Topic prefix")
            .define(DATABASE_INCLUDE_LIST, Type.STRING, "", Importance.HIGH,
                    "Comma-separated regular expressions of databases to capture (Debezium semantics: each matches the whole name). "
                            + "Empty: all but the system databases.",
                    CAPTURE, 2, Width.LONG, "Databases")
            .define(DATABASE_EXCLUDE_LIST, Type.STRING, "", Importance.LOW,
                    "Comma-separated regular expressions of databases not to capture; not together with " + DATABASE_INCLUDE_LIST + ".",
                    CAPTURE, 3, Width.LONG, "Excluded databases")
            .define(TABLE_INCLUDE_LIST, Type.STRING, "", matchingRules(MatchRule.Kind.INCLUDE), Importance.HIGH,
                    "Tables to capture, as the bundle's matching rules (docs/matching-rules.md; the same rules as capture.mode=changelog, "
                            + "e.g. shop.order_*, case-insensitive). Handed to Debezium as one equivalent regular expression. "
                            + "Empty: every table of the captured databases.",
                    CAPTURE, 4, Width.LONG, "Tables")
            .define(TABLE_EXCLUDE_LIST, Type.STRING, "", matchingRules(MatchRule.Kind.EXCLUDE), Importance.LOW,
                    "Tables not to capture, as matching rules; exclusion wins over " + TABLE_INCLUDE_LIST + ".",
                    CAPTURE, 5, Width.LONG, "Excluded tables")
            .define(SNAPSHOT_MODE, Type.STRING, "initial",
                    ValidString.in("initial", "initial_only", "no_data", "when_needed", "recovery", "always"), Importance.MEDIUM,
                    "Debezium's snapshot.mode: initial reads every captured table once, then streams from the binlog position "
                            + "read at the start of the snapshot; no_data streams only.",
                    CAPTURE, 6, Width.SHORT, "Snapshot mode")
            .define(SNAPSHOT_LOCKING_MODE, Type.STRING, "none", ValidString.in("none", "minimal", "extended"), Importance.MEDIUM,
                    "Debezium's snapshot.locking.mode. none (the default here) takes no lock: OceanBase has no FLUSH TABLES WITH "
                            + "READ LOCK. The binlog position is read before the first row, so rows changed while the snapshot runs "
                            + "are sent again by the stream (at least once; never lost). Safe only without DDL during the snapshot.",
                    CAPTURE, 7, Width.SHORT, "Snapshot locking")
            .define(INCLUDE_SCHEMA_CHANGES, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Send schema-change events (DDL and the table's structure) to the <prefix> topic.",
                    CAPTURE, 8, Width.SHORT, "Schema changes")
            .define(PROVIDE_TRANSACTION_METADATA, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Send BEGIN/END events to <prefix>.transaction and a transaction block (id, total_order, "
                            + "data_collection_order) in every change event.",
                    CAPTURE, 9, Width.SHORT, "Transaction metadata")
            .define(HEARTBEAT_INTERVAL_MS, Type.INT, 0, Range.atLeast(0), Importance.LOW,
                    "Milliseconds between Debezium heartbeat records (0: none). Heartbeats let offsets advance while the captured "
                            + "tables are idle.",
                    CAPTURE, 10, Width.SHORT, "Heartbeat interval")
            .define(HISTORY_BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka bootstrap servers of the schema history topic (Debezium keeps every DDL there to decode later binlog rows).",
                    HISTORY, 1, Width.LONG, "History Kafka")
            .define(HISTORY_TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Schema history topic: one partition, infinite retention, used by this connector only.",
                    HISTORY, 2, Width.MEDIUM, "History topic")
            .define(DECIMAL_HANDLING_MODE, Type.STRING, "precise", ValidString.in("precise", "double", "string"), Importance.MEDIUM,
                    "Debezium's decimal.handling.mode for DECIMAL/NUMERIC columns.", TYPES, 1, Width.SHORT, "Decimals")
            .define(BIGINT_UNSIGNED_HANDLING_MODE, Type.STRING, "long", ValidString.in("long", "precise"), Importance.MEDIUM,
                    "Debezium's bigint.unsigned.handling.mode: long (values above 2^63-1 wrap) or precise (Decimal).",
                    TYPES, 2, Width.SHORT, "BIGINT UNSIGNED")
            // LIST, as in OceanBaseSourceConfig: the worker renders validate()'s values with the connector's config() types, and a
            // String where that says LIST fails the whole REST call (HTTP 500). Debezium reads the same comma-separated text.
            .define(PROPAGATE_SOURCE_TYPE, Type.LIST, "", Importance.LOW,
                    "Debezium's datatype.propagate.source.type: regular expressions of type names whose columns carry "
                            + "__debezium.source.column.type/length/scale schema parameters ('.+' for all; the OceanBase sink sizes "
                            + "columns from them).",
                    TYPES, 3, Width.LONG, "Source type parameters");

    public OceanBaseBinlogConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    /**
     * The tenant for source.tenant: {@value #TENANT} when set, otherwise from an ODP user name ({@code user@tenant#cluster},
     * {@code user@tenant}, or the older {@code cluster:tenant:user}); null when none of these name one.
     */
    public String tenant() {
        String explicit = getString(TENANT);
        if (!explicit.isBlank()) {
            return explicit.trim();
        }
        return tenantOfUser(getString(USER));
    }

    static String tenantOfUser(String user) {
        int at = user.indexOf('@');
        if (at >= 0) {
            int hash = user.indexOf('#', at);
            String t = hash < 0 ? user.substring(at + 1) : user.substring(at + 1, hash);
            return t.isEmpty() ? null : t;
        }
        String[] parts = user.split(":", -1);
        return parts.length == 3 && !parts[1].isEmpty() ? parts[1] : null;
    }

    /**
     * The properties Debezium's MySQL connector task runs with: every property the task got (Debezium passthrough), the
     * checked values of this ConfigDef (with their defaults), and what this mode always sets.
     */
    public Map<String, String> debeziumProperties(Map<String, String> original) {
        String owner = original.get(STRUCT_MAKER);
        if (owner != null && !owner.equals(OceanBaseSourceInfoStructMaker.class.getName())) {
            throw new ConfigException(STRUCT_MAKER, owner, "capture.mode=binlog writes its own source block ("
                    + OceanBaseSourceInfoStructMaker.class.getName() + "); remove " + STRUCT_MAKER);
        }
        Map<String, String> p = new HashMap<>(original);
        for (String key : CONFIG_DEF.names()) {
            if (key.equals(INITIAL_STATEMENTS) || key.equals(SHOW_DDL_IN_COMPAT_MODE) || key.equals(TENANT)) {
                continue;
            }
            Object v = get(key);
            String s = v instanceof Password pw ? pw.value() : ConfigDef.convertToString(v, CONFIG_DEF.configKeys().get(key).type);
            if (s == null || s.isEmpty()) {
                p.remove(key);
            } else {
                p.put(key, s);
            }
        }
        String statements = getString(INITIAL_STATEMENTS).trim();
        if (getBoolean(SHOW_DDL_IN_COMPAT_MODE)) {
            statements = statements.isEmpty() ? COMPAT_MODE_STATEMENT : COMPAT_MODE_STATEMENT + ";" + statements;
        }
        if (statements.isEmpty()) {
            p.remove(INITIAL_STATEMENTS);
        } else {
            p.put(INITIAL_STATEMENTS, statements);
        }
        String tenant = tenant();
        if (tenant == null) {
            p.remove(TENANT);
        } else {
            p.put(TENANT, tenant);
        }
        p.put(STRUCT_MAKER, OceanBaseSourceInfoStructMaker.class.getName());
        p.remove(TABLE_EXCLUDE_LIST);
        tableFilterRegex().ifPresentOrElse(regex -> p.put(TABLE_INCLUDE_LIST, regex), () -> p.remove(TABLE_INCLUDE_LIST));
        return p;
    }

    /**
     * The matching rules of {@value #TABLE_INCLUDE_LIST} and {@value #TABLE_EXCLUDE_LIST} as the one regular expression
     * Debezium's {@code table.include.list} takes (Debezium allows no include and exclude list together, and knows no
     * wildcards); empty when neither is set, so Debezium captures every table of the captured databases.
     */
    Optional<String> tableFilterRegex() {
        String include = getString(TABLE_INCLUDE_LIST);
        String exclude = getString(TABLE_EXCLUDE_LIST);
        if (include.isBlank() && exclude.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(ObjectMatcher.parse(include.isBlank() ? "*.*" : include, exclude).toQualifiedNameRegex());
    }
}
