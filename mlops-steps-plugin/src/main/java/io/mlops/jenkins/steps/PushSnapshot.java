package io.mlops.jenkins.steps;

import hudson.remoting.VirtualChannel;
import io.mlops.data.DataRef;
import io.mlops.data.Manifest;
import io.mlops.data.ObjectCache;
import io.mlops.data.ObjectId;
import io.mlops.data.Remote;
import io.mlops.data.Snapshots;
import io.mlops.data.TransferResult;
import io.mlops.home.SuiteHome;
import io.mlops.objectstore.StorageLocation;
import io.mlops.progress.ProgressListener;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * On the agent that captured a snapshot: push its objects from the agent's cache to the data remote,
 * several at once, skipping what the remote holds already. Other nodes then pull the snapshot by id.
 */
final class PushSnapshot extends MasterToSlaveFileCallable<TransferResult> {
    private static final long serialVersionUID = 1L;

    private final String label;
    private final ObjectId objectId;
    private final Manifest manifest;
    private final String cacheRoot;
    private final RemoteOnAgent remote;
    private final ProgressListener progress;

    PushSnapshot(
            String label,
            ObjectId objectId,
            Manifest manifest,
            String cacheRoot,
            RemoteOnAgent remote,
            ProgressListener progress) {
        this.label = label;
        this.objectId = objectId;
        this.manifest = manifest;
        this.cacheRoot = cacheRoot;
        this.remote = remote;
        this.progress = progress;
    }

    @Override
    public TransferResult invoke(File workspace, VirtualChannel channel) {
        StorageLocation location = StorageLocation.parse(remote.location(), workspace.toPath());
        int jobs = Math.min(64, 4 * Runtime.getRuntime().availableProcessors());
        List<ObjectCache> sources = List.of(
                new ObjectCache(Path.of(cacheRoot)),
                new ObjectCache(SuiteHome.resolve(null, System.getenv()).cache()));
        try (Remote opened = Remote.open(location, remote.settings(), jobs)) {
            return Snapshots.push(new DataRef(label, objectId, manifest, sources), opened, jobs, progress);
        }
    }
}
