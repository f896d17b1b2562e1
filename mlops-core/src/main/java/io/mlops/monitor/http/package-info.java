/**
 * The Production view's HTTP API: deployment health read from the store's {@link
 * io.mlops.monitor.HealthHistory}, mounted by {@code mlops server} and the Jenkins registry page
 * beside the registry API.
 */
package io.mlops.monitor.http;
