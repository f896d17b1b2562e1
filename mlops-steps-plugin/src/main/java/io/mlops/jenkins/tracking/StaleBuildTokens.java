package io.mlops.jenkins.tracking;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Run;
import io.mlops.error.UserError;
import io.mlops.jenkins.MlopsStores;
import io.mlops.token.ScopedTokens;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * trackRun tokens are kept in the store, so a build whose body survives a controller restart keeps its
 * access. A build that ended while the controller was down never revoked its token: once the jobs are
 * loaded (and running Pipeline builds resumed), every token whose build is not running any more is revoked.
 */
public final class StaleBuildTokens {
    private static final Logger LOGGER = Logger.getLogger(StaleBuildTokens.class.getName());

    private StaleBuildTokens() {}

    /** Revokes the tokens of builds that are over or gone. */
    @Initializer(after = InitMilestone.JOB_LOADED)
    public static void revoke() {
        try {
            ScopedTokens tokens = MlopsStores.get().current().tokens();
            for (String scope : tokens.liveScopes()) {
                if (!running(scope)) {
                    tokens.revoke(scope);
                }
            }
        } catch (UserError e) {
            LOGGER.log(Level.WARNING, "could not check MLOps build tokens: " + e.getMessage());
        }
    }

    private static boolean running(String scope) {
        try {
            Run<?, ?> build = Run.fromExternalizableId(scope);
            return build != null && build.isBuilding();
        } catch (IllegalArgumentException e) {
            return false; // not a build id this plugin wrote
        }
    }
}
