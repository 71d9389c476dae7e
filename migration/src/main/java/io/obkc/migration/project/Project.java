package io.obkc.migration.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A migration project as written in the project file (YAML or JSON; docs/migration-guide.md). Field names are the
 * file's keys. Validation lives in {@link ProjectLoader}, so this class stays a plain description of the file.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class Project {
    public String name;
    public Source source = new Source();
    public Target target = new Target();
    public Objects objects = new Objects();
    public List<Step> steps = new ArrayList<>(List.of(Step.SCHEMA, Step.FULL, Step.INCREMENTAL, Step.VERIFY, Step.SWITCHOVER));
    public Options options = new Options();
    public Connect connect = new Connect();

    /** The migration steps OMS offers; a project picks some of them. */
    public enum Step {
        @JsonProperty("schema") SCHEMA,
        @JsonProperty("full") FULL,
        @JsonProperty("incremental") INCREMENTAL,
        @JsonProperty("verify") VERIFY,
        @JsonProperty("switchover") SWITCHOVER,
        @JsonProperty("reverse") REVERSE
    }

    public enum SourceType {
        @JsonProperty("mariadb") MARIADB,
        @JsonProperty("mysql") MYSQL,
        @JsonProperty("postgresql") POSTGRESQL;

        public boolean mysqlFamily() {
            return this != POSTGRESQL;
        }

        public String verifierName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A database endpoint: JDBC URL, user, and the password inline, in a file, or in an environment variable. */
    public static class Endpoint {
        public String url;
        public String user;
        public String password;
        @JsonProperty("password-file")
        public String passwordFile;
        @JsonProperty("password-env")
        public String passwordEnv;
    }

    public static final class Source extends Endpoint {
        public SourceType type;
    }

    public static final class Target extends Endpoint {
    }

    /** The shared OMS matching rules (docs/matching-rules.md): include rules with optional renames, and exclude rules. */
    public static final class Objects {
        public List<String> include = new ArrayList<>();
        public List<String> exclude = new ArrayList<>();
    }

    public static final class Options {
        /** Apply source DDL on the target while incremental sync runs (MySQL family; docs/ddl-sync.md). */
        @JsonProperty("ddl-sync")
        public boolean ddlSync = true;
        /** Row filters: WHERE-style conditions per table (the RowFilter SMT on the sink). */
        @JsonProperty("row-filters")
        public List<RowFilter> rowFilters = new ArrayList<>();
        /** Partitions of the topics the source creates (Connect's topic.creation.default.partitions). */
        public int partitions = 1;
        /** tasks.max of the sink connector. */
        public int tasks = 1;
        /** Secondary indexes with the table (before) or after the full load (after; created at switchover). */
        @JsonProperty("index-creation")
        public String indexCreation = "before";
        /** MySQL family: the replication client id of the Debezium source (unique among the server's replicas). */
        @JsonProperty("server-id")
        public Long serverId;
        /** PostgreSQL: replication slot and publication name (default obkc_<project name>). */
        @JsonProperty("pg-slot")
        public String pgSlot;
        /** Largest lag behind the source that counts as caught up (status, switchover). */
        @JsonProperty("lag-threshold-ms")
        public long lagThresholdMs = 10_000;
        /** How long switchover waits for its marker row on the target. */
        @JsonProperty("catch-up-timeout-s")
        public long catchUpTimeoutSeconds = 300;
        /** Debezium heartbeat interval; each heartbeat also updates the lag marker row. */
        @JsonProperty("heartbeat-interval-ms")
        public long heartbeatIntervalMs = 2_000;
        /** Online verification: seconds the verifier re-checks differing rows still in flight. */
        @JsonProperty("verify-recheck-s")
        public long verifyRecheckSeconds = 30;
        /** Extra settings merged into the generated connector configurations (last word). */
        @JsonProperty("source-config")
        public Map<String, String> sourceConfig = new LinkedHashMap<>();
        @JsonProperty("sink-config")
        public Map<String, String> sinkConfig = new LinkedHashMap<>();
        /**
         * Reverse incremental: one-direction (the forward connectors stay stopped after switchover) or both-directions
         * (they are resumed; loop-free by origin markers, docs/migration-guide.md "Loop prevention").
         */
        @JsonProperty("reverse-mode")
        public ReverseMode reverseMode = ReverseMode.ONE_DIRECTION;
        /**
         * How the full step copies the existing rows: debezium (the source connector's snapshot, streamed through Kafka)
         * or bulk (obkc-bulk-load: parallel primary key ranges written straight to the target, after the source connector
         * recorded its binlog/WAL position with snapshot.mode=no_data; the sink then replays the changes since).
         */
        @JsonProperty("full-load")
        public FullLoad fullLoad = FullLoad.DEBEZIUM;
        /** full-load: bulk: copy threads (one source and one target connection each). */
        @JsonProperty("bulk-load-threads")
        public int bulkLoadThreads = 4;
        /** full-load: bulk: rows per primary key range. */
        @JsonProperty("bulk-load-chunk-rows")
        public int bulkLoadChunkRows = 20_000;
        /** The database user the forward sink writes with (default: target.user). */
        @JsonProperty("forward-sink-user")
        public String forwardSinkUser;
    }

    public enum FullLoad {
        @JsonProperty("debezium") DEBEZIUM,
        @JsonProperty("bulk") BULK
    }

    public enum ReverseMode {
        @JsonProperty("one-direction") ONE_DIRECTION,
        @JsonProperty("both-directions") BOTH_DIRECTIONS
    }

    public static final class RowFilter {
        public String tables;
        public String condition;
    }

    public static final class Connect {
        /** Kafka Connect REST endpoint; default: the dev cluster of scripts/run-dev.sh. */
        public String url = "http://localhost:8083";
        /** Kafka bootstrap servers of that cluster (Debezium's schema history topic, DLQ and lag figures). */
        @JsonProperty("kafka-bootstrap")
        public String kafkaBootstrap = "localhost:9092";
    }
}
