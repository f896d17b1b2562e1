package io.mlops.jenkins.hardware;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.slaves.ComputerListener;
import io.mlops.hardware.Hardware;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * Probes each agent's hardware when it comes online and keeps the answer per node on the controller
 * until the next connection replaces it. {@link HardwareLabelFinder} turns it into labels.
 */
@Extension
public class HardwareLabelCache extends ComputerListener {
    private static final Logger LOGGER = Logger.getLogger(HardwareLabelCache.class.getName());

    // by node name: saving a node's configuration replaces its Node object, not its name
    private final Map<String, Hardware> probed = new ConcurrentHashMap<>();

    /**
     * The instance Jenkins created.
     *
     * @return the cache
     */
    public static HardwareLabelCache get() {
        return ExtensionList.lookupSingleton(HardwareLabelCache.class);
    }

    @Override
    public void onOnline(Computer computer, TaskListener listener) throws IOException, InterruptedException {
        Node node = computer.getNode();
        VirtualChannel channel = computer.getChannel();
        if (node == null || channel == null || !HardwareLabelSettings.appliesTo(node)) {
            return;
        }
        try {
            Hardware hardware = channel.call(new ProbeOnAgent());
            probed.put(node.getNodeName(), hardware);
            for (String note : hardware.notes()) {
                listener.getLogger().println("MLOps hardware probe: " + note);
            }
        } catch (IOException e) {
            // an agent that went away during the probe: no hardware labels until it connects again
            probed.remove(node.getNodeName());
            LOGGER.log(Level.WARNING, "hardware probe of " + computer.getName() + " failed", e);
            return;
        }
        Jenkins.get().updateNode(node);
    }

    /**
     * What the last probe of a node found.
     *
     * @param node the node
     * @return its hardware, or empty before its first probe since the controller started
     */
    public Optional<Hardware> of(Node node) {
        return Optional.ofNullable(probed.get(node.getNodeName()));
    }

    /** Makes Jenkins recompute the labels of every probed node, after the settings changed. */
    void relabelAll() {
        Jenkins jenkins = Jenkins.get();
        for (String name : probed.keySet()) {
            Node node = name.isEmpty() ? jenkins : jenkins.getNode(name);
            if (node == null) {
                probed.remove(name);
                continue;
            }
            try {
                jenkins.updateNode(node);
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "could not relabel " + name, e);
            }
        }
    }
}
