package io.mlops.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoutingTest {
    @Test
    void shouldSendEverythingToThePrimaryWithoutACanary() {
        Routing routing = new Routing("3", null, 0, "2", 1);
        for (int i = 0; i < 1000; i++) {
            assertThat(routing.pick()).isEqualTo("3");
        }
    }

    @Test
    void shouldSendTheCanaryItsShareOfRequests() {
        Routing routing = new Routing("3", "4", 20, null, 1);
        int canary = 0;
        int picks = 20_000;
        for (int i = 0; i < picks; i++) {
            if (routing.pick().equals("4")) {
                canary++;
            }
        }
        // 20% of 20000 = 4000; the binomial standard deviation is about 57, so 3700..4300 is certain.
        assertThat(canary).isBetween(3_700, 4_300);
    }

    @Test
    void shouldPickNothingBeforeTheFirstSwitch() {
        assertThat(Routing.none().pick()).isNull();
    }

    @Test
    void shouldTellWhichVersionsServe() {
        Routing routing = new Routing("3", "4", 10, "2", 1);
        assertThat(routing.serves("3")).isTrue();
        assertThat(routing.serves("4")).isTrue();
        assertThat(routing.serves("2")).isFalse();
    }

    @Test
    void shouldRefuseAShareWithoutACanary() {
        assertThatThrownBy(() -> new Routing("3", null, 10, null, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
