package io.mlops.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The alias history read back from the audit log's entries. */
class StageHistoryTest {
    private static AuditEntry entry(long id, AuditAction action, String from, String to) {
        return new AuditEntry(id, "m", action, "alice", id * 10, from, to, "because " + id);
    }

    @Test
    void shouldTellSetMovedRollbackAndDeletedApartAndSkipOtherEntries() {
        List<StageChange> history = StageHistory.of(List.of(
                entry(1, AuditAction.VERSION_CREATED, null, "v1 from /m.onnx"),
                entry(2, AuditAction.ALIAS_SET, null, "production -> v1"),
                entry(3, AuditAction.ALIAS_SET, "production -> v1", "production -> v2"),
                entry(4, AuditAction.ALIAS_ROLLED_BACK, "production -> v2", "production -> v1"),
                entry(5, AuditAction.ALIAS_DELETED, "production -> v1", null)));

        assertThat(history)
                .containsExactly(
                        new StageChange("production", 1, null, StageChange.Kind.SET, "alice", 20, "because 2"),
                        new StageChange("production", 2, 1, StageChange.Kind.MOVED, "alice", 30, "because 3"),
                        new StageChange("production", 1, 2, StageChange.Kind.ROLLBACK, "alice", 40, "because 4"),
                        new StageChange("production", null, 1, StageChange.Kind.DELETED, "alice", 50, "because 5"));
    }

    @Test
    void shouldKeepAliasNamesThatLookLikeTheSeparator() {
        List<StageChange> history = StageHistory.of(List.of(entry(1, AuditAction.ALIAS_SET, null, "a-v -> v12")));

        assertThat(history.getFirst().alias()).isEqualTo("a-v");
        assertThat(history.getFirst().version()).isEqualTo(12);
    }
}
