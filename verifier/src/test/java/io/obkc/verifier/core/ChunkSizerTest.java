package io.obkc.verifier.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChunkSizerTest {
    @Test
    void growsTowardsTheTargetTime16xFirstThen4x() {
        ChunkSizer s = new ChunkSizer(1000, 500, 100, 100_000);
        s.observe(1000, 10); // 100 rows/ms -> wants 50,000, limited to 16x on the first observation
        assertThat(s.rows()).isEqualTo(16_000);
        s.observe(16_000, 16); // 1000 rows/ms -> average 370 rows/ms, wants 185,000, limited to 4x and the maximum
        assertThat(s.rows()).isEqualTo(64_000);
        s.observe(64_000, 640); // back to 100 rows/ms
        assertThat(s.rows()).isEqualTo(100_000); // average 289 rows/ms wants 144,500: within 4x, capped at the maximum
        for (int i = 0; i < 20; i++) {
            s.observe(s.rows(), s.rows() / 100);
        }
        assertThat(s.rows()).isBetween(40_000L, 60_000L);
    }

    @Test
    void settlesAtTheTargetTime() {
        ChunkSizer s = new ChunkSizer(1000, 500, 100, 100_000);
        s.observe(1000, 10);
        for (int i = 0; i < 20; i++) {
            s.observe(s.rows(), s.rows() / 100);
        }
        assertThat(s.rows()).isBetween(40_000L, 60_000L);
    }

    @Test
    void shrinksWhenSlowAndRespectsBounds() {
        ChunkSizer s = new ChunkSizer(10_000, 100, 500, 100_000);
        s.observe(10_000, 10_000); // 1 row/ms -> wants 100, at most halves
        assertThat(s.rows()).isEqualTo(5000);
        for (int i = 0; i < 20; i++) {
            s.observe(s.rows(), s.rows());
        }
        assertThat(s.rows()).isEqualTo(500);
    }
}
