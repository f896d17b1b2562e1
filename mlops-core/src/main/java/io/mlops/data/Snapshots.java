package io.mlops.data;

import io.mlops.error.UserError;
import io.mlops.home.SuiteHome;
import io.mlops.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Data snapshots as users see them: take, find, compare, restore, push and pull.
 *
 * <p>Inside a DVC repository the objects go to that repository's cache and a {@code .dvc} pointer
 * file is written next to the data, so {@code dvc status} and {@code dvc checkout} work on it;
 * elsewhere the suite's home holds the cache in the same layout. Either way the snapshot is
 * recorded in the catalog.
 */
public final class Snapshots {
    private final SuiteHome home;
    private final SnapshotCatalog catalog;

    /**
     * Creates the service over a home and its catalog.
     *
     * @param home the suite's home
     * @param catalog where snapshot records are kept
     */
    public Snapshots(SuiteHome home, SnapshotCatalog catalog) {
        this.home = home;
        this.catalog = catalog;
    }

    /**
     * Opens the service on a home, with the catalog in the home's database.
     *
     * @param home the suite's home
     * @return the service
     */
    public static Snapshots open(SuiteHome home) {
        return new Snapshots(home, new JdbcSnapshotCatalog(home.database()));
    }

    /**
     * Snapshots a file or directory and records it in the catalog.
     *
     * @param target what to snapshot
     * @param request name, message and options
     * @param progress told of files and bytes hashed
     * @return the recorded snapshot and what was done
     */
    public SnapshotResult take(Path target, SnapshotRequest request, ProgressListener progress) {
        return record(SnapshotCapture.capture(home, target, request, progress));
    }

    /**
     * Records a snapshot captured here or on another machine (a Jenkins agent).
     *
     * @param captured what the capture produced
     * @return the recorded snapshot; the first record when the content was known already
     */
    public SnapshotResult record(CapturedSnapshot captured) {
        Snapshot recorded = catalog.record(captured.snapshot(), captured.manifest());
        boolean created = recorded.createdAt().equals(captured.snapshot().createdAt());
        return new SnapshotResult(
                recorded, created, captured.hashedFiles(), captured.pointerFile(), captured.gitCommit());
    }

    /**
     * Finds a recorded snapshot.
     *
     * @param reference an id, unique id prefix or name
     * @return the snapshot
     * @throws UserError when none matches
     */
    public Snapshot find(String reference) {
        return catalog.find(reference)
                .orElseThrow(
                        () -> new UserError("no snapshot with id or name '" + reference + "' (see: mlops data list)"));
    }

    /**
     * The snapshot recorded here for some data, e.g. for a {@code .dvc} file written by {@code dvc add}.
     *
     * @param data resolved data
     * @return the snapshot with the same object id, or empty when the suite never recorded it here
     */
    public Optional<Snapshot> recordOf(DataRef data) {
        return catalog.find(data.objectId().md5()).filter(s -> s.objectId().equals(data.objectId()));
    }

    /**
     * The recorded snapshots, newest first.
     *
     * @return the snapshots
     */
    public List<Snapshot> list() {
        return catalog.list();
    }

    /**
     * Resolves a snapshot id, name or {@code .dvc} file to its files.
     *
     * @param reference what the user typed
     * @return the data
     */
    public DataRef resolve(String reference) {
        if (reference.endsWith(DvcPointer.SUFFIX)) {
            Path file = Path.of(reference);
            if (!Files.isRegularFile(file)) {
                throw new UserError("no such DVC file: " + reference);
            }
            return fromPointer(file);
        }
        Snapshot snapshot = find(reference);
        List<ObjectCache> sources = new ArrayList<>();
        sources.add(new ObjectCache(Path.of(snapshot.cacheRoot())));
        sources.add(new ObjectCache(home.cache()));
        return new DataRef(snapshot.label(), snapshot.objectId(), catalog.manifest(snapshot.id()), sources);
    }

    /**
     * Compares two snapshots.
     *
     * @param before a reference to the older data
     * @param after a reference to the newer data
     * @return the differences
     */
    public SnapshotDiff diff(String before, String after) {
        return SnapshotDiff.between(resolve(before).manifest(), resolve(after).manifest());
    }

    /**
     * Restores a snapshot into a destination.
     *
     * @param reference the snapshot
     * @param destination where to write
     * @param force overwrite local changes
     * @param threads how many files to write at once
     * @param progress told of files and bytes written
     * @return what was written
     */
    public CheckoutResult checkout(
            String reference, Path destination, boolean force, int threads, ProgressListener progress) {
        DataRef data = resolve(reference);
        List<ObjectCache> sources = new ArrayList<>();
        Optional<DvcRepository> repo = DvcRepository.containing(destination);
        repo.ifPresent(r -> sources.add(r.cache()));
        sources.addAll(data.sources());
        CacheLinks links = new CacheLinks(repo.map(DvcRepository::cacheTypes).orElse(CacheLinks.COPY_ONLY));
        return new Checkout(threads, progress, links)
                .restore(new DataRef(data.label(), data.objectId(), data.manifest(), sources), destination, force);
    }

    /**
     * Copies every object of a snapshot the remote lacks to the remote, one at a time.
     *
     * @param reference the snapshot
     * @param remote where to push
     * @param progress told of objects copied
     * @return counts of copied and present objects
     */
    public TransferResult push(String reference, Remote remote, ProgressListener progress) {
        return push(reference, remote, 1, progress);
    }

    /**
     * Copies every object of a snapshot the remote lacks to the remote. What the remote holds is asked
     * in bulk first, so a push that was interrupted resumes without sending anything twice; the
     * directory manifest goes last, as DVC sends it, so its presence means the files are there too.
     *
     * @param reference the snapshot
     * @param remote where to push
     * @param jobs how many objects to send at once
     * @param progress told of objects and bytes copied
     * @return counts of copied and present objects
     */
    public TransferResult push(String reference, Remote remote, int jobs, ProgressListener progress) {
        return push(resolve(reference), remote, jobs, progress);
    }

    /**
     * Copies every object of resolved data the remote lacks to the remote: what {@link #push(String,
     * Remote, int, ProgressListener)} does, for a machine that holds the objects but not the catalog (a
     * Jenkins agent that captured a snapshot the controller recorded).
     *
     * @param data the data and the caches holding its objects
     * @param remote where to push
     * @param jobs how many objects to send at once
     * @param progress told of objects and bytes copied
     * @return counts of copied and present objects
     */
    public static TransferResult push(DataRef data, Remote remote, int jobs, ProgressListener progress) {
        List<ObjectId> objects = data.objects();
        Set<ObjectId> there = remote.present(objects);
        List<ObjectId> files = new ArrayList<>();
        List<ObjectId> directories = new ArrayList<>();
        Map<ObjectId, ObjectCache> sourceOf = new HashMap<>();
        long bytes = 0;
        for (ObjectId id : objects) {
            if (there.contains(id)) {
                continue;
            }
            ObjectCache source = data.sourceOf(id);
            if (source == null) {
                throw new UserError("object " + id + " of " + data.label() + " is in no local cache; cannot push it");
            }
            sourceOf.put(id, source);
            bytes += Math.max(0, source.sizeOf(id));
            (id.directory() ? directories : files).add(id);
        }
        progress.begin("push " + data.label() + " to " + remote.location(), objects.size(), bytes);
        try {
            progress.advance(there.size(), 0);
            for (List<ObjectId> batch : List.of(files, directories)) {
                WorkerPool.run(batch.size(), jobs, "push", i -> {
                    ObjectId id = batch.get(i);
                    long sent = remote.upload(sourceOf.get(id), id);
                    progress.advance(1, sent);
                });
            }
        } finally {
            progress.end();
        }
        return new TransferResult(files.size() + directories.size(), there.size());
    }

    /**
     * Copies every object of a snapshot the local cache lacks from a remote, one at a time.
     *
     * @param reference a snapshot id or name known here, a {@code .dvc} file, or a bare object id
     * @param remote where to pull from
     * @param into the cache to fill, or null for the cache the reference points at
     * @param progress told of objects copied
     * @return counts of copied and present objects
     */
    public TransferResult pull(String reference, Remote remote, ObjectCache into, ProgressListener progress) {
        return pull(reference, remote, into, 1, progress);
    }

    /**
     * Copies every object of a snapshot the local cache lacks from a remote, several at once; each is
     * verified against its id before it appears in the cache.
     *
     * @param reference a snapshot id or name known here, a {@code .dvc} file, or a bare object id
     * @param remote where to pull from
     * @param into the cache to fill, or null for the cache the reference points at
     * @param jobs how many objects to fetch at once
     * @param progress told of objects and bytes copied
     * @return counts of copied and present objects
     */
    public TransferResult pull(String reference, Remote remote, ObjectCache into, int jobs, ProgressListener progress) {
        ObjectCache target = into;
        ObjectId rootId;
        if (reference.endsWith(DvcPointer.SUFFIX)) {
            Path file = Path.of(reference);
            rootId = DvcPointer.read(file).objectId();
            if (target == null) {
                target = DvcRepository.containing(file)
                        .map(DvcRepository::cache)
                        .orElseGet(() -> new ObjectCache(home.cache()));
            }
        } else {
            Optional<Snapshot> known = catalog.find(reference);
            if (known.isPresent()) {
                rootId = known.get().objectId();
                if (target == null) {
                    target = new ObjectCache(Path.of(known.get().cacheRoot()));
                }
            } else {
                rootId = objectOnRemote(reference, remote);
                if (target == null) {
                    target = new ObjectCache(home.cache());
                }
            }
        }
        int transferred = 0;
        if (rootId.directory() && !target.contains(rootId)) {
            if (!remote.contains(rootId)) {
                throw new UserError("remote " + remote.location() + " does not hold " + rootId);
            }
            remote.download(rootId, target);
            transferred++;
        }
        DataRef data = rootId.directory()
                ? new DataRef(reference, rootId, manifestInCache(target, rootId), List.of(target))
                : new DataRef(
                        reference,
                        rootId,
                        Manifest.of(List.of(new ManifestEntry(rootId.md5(), rootId.md5(), -1))),
                        List.of(target));
        List<ObjectId> objects = data.objects();
        ObjectCache cache = target;
        List<ObjectId> missing =
                objects.stream().filter(id -> !cache.contains(id)).toList();
        long bytes = data.manifest().entries().stream()
                .filter(e -> e.size() > 0 && !cache.contains(e.objectId()))
                .mapToLong(ManifestEntry::size)
                .sum();
        progress.begin("pull " + reference + " from " + remote.location(), objects.size(), bytes > 0 ? bytes : -1);
        try {
            progress.advance(objects.size() - missing.size(), 0);
            WorkerPool.run(missing.size(), jobs, "pull", i -> {
                ObjectId id = missing.get(i);
                long received = remote.download(id, cache);
                progress.advance(1, received);
            });
        } finally {
            progress.end();
        }
        transferred += missing.size();
        if (catalog.find(rootId.md5()).filter(s -> s.id().equals(rootId.md5())).isEmpty()) {
            recordPulled(rootId, data.manifest(), target, remote);
        }
        return new TransferResult(transferred, objects.size() - transferred);
    }

    /** Makes a snapshot pulled onto this machine known here, so it can be checked out by id. */
    private void recordPulled(ObjectId rootId, Manifest manifest, ObjectCache cache, Remote remote) {
        List<ManifestEntry> sized = manifest.entries().stream()
                .map(e -> new ManifestEntry(e.path(), e.md5(), cache.sizeOf(e.objectId())))
                .toList();
        Manifest known = Manifest.of(sized);
        Snapshot pulled = new Snapshot(
                rootId.md5(),
                rootId,
                rootId.directory(),
                remote.location(),
                cache.root().toString(),
                known.fileCount(),
                known.totalSize(),
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                null,
                "pulled from " + remote.location(),
                List.of());
        catalog.record(pulled, known);
    }

    private static ObjectId objectOnRemote(String reference, Remote remote) {
        if (!reference.matches("[0-9a-f]{32}(\\.dir)?")) {
            throw new UserError("no snapshot '" + reference + "' here; to pull one this machine has not seen,"
                    + " give its full id or its .dvc file");
        }
        ObjectId asGiven = ObjectId.parse(reference);
        ObjectId asDirectory = new ObjectId(asGiven.md5(), true);
        Set<ObjectId> there = remote.present(List.of(asDirectory, asGiven));
        if (!asGiven.directory() && there.contains(asDirectory)) {
            return asDirectory;
        }
        if (there.contains(asGiven)) {
            return asGiven;
        }
        throw new UserError("remote " + remote.location() + " holds no object " + reference);
    }

    private DataRef fromPointer(Path file) {
        DvcPointer pointer = DvcPointer.read(file);
        ObjectCache cache =
                DvcRepository.containing(file).map(DvcRepository::cache).orElseGet(() -> new ObjectCache(home.cache()));
        Manifest manifest = pointer.objectId().directory()
                ? manifestInCache(cache, pointer.objectId())
                : Manifest.of(List.of(new ManifestEntry(
                        Path.of(pointer.path()).getFileName().toString(),
                        pointer.objectId().md5(),
                        pointer.size())));
        return new DataRef(
                file.toString(), pointer.objectId(), manifest, List.of(cache, new ObjectCache(home.cache())));
    }

    private static Manifest manifestInCache(ObjectCache cache, ObjectId dirId) {
        if (!cache.contains(dirId)) {
            throw new UserError("directory manifest " + dirId + " is not in the cache " + cache.root()
                    + "; pull it from a remote first");
        }
        return Manifest.parseDirObject(
                cache.read(dirId), cache.pathOf(dirId).toString(), md5 -> cache.sizeOf(new ObjectId(md5, false)));
    }
}
