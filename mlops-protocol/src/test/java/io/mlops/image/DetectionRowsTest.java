package io.mlops.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading detector outputs in both layouts, and mapping boxes back onto the original image. */
class DetectionRowsTest {
    @Test
    void shouldReadSeparateBoxesScoresAndClasses() {
        DetectionRows rows = DetectionRows.of(
                "m",
                List.of(
                        new DetectionRows.Output("classes", new long[] {1, 2}, false, new double[] {3, 1}, "int64"),
                        new DetectionRows.Output(
                                "boxes", new long[] {1, 2, 4}, true, new double[] {1, 2, 3, 4, 5, 6, 7, 8}, "f"),
                        new DetectionRows.Output("scores", new long[] {1, 2}, true, new double[] {0.9, 0.4}, "f")),
                1);

        assertThat(rows.perImage()).isEqualTo(2);
        assertThat(rows.row(0, 1)).containsExactly(5, 6, 7, 8, 0.4, 1);
    }

    @Test
    void shouldMapCenterBoxesThroughTheLetterbox() {
        Preprocessing p = new Preprocessing(
                null,
                null,
                List.of(32, 32),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "cxcywh",
                true,
                null,
                null,
                null,
                null);
        // a 64 x 48 image letterboxed into 32 x 32: scale 0.5, 4 rows of padding above
        Geometry g = new Geometry(0.5, 0.5, 0, 4, 32, 32);

        double[] box = DetectionRows.originalBox(new double[] {0.5, 0.5, 0.5, 0.25, 0.9, 0}, g, p);

        assertThat(box).containsExactly(16, 16, 48, 32);
    }

    @Test
    void shouldNameTheOutputsWhenNoLayoutFits() {
        assertThatThrownBy(() -> DetectionRows.of(
                        "model 'x'",
                        List.of(new DetectionRows.Output(
                                "y", new long[] {1, 10}, true, new double[10], "float32 [1, 10]")),
                        1))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("model 'x': cannot read detections from outputs [y: float32 [1, 10]]");
    }
}
