package io.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A metric's history drawn into the chart box: first step left, last right, largest value on top. */
class MetricChartTest {
    @Test
    void shouldScaleStepsAndValuesIntoTheBox() {
        MetricChart chart = MetricChart.of(
                "loss",
                List.of(new Metric("loss", 1.0, 0, 0), new Metric("loss", 0.5, 0, 5), new Metric("loss", 0.0, 0, 10)));

        assertThat(chart.points()).isEqualTo("0.0,0.0 200.0,60.0 400.0,120.0");
        assertThat(chart.min()).isEqualTo(0.0);
        assertThat(chart.max()).isEqualTo(1.0);
        assertThat(chart.last()).isEqualTo(0.0);
    }

    @Test
    void shouldSpreadValuesOfOneStepEvenlyAndCenterAFlatLine() {
        MetricChart chart = MetricChart.of(
                "accuracy", List.of(new Metric("accuracy", 0.9, 1, 0), new Metric("accuracy", 0.9, 2, 0)));

        assertThat(chart.points()).isEqualTo("0.0,60.0 400.0,60.0");
    }
}
