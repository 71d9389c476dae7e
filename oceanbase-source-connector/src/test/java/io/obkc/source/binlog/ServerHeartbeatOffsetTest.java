package io.obkc.source.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;

import io.debezium.config.Configuration;
import io.debezium.connector.mysql.MySqlConnectorConfig;
import io.debezium.connector.mysql.MySqlOffsetContext;
import io.debezium.connector.mysql.MySqlPartition;
import io.debezium.connector.mysql.MySqlStreamingChangeEventSource;
import io.debezium.connector.mysql.MySqlTaskContext;
import io.debezium.connector.mysql.jdbc.MySqlConnection;
import io.debezium.connector.mysql.jdbc.MySqlConnectionConfiguration;
import io.debezium.connector.mysql.jdbc.MySqlFieldReaderResolver;
import io.debezium.pipeline.source.spi.ChangeEventSource.ChangeEventSourceContext;
import io.debezium.connector.base.ChangeEventQueue;
import io.debezium.connector.binlog.BinlogEventMetadataProvider;
import io.debezium.connector.mysql.MySqlDatabaseSchema;
import io.debezium.connector.mysql.jdbc.MySqlValueConverters;
import io.debezium.pipeline.DataChangeEvent;
import io.debezium.pipeline.EventDispatcher;
import io.debezium.relational.TableId;
import io.debezium.spi.topic.TopicNamingStrategy;
import io.debezium.util.Clock;

/**
 * HEARTBEAT handling, with synthetic events built from the binlog library's own classes. An obbinlog heartbeat stream
 * cannot be produced on this machine (no OceanBase Binlog Service here), so these events stand in for it: a transaction
 * is under way (BEGIN seen, two row events processed) when a heartbeat arrives, as obbinlog may send one mid-transaction.
 */
class ServerHeartbeatOffsetTest {
    private static final String FILE = "mysql-bin.000042";
    private static final long BEGIN_POS = 1_000;

    private static MySqlConnectorConfig config;
    private static MySqlConnection connection;
    private static EventDispatcher<MySqlPartition, TableId> dispatcher;

    @BeforeAll
    static void setUp() {
        System.out.println("[binlog heartbeat test] synthetic binlog events stand in for the OceanBase Binlog Service's HEARTBEAT "
                + "stream; obbinlog itself is not tested here (none can run on this machine).");
        Map<String, String> p = new HashMap<>();
        p.put("topic.prefix", "hb");
        // Nothing listens there: the constructors only need a connection object, no server.
        p.put("database.hostname", "127.0.0.1");
        p.put("database.port", "1");
        p.put("database.user", "u@t#c");
        p.put("database.password", "x");
        p.put("database.server.id", "5912");
        p.put("connect.timeout.ms", "200");
        p.put("schema.history.internal", "io.debezium.relational.history.MemorySchemaHistory");
        // SSL would make the binlog client setup query the server for its TLS version.
        p.put("database.ssl.mode", "disabled");
        Configuration c = Configuration.from(p);
        config = new MySqlConnectorConfig(c);
        connection = new MySqlConnection(new MySqlConnectionConfiguration(c), MySqlFieldReaderResolver.resolve(config)) {
            @Override
            public boolean isGtidModeEnabled() {
                return false;
            }
        };
    }

    @Test
    void heartbeatInsideTransactionLeavesTheOffsetAsItWas() {
        int[] heartbeats = {0};
        OceanBaseBinlogStreamingChangeEventSource source = new OceanBaseBinlogStreamingChangeEventSource(config, connection, dispatcher(), null,
                Clock.system(), new MySqlTaskContext(config.getConfig(), config), null, null, null, new BinaryLogClient("h", 1, "u", "p")) {
            @Override
            protected void onServerHeartbeat(MySqlPartition partition, MySqlOffsetContext offsetContext) {
                heartbeats[0]++;
            }
        };
        MySqlOffsetContext offset = offsetInTransactionAfterTwoRowEvents(source::handleEvent);
        Map<String, ?> before = Map.copyOf(offset.getOffset());
        long serverIdBefore = offset.getSource().getServerId();
        long positionBefore = offset.getSource().getCurrentBinlogPosition();

        source.handleEvent(partition(), offset, running(), heartbeat(99, 5_000));

        assertThat(offset.getOffset()).as("offsets after a heartbeat mid-transaction").isEqualTo(before);
        assertThat(offset.eventsToSkipUponRestart()).as("events a restarted task skips: BEGIN + 2 row events").isEqualTo(3);
        assertThat(offset.getSource().getServerId()).isEqualTo(serverIdBefore);
        assertThat(offset.getSource().getCurrentBinlogPosition()).isEqualTo(positionBefore);
        assertThat(heartbeats[0]).as("the heartbeat still reaches Debezium's heartbeat dispatch").isEqualTo(1);
    }

    /** Why the override exists: Debezium's stock reader counts the heartbeat, so a restart would skip a real row event. */
    @Test
    void stockDebeziumReaderCountsTheHeartbeatAsAProcessedEvent() {
        MySqlStreamingChangeEventSource stock = new MySqlStreamingChangeEventSource(config, connection, dispatcher(), null, Clock.system(),
                new MySqlTaskContext(config.getConfig(), config), null, null, null, new BinaryLogClient("h", 1, "u", "p"));
        MySqlOffsetContext offset = offsetInTransactionAfterTwoRowEvents((p, o, c, e) -> invokeHandleEvent(stock, p, o, c, e));

        invokeHandleEvent(stock, partition(), offset, running(), heartbeat(99, 5_000));

        assertThat(offset.eventsToSkipUponRestart()).as("stock Debezium: one event too many to skip on restart").isEqualTo(4);
    }

    interface EventSink {
        void handle(MySqlPartition partition, MySqlOffsetContext offset, ChangeEventSourceContext context, Event event);
    }

    /** BEGIN at 1000, then two row events through the reader: Debezium counts 3 completed events in the transaction. */
    private static MySqlOffsetContext offsetInTransactionAfterTwoRowEvents(EventSink sink) {
        MySqlOffsetContext offset = new MySqlOffsetContext.Loader(config).load(Map.of("file", FILE, "pos", BEGIN_POS));
        // The BEGIN query event as Debezium processes it: position, its BEGIN handler, completed. Done by hand because
        // the handlers are registered only in execute(), which needs a server.
        offset.setEventPosition(BEGIN_POS, 60);
        offset.startNextTransaction();
        offset.completeEvent();
        sink.handle(partition(), offset, running(), event(EventType.EXT_WRITE_ROWS, 1, BEGIN_POS + 60, 80));
        sink.handle(partition(), offset, running(), event(EventType.EXT_WRITE_ROWS, 1, BEGIN_POS + 140, 80));
        assertThat(offset.eventsToSkipUponRestart()).isEqualTo(3);
        assertThat(offset.getOffset().get("pos")).isEqualTo(BEGIN_POS);
        return offset;
    }

    /** Debezium's real dispatcher over a queue nobody reads: the row events here carry no table, so nothing is queued. */
    private static EventDispatcher<MySqlPartition, TableId> dispatcher() {
        // One per test class: Debezium registers metrics MBeans per logical name and retries for a minute on a clash.
        if (dispatcher == null) {
            dispatcher = newDispatcher();
        }
        return dispatcher;
    }

    private static EventDispatcher<MySqlPartition, TableId> newDispatcher() {
        MySqlTaskContext taskContext = new MySqlTaskContext(config.getConfig(), config);
        TopicNamingStrategy<TableId> topics = config.getTopicNamingStrategy(MySqlConnectorConfig.TOPIC_NAMING_STRATEGY);
        MySqlValueConverters converters = new MySqlValueConverters(config.getDecimalMode(), config.getTemporalPrecisionMode(),
                config.getBigIntUnsignedHandlingMode().asBigIntUnsignedMode(), config.binaryHandlingMode(), x -> x,
                config.getEventConvertingFailureHandlingMode(), config.getServiceRegistry());
        MySqlDatabaseSchema schema = new MySqlDatabaseSchema(config, converters, topics, config.schemaNameAdjuster(), false, null, taskContext);
        ChangeEventQueue<DataChangeEvent> queue = new ChangeEventQueue.Builder<DataChangeEvent>().maxQueueSize(100).maxBatchSize(10)
                .loggingContextSupplier(() -> taskContext.configureLoggingContext("test")).build();
        return new EventDispatcher<>(config, topics, schema, queue, config.getTableFilters().dataCollectionFilter(), DataChangeEvent::new,
                new BinlogEventMetadataProvider(), config.schemaNameAdjuster(), null);
    }

    private static Event heartbeat(long serverId, long logPos) {
        return event(EventType.HEARTBEAT, serverId, logPos - 40, 40);
    }

    private static Event event(EventType type, long serverId, long position, long length) {
        EventHeaderV4 h = new EventHeaderV4();
        h.setEventType(type);
        h.setServerId(serverId);
        h.setTimestamp(type == EventType.HEARTBEAT ? 0 : System.currentTimeMillis());
        h.setEventLength(length);
        h.setNextPosition(position + length);
        return new Event(h, type == EventType.EXT_WRITE_ROWS ? new WriteRowsEventData() : null);
    }

    private static MySqlPartition partition() {
        return new MySqlPartition("hb", "db");
    }

    private static ChangeEventSourceContext running() {
        return new ChangeEventSourceContext() {
            @Override
            public boolean isPaused() {
                return false;
            }

            @Override
            public boolean isRunning() {
                return true;
            }

            @Override
            public void resumeStreaming() {
            }

            @Override
            public void waitSnapshotCompletion() {
            }

            @Override
            public void streamingPaused() {
            }

            @Override
            public void waitStreamingPaused() {
            }
        };
    }

    /** handleEvent is protected in Debezium's package; the stock reader is reached through a test-local subclass call. */
    private static void invokeHandleEvent(MySqlStreamingChangeEventSource source, MySqlPartition p, MySqlOffsetContext o,
                                          ChangeEventSourceContext c, Event e) {
        try {
            var m = io.debezium.connector.binlog.BinlogStreamingChangeEventSource.class.getDeclaredMethod("handleEvent",
                    io.debezium.connector.binlog.BinlogPartition.class, io.debezium.connector.binlog.BinlogOffsetContext.class,
                    ChangeEventSourceContext.class, Event.class);
            m.setAccessible(true);
            m.invoke(source, p, o, c, e);
        } catch (ReflectiveOperationException ex) {
            throw new AssertionError(ex);
        }
    }
}
