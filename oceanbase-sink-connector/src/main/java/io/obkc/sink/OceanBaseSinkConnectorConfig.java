package io.obkc.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.obkc.common.config.Choices;
import io.obkc.sink.config.JdbcUrls;

/** Typed, documented configuration of {@link OceanBaseSinkConnector}. Reference: docs/oceanbase-sink-connector.md. */
public class OceanBaseSinkConnectorConfig extends AbstractConfig {

    public enum InsertMode { UPSERT, INSERT }

    public enum PrimaryKeyMode { RECORD_KEY, RECORD_VALUE, NONE }

    /** What to do with a table that has no primary key (see the no-key policy in the docs). */
    public enum NoPrimaryKeyPolicy { FAIL, MATCH_ALL_COLUMNS }

    private static final String GROUP_CONNECTION = "Connection";
    private static final String GROUP_WRITES = "Writes";
    private static final String GROUP_ROUTING = "Table routing";
    private static final String GROUP_SCHEMA = "Schema";
    private static final String GROUP_RETRIES = "Retries";
    private static final String GROUP_DDL = "DDL synchronization";
    private static final String GROUP_DLQ = "Dead letter queue";

    public static final String CONNECTION_URL = "connection.url";
    public static final String CONNECTION_USER = "connection.user";
    public static final String CONNECTION_PASSWORD = "connection.password";
    public static final String CONNECTION_ATTEMPTS = "connection.attempts";
    public static final String CONNECTION_TIMEOUT_MS = "connection.timeout.ms";
    public static final String CONNECTION_SOCKET_TIMEOUT_MS = "connection.socket.timeout.ms";
    public static final String SESSION_ORIGIN_MARKER = "session.origin.marker";
    public static final String SESSION_BINLOG_ENABLED = "session.binlog.enabled";

    public static final String INSERT_MODE = "insert.mode";
    public static final String DELETE_ENABLED = "delete.enabled";
    public static final String TRUNCATE_ENABLED = "truncate.enabled";
    public static final String BATCH_SIZE = "batch.size";
    public static final String ROWS_PER_STATEMENT = "rows.per.statement";
    public static final String PIPELINE_WRITES = "pipeline.writes";
    public static final String UNAVAILABLE_VALUE_PLACEHOLDER = "unavailable.value.placeholder";

    public static final String PRIMARY_KEY_MODE = "primary.key.mode";
    public static final String PRIMARY_KEY_FIELDS = "primary.key.fields";
    public static final String NO_PRIMARY_KEY_POLICY = "no.primary.key.policy";

    public static final String DATABASE_NAME_FORMAT = "database.name.format";
    public static final String TABLE_NAME_FORMAT = "table.name.format";

    public static final String AUTO_CREATE = "auto.create";
    public static final String AUTO_EVOLVE = "auto.evolve";
    public static final String AUTO_EVOLVE_WIDEN = "auto.evolve.widen";
    public static final String ORDERING_GUARD_ENABLED = "ordering.guard.enabled";
    public static final String TRANSACTION_ALIGNED_ENABLED = "transaction.aligned.enabled";
    public static final String TRANSACTION_ALIGNED_WAIT_MS = "transaction.aligned.wait.ms";
    public static final String TRANSACTION_ALIGNED_MAX_HELD = "transaction.aligned.max.held.records";
    public static final String OFFSETS_STORAGE_TABLE = "offsets.storage.table";

    public static final String DDL_SYNC_ENABLED = "ddl.sync.enabled";
    public static final String DDL_UNSUPPORTED_POLICY = "ddl.unsupported.policy";
    public static final String DDL_AUDIT_TABLE = "ddl.audit.table";
    public static final String DDL_ORDERING_WAIT_MS = "ddl.ordering.wait.ms";

    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";

    public static final String DLQ_MAX_RECORDS = "dlq.max.records";
    public static final String DLQ_MAX_RATIO = "dlq.max.ratio";
    public static final String DLQ_RATIO_WINDOW = "dlq.ratio.window";

    public static final ConfigDef CONFIG_DEF = configDef();

    private final String connectionUrl;
    private final String connectionUser;
    private final Password connectionPassword;
    private final InsertMode insertMode;
    private final PrimaryKeyMode primaryKeyMode;
    private final List<String> primaryKeyFields;
    private final NoPrimaryKeyPolicy noPrimaryKeyPolicy;

    public OceanBaseSinkConnectorConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        connectionUrl = getString(CONNECTION_URL).trim();
        connectionUser = getString(CONNECTION_USER);
        connectionPassword = getPassword(CONNECTION_PASSWORD);
        insertMode = InsertMode.valueOf(getString(INSERT_MODE).toUpperCase(Locale.ROOT));
        primaryKeyMode = PrimaryKeyMode.valueOf(getString(PRIMARY_KEY_MODE).toUpperCase(Locale.ROOT));
        primaryKeyFields = getList(PRIMARY_KEY_FIELDS);
        noPrimaryKeyPolicy = NoPrimaryKeyPolicy.valueOf(getString(NO_PRIMARY_KEY_POLICY).toUpperCase(Locale.ROOT));
    }

    private static ConfigDef configDef() {
        ConfigDef d = new ConfigDef();
        int o = 0;
        d.define(CONNECTION_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new JdbcUrlValidator(), Importance.HIGH,
                "JDBC URL of the OceanBase MySQL-mode server (or OBProxy), without a database: for example "
                        + "jdbc:mysql://127.0.0.1:2881/ (MySQL Connector/J) or jdbc:oceanbase://127.0.0.1:2881/ (OceanBase Connector/J); both "
                        + "drivers are bundled. Extra driver properties may be appended as URL parameters, but not a password: a URL that "
                        + "carries one is refused (put it in connection.password).",
                GROUP_CONNECTION, ++o, Width.LONG, "JDBC URL");
        d.define(CONNECTION_USER, Type.STRING, "root", Importance.HIGH,
                "User name; for OceanBase clusters use user@tenant (or user@tenant#cluster through OBProxy).",
                GROUP_CONNECTION, ++o, Width.MEDIUM, "User");
        d.define(CONNECTION_PASSWORD, Type.PASSWORD, "", Importance.HIGH,
                "Password. Never logged; use a ConfigProvider (for example ${file:/secrets.properties:ob.password}) to keep it out of the connector config.",
                GROUP_CONNECTION, ++o, Width.MEDIUM, "Password");
        d.define(CONNECTION_ATTEMPTS, Type.INT, 3, ConfigDef.Range.atLeast(1), Importance.LOW,
                "How many times to try to open a connection before the task fails.",
                GROUP_CONNECTION, ++o, Width.SHORT, "Connection attempts");
        d.define(CONNECTION_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.atLeast(0), Importance.LOW,
                "How long opening a connection may take (the driver's connectTimeout) before the attempt fails. 0: no limit. "
                        + "A connectTimeout in connection.url wins.",
                GROUP_CONNECTION, ++o, Width.SHORT, "Connect timeout");
        d.define(CONNECTION_SOCKET_TIMEOUT_MS, Type.INT, 300_000, ConfigDef.Range.atLeast(0), Importance.LOW,
                "How long the row-writing connection waits for the server's answer to one statement (the driver's socketTimeout) "
                        + "before it gives the connection up and retries on a new one, so a hung server or network cannot stall the task. "
                        + "Schema changes (DDL sync) run without it. 0: no limit. A socketTimeout in connection.url wins.",
                GROUP_CONNECTION, ++o, Width.SHORT, "Socket timeout");
        d.define(SESSION_ORIGIN_MARKER, Type.STRING, "", new OriginMarkerValidator(), Importance.MEDIUM,
                "Two-way sync into OceanBase: every sink session runs SET @obkc_origin = '<marker>', and the change-log triggers of "
                        + "an OceanBaseSourceConnector on the same tables record it, so that connector leaves these writes out "
                        + "(its changelog.exclude.origins lists the marker). Empty: not set. At most 128 characters.",
                GROUP_CONNECTION, ++o, Width.MEDIUM, "Origin marker");
        d.define(SESSION_BINLOG_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                "false: every sink session runs SET SESSION sql_log_bin = 0, so the sink's writes never reach the target's binlog. "
                        + "For two-way sync into a MySQL-family database whose binlog feeds the other direction (docs/migration-guide.md): "
                        + "the sink's changes are then not captured back. They also reach no replica or other binlog reader of that "
                        + "server. Needs SUPER or BINLOG ADMIN (MariaDB 10.5.2+), or SYSTEM_VARIABLES_ADMIN (MySQL 8); without it the "
                        + "task fails at connect, naming the privilege. OceanBase: use session.origin.marker instead.",
                GROUP_CONNECTION, ++o, Width.SHORT, "Binlog the writes");

        o = 0;
        d.define(INSERT_MODE, Type.STRING, "upsert", ConfigDef.CaseInsensitiveValidString.in("upsert", "insert"), Importance.HIGH,
                "upsert: INSERT ... ON DUPLICATE KEY UPDATE, idempotent, so redelivered records are harmless (recommended). "
                        + "insert: plain INSERT; a redelivered record fails on the duplicate key.",
                GROUP_WRITES, ++o, Width.SHORT, "Insert mode", Choices.of("upsert", "insert"));
        d.define(DELETE_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                "Apply deletes (op=d and tombstones) as DELETE by primary key. When false, delete events are counted and skipped (logged at INFO once per table).",
                GROUP_WRITES, ++o, Width.SHORT, "Deletes");
        d.define(TRUNCATE_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                "Apply truncate events (op=t) as TRUNCATE TABLE. Earlier buffered changes of the table are written first.",
                GROUP_WRITES, ++o, Width.SHORT, "Truncates");
        d.define(BATCH_SIZE, Type.INT, 5000, ConfigDef.Range.between(1, 1_000_000), Importance.MEDIUM,
                "Most records written and committed in one transaction. Each batch the worker delivers is written on its own, "
                        + "so a transaction holds min(batch.size, consumer max.poll.records) records; max.poll.records is 500 by default: raise it with "
                        + "consumer.override.max.poll.records=5000 for bulk loads.",
                GROUP_WRITES, ++o, Width.SHORT, "Batch size");
        d.define(PIPELINE_WRITES, Type.BOOLEAN, true, Importance.LOW,
                "Write each batch on the task's writer thread while the worker fetches and converts the next one, so the database and "
                        + "the worker's converter work at the same time. At most one batch is in flight; offsets are reported to the worker "
                        + "only after their batch has committed, and a failed batch fails the task on the next put(). false writes every "
                        + "batch before put() returns.",
                GROUP_WRITES, ++o, Width.SHORT, "Pipelined writes");
        d.define(ROWS_PER_STATEMENT, Type.INT, 500, ConfigDef.Range.between(1, 10_000), Importance.LOW,
                "Rows per multi-row INSERT or DELETE statement. Capped so a statement never exceeds 65535 placeholders.",
                GROUP_WRITES, ++o, Width.SHORT, "Rows per statement");
        d.define(UNAVAILABLE_VALUE_PLACEHOLDER, Type.STRING, "__debezium_unavailable_value", Importance.LOW,
                "The value Debezium's PostgreSQL source sends for an unchanged TOASTed column it did not read (its own "
                        + "unavailable.value.placeholder; as text, as the bytes of that text for bytea, as an array element for arrays). "
                        + "A row carrying it is written as an UPDATE of its other columns by key, so the target keeps the column's value; "
                        + "if no row has that key, the record is refused (dead letter queue or task failure). The placeholder is never written. "
                        + "Empty: no detection.",
                GROUP_WRITES, ++o, Width.MEDIUM, "Unavailable value placeholder");
        d.define(TRANSACTION_ALIGNED_ENABLED, Type.BOOLEAN, false, Importance.MEDIUM,
                "Commit each source transaction on the target as a whole: a reader never sees part of it, and a crash leaves all or none "
                        + "of it. Needs Debezium's transaction metadata (provide.transaction.metadata=true on the source) and the transaction "
                        + "topic (<topic.prefix>.transaction) among this connector's topics, and tasks.max=1 (a transaction's tables are spread "
                        + "over partitions, which several tasks would share out). Records of a transaction are held until its END record and "
                        + "all of its events have arrived. Costs memory for the held records and larger target transactions. See "
                        + "docs/oceanbase-sink-connector.md, \"Transaction-aligned apply\".",
                GROUP_WRITES, ++o, Width.SHORT, "Transaction-aligned apply");
        d.define(TRANSACTION_ALIGNED_WAIT_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                "With transaction.aligned.enabled: how long records of an incomplete transaction are held before they are written as "
                        + "they are, with a WARN naming the transaction and the metric transactions-released-incomplete-total counting it "
                        + "(a filter that drops some of a transaction's events, or a topic not consumed, would otherwise stall the task).",
                GROUP_WRITES, ++o, Width.SHORT, "Transaction wait");
        d.define(TRANSACTION_ALIGNED_MAX_HELD, Type.INT, 200_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                "With transaction.aligned.enabled: most records held while waiting for transactions to complete; past it they are "
                        + "written as they are, with a WARN and the metric transactions-released-incomplete-total. Bounds memory; a source "
                        + "transaction larger than this is not applied atomically.",
                GROUP_WRITES, ++o, Width.SHORT, "Most held records");

        o = 0;
        d.define(PRIMARY_KEY_MODE, Type.STRING, "record_key",
                ConfigDef.CaseInsensitiveValidString.in("record_key", "record_value", "none"), Importance.HIGH,
                "Where the primary key comes from. record_key: the record key's fields (Debezium sets them to the source primary key). "
                        + "record_value: the fields named in primary.key.fields, read from the value. "
                        + "none: no key; rows are matched on all columns (see no.primary.key.policy). An existing target table's primary key always wins for "
                        + "deciding the write path.",
                GROUP_SCHEMA, ++o, Width.SHORT, "Primary key mode", Choices.of("record_key", "record_value", "none"));
        d.define(PRIMARY_KEY_FIELDS, Type.LIST, "", Importance.MEDIUM,
                "Key field names for primary.key.mode=record_value (required there), or a subset of the key fields for record_key. Empty: all key fields.",
                GROUP_SCHEMA, ++o, Width.LONG, "Primary key fields");
        d.define(NO_PRIMARY_KEY_POLICY, Type.STRING, "match_all_columns",
                ConfigDef.CaseInsensitiveValidString.in("fail", "match_all_columns"), Importance.MEDIUM,
                "For a table with no primary key: match_all_columns inserts rows, and applies an update or delete to one row equal to the before image "
                        + "in every column (NULL-safe); the source must send before images (MySQL binlog_row_image=FULL, PostgreSQL REPLICA IDENTITY FULL). "
                        + "fail: the task fails on the first such table, naming it.",
                GROUP_SCHEMA, ++o, Width.SHORT, "Tables without a primary key", Choices.of("fail", "match_all_columns"));
        d.define(AUTO_CREATE, Type.BOOLEAN, true, Importance.MEDIUM,
                "Create a missing target table (and database) from the record schema, with OceanBase MySQL-mode types derived from Debezium's logical types and the source column type when the source sets column.propagate.source.type.",
                GROUP_SCHEMA, ++o, Width.SHORT, "Auto-create");
        d.define(AUTO_EVOLVE, Type.BOOLEAN, true, Importance.MEDIUM,
                "Add columns that records carry but the target table lacks (ALTER TABLE ADD COLUMN). Columns are never dropped or narrowed.",
                GROUP_SCHEMA, ++o, Width.SHORT, "Auto-evolve");
        d.define(AUTO_EVOLVE_WIDEN, Type.BOOLEAN, true, Importance.MEDIUM,
                "With auto.evolve=true, also widen a target column (ALTER TABLE MODIFY) when a record's propagated source type "
                        + "(column.propagate.source.type / datatype.propagate.source.type) is wider: longer VARCHAR, bigger integer, more "
                        + "DECIMAL digits or scale, more fractional seconds. Never narrows. See docs/ddl-sync.md.",
                GROUP_SCHEMA, ++o, Width.SHORT, "Widen columns");
        d.define(ORDERING_GUARD_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                "On tables with a primary key and another UNIQUE key: keep each row's source position in a column __obkc_src_pos "
                        + "(added to the table), never let an older change overwrite a newer row, and resolve unique-key conflicts between "
                        + "changes that arrive out of source order (several partitions per table, several tasks) to the source's final state "
                        + "instead of merging two rows. Off: plain upserts, correct only when each table's changes arrive in source order "
                        + "(one partition, one task). See docs/oceanbase-sink-connector.md, \"Ordering guard\".",
                GROUP_SCHEMA, ++o, Width.SHORT, "Ordering guard");
        d.define(OFFSETS_STORAGE_TABLE, Type.STRING, "", new QualifiedTableValidator(), Importance.MEDIUM,
                "<database>.<table> in the target where the sink keeps, per connector and topic partition, the Kafka offset up to which "
                        + "row changes are applied, advanced in the same transaction as the rows (created if missing; the sink's user needs "
                        + "CREATE on that database). A record redelivered after a crash or rebalance is then not applied again, so every row "
                        + "change takes effect exactly once, also on tables without a primary key, and a task that lost a partition cannot "
                        + "commit a stale batch over its new owner's. Empty (the default, until the fault harness has proven it under worker "
                        + "kills): off, replays rely on idempotent upserts, and keyless tables may duplicate rows on a replay. Suggested value: "
                        + "obkc_sink_state.kafka_offsets.",
                GROUP_SCHEMA, ++o, Width.LONG, "Offsets table");

        o = 0;
        d.define(DATABASE_NAME_FORMAT, Type.STRING, "${source.db}", new ConfigDef.NonEmptyStringWithoutControlChars(), Importance.MEDIUM,
                "Target database for a record. Placeholders: ${topic}, ${source.db}, ${source.schema}, ${source.table}. A record without a source block "
                        + "(flat records, tombstones) takes db and table from a Debezium-style topic name <prefix>.<db>.<table>.",
                GROUP_ROUTING, ++o, Width.MEDIUM, "Database name format");
        d.define(TABLE_NAME_FORMAT, Type.STRING, "${source.table}", new ConfigDef.NonEmptyStringWithoutControlChars(), Importance.MEDIUM,
                "Target table for a record; same placeholders as database.name.format. Names are always quoted, so any characters are safe.",
                GROUP_ROUTING, ++o, Width.MEDIUM, "Table name format");

        o = 0;
        d.define(DDL_SYNC_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                "Apply the DDL of Debezium schema change events (MySQL/MariaDB sources with include.schema.changes=true; subscribe the sink "
                        + "to the <topic.prefix> topic as well, e.g. topics.regex=prefix(\\.[^.]+\\.[^.]+)?, which leaves out the schema history and DLQ topics). When false, schema change events are skipped. "
                        + "See docs/ddl-sync.md.",
                GROUP_DDL, ++o, Width.SHORT, "DDL sync");
        for (io.obkc.sink.ddl.DdlClass c : io.obkc.sink.ddl.DdlClass.values()) {
            d.define(c.policyKey(), Type.STRING, c.defaultPolicy(), ConfigDef.CaseInsensitiveValidString.in("apply", "skip", "fail"),
                    Importance.LOW,
                    c == io.obkc.sink.ddl.DdlClass.OTHER
                            ? "Statements and ALTER TABLE clauses the sink does not synchronize (table options, partitions, foreign keys, checks, "
                                    + "views, databases...): skip (logged and recorded in ddl.audit.table) or fail. apply means skip here."
                            : "What to do with " + c.keyPart().replace('.', ' ').toUpperCase(Locale.ROOT)
                                    + " statements (or clauses): apply on OceanBase, skip (logged and recorded in ddl.audit.table) or fail the task.",
                    GROUP_DDL, ++o, Width.SHORT, "Policy: " + c.keyPart(), Choices.of("apply", "skip", "fail"));
        }
        d.define(DDL_UNSUPPORTED_POLICY, Type.STRING, "fail", ConfigDef.CaseInsensitiveValidString.in("fail", "skip_and_record"), Importance.MEDIUM,
                "When OceanBase rejects a converted DDL statement (or it cannot be converted): fail stops the task with an error naming the "
                        + "statement, the table and the server's error; skip_and_record logs a WARN, records it in ddl.audit.table and goes on.",
                GROUP_DDL, ++o, Width.SHORT, "Unsupported DDL", Choices.of("fail", "skip_and_record"));
        d.define(DDL_AUDIT_TABLE, Type.STRING, "obkc_meta.ddl_audit", new QualifiedTableValidator(), Importance.LOW,
                "Target table (database.table) where every schema change event is recorded with its outcome (applied, skipped by policy, "
                        + "rejected by OceanBase, nothing to do) and source position; created when missing. It also keeps a redelivered event "
                        + "from being applied twice. Empty: outcomes are only logged.",
                GROUP_DDL, ++o, Width.MEDIUM, "DDL audit table");
        d.define(DDL_ORDERING_WAIT_MS, Type.LONG, 3000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                "How long a schema change of an existing table may wait for that table's row changes that the source logged before it "
                        + "but that the consumer has not fetched yet (the schema change topic is read independently of the table topics). "
                        + "It is applied as soon as a row change of the table logged after it arrives, or when this time is up. While it "
                        + "waits, the records behind it are held in memory, not written. 0: apply schema changes as they arrive.",
                GROUP_DDL, ++o, Width.SHORT, "DDL ordering wait");

        o = 0;
        d.define(MAX_RETRIES, Type.INT, 10, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                "Retries of a batch after a transient failure (connection loss, interrupted query, lock wait timeout, deadlock, OceanBase "
                        + "leader change) before the task fails. Each retry reconnects. The first retries run in place for at most about 10 "
                        + "seconds of backoff; after that the task throws a RetriableException with the backoff, so the worker pauses the "
                        + "partitions, keeps polling and redelivers; the task retries the failed batch first, and fails after max.retries "
                        + "such rounds.",
                GROUP_RETRIES, ++o, Width.SHORT, "Max retries");
        d.define(RETRY_BACKOFF_MS, Type.LONG, 1000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                "First backoff between retries; it doubles on each retry, up to 30 seconds.",
                GROUP_RETRIES, ++o, Width.SHORT, "Retry backoff");

        o = 0;
        d.define(DLQ_MAX_RECORDS, Type.LONG, 1000L, ConfigDef.Range.atLeast(-1), Importance.MEDIUM,
                "With errors.tolerance=all: the most records a task may send to the dead letter queue since it started. The next one "
                        + "fails the task with a message saying so (that record is not sent and its offset not committed). -1: no limit.",
                GROUP_DLQ, ++o, Width.SHORT, "Dead letters, most");
        d.define(DLQ_MAX_RATIO, Type.DOUBLE, 0.1, ConfigDef.Range.between(-1.0, 1.0), Importance.MEDIUM,
                "With errors.tolerance=all: the largest share of the last dlq.ratio.window records a task was given that it may send "
                        + "to the dead letter queue; judged once it has seen 100 records (or the whole window, if smaller). Past it the task "
                        + "fails with a message saying so. -1: no limit.",
                GROUP_DLQ, ++o, Width.SHORT, "Dead letters, largest share");
        d.define(DLQ_RATIO_WINDOW, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.LOW,
                "How many of the latest records dlq.max.ratio is measured over.",
                GROUP_DLQ, ++o, Width.SHORT, "Dead letter share window");
        return d;
    }

    /** Cross-field checks; returns human-readable problems keyed by the config name they concern. */
    public static Map<String, List<String>> crossFieldProblems(Map<String, String> props) {
        Map<String, List<String>> problems = new java.util.LinkedHashMap<>();
        String pkMode = props.getOrDefault(PRIMARY_KEY_MODE, "record_key").trim().toLowerCase(Locale.ROOT);
        String pkFields = props.getOrDefault(PRIMARY_KEY_FIELDS, "").trim();
        if (pkMode.equals("record_value") && pkFields.isEmpty()) {
            problems.computeIfAbsent(PRIMARY_KEY_FIELDS, k -> new ArrayList<>())
                    .add("primary.key.mode=record_value needs primary.key.fields: name the value fields that form the key.");
        }
        if (pkMode.equals("none") && !pkFields.isEmpty()) {
            problems.computeIfAbsent(PRIMARY_KEY_FIELDS, k -> new ArrayList<>())
                    .add("primary.key.fields is set but primary.key.mode=none ignores it; set primary.key.mode=record_value or remove primary.key.fields.");
        }
        String noPk = props.getOrDefault(NO_PRIMARY_KEY_POLICY, "match_all_columns").trim().toLowerCase(Locale.ROOT);
        if (pkMode.equals("none") && noPk.equals("fail")) {
            problems.computeIfAbsent(NO_PRIMARY_KEY_POLICY, k -> new ArrayList<>())
                    .add("primary.key.mode=none with no.primary.key.policy=fail would fail on every table; choose match_all_columns or a key mode.");
        }
        String insertMode = props.getOrDefault(INSERT_MODE, "upsert").trim().toLowerCase(Locale.ROOT);
        if (insertMode.equals("upsert") && pkMode.equals("none")) {
            problems.computeIfAbsent(INSERT_MODE, k -> new ArrayList<>())
                    .add("insert.mode=upsert needs a key, but primary.key.mode=none; use insert.mode=insert or a key mode.");
        }
        if (Boolean.parseBoolean(props.getOrDefault(TRANSACTION_ALIGNED_ENABLED, "false").trim())) {
            String tasks = props.getOrDefault("tasks.max", "1").trim();
            if (!tasks.equals("1")) {
                problems.computeIfAbsent(TRANSACTION_ALIGNED_ENABLED, k -> new ArrayList<>())
                        .add("transaction.aligned.enabled=true needs tasks.max=1 (it is " + tasks + "): a source transaction's rows are on the "
                                + "partitions of several topics, and with several tasks no task sees all of them, so none could commit the "
                                + "transaction as a whole.");
            }
            String topics = props.getOrDefault("topics", "").trim();
            if (!topics.isEmpty() && java.util.Arrays.stream(topics.split(",")).map(String::trim).noneMatch(t -> t.endsWith(".transaction"))) {
                problems.computeIfAbsent(TRANSACTION_ALIGNED_ENABLED, k -> new ArrayList<>())
                        .add("transaction.aligned.enabled=true needs Debezium's transaction topic (<topic.prefix>.transaction) in topics, "
                                + "where the END records tell when a transaction is complete; add it to topics.");
            }
        }
        for (String f : List.of(DATABASE_NAME_FORMAT, TABLE_NAME_FORMAT)) {
            String v = props.get(f);
            if (v != null) {
                String unknown = io.obkc.sink.routing.TableRouter.unknownPlaceholder(v);
                if (unknown != null) {
                    problems.computeIfAbsent(f, k -> new ArrayList<>())
                            .add("Unknown placeholder " + unknown + "; use ${topic}, ${source.db}, ${source.schema} or ${source.table}.");
                }
            }
        }
        return problems;
    }

    public String connectionUrl() {
        return connectionUrl;
    }

    public String sessionOriginMarker() {
        return getString(SESSION_ORIGIN_MARKER);
    }

    public boolean sessionBinlogEnabled() {
        return getBoolean(SESSION_BINLOG_ENABLED);
    }

    /** An origin marker fits the change log's 128-character column; control characters are refused. */
    static final class OriginMarkerValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String v = (String) value;
            if (v != null && (v.length() > 128 || v.chars().anyMatch(Character::isISOControl))) {
                throw new org.apache.kafka.common.config.ConfigException(name, v,
                        "an origin marker has at most 128 characters and no control characters");
            }
        }

        @Override
        public String toString() {
            return "at most 128 characters";
        }
    }

    public String connectionUser() {
        return connectionUser;
    }

    public Password connectionPassword() {
        return connectionPassword;
    }

    public InsertMode insertMode() {
        return insertMode;
    }

    public PrimaryKeyMode primaryKeyMode() {
        return primaryKeyMode;
    }

    public List<String> primaryKeyFields() {
        return primaryKeyFields;
    }

    public NoPrimaryKeyPolicy noPrimaryKeyPolicy() {
        return noPrimaryKeyPolicy;
    }

    /**
     * Validates the JDBC URL's scheme, so a typo gets a clear message instead of "No suitable driver", and refuses a URL
     * that carries a password: URLs are logged (by the worker's config dump too), passwords must not be.
     */
    static final class JdbcUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return; // a missing required value is reported once, by the ConfigDef itself
            }
            String url = value.toString().trim();
            if (url.startsWith("jdbc:mariadb://")) {
                throw new ConfigException(name, "(value hidden)",
                        "no MariaDB Connector/J is bundled; use jdbc:mysql://host:port/ (MySQL Connector/J) or jdbc:oceanbase://host:port/");
            }
            if (!(url.startsWith("jdbc:mysql://") || url.startsWith("jdbc:oceanbase://"))) {
                throw new ConfigException(name, "(value hidden)",
                        "must start with jdbc:mysql:// or jdbc:oceanbase://, for example jdbc:mysql://127.0.0.1:2881/");
            }
            if (JdbcUrls.carriesPassword(url)) {
                throw new ConfigException(name, "(value hidden)",
                        "carries a password; URLs are logged, so remove it from the URL and set connection.password instead "
                                + "(or a ConfigProvider reference such as ${file:/etc/kafka/secrets.properties:ob.password})");
            }
        }

        @Override
        public String toString() {
            return "jdbc:mysql://host:port/ or jdbc:oceanbase://host:port/, without a password";
        }
    }

    /** {@code <database>.<table>}, each part optionally quoted with backticks or double quotes; empty means off. */
    static final class QualifiedTableValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String v = value == null ? "" : value.toString().trim();
            if (v.isEmpty()) {
                return;
            }
            List<String> parts = JdbcUrls.splitQualifiedName(v);
            if (parts.size() != 2 || parts.get(0).isEmpty() || parts.get(1).isEmpty()) {
                throw new ConfigException(name, v, "must be <database>.<table> (two names, for example obkc_meta.ddl_audit); "
                        + "it has " + parts.size() + " part(s). Quote a name that contains a dot with backticks, or leave the setting empty");
            }
        }

        @Override
        public String toString() {
            return "<database>.<table>, or empty";
        }
    }
}
