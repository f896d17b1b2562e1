package io.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricTest {
    @Test
    void shouldOrderPointsByStepThenTimestampThenValue() {
        Metric base = new Metric("m", 1, 100, 5);

        assertThat(new Metric("m", 0, 0, 6).laterThan(base)).isTrue();
        assertThat(new Metric("m", 0, 101, 5).laterThan(base)).isTrue();
        assertThat(new Metric("m", 2, 100, 5).laterThan(base)).isTrue();
        assertThat(new Metric("m", Double.NaN, 100, 5).laterThan(base)).isFalse();
        assertThat(base.laterThan(base)).isFalse();
    }

    @Test
    void shouldCompareNanAsEqualToItself() {
        assertThat(new Metric("m", Double.NaN, 1, 1)).isEqualTo(new Metric("m", Double.NaN, 1, 1));
        assertThat(new Metric("m", Double.NaN, 1, 1).hashCode())
                .isEqualTo(new Metric("m", Double.NaN, 1, 1).hashCode());
    }

    @Test
    void shouldNameRunsInMlflowsStyle() {
        RunNames names = new RunNames(new SplittableRandom(7));
        for (int i = 0; i < 200; i++) {
            assertThat(names.next()).matches("[a-z]+-[a-z]+-\\d{1,3}").hasSizeLessThanOrEqualTo(20);
        }
    }
}
