package io.obkc.verifier.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import io.obkc.verifier.core.TableQueries.Checksum;

class ChecksumTest {
    @Test
    void theRestOfARangeIsTheRangeMinusItsPart() {
        Checksum whole = new Checksum(10, new BigInteger("11529215046068469750"), 5);
        Checksum part = new Checksum(4, new BigInteger("1152921504606846975"), 3);
        Checksum rest = whole.minus(part);
        assertThat(rest.count()).isEqualTo(6);
        assertThat(rest.sum()).isEqualTo(new BigInteger("10376293541461622775"));
        assertThat(rest.sameData(new Checksum(6, new BigInteger("10376293541461622775"), 9))).isTrue();
        assertThat(rest.sameData(new Checksum(6, new BigInteger("10376293541461622776"), 9))).isFalse();
    }
}
