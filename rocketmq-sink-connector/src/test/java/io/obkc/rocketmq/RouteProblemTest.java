package io.obkc.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.remoting.exception.RemotingConnectException;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.junit.jupiter.api.Test;

class RouteProblemTest {
    @Test
    void unreachableNameServerIsToldApartFromAMissingTopic() {
        Exception down = new MQClientException("Can not find Message Queue for this topic, t", new RemotingConnectException("127.0.0.1:1"));
        Exception missing = new MQClientException("Can not find Message Queue for this topic, t",
                new MQClientException(ResponseCode.TOPIC_NOT_EXIST, "No topic route info in name server for the topic: t"));
        assertThat(RouteProblem.of(down)).isEqualTo(RouteProblem.NAME_SERVER_UNREACHABLE);
        assertThat(RouteProblem.of(missing)).isEqualTo(RouteProblem.TOPIC_NOT_FOUND);
        assertThat(RouteProblem.describe(down, "t", "ns:9876")).contains("name server ns:9876 is not reachable").contains("'t'");
        assertThat(RouteProblem.describe(missing, "t", "ns:9876")).contains("topic 't' does not exist on name server ns:9876");
    }
}
