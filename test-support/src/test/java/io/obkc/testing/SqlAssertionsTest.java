package io.obkc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SqlAssertionsTest {
    @Test
    void anAssertionErrorEndsTheWaitAtOnceWithItsMessage() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> SqlAssertions.awaitTrue("a failing task", Duration.ofSeconds(30), () -> {
            throw new AssertionError("Task 0 of connector x FAILED: boom");
        })).isInstanceOf(AssertionError.class).hasMessageContaining("FAILED: boom");
        // Well below the 30 s timeout: the error was not swallowed and retried until then.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void exceptionsAreRetriedUntilTheConditionHolds() {
        AtomicInteger calls = new AtomicInteger();
        SqlAssertions.awaitTrue("a table that appears", Duration.ofSeconds(30), () -> {
            if (calls.incrementAndGet() < 3) {
                throw new SQLException("Table 'x.t' doesn't exist", "42S02", 1146);
            }
            return true;
        });
        assertThat(calls.get()).isEqualTo(3);
    }
}
