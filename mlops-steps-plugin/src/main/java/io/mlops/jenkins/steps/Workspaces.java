package io.mlops.jenkins.steps;

import io.mlops.data.ContainedPath;
import java.io.File;
import java.nio.file.Path;

/** Paths a step is given, resolved inside the build's workspace on the agent. */
final class Workspaces {
    private Workspaces() {}

    /**
     * Resolves a step argument under the workspace, refusing one that escapes it.
     *
     * @param workspace the workspace directory on the agent
     * @param relative the argument, e.g. {@code data/}
     * @param argument the step and argument, for the error message
     * @return the path inside the workspace
     */
    static Path resolve(File workspace, String relative, String argument) {
        return ContainedPath.check(workspace.toPath(), relative, argument);
    }
}
