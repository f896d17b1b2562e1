package io.mlops.agent.serve;

import io.mlops.hardware.Hardware;
import java.util.List;
import java.util.Objects;

/**
 * What this agent tells clients about its node (issue 16's contract): the backends it loaded and the
 * hardware probed once at start. {@code GET /v2} carries it as {@code "mlops"}, the admin status as its
 * two fields, so that {@code deploy --backend auto} can choose a backend that fits the node.
 *
 * @param backends the names of the backends that loaded, sorted
 * @param hardware the probe, with the loaded OpenVINO runtime's devices
 */
public record NodeReport(List<String> backends, Hardware hardware) {
    /** The V2 server extension that announces the report. */
    public static final String EXTENSION = "mlops-hardware";

    /** Checks and copies the fields. */
    public NodeReport {
        backends = backends.stream().sorted().toList();
        Objects.requireNonNull(hardware, "hardware");
    }
}
