package io.mlops.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FindingTest {
    @Test
    void shouldPrintFileLineColumnSubjectAndMessage() {
        Finding finding = new Finding(
                Severity.ERROR, "box-empty", new Location("a.json", 12, 7), "annotation 3", "box has zero width");

        assertThat(finding).hasToString("error [box-empty] a.json:12:7 annotation 3: box has zero width");
        assertThat(Location.line("b.txt", 4)).hasToString("b.txt:4");
        assertThat(Location.of("c.xml")).hasToString("c.xml");
    }

    @Test
    void shouldChangeOnlyItsSeverityWhenEscalated() {
        Finding warning = new Finding(Severity.WARNING, "duplicate-file-name", Location.of("a"), "image 1", "twice");

        assertThat(warning.at(Severity.ERROR))
                .isEqualTo(new Finding(Severity.ERROR, "duplicate-file-name", Location.of("a"), "image 1", "twice"));
    }

    @Test
    void shouldRejectACodeThatIsNotKebabCase() {
        assertThatThrownBy(() -> new Finding(Severity.INFO, "Bad Code", Location.of("a"), "", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Location("a", -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
