package io.mlops.jenkins.gpu;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Run;
import io.mlops.error.UserError;
import io.mlops.gpu.GpuAllocations;
import io.mlops.jenkins.MlopsStores;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The GPU allocations of this controller, in {@code JENKINS_HOME/mlops/gpu-allocations.json}. Opened
 * once the jobs are loaded: allocations of builds that still run (Pipeline builds about to resume)
 * are kept, those of builds that ended or vanished while the controller was down are released.
 *
 * <p>A file, not the suite's store: the store may be a PostgreSQL shared by several controllers,
 * while GPUs belong to one controller's nodes and its waiting queue lives in its memory.
 */
@Extension
public final class ControllerGpus {
    private static final Logger LOGGER = Logger.getLogger(ControllerGpus.class.getName());

    /** Separates the build's id from the step's own part in a holder. */
    static final char STEP = '@';

    private GpuAllocations allocations;

    /** @return the extension */
    public static ControllerGpus get() {
        return ExtensionList.lookupSingleton(ControllerGpus.class);
    }

    /**
     * The allocations, restored from the file on first use.
     *
     * @return the allocations
     * @throws UserError when the file cannot be read or written
     */
    public synchronized GpuAllocations allocations() {
        if (allocations == null) {
            allocations = GpuAllocations.restore(
                    MlopsStores.home().directory().resolve("gpu-allocations.json"), ControllerGpus::running);
        }
        return allocations;
    }

    /** Restores the allocations once the jobs, and with them the running builds, are loaded. */
    @Initializer(after = InitMilestone.JOB_LOADED)
    public static void restore() {
        try {
            get().allocations();
        } catch (UserError e) {
            LOGGER.log(Level.WARNING, "could not restore the GPU allocations: " + e.getMessage());
        }
    }

    /**
     * Whether a holder's build is still running. A holder is the build's id, {@code @}, and a part
     * of its own, so that parallel branches of one build each hold their GPUs.
     */
    static boolean running(String holder) {
        int at = holder.lastIndexOf(STEP);
        try {
            Run<?, ?> build = Run.fromExternalizableId(at < 0 ? holder : holder.substring(0, at));
            return build != null && build.isBuilding();
        } catch (IllegalArgumentException e) {
            return false; // not a build id this plugin wrote
        }
    }
}
