package io.mlops.labels.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdSetTest {
    @Test
    void shouldTellNewIdsFromRepeatedOnesAcrossTheWholeLongRange() {
        IdSet ids = new IdSet();
        long[] samples = {0, 1, 4_294_967_295L, 4_294_967_296L, -1, Long.MIN_VALUE, Long.MAX_VALUE, 2_147_483_648L};

        for (long id : samples) {
            assertThat(ids.add(id)).as("first add of %d", id).isTrue();
        }
        for (long id : samples) {
            assertThat(ids.add(id)).as("second add of %d", id).isFalse();
        }
    }
}
