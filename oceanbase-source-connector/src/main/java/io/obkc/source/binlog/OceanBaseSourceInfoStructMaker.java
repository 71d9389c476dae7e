package io.obkc.source.binlog;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import io.debezium.config.CommonConnectorConfig;
import io.debezium.connector.AbstractSourceInfoStructMaker;
import io.debezium.connector.binlog.BinlogSourceInfo;
import io.debezium.connector.mysql.SourceInfo;

/**
 * The {@code source} block of capture.mode=binlog, the same schema the changelog mode writes:
 * {@code io.obkc.connector.oceanbase.Source} with Debezium MySQL's fields (version … query, in Debezium 3.5's order),
 * then {@code tenant} and {@code scn}. scn is always null here: the binlog carries file/position and GTIDs, not SCNs.
 * Debezium builds the envelope, schema-change and transaction events around whatever this returns.
 */
public class OceanBaseSourceInfoStructMaker extends AbstractSourceInfoStructMaker<SourceInfo> {
    public static final String SCHEMA_NAME = "io.obkc.connector.oceanbase.Source";
    public static final String CONNECTOR = "oceanbase";
    public static final String TENANT_KEY = "tenant";
    public static final String SCN_KEY = "scn";

    private Schema schema;
    private String tenant;

    @Override
    public void init(String connector, String version, CommonConnectorConfig connectorConfig) {
        // Debezium passes "mysql"; downstream consumers (OMS converters, the sink) must see one connector name for both modes.
        super.init(CONNECTOR, version, connectorConfig);
        String t = connectorConfig.getConfig().getString(OceanBaseBinlogConfig.TENANT);
        this.tenant = t == null || t.isBlank() ? null : t;
        this.schema = commonSchemaBuilder()
                .name(SCHEMA_NAME)
                .field(BinlogSourceInfo.TABLE_NAME_KEY, Schema.OPTIONAL_STRING_SCHEMA)
                .field(BinlogSourceInfo.SERVER_ID_KEY, Schema.INT64_SCHEMA)
                .field(BinlogSourceInfo.GTID_KEY, Schema.OPTIONAL_STRING_SCHEMA)
                .field(BinlogSourceInfo.BINLOG_FILENAME_OFFSET_KEY, Schema.STRING_SCHEMA)
                .field(BinlogSourceInfo.BINLOG_POSITION_OFFSET_KEY, Schema.INT64_SCHEMA)
                .field(BinlogSourceInfo.BINLOG_ROW_IN_EVENT_OFFSET_KEY, Schema.INT32_SCHEMA)
                .field(BinlogSourceInfo.THREAD_KEY, Schema.OPTIONAL_INT64_SCHEMA)
                .field(BinlogSourceInfo.QUERY_KEY, Schema.OPTIONAL_STRING_SCHEMA)
                .field(TENANT_KEY, Schema.OPTIONAL_STRING_SCHEMA)
                .field(SCN_KEY, Schema.OPTIONAL_INT64_SCHEMA)
                .build();
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Struct struct(SourceInfo info) {
        Struct s = commonStruct(info);
        s.put(BinlogSourceInfo.SERVER_ID_KEY, info.getServerId());
        // Only the current GTID: the whole executed set belongs in the offsets, not in every event.
        if (info.getCurrentGtid() != null) {
            s.put(BinlogSourceInfo.GTID_KEY, info.getCurrentGtid());
        }
        s.put(BinlogSourceInfo.BINLOG_FILENAME_OFFSET_KEY, info.getCurrentBinlogFilename());
        s.put(BinlogSourceInfo.BINLOG_POSITION_OFFSET_KEY, info.getCurrentBinlogPosition());
        s.put(BinlogSourceInfo.BINLOG_ROW_IN_EVENT_OFFSET_KEY, info.getCurrentRowNumber());
        if (info.getThreadId() >= 0) {
            s.put(BinlogSourceInfo.THREAD_KEY, info.getThreadId());
        }
        if (info.table() != null) {
            s.put(BinlogSourceInfo.TABLE_NAME_KEY, info.table());
        }
        if (info.getQuery() != null) {
            s.put(BinlogSourceInfo.QUERY_KEY, info.getQuery());
        }
        s.put(TENANT_KEY, tenant);
        return s;
    }
}
