package io.mlops.jenkins.triggers;

import hudson.remoting.VirtualChannel;
import io.mlops.home.SuiteHome;
import io.mlops.trigger.DataFingerprint;
import java.io.File;
import jenkins.MasterToSlaveFileCallable;

/** Where the data is: its snapshot id, without storing anything (a String travels back). */
final class FingerprintOnNode extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String invoke(File path, VirtualChannel channel) {
        SuiteHome home = SuiteHome.resolve(null, System.getenv());
        return new DataFingerprint(home.directory().resolve("poll-state.db")).snapshotId(path.toPath());
    }
}
