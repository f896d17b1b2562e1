package io.mlops.jenkins.hardware;

import hudson.model.Node;
import io.mlops.jenkins.config.MlopsConfiguration;

/** Whether a node gets hardware labels, and with which prefix: the global settings and the node's property. */
final class HardwareLabelSettings {
    private HardwareLabelSettings() {}

    static boolean appliesTo(Node node) {
        return MlopsConfiguration.get().isHardwareLabels() && node.getNodeProperty(NoHardwareLabels.class) == null;
    }

    static String prefix() {
        String prefix = MlopsConfiguration.get().getHardwareLabelPrefix();
        return prefix == null ? "" : prefix;
    }
}
