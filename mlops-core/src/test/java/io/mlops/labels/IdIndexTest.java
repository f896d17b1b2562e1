package io.mlops.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdIndexTest {
    @Test
    void shouldHandOutDenseIndexesInOrderOfFirstSight() {
        IdIndex index = new IdIndex();

        assertThat(index.add(500)).isZero();
        assertThat(index.add(-7)).isEqualTo(1);
        assertThat(index.add(500)).isZero();
        assertThat(index.add(Long.MIN_VALUE)).isEqualTo(2);
        assertThat(index.indexOf(-7)).isEqualTo(1);
        assertThat(index.indexOf(12345)).isEqualTo(-1);
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void shouldAgreeWithAHashMapOverManyRandomIdsAcrossGrowth() {
        IdIndex index = new IdIndex();
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            long id = random.nextBoolean() ? random.nextInt(100_000) : random.nextLong();
            Integer known = expected.putIfAbsent(id, expected.size());
            assertThat(index.add(id)).isEqualTo(known == null ? expected.size() - 1 : known);
        }
        expected.forEach((id, value) -> assertThat(index.indexOf(id)).isEqualTo(value));
        assertThat(index.size()).isEqualTo(expected.size());
    }
}
