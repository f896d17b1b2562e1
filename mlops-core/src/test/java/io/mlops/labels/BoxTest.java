package io.mlops.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoxTest {
    @Test
    void shouldBuildFromCornersAndReportItsEdgesAndArea() {
        Box box = Box.ofCorners(10, 20, 40, 60);

        assertThat(box).isEqualTo(new Box(10, 20, 30, 40));
        assertThat(box.right()).isEqualTo(40);
        assertThat(box.bottom()).isEqualTo(60);
        assertThat(box.area()).isEqualTo(1200);
    }

    @Test
    void shouldEncloseItsRotationAboutAPivot() {
        Box turned = new Box(0, 0, 20, 10).rotatedAbout(90, 10, 5);

        assertThat(turned.x()).isCloseTo(5, within(1e-9));
        assertThat(turned.y()).isCloseTo(-5, within(1e-9));
        assertThat(turned.width()).isCloseTo(10, within(1e-9));
        assertThat(turned.height()).isCloseTo(20, within(1e-9));
    }

    @Test
    void shouldKeepANegativeSizeForValidationToReportButRejectNonNumbers() {
        assertThat(new Box(0, 0, -1, 5).width()).isEqualTo(-1);
        assertThatThrownBy(() -> new Box(0, Double.NaN, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Box(0, 0, Double.POSITIVE_INFINITY, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPrintWholeNumbersWithoutDecimals() {
        assertThat(new Box(1, 2.5, 3, 4.25)).hasToString("[1, 2.5, 3, 4.25]");
    }
}
