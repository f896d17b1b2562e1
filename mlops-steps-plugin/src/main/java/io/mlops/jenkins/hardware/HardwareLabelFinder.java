package io.mlops.jenkins.hardware;

import hudson.Extension;
import hudson.model.LabelFinder;
import hudson.model.Node;
import hudson.model.labels.LabelAtom;
import io.mlops.hardware.HardwareLabels;
import java.util.Collection;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * Adds the labels a node's hardware earns (docs/hardware.md: {@code gpu}, {@code gpu-h100}, {@code avx512}
 * ...) from the probe {@link HardwareLabelCache} keeps, with the configured prefix.
 */
@Extension
public class HardwareLabelFinder extends LabelFinder {
    @Override
    public Collection<LabelAtom> findLabels(Node node) {
        if (!HardwareLabelSettings.appliesTo(node)) {
            return List.of();
        }
        Jenkins jenkins = Jenkins.get();
        return HardwareLabelCache.get()
                .of(node)
                .map(hardware -> HardwareLabels.of(hardware, HardwareLabelSettings.prefix()).stream()
                        .map(jenkins::getLabelAtom)
                        .toList())
                .orElse(List.of());
    }
}
