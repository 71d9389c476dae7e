package io.obkc.converters.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** storeDataSequence of the OceanBase source's changelog events: from the commit SCN and the place in the transaction. */
class StoreDataSequenceScnTest {
    private static final long SCN = 1_796_095_454_879_212_345L;

    @Test
    void growsAlongCommitsAndWithinATransactionAndIsTheSameOnAReplay() {
        StoreDataSequence first = new StoreDataSequence();
        long a1 = first.fromScn(SCN, 1L);
        long a2 = first.fromScn(SCN, 2L);
        long b1 = first.fromScn(SCN + 5_000, 1L);
        assertThat(a1).isLessThan(a2);
        assertThat(a2).isLessThan(b1);
        // A restarted task replays from the middle of the transaction: the same numbers, so an OMS consumer keeps them in order.
        StoreDataSequence replay = new StoreDataSequence();
        assertThat(replay.fromScn(SCN, 2L)).isEqualTo(a2);
        assertThat(replay.fromScn(SCN + 5_000, 1L)).isEqualTo(b1);
    }

    @Test
    void stillIncreasingWhenTwoCommitsShareAMicrosecond() {
        StoreDataSequence s = new StoreDataSequence();
        long a3 = s.fromScn(SCN, 3L);
        long b1 = s.fromScn(SCN + 10, 1L);
        assertThat(b1).isGreaterThan(a3);
    }
}
