package io.mlops.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.protocol.admin.Rollback;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a restart keeps of a saved state, and what it takes back. */
class ServingStateTest {
    @Test
    void shouldKeepACompletedStateAsItIs() {
        Rollback manual = new Rollback("3", "2", "manual rollback", 5);
        ServingState saved = new ServingState("2", null, "4", 10, null, List.of(), Map.of(), manual);

        assertThat(saved.afterRestart(99)).isEqualTo(saved);
    }

    @Test
    void shouldTakeBackVersionsUploadedAndNotSwitchedTo() {
        ServingState saved = new ServingState("1", null, null, 0, null, List.of("2"), Map.of(), null);

        ServingState restored = saved.afterRestart(99);

        assertThat(restored.primary()).isEqualTo("1");
        assertThat(restored.deploying()).isEmpty();
        assertThat(restored.failed()).containsOnlyKeys("2");
        assertThat(restored.failed().get("2")).contains("uploaded, not yet switched to");
    }

    @Test
    void shouldDropACanaryUnderWatch() {
        ServingState saved = new ServingState(
                "1", null, "2", 10, new ServingState.Watch("2", 1000, 0.05), List.of(), Map.of(), null);

        ServingState restored = saved.afterRestart(99);

        assertThat(restored.primary()).isEqualTo("1");
        assertThat(restored.canary()).isNull();
        assertThat(restored.canaryPercent()).isZero();
        assertThat(restored.watch()).isNull();
        assertThat(restored.failed()).containsOnlyKeys("2");
        assertThat(restored.lastRollback())
                .isEqualTo(new Rollback("2", "1", restored.failed().get("2"), 99));
    }

    @Test
    void shouldSendAWatchedFullSwitchBackToTheVersionBefore() {
        ServingState saved =
                new ServingState("3", "2", null, 0, new ServingState.Watch("3", 1000, 0.05), List.of(), Map.of(), null);

        ServingState restored = saved.afterRestart(99);

        assertThat(restored.primary()).isEqualTo("2");
        assertThat(restored.previous()).isNull();
        assertThat(restored.failed()).containsOnlyKeys("3");
        assertThat(restored.lastRollback().from()).isEqualTo("3");
    }
}
