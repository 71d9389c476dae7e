package io.obkc.sink.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class DeadLetterBudgetTest {
    @Test
    void theCountSinceTheTaskStartedIsCapped() {
        DeadLetterBudget b = new DeadLetterBudget(3, -1, 1000);
        b.recordsSeen(1_000_000);
        b.charge();
        b.charge();
        b.charge();
        assertThatThrownBy(b::charge).isInstanceOf(ConnectException.class).hasMessageContaining("dlq.max.records=3")
                .hasMessageContaining("raise dlq.max.records");
        assertThat(b.total()).as("the refused record is not counted as sent").isEqualTo(3);
    }

    @Test
    void theShareOfTheLatestRecordsIsCapped() {
        DeadLetterBudget b = new DeadLetterBudget(-1, 0.1, 1000);
        b.recordsSeen(200);
        for (int i = 0; i < 20; i++) {
            b.charge();
        }
        assertThatThrownBy(b::charge).isInstanceOf(ConnectException.class).hasMessageContaining("21 of the last 200")
                .hasMessageContaining("dlq.max.ratio=0.1");
        // Once the window has moved past those dead letters, the share is low again.
        b.recordsSeen(1000);
        b.charge();
        assertThat(b.total()).isEqualTo(21);
    }

    @Test
    void theShareIsJudgedOnlyOnceEnoughRecordsWereSeen() {
        DeadLetterBudget b = new DeadLetterBudget(-1, 0.1, 1000);
        b.recordsSeen(99);
        for (int i = 0; i < 50; i++) {
            b.charge();
        }
        b.recordsSeen(1);
        assertThatThrownBy(b::charge).isInstanceOf(ConnectException.class).hasMessageContaining("51 of the last 100");
    }

    @Test
    void negativeLimitsAreOff() {
        DeadLetterBudget b = new DeadLetterBudget(-1, -1, 10);
        b.recordsSeen(10);
        for (int i = 0; i < 100; i++) {
            b.charge();
        }
        assertThat(b.total()).isEqualTo(100);
    }
}
