package io.obkc.source.binlog;

import com.github.shyiko.mysql.binlog.BinaryLogClient;

import io.debezium.connector.base.ChangeEventQueue;
import io.debezium.connector.binlog.jdbc.BinlogConnectorConnection;
import io.debezium.connector.mysql.MySqlChangeEventSourceFactory;
import io.debezium.connector.mysql.MySqlConnectorConfig;
import io.debezium.connector.mysql.MySqlDatabaseSchema;
import io.debezium.connector.mysql.MySqlOffsetContext;
import io.debezium.connector.mysql.MySqlPartition;
import io.debezium.connector.mysql.MySqlStreamingChangeEventSourceMetrics;
import io.debezium.connector.mysql.MySqlTaskContext;
import io.debezium.jdbc.MainConnectionProvidingConnectionFactory;
import io.debezium.pipeline.DataChangeEvent;
import io.debezium.pipeline.ErrorHandler;
import io.debezium.pipeline.EventDispatcher;
import io.debezium.pipeline.source.spi.StreamingChangeEventSource;
import io.debezium.relational.TableId;
import io.debezium.snapshot.SnapshotterService;
import io.debezium.util.Clock;

/** Debezium's MySQL sources (snapshot, incremental snapshot) with the OceanBase streaming source in place of MySQL's. */
class OceanBaseBinlogChangeEventSourceFactory extends MySqlChangeEventSourceFactory {
    private final MySqlConnectorConfig config;
    private final MainConnectionProvidingConnectionFactory<BinlogConnectorConnection> connections;
    private final ErrorHandler errorHandler;
    private final EventDispatcher<MySqlPartition, TableId> dispatcher;
    private final Clock clock;
    private final MySqlDatabaseSchema schema;
    private final MySqlTaskContext taskContext;
    private final MySqlStreamingChangeEventSourceMetrics streamingMetrics;
    private final ChangeEventQueue<DataChangeEvent> queue;
    private final SnapshotterService snapshotterService;
    private final BinaryLogClient client;

    OceanBaseBinlogChangeEventSourceFactory(MySqlConnectorConfig config,
                                            MainConnectionProvidingConnectionFactory<BinlogConnectorConnection> connections,
                                            ErrorHandler errorHandler, EventDispatcher<MySqlPartition, TableId> dispatcher, Clock clock,
                                            MySqlDatabaseSchema schema, MySqlTaskContext taskContext,
                                            MySqlStreamingChangeEventSourceMetrics streamingMetrics, ChangeEventQueue<DataChangeEvent> queue,
                                            SnapshotterService snapshotterService, BinaryLogClient client) {
        super(config, connections, errorHandler, dispatcher, clock, schema, taskContext, streamingMetrics, queue, snapshotterService, client);
        this.config = config;
        this.connections = connections;
        this.errorHandler = errorHandler;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.schema = schema;
        this.taskContext = taskContext;
        this.streamingMetrics = streamingMetrics;
        this.queue = queue;
        this.snapshotterService = snapshotterService;
        this.client = client;
    }

    @Override
    public StreamingChangeEventSource<MySqlPartition, MySqlOffsetContext> getStreamingChangeEventSource() {
        // As the MySQL factory does: the snapshot's last-record buffering ends where streaming begins.
        queue.disableBuffering();
        return new OceanBaseBinlogStreamingChangeEventSource(config, connections.mainConnection(), dispatcher, errorHandler, clock,
                taskContext, schema, streamingMetrics, snapshotterService, client);
    }
}
