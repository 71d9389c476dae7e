package io.obkc.source;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import io.obkc.common.BundleVersion;
import io.obkc.source.changelog.ChangelogCapture;

/** The connector's only task: runs the capture mode chosen by {@code capture.mode}. */
public class OceanBaseSourceTask extends SourceTask {
    private ChangeCapture capture;

    @Override
    public String version() {
        return BundleVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        OceanBaseSourceConfig config = new OceanBaseSourceConfig(props);
        capture = create(config);
        try {
            capture.start(config, context);
        } catch (ConnectException e) {
            throw e;
        } catch (Exception e) {
            throw new ConnectException("OceanBase source task could not start: " + e.getMessage(), e);
        }
    }

    static ChangeCapture create(OceanBaseSourceConfig config) {
        return switch (config.captureMode()) {
            case CHANGELOG -> new ChangelogCapture();
            case BINLOG -> throw new ConnectException("capture.mode=binlog runs in OceanBaseBinlogSourceTask, which OceanBaseSourceConnector chooses; "
                    + "this task was configured for it by mistake");
        };
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        return capture.poll();
    }

    @Override
    public void commit() throws InterruptedException {
        if (capture != null) {
            capture.commit();
        }
    }

    @Override
    public void stop() {
        if (capture != null) {
            capture.close();
        }
    }
}
