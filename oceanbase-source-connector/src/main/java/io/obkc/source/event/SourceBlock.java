package io.obkc.source.event;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import io.obkc.common.BundleVersion;

/**
 * The {@code source} block of every event of the connector, for all capture modes. Field order and names are fixed:
 * consumers (the OBKC sink, converters) read them by name, and the binlog mode fills the binlog fields.
 *
 * @param snapshot  Debezium's values: "first", "true", "last" while snapshotting ("first"/"last" on the first/last
 *                  snapshot row), "false" when streaming (null on schema-change events)
 * @param tsNs      commit time of the change in nanoseconds since the epoch (changelog mode: the SCN, which is one)
 * @param serverId  binlog server id; 0 in changelog mode
 * @param file      binlog file; "" in changelog mode
 * @param pos       binlog position; 0 in changelog mode
 * @param row       row within the binlog event; 0 in changelog mode
 * @param thread    the writing session's connection id, when known
 * @param scn       the commit version (ORA_ROWSCN) in changelog mode; the snapshot SCN on snapshot rows
 */
public record SourceBlock(String snapshot, String db, String table, long tsNs, long serverId, String gtid, String file, long pos, int row,
        Long thread, String query, Long scn) {

    public static final String SCHEMA_NAME = "io.obkc.connector.oceanbase.Source";
    public static final String CONNECTOR = "oceanbase";

    public static final Schema SCHEMA = SchemaBuilder.struct().name(SCHEMA_NAME)
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("snapshot", SchemaBuilder.string().optional().defaultValue("false").build())
            .field("db", Schema.STRING_SCHEMA)
            .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA)
            .field("server_id", Schema.INT64_SCHEMA)
            .field("gtid", Schema.OPTIONAL_STRING_SCHEMA)
            .field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA)
            .field("row", Schema.INT32_SCHEMA)
            .field("thread", Schema.OPTIONAL_INT64_SCHEMA)
            .field("query", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tenant", Schema.OPTIONAL_STRING_SCHEMA)
            .field("scn", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    /** A changelog-mode block: no binlog coordinates, the SCN as position and commit time. */
    public static SourceBlock changelog(String snapshot, String db, String table, long scn, Long thread) {
        return new SourceBlock(snapshot, db, table, scn, 0L, null, "", 0L, 0, thread, null, scn);
    }

    public Struct toStruct(String serverName, String tenant) {
        return new Struct(SCHEMA)
                .put("version", BundleVersion.get())
                .put("connector", CONNECTOR)
                .put("name", serverName)
                .put("ts_ms", tsNs / 1_000_000L)
                .put("snapshot", snapshot)
                .put("db", db)
                .put("ts_us", tsNs / 1_000L)
                .put("ts_ns", tsNs)
                .put("table", table)
                .put("server_id", serverId)
                .put("gtid", gtid)
                .put("file", file)
                .put("pos", pos)
                .put("row", row)
                .put("thread", thread)
                .put("query", query)
                .put("tenant", tenant)
                .put("scn", scn);
    }
}
