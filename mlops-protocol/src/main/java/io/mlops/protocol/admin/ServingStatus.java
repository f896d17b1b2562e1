package io.mlops.protocol.admin;

/**
 * Which versions take a model's traffic, as the admin API reports it.
 *
 * @param primary the version serving, or null
 * @param canary the version on trial, or null
 * @param canaryPercent the canary's share of requests
 */
public record ServingStatus(String primary, String canary, int canaryPercent) {}
