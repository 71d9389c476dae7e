package io.obkc.sink.write;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Map;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

/**
 * A task restarted while its previous instance still holds its metric names (a kill -9 of the worker, a stop that timed
 * out) must start: the worker's PluginMetrics lets an instance remove only the names it added itself ("Unknown metric").
 * The fault harness saw a task fail with that error after a worker kill.
 */
class SinkMetricsTakeOverTest {
    @Test
    void aSecondInstanceStartsWhileTheFirstStillHoldsItsMetrics() {
        try (Metrics registry = new Metrics()) {
            Map<String, String> tags = Map.of("connector", "c", "task", "0");
            new SinkMetrics("first").register(new PluginMetricsImpl(registry, tags));
            assertThatCode(() -> new SinkMetrics("second").register(new PluginMetricsImpl(registry, tags))).doesNotThrowAnyException();
        }
    }
}
