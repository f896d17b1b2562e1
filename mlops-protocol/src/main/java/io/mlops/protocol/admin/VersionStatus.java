package io.mlops.protocol.admin;

/**
 * A version as the admin API reports it.
 *
 * @param version the version
 * @param state loading, ready or failed
 * @param backend the backend's name
 * @param device the device it runs on
 * @param loadMillis how long loading and warm-up took
 * @param requests requests it took
 * @param failures requests that failed
 * @param error why it failed to load, or null
 */
public record VersionStatus(
        String version,
        VersionState state,
        String backend,
        String device,
        long loadMillis,
        long requests,
        long failures,
        String error) {}
