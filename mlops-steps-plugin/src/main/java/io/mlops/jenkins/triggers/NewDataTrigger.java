package io.mlops.jenkins.triggers;

import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.CauseAction;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Node;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import io.mlops.error.UserError;
import io.mlops.trigger.BackgroundPoll;
import io.mlops.trigger.DataPoll;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * last. {@code pipelineTriggers([newData(spec: 'H/15 * * * *', path: '/mnt/data/persons')])}. The
 * fingerprint runs off the cron thread, one poll at a time (mlops-core's {@link BackgroundPoll}).
 */
public final class NewDataTrigger extends Trigger<Job<?, ?>> {
    private static final Logger LOGGER = Logger.getLogger(NewDataTrigger.class.getName());
    private static final String STATE_FILE = "mlops-new-data.txt";

    private final String path;
    private String node;
    private transient BackgroundPoll poll;

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

    /**
     * Hands the fingerprint to a pool thread and returns at once: this runs in the cron thread every
     * trigger of the controller shares, and fingerprinting a large directory takes long.
     */
    @Override
    public void run() {
        startPoll();
    }

    /**
     * Starts a poll of the data unless the previous one still runs (then it is skipped, not queued).
     *
     * @return the poll's decision, complete once the id is remembered and, when the data changed, a build
     *     is scheduled; empty when no poll was started (no job yet, or the previous poll still runs)
     */
    public Optional<CompletableFuture<DataPoll>> startPoll() {
        Job<?, ?> watched = job;
        if (watched == null) {
            return Optional.empty();
        }
        String lastSeen;
        try {
            lastSeen = lastSeen();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot read the last data seen by " + watched.getFullName(), e);
            return Optional.empty();
        }
        Optional<CompletableFuture<DataPoll>> started = poll().poll(lastSeen, this::fingerprint);
        if (started.isEmpty()) {
            LOGGER.log(
                    Level.FINE, "{0}: the previous poll of {1} still runs", new Object[] {watched.getFullName(), path});
        }
        return started.map(decision -> decision.thenApply(outcome -> decide(watched, outcome))
                .whenComplete((outcome, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure;
                        LOGGER.log(
                                Level.WARNING,
                                "polling " + path + " for " + watched.getFullName() + " failed: " + cause.getMessage());
                    }
                }));
    }

    private DataPoll decide(Job<?, ?> watched, DataPoll outcome) {
        LOGGER.log(Level.FINE, "{0}: {1}", new Object[] {watched.getFullName(), outcome.describe()});
        try {
            remember(outcome.current());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remember the data seen by " + watched.getFullName(), e);
        }
        if (outcome.shouldBuild()) {
            ParameterizedJobMixIn.scheduleBuild2(watched, -1, new CauseAction(new MlopsCause(outcome.describe())));
        }
        return outcome;
    }

    private synchronized BackgroundPoll poll() {
        if (poll == null) {
            // Jenkins' pool for blocking remote calls: a fingerprint on an agent is one.
            poll = new BackgroundPoll(Computer.threadPoolForRemoting);
        }
        return poll;
    }

    private String fingerprint() {
        Node where = node == null ? Jenkins.get() : Jenkins.get().getNode(node);
        if (where == null || where.getChannel() == null) {
            throw new UserError("node '" + node + "' is not connected");
        }
        try {
            return new FilePath(where.getChannel(), path).act(new FingerprintOnNode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fingerprinting " + path, e);
        }
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
            TriggerForms.checkConfigure(item);
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
