package io.obkc.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The worker-only and broker-only modes used by bench/faults to kill a worker while the broker lives on. */
class DevConnectClusterOptionsTest {

    @Test
    void defaultRunsBrokerAndWorker() {
        DevConnectCluster.Options o = DevConnectCluster.parse(new String[] {"--kafka-port", "19092"});
        assertThat(o.runBroker).isTrue();
        assertThat(o.runWorker).isTrue();
        assertThat(o.bootstrapServers).isNull();
    }

    @Test
    void workerOnlyJoinsTheNamedBroker() {
        DevConnectCluster.Options o = DevConnectCluster.parse(new String[] {
            "--no-broker", "--bootstrap-servers", "127.0.0.1:39092", "--rest-port", "38084"});
        assertThat(o.runBroker).isFalse();
        assertThat(o.runWorker).isTrue();
        assertThat(o.bootstrapServers).isEqualTo("127.0.0.1:39092");
        assertThat(o.restPort).isEqualTo(38084);
    }

    @Test
    void brokerOnly() {
        DevConnectCluster.Options o = DevConnectCluster.parse(new String[] {"--no-worker", "--kafka-port", "39092"});
        assertThat(o.runBroker).isTrue();
        assertThat(o.runWorker).isFalse();
        assertThat(o.kafkaPort).isEqualTo(39092);
    }

    @Test
    void refusesContradictions() {
        assertThatThrownBy(() -> DevConnectCluster.parse(new String[] {"--no-broker", "--no-worker"}))
                .hasMessageContaining("nothing to run");
        assertThatThrownBy(() -> DevConnectCluster.parse(new String[] {"--bootstrap-servers", "h:1"}))
                .hasMessageContaining("--no-broker");
    }

    @Test
    void readyBannerSuggestsExamplesThatReachTheBrokerItStarted() {
        String onOtherPorts = String.join("\n", DevConnectCluster.tryLines("http://localhost:18083", "localhost:19092"));
        // The example files say localhost:9092; pasting the banner's command as printed must not point Debezium there.
        assertThat(onOtherPorts).contains("sed 's/localhost:9092/localhost:19092/' examples/mariadb-source.json")
                .contains("http://localhost:18083/connectors").doesNotContain("--data @examples/mariadb-source.json");
        String onDefaults = String.join("\n", DevConnectCluster.tryLines("http://localhost:8083", "localhost:9092"));
        assertThat(onDefaults).contains("--data @examples/mariadb-source.json http://localhost:8083/connectors");
    }
}
