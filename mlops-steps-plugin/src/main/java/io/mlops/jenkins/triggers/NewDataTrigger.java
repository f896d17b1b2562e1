package io.mlops.jenkins.triggers;

import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Node;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import io.mlops.error.UserError;
import io.mlops.trigger.DataPoll;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Builds when the data at a path changes: on the schedule it computes the path's snapshot id
 * (reading only files whose stamp changed) and starts a build when it differs from the one seen
 * last. {@code pipelineTriggers([newData(spec: 'H/15 * * * *', path: '/mnt/data/persons')])}.
 */
public final class NewDataTrigger extends Trigger<Job<?, ?>> {
    private static final Logger LOGGER = Logger.getLogger(NewDataTrigger.class.getName());
    private static final String STATE_FILE = "mlops-new-data.txt";

    private final String path;
    private String node;

    /**
     * Creates the trigger.
     *
     * @param spec the polling schedule, in cron syntax
     * @param path the data's absolute path on the node
     */
    @DataBoundConstructor
    public NewDataTrigger(String spec, String path) {
        super(spec);
        this.path = path;
    }

    /** @return the data's path */
    public String getPath() {
        return path;
    }

    /** @return the node that sees the path, or null for the controller */
    public String getNode() {
        return node;
    }

    /** @param node the agent that sees the path; empty for the controller */
    @DataBoundSetter
    public void setNode(String node) {
        this.node = Util.fixEmptyAndTrim(node);
    }

    @Override
    public void run() {
        if (job == null) {
            return;
        }
        try {
            DataPoll poll = DataPoll.decide(lastSeen(), fingerprint());
            LOGGER.log(Level.FINE, "{0}: {1}", new Object[] {job.getFullName(), poll.describe()});
            remember(poll.current());
            if (poll.shouldBuild()) {
                ParameterizedJobMixIn.scheduleBuild2(job, -1, new CauseAction(new MlopsCause(poll.describe())));
            }
        } catch (IOException | UserError e) {
            LOGGER.log(Level.WARNING, "polling " + path + " for " + job.getFullName() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String fingerprint() throws IOException, InterruptedException {
        Node where = node == null ? Jenkins.get() : Jenkins.get().getNode(node);
        if (where == null || where.getChannel() == null) {
            throw new UserError("node '" + node + "' is not connected");
        }
        return new FilePath(where.getChannel(), path).act(new FingerprintOnNode());
    }

    private Path stateFile() {
        return new File(job.getRootDir(), STATE_FILE).toPath();
    }

    private String lastSeen() throws IOException {
        Path file = stateFile();
        return Files.exists(file)
                ? Files.readString(file, StandardCharsets.UTF_8).strip()
                : null;
    }

    private void remember(String id) throws IOException {
        Path file = stateFile();
        Path temporary = file.resolveSibling(STATE_FILE + ".tmp");
        Files.writeString(temporary, id, StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Form support. */
    @Extension
    @Symbol("newData")
    public static final class DescriptorImpl extends TriggerDescriptor {
        @Override
        public boolean isApplicable(Item item) {
            return item instanceof ParameterizedJobMixIn.ParameterizedJob;
        }

        @Override
        public String getDisplayName() {
            return "Build when new data arrives (MLOps)";
        }

        /**
         * Checks the path.
         *
         * @param item the job
         * @param value the path typed
         * @return ok, or what is wrong
         */
        @POST
        public FormValidation doCheckPath(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null) {
                Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            } else {
                item.checkPermission(Item.CONFIGURE);
            }
            String text = Util.fixEmptyAndTrim(value);
            if (text == null) {
                return FormValidation.error("The path of the data to watch is required");
            }
            return Path.of(text).isAbsolute()
                    ? FormValidation.ok()
                    : FormValidation.error("Give the absolute path the node sees, e.g. /mnt/data/persons");
        }
    }
}
