package io.mlops.jenkins.hardware;

import hudson.Extension;
import hudson.model.Node;
import hudson.slaves.NodeProperty;
import hudson.slaves.NodePropertyDescriptor;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** A node property that keeps the MLOps hardware labels off one node (and skips its probe). */
public class NoHardwareLabels extends NodeProperty<Node> {
    /** Creates the property; its presence is the setting. */
    @DataBoundConstructor
    public NoHardwareLabels() {}

    /** The property's descriptor. */
    @Extension
    @Symbol("noMlopsHardwareLabels")
    public static class DescriptorImpl extends NodePropertyDescriptor {
        @Override
        public String getDisplayName() {
            return "No MLOps hardware labels";
        }
    }
}
