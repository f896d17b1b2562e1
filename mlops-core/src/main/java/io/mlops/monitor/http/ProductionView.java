package io.mlops.monitor.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.error.UserError;
import io.mlops.monitor.HealthGaps;
import io.mlops.monitor.HealthHistory;
import io.mlops.monitor.HealthSample;
import io.mlops.registry.Deployment;
import io.mlops.registry.ModelRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Production view of one model as JSON: its deployments (those the registry records, and those
 * that left samples in the range), each with its samples oldest first and the time of its last
 * good read. NaN measures (no requests in the interval, or a gap) are JSON nulls.
 */
final class ProductionView {
    static final int DEFAULT_HOURS = 6;
    static final int MAX_HOURS = 24 * 7;
    private static final long HOUR = 3_600_000L;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ModelRegistry registry;
    private final HealthHistory history;
    private final Clock clock;

    ProductionView(ModelRegistry registry, HealthHistory history, Clock clock) {
        this.registry = registry;
        this.history = history;
        this.clock = clock;
    }

    /** Parses {@code ?hours=}: a whole number of hours from 1 to a week, 6 when absent. */
    static int hours(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_HOURS;
        }
        try {
            int hours = Integer.parseInt(value.strip());
            if (hours >= 1 && hours <= MAX_HOURS) {
                return hours;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the range.
        }
        throw new UserError("hours must be a whole number from 1 to " + MAX_HOURS + ", not '" + value + "'");
    }

    ObjectNode of(String model, int hours) {
        registry.model(model);
        long to = clock.millis();
        long from = to - hours * HOUR;
        Map<String, ObjectNode> byEndpoint = new LinkedHashMap<>();
        for (Deployment deployment : registry.deployments(model)) {
            ObjectNode node = byEndpoint.computeIfAbsent(deployment.endpoint(), ProductionView::deployment);
            node.put("version", deployment.version())
                    .put("backend", deployment.backend())
                    .put("node", deployment.node())
                    .put("status", deployment.status().name());
        }
        List<HealthSample> samples = history.samples(model, from, to);
        for (HealthSample sample : samples) {
            ObjectNode node = byEndpoint.computeIfAbsent(sample.endpoint(), endpoint -> {
                ObjectNode gone = deployment(endpoint);
                gone.put("version", sample.version());
                return gone;
            });
            ((ArrayNode) node.get("samples")).add(sample(sample));
            if (!HealthGaps.isGap(sample)) {
                node.put("lastReadAt", sample.at());
            }
        }
        ObjectNode body = NODES.objectNode();
        body.put("model", model).put("from", from).put("to", to).put("hours", hours);
        ArrayNode deployments = body.putArray("deployments");
        new ArrayList<>(byEndpoint.values()).forEach(deployments::add);
        return body;
    }

    private static ObjectNode deployment(String endpoint) {
        ObjectNode node = NODES.objectNode();
        node.put("endpoint", endpoint);
        node.putNull("version");
        node.putNull("backend");
        node.putNull("node");
        node.putNull("status");
        node.putNull("lastReadAt");
        node.putArray("samples");
        return node;
    }

    private static ObjectNode sample(HealthSample sample) {
        ObjectNode node = NODES.objectNode();
        node.put("at", sample.at());
        node.put("version", sample.version());
        node.put("gap", HealthGaps.isGap(sample));
        measure(node, "requestsPerSecond", sample.requestsPerSecond());
        measure(node, "errorRate", sample.errorRate());
        measure(node, "p50Ms", sample.p50Ms());
        measure(node, "p95Ms", sample.p95Ms());
        measure(node, "p99Ms", sample.p99Ms());
        ObjectNode psi = node.putObject("inputPsi");
        new java.util.TreeMap<>(sample.inputPsi()).forEach(psi::put);
        return node;
    }

    private static void measure(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }
}
