package io.mlops.data;

import java.io.Serializable;

/**
 * A snapshot captured where the data lives (a Jenkins agent, a laptop), not yet recorded in the
 * catalog: what crosses from the agent to the controller.
 *
 * @param snapshot the snapshot record as captured
 * @param manifest its files
 * @param hashedFiles files read (the rest were known unchanged)
 * @param pointerFile the {@code .dvc} file written, or null outside a DVC repository
 * @param gitCommit the commit made for the pointer file, or null
 */
public record CapturedSnapshot(
        Snapshot snapshot, Manifest manifest, int hashedFiles, String pointerFile, String gitCommit)
        implements Serializable {}
