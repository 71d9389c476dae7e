package io.obkc.source.binlog;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.shyiko.mysql.binlog.BinaryLogClient;

import io.debezium.DebeziumException;
import io.debezium.bean.StandardBeanNames;
import io.debezium.config.CommonConnectorConfig;
import io.debezium.config.Configuration;
import io.debezium.connector.base.ChangeEventQueue;
import io.debezium.connector.base.DefaultQueueProvider;
import io.debezium.connector.binlog.BinlogEventMetadataProvider;
import io.debezium.connector.binlog.jdbc.BinlogConnectorConnection;
import io.debezium.connector.common.CdcSourceTaskContext;
import io.debezium.connector.common.DebeziumHeaderProducer;
import io.debezium.connector.mysql.MySqlChangeEventSourceMetricsFactory;
import io.debezium.connector.mysql.MySqlConnector;
import io.debezium.connector.mysql.MySqlConnectorConfig;
import io.debezium.connector.mysql.MySqlConnectorTask;
import io.debezium.connector.mysql.MySqlDatabaseSchema;
import io.debezium.connector.mysql.MySqlErrorHandler;
import io.debezium.connector.mysql.MySqlOffsetContext;
import io.debezium.connector.mysql.MySqlPartition;
import io.debezium.connector.mysql.MySqlStreamingChangeEventSourceMetrics;
import io.debezium.connector.mysql.MySqlTaskContext;
import io.debezium.connector.mysql.jdbc.MySqlConnection;
import io.debezium.connector.mysql.jdbc.MySqlConnectionConfiguration;
import io.debezium.connector.mysql.jdbc.MySqlFieldReaderResolver;
import io.debezium.connector.mysql.jdbc.MySqlValueConverters;
import io.debezium.document.DocumentReader;
import io.debezium.heartbeat.HeartbeatFactory;
import io.debezium.jdbc.DefaultMainConnectionProvidingConnectionFactory;
import io.debezium.jdbc.MainConnectionProvidingConnectionFactory;
import io.debezium.pipeline.ChangeEventSourceCoordinator;
import io.debezium.pipeline.DataChangeEvent;
import io.debezium.pipeline.ErrorHandler;
import io.debezium.pipeline.EventDispatcher;
import io.debezium.pipeline.notification.NotificationService;
import io.debezium.pipeline.signal.SignalProcessor;
import io.debezium.pipeline.spi.Offsets;
import io.debezium.relational.CustomConverterRegistry;
import io.debezium.relational.TableId;
import io.debezium.schema.SchemaFactory;
import io.debezium.schema.SchemaNameAdjuster;
import io.debezium.snapshot.SnapshotterService;
import io.debezium.spi.snapshot.Snapshotter;
import io.debezium.spi.topic.TopicNamingStrategy;
import io.debezium.util.Clock;

/**
 * Debezium 3.5's MySQL connector task, wired with {@link OceanBaseBinlogChangeEventSourceFactory} so streaming runs
 * through {@link OceanBaseBinlogStreamingChangeEventSource}. Debezium builds its change-event sources inside
 * {@code MySqlConnectorTask.start} with no hook to replace one, so this class assembles the same Debezium components
 * (connection, schema, queue, dispatcher, binlog client, coordinator) itself; everything else (snapshot, type
 * mapping, DDL parsing, schema history, offsets) is Debezium's own. Tied to Debezium 3.5: re-check this assembly against
 * {@code MySqlConnectorTask.start} on every Debezium upgrade.
 */
class DebeziumBinlogEngineTask extends MySqlConnectorTask {
    private static final Logger LOG = LoggerFactory.getLogger(DebeziumBinlogEngineTask.class);
    private static final String CONTEXT_NAME = "oceanbase-binlog-task";

    private volatile MySqlConnectorConfig connectorConfig;
    private volatile MySqlTaskContext taskContext;
    private volatile ChangeEventQueue<DataChangeEvent> queue;
    private volatile BinlogConnectorConnection connection;
    private volatile BinlogConnectorConnection beanConnection;
    private volatile ErrorHandler errorHandler;
    private volatile MySqlDatabaseSchema schema;

    @Override
    public CdcSourceTaskContext<? extends CommonConnectorConfig> preStart(Configuration config) {
        connectorConfig = new MySqlConnectorConfig(config);
        taskContext = new MySqlTaskContext(config, connectorConfig);
        return taskContext;
    }

    @Override
    public ChangeEventSourceCoordinator<MySqlPartition, MySqlOffsetContext> start(Configuration configuration) {
        Clock clock = Clock.system();
        TopicNamingStrategy<TableId> topics = connectorConfig.getTopicNamingStrategy(MySqlConnectorConfig.TOPIC_NAMING_STRATEGY);
        SchemaNameAdjuster nameAdjuster = connectorConfig.schemaNameAdjuster();
        MySqlValueConverters converters = new MySqlValueConverters(connectorConfig.getDecimalMode(), connectorConfig.getTemporalPrecisionMode(),
                connectorConfig.getBigIntUnsignedHandlingMode().asBigIntUnsignedMode(), connectorConfig.binaryHandlingMode(),
                connectorConfig.isTimeAdjustedEnabled() ? MySqlValueConverters::adjustTemporal : x -> x,
                connectorConfig.getEventConvertingFailureHandlingMode(), connectorConfig.getServiceRegistry());
        // Stream large snapshot result sets instead of loading them whole (Debezium's defaults, DBZ-3238).
        Configuration config = configuration.edit()
                .withDefault("database.responseBuffering", "adaptive")
                .withDefault("database.fetchSize", 10_000)
                .withDefault("database.useCursorFetch", connectorConfig.useCursorFetch())
                .build();
        MainConnectionProvidingConnectionFactory<BinlogConnectorConnection> connections = new DefaultMainConnectionProvidingConnectionFactory<>(
                () -> newConnection(config));
        connection = connections.mainConnection();

        Offsets<MySqlPartition, MySqlOffsetContext> previousOffsets = getPreviousOffsets(new MySqlPartition.Provider(connectorConfig, config),
                new MySqlOffsetContext.Loader(connectorConfig));
        registerServiceProviders(connectorConfig.getServiceRegistry());
        schema = new MySqlDatabaseSchema(connectorConfig, converters, topics, nameAdjuster, connection.isTableIdCaseSensitive(),
                connectorConfig.getServiceRegistry().tryGetService(CustomConverterRegistry.class), taskContext);

        beanConnection = connections.newConnection();
        connectorConfig.getBeanRegistry().add(StandardBeanNames.CONFIGURATION, config);
        connectorConfig.getBeanRegistry().add(StandardBeanNames.CONNECTOR_CONFIG, connectorConfig);
        connectorConfig.getBeanRegistry().add(StandardBeanNames.DATABASE_SCHEMA, schema);
        connectorConfig.getBeanRegistry().add(StandardBeanNames.JDBC_CONNECTION, beanConnection);
        connectorConfig.getBeanRegistry().add(StandardBeanNames.VALUE_CONVERTER, converters);
        connectorConfig.getBeanRegistry().add(StandardBeanNames.OFFSETS, previousOffsets);
        connectorConfig.getBeanRegistry().add(StandardBeanNames.CDC_SOURCE_TASK_CONTEXT, taskContext);

        SnapshotterService snapshotterService = connectorConfig.getServiceRegistry().tryGetService(SnapshotterService.class);
        Snapshotter snapshotter = snapshotterService.getSnapshotter();
        validateBinlogConfiguration(snapshotter, connection);
        if (validateSnapshotFeasibility(snapshotter, previousOffsets.getTheOnlyOffset(), connection)) {
            previousOffsets.resetOffset(previousOffsets.getTheOnlyPartition());
        }
        closeQuietly(connection);
        validateSchemaHistory(connectorConfig, connection::validateLogPosition, previousOffsets, schema, snapshotter);
        connection = reconnected(connections);
        LOG.info("Previous offset: {}", previousOffsets.getTheOnlyOffset());

        queue = new ChangeEventQueue.Builder<DataChangeEvent>()
                .pollInterval(connectorConfig.getPollInterval())
                .maxBatchSize(connectorConfig.getMaxBatchSize())
                .maxQueueSize(connectorConfig.getMaxQueueSize())
                .maxQueueSizeInBytes(connectorConfig.getMaxQueueSizeInBytes())
                .queueProvider(new DefaultQueueProvider<>(connectorConfig.getMaxQueueSize()))
                .loggingContextSupplier(() -> taskContext.configureLoggingContext(CONTEXT_NAME))
                .buffering()
                .build();
        errorHandler = new MySqlErrorHandler(connectorConfig, queue, errorHandler);
        BinlogEventMetadataProvider metadata = new BinlogEventMetadataProvider();
        SignalProcessor<MySqlPartition, MySqlOffsetContext> signals = new SignalProcessor<>(MySqlConnector.class, connectorConfig, Map.of(),
                getAvailableSignalChannels(), DocumentReader.defaultReader(), previousOffsets);
        EventDispatcher<MySqlPartition, TableId> dispatcher = new EventDispatcher<>(connectorConfig, topics, schema, queue,
                connectorConfig.getTableFilters().dataCollectionFilter(), DataChangeEvent::new, null, metadata,
                new HeartbeatFactory<>().getScheduledHeartbeat(connectorConfig, () -> newConnection(config), new BinlogHeartbeatErrorHandler(), queue),
                nameAdjuster, signals, connectorConfig.getServiceRegistry().tryGetService(DebeziumHeaderProducer.class));

        BinaryLogClient client = new BinaryLogClient(connectorConfig.getHostName(), connectorConfig.getPort(), connectorConfig.getUserName(),
                connectorConfig.getPassword());
        MySqlStreamingChangeEventSourceMetrics streamingMetrics = new MySqlStreamingChangeEventSourceMetrics(taskContext, queue, metadata,
                schema::dataCollectionIds, client);
        NotificationService<MySqlPartition, MySqlOffsetContext> notifications = new NotificationService<>(getNotificationChannels(),
                connectorConfig, SchemaFactory.get(), dispatcher::enqueueNotification);
        ChangeEventSourceCoordinator<MySqlPartition, MySqlOffsetContext> coordinator = new ChangeEventSourceCoordinator<>(previousOffsets,
                errorHandler, MySqlConnector.class, connectorConfig,
                new OceanBaseBinlogChangeEventSourceFactory(connectorConfig, connections, errorHandler, dispatcher, clock, schema, taskContext,
                        streamingMetrics, queue, snapshotterService, client),
                new MySqlChangeEventSourceMetricsFactory(streamingMetrics), dispatcher, schema, signals, notifications, snapshotterService);
        coordinator.start(taskContext, queue, metadata);
        return coordinator;
    }

    private MySqlConnection newConnection(Configuration config) {
        return new MySqlConnection(new MySqlConnectionConfiguration(config), MySqlFieldReaderResolver.resolve(connectorConfig));
    }

    /** The main connection after schema recovery (which can take long enough for the server to drop it), in a transaction. */
    private static BinlogConnectorConnection reconnected(MainConnectionProvidingConnectionFactory<BinlogConnectorConnection> connections) {
        BinlogConnectorConnection c = connections.mainConnection();
        try {
            try {
                c.execute("SELECT 1");
            } catch (SQLException dropped) {
                LOG.warn("Connection dropped during schema recovery; reconnecting");
                closeQuietly(c);
                c = connections.mainConnection();
            }
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            throw new DebeziumException("Could not reconnect after schema recovery", e);
        }
    }

    private static void closeQuietly(BinlogConnectorConnection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("Closing a connection failed", e);
        }
    }

    @Override
    public List<SourceRecord> doPoll() throws InterruptedException {
        return queue.poll().stream().map(DataChangeEvent::getRecord).toList();
    }

    @Override
    protected Optional<ErrorHandler> getErrorHandler() {
        return Optional.ofNullable(errorHandler);
    }

    @Override
    protected void doStop() {
        if (connection != null) {
            closeQuietly(connection);
        }
        if (beanConnection != null) {
            closeQuietly(beanConnection);
        }
        if (schema != null) {
            schema.close();
        }
    }
}
