package io.mlops.agent.metrics;

/**
 * Something that adds metric families to a scrape, read at scrape time: drift gauges, the GPU's
 * memory. Must be thread-safe; a scrape may run while requests are served.
 */
public interface MetricSource {
    /**
     * Writes this source's families.
     *
     * @param out the exposition being written
     */
    void writeTo(PrometheusText out);
}
