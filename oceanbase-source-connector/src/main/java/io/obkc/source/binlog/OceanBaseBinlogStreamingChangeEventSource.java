package io.obkc.source.binlog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;

import io.debezium.connector.binlog.jdbc.BinlogConnectorConnection;
import io.debezium.connector.mysql.MySqlConnectorConfig;
import io.debezium.connector.mysql.MySqlDatabaseSchema;
import io.debezium.connector.mysql.MySqlOffsetContext;
import io.debezium.connector.mysql.MySqlPartition;
import io.debezium.connector.mysql.MySqlStreamingChangeEventSource;
import io.debezium.connector.mysql.MySqlStreamingChangeEventSourceMetrics;
import io.debezium.connector.mysql.MySqlTaskContext;
import io.debezium.pipeline.ErrorHandler;
import io.debezium.pipeline.EventDispatcher;
import io.debezium.relational.TableId;
import io.debezium.snapshot.SnapshotterService;
import io.debezium.util.Clock;

/**
 * Debezium's MySQL binlog reader with the OceanBase Binlog Service's differences.
 *
 * <p><b>HEARTBEAT events.</b> Debezium handles every binlog event the same way: it moves the offset's event position to
 * the event's header and then counts the event as completed ({@code completeEvent()}, which raises the offset's
 * "events to skip on restart"). obbinlog sends HEARTBEAT events on its own schedule, also while a transaction is being
 * streamed. Counted inside a transaction, a heartbeat makes a restarted task skip one real row event of that
 * transaction: a silent loss. Apache Flink CDC patches Debezium for the same reason. Here a heartbeat does not touch the
 * offset at all (no position, no server id, no count); it only lets Debezium emit its own heartbeat records, as the stock
 * handler does.
 *
 * <p><b>MariaDB (the test stand-in only).</b> MariaDB replaces MySQL's BEGIN query event with its own GTID event for
 * replicas that declare GTID capability (the binlog library declares 4 by default); MySQL's reader would then never see a
 * transaction begin. Declaring capability 2 makes MariaDB send BEGIN as MySQL 5.7 and obbinlog do. Servers that are not
 * MariaDB, obbinlog included (it presents itself as MySQL 5.7), ignore the setting.
 */
public class OceanBaseBinlogStreamingChangeEventSource extends MySqlStreamingChangeEventSource {
    private static final Logger LOG = LoggerFactory.getLogger(OceanBaseBinlogStreamingChangeEventSource.class);
    /** MariaDB's replica capability "annotate rows events", the last one before "GTID" (4). */
    static final int MARIADB_CAPABILITY_BEFORE_GTID = 2;

    private final EventDispatcher<MySqlPartition, TableId> dispatcher;

    public OceanBaseBinlogStreamingChangeEventSource(MySqlConnectorConfig connectorConfig, BinlogConnectorConnection connection,
                                                     EventDispatcher<MySqlPartition, TableId> dispatcher, ErrorHandler errorHandler,
                                                     Clock clock, MySqlTaskContext taskContext, MySqlDatabaseSchema schema,
                                                     MySqlStreamingChangeEventSourceMetrics metrics, SnapshotterService snapshotterService,
                                                     BinaryLogClient client) {
        super(connectorConfig, connection, dispatcher, errorHandler, clock, taskContext, schema, metrics, snapshotterService, client);
        this.dispatcher = dispatcher;
    }

    @Override
    protected void configureReplicaCompatibility(BinaryLogClient client) {
        client.setMariaDbSlaveCapability(MARIADB_CAPABILITY_BEFORE_GTID);
    }

    @Override
    protected void handleEvent(MySqlPartition partition, MySqlOffsetContext offsetContext, ChangeEventSourceContext context, Event event) {
        if (event != null && event.getHeader().getEventType() == EventType.HEARTBEAT) {
            onServerHeartbeat(partition, offsetContext);
            return;
        }
        super.handleEvent(partition, offsetContext, context, event);
    }

    /** What a server heartbeat does: Debezium's heartbeat records, if due, from the unchanged offset. */
    protected void onServerHeartbeat(MySqlPartition partition, MySqlOffsetContext offsetContext) {
        try {
            dispatcher.dispatchServerHeartbeatEvent(partition, offsetContext);
            dispatcher.dispatchHeartbeatEvent(partition, offsetContext);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("Interrupted while dispatching a heartbeat; the binlog reader is stopping");
        }
    }
}
