package io.mlops.jenkins.steps;

import io.mlops.data.SnapshotRequest;
import io.mlops.data.Snapshotter;
import java.io.Serializable;

/**
 * The snapshot's name, note and Git option as they travel to the agent; the request is made
 * there, with the agent's own core count for hashing.
 *
 * @param name the snapshot's name, or null
 * @param message a note, or null
 * @param gitCommit whether to commit the .dvc pointer file
 */
record SnapshotOptions(String name, String message, boolean gitCommit) implements Serializable {
    SnapshotRequest request() {
        return new SnapshotRequest(name, message, gitCommit, Snapshotter.defaultThreads());
    }
}
