package io.obkc.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

import io.obkc.rocketmq.KeyHashQueueSelector.QueueKey;

class KeyHashQueueSelectorTest {
    private static List<MessageQueue> queues(int n) {
        List<MessageQueue> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new MessageQueue("t", "broker-a", i));
        }
        return out;
    }

    @Test
    void oneKeyAlwaysGoesToOneQueueWhateverItsPartition() {
        KeyHashQueueSelector s = new KeyHashQueueSelector();
        MessageQueue first = s.select(queues(8), new Message(), new QueueKey("42", 0));
        for (int p = 0; p < 10; p++) {
            assertThat(s.select(queues(8), new Message(), new QueueKey("42", p))).isEqualTo(first);
        }
    }

    @Test
    void keysSpreadOverAllQueues() {
        Set<Integer> used = new HashSet<>();
        for (int k = 0; k < 200; k++) {
            used.add(KeyHashQueueSelector.index(new QueueKey(String.valueOf(k), 0), 8));
        }
        assertThat(used).hasSize(8);
    }

    @Test
    void keylessRecordsKeepTheirKafkaPartitionsOrder() {
        assertThat(KeyHashQueueSelector.index(new QueueKey(null, 5), 4)).isEqualTo(1);
        assertThat(KeyHashQueueSelector.index(new QueueKey(null, 5), 8)).isEqualTo(5);
    }

    @Test
    void theHashIsKafkasMurmur2SoItIsStableAcrossJvms() {
        // Fixed expectations: a change of hash would move keys to other queues and break order across a restart.
        assertThat(KeyHashQueueSelector.index(new QueueKey("1", 0), 16)).isEqualTo(
                org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2("1".getBytes())) % 16);
    }
}
