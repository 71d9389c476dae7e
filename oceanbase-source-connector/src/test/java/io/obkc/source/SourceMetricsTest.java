package io.obkc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

class SourceMetricsTest {

    @Test
    void aPredecessorClosingLateLeavesItsSuccessorsMetricsInPlace() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("io.obkc.source:type=source-task,server=" + ObjectName.quote("metrics_takeover_test"));
        SourceMetrics old = SourceMetrics.register("metrics_takeover_test");
        SourceMetrics successor = SourceMetrics.register("metrics_takeover_test");
        old.close(); // the restarted task's predecessor stops only now
        assertThat(server.isRegistered(name)).as("the successor's metrics are still registered").isTrue();
        successor.close();
        assertThat(server.isRegistered(name)).as("the owner's close unregisters them").isFalse();
    }
}
