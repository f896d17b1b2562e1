package io.mlops.stats;

import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;

/** Bins hold arrays, so a record's own equals would compare them by identity. */
class BinsEqualityTest {
    @Test
    void shouldCompareEdgesAndFractionsByContent() {
        EqualsVerifier.forClass(Bins.class)
                // the constructor refuses what is no histogram: two of each, each a valid one
                .withPrefabValuesForField("edges", new double[] {0, 1, 2}, new double[] {0, 2, 4})
                .withPrefabValuesForField("fractions", new double[] {0.5, 0.5}, new double[] {0.25, 0.75})
                .verify();
    }
}
