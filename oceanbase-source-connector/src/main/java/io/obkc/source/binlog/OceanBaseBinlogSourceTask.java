package io.obkc.source.binlog;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;

import io.obkc.common.BundleVersion;

/**
 * The task of {@code OceanBaseSourceConnector} for {@code capture.mode=binlog}: reads a tenant's binlog from the
 * OceanBase Binlog Service through ODP with Debezium's MySQL connector engine ({@link DebeziumBinlogEngineTask}).
 * It checks and completes the settings ({@link OceanBaseBinlogConfig}) and hands everything else to Debezium.
 * Records are Debezium MySQL change events whose source block is {@code io.obkc.connector.oceanbase.Source}.
 */
public class OceanBaseBinlogSourceTask extends SourceTask {
    private final DebeziumBinlogEngineTask engine = new DebeziumBinlogEngineTask();

    @Override
    public String version() {
        return BundleVersion.get();
    }

    @Override
    public void initialize(SourceTaskContext context) {
        super.initialize(context);
        engine.initialize(context);
    }

    @Override
    public void start(Map<String, String> props) {
        OceanBaseBinlogConfig config = new OceanBaseBinlogConfig(props);
        engine.start(config.debeziumProperties(props));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        return engine.poll();
    }

    @Override
    public void commit() throws InterruptedException {
        engine.commit();
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) throws InterruptedException {
        engine.commitRecord(record, metadata);
    }

    @Override
    public void stop() {
        engine.stop();
    }
}
