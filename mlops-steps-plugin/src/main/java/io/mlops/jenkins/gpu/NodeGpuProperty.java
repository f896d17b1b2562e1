package io.mlops.jenkins.gpu;

import hudson.Extension;
import hudson.Util;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.slaves.NodeProperty;
import hudson.slaves.NodePropertyDescriptor;
import hudson.util.FormValidation;
import io.mlops.error.UserError;
import io.mlops.gpu.NodeGpus;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The GPUs withGpus hands out on a node, when they are not to be asked from {@code nvidia-smi}: a
 * count ({@code 4}: indices 0 to 3) or a list of indices or UUIDs.
 */
public final class NodeGpuProperty extends NodeProperty<Node> {
    private final String gpus;

    /**
     * Creates the property.
     *
     * @param gpus the count or the list
     */
    @DataBoundConstructor
    public NodeGpuProperty(String gpus) {
        this.gpus = Util.fixEmptyAndTrim(gpus);
    }

    /** @return the count or the list, as typed */
    public String getGpus() {
        return gpus;
    }

    /**
     * The node's GPUs.
     *
     * @param nodeName the node's name
     * @return the GPUs
     * @throws UserError when the text is neither a count nor a list
     */
    NodeGpus of(String nodeName) {
        return NodeGpus.parse(nodeName, gpus);
    }

    /** Declares the property. */
    @Extension
    @Symbol("mlopsGpus")
    public static final class DescriptorImpl extends NodePropertyDescriptor {
        @Override
        public String getDisplayName() {
            return "GPUs for withGpus";
        }

        /**
         * Checks the count or list.
         *
         * @param value what was typed
         * @return ok, or what is wrong
         */
        @POST
        public FormValidation doCheckGpus(@QueryParameter String value) {
            Jenkins.get().checkPermission(Computer.CONFIGURE);
            try {
                NodeGpus.parse("this node", value);
                return FormValidation.ok();
            } catch (UserError e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
