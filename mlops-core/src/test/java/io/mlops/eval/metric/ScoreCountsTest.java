package io.mlops.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScoreCountsTest {
    @Test
    void shouldMergeIntoTheHistogramOfAllSamples() {
        float[] a = {0.9f, 0.1f, 0.5f, -0.0f};
        boolean[] pa = {true, false, true, false};
        float[] b = {0.5f, 0.0f, 0.7f};
        boolean[] pb = {false, true, true};

        ScoreCounts merged = ScoreCounts.of(a, pa).merge(ScoreCounts.of(b, pb));
        ScoreCounts whole = ScoreCounts.of(
                new float[] {0.9f, 0.1f, 0.5f, -0.0f, 0.5f, 0.0f, 0.7f},
                new boolean[] {true, false, true, false, false, true, true});

        assertThat(merged).isEqualTo(whole).hasSameHashCodeAs(whole);
        assertThat(whole.values()).containsExactly(0.9f, 0.7f, 0.5f, 0.1f, 0.0f);
        assertThat(whole.auc()).isEqualTo(merged.auc());
    }

    @Test
    void shouldGiveAPerfectRankingAnAreaOfOne() {
        assertThat(ScoreCounts.of(new float[] {0.9f, 0.8f, 0.2f}, new boolean[] {true, true, false})
                        .auc())
                .isEqualTo(1.0);
        assertThat(ScoreCounts.of(new float[] {0.5f, 0.5f}, new boolean[] {true, false})
                        .auc())
                .isEqualTo(0.5);
        assertThat(ScoreCounts.of(new float[] {0.5f}, new boolean[] {true}).auc())
                .isNaN();
    }
}
