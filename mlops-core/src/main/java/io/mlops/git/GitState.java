package io.mlops.git;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where a workspace stood in Git when something was recorded.
 *
 * @param commit the full id of the checked-out commit, or null in a repository without commits
 * @param dirty whether tracked files had uncommitted changes (untracked files do not count)
 */
public record GitState(String commit, boolean dirty) implements Serializable {
    /** Validates the commit id. */
    public GitState {
        if (commit != null && !commit.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("not a Git commit id: " + commit);
        }
    }

    /**
     * Whether a commit is checked out.
     *
     * @return false for a repository without commits
     */
    public boolean hasCommit() {
        return Objects.nonNull(commit);
    }
}
