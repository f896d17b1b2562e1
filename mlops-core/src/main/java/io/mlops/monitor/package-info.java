/**
 * Production monitoring (issue 19): the health of each deployment as the server reads it from the
 * agents that serve it, kept as a bounded time series ({@link io.mlops.monitor.HealthHistory}), and
 * the alert rules evaluated over it.
 */
package io.mlops.monitor;
