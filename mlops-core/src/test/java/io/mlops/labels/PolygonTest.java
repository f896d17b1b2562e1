package io.mlops.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolygonTest {
    @Test
    void shouldBeEqualByCoordinatesAndKeepItsOwnCopy() {
        double[] xy = {0, 0, 4, 0, 4, 3};
        Polygon polygon = new Polygon(xy);
        xy[0] = 99;

        assertThat(polygon).isEqualTo(new Polygon(new double[] {0, 0, 4, 0, 4, 3}));
        assertThat(polygon).hasSameHashCodeAs(new Polygon(new double[] {0, 0, 4, 0, 4, 3}));
        assertThat(polygon).isNotEqualTo(new Polygon(new double[] {0, 0, 4, 0, 4, 4}));
        polygon.xy()[1] = 42;
        assertThat(polygon.y(0)).isZero();
    }

    @Test
    void shouldComputeBoundsAndShoelaceArea() {
        Polygon triangle = new Polygon(new double[] {1, 1, 5, 1, 5, 4});

        assertThat(triangle.bounds()).isEqualTo(new Box(1, 1, 4, 3));
        assertThat(triangle.area()).isEqualTo(6);
        assertThat(triangle.vertices()).isEqualTo(3);
    }

    @Test
    void shouldRejectFewerThanThreeVerticesOrAnOddCount() {
        assertThatThrownBy(() -> new Polygon(new double[] {0, 0, 1, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Polygon(new double[] {0, 0, 1, 1, 2, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Polygon(new double[] {0, 0, 1, 1, 2, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
