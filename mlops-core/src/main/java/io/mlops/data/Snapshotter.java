package io.mlops.data;

import io.mlops.error.UserError;
import io.mlops.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Hashes a file or directory tree into an object cache, in parallel, skipping unchanged files.
 *
 * <p>A file whose stamp (inode, mtime, size) after reading differs from before was changed while
 * being read: nothing is stored for it and it is read again, up to {@value #ATTEMPTS} times, so it
 * is never recorded with a hash of bytes it no longer has.
 */
public final class Snapshotter {
    static final int ATTEMPTS = 3;

    private final ObjectCache cache;
    private final FileStateCache state;
    private final int threads;
    private final ProgressListener progress;
    private final CacheLinks links;

    /**
     * Creates a snapshotter that leaves the workspace files as they are.
     *
     * @param cache where objects go
     * @param state digests of files already hashed
     * @param threads how many files to read at once
     * @param progress told of files and bytes done
     */
    public Snapshotter(ObjectCache cache, FileStateCache state, int threads, ProgressListener progress) {
        this(cache, state, threads, progress, new CacheLinks(CacheLinks.COPY_ONLY));
    }

    /**
     * Creates a snapshotter that ties each workspace file to its object as DVC's {@code cache.type} says.
     *
     * @param cache where objects go
     * @param state digests of files already hashed
     * @param threads how many files to read at once
     * @param progress told of files and bytes done
     * @param links how workspace files are tied to the cache after their bytes are stored
     */
    public Snapshotter(
            ObjectCache cache, FileStateCache state, int threads, ProgressListener progress, CacheLinks links) {
        this.links = links;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.cache = cache;
        this.state = state;
        this.threads = threads;
        this.progress = progress;
    }

    /**
     * A sensible thread count: hashing and creating cache files are CPU-bound (in MD5 and in the
     * kernel), and more threads than cores only queue on kernel locks.
     *
     * @return the number of available processors, at least 2
     */
    public static int defaultThreads() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Hashes and stores a target.
     *
     * @param target a file or directory
     * @return the snapshot's content
     * @throws UserError when the target cannot be read or a file keeps changing
     */
    public SnapshotContent snapshot(Path target) {
        return snapshot(target, DvcIgnore.NONE);
    }

    /**
     * Hashes and stores a target, leaving out what {@code .dvcignore} rules ignore.
     *
     * @param target a file or directory
     * @param ignore the rules that apply to the target
     * @return the snapshot's content
     * @throws UserError when the target cannot be read or a file keeps changing
     */
    public SnapshotContent snapshot(Path target, DvcIgnore ignore) {
        List<ScannedFile> files = new ArrayList<>(TreeScanner.scan(target, ignore));
        boolean directory = Files.isDirectory(target);
        files.sort(Comparator.comparingLong((ScannedFile f) -> f.stamp().size()).reversed());
        long totalBytes = files.stream().mapToLong(f -> f.stamp().size()).sum();
        progress.begin("snapshot " + target, files.size(), totalBytes);
        try {
            ManifestEntry[] entries = new ManifestEntry[files.size()];
            ConcurrentLinkedQueue<Map.Entry<FileStamp, String>> hashed = new ConcurrentLinkedQueue<>();
            WorkerPool.run(files.size(), threads, "mlops-hash", i -> entries[i] = hashOne(files.get(i), hashed));
            state.recordAll(List.copyOf(hashed));
            Manifest manifest = Manifest.of(List.of(entries));
            if (!directory) {
                ManifestEntry only = manifest.entries().getFirst();
                return new SnapshotContent(only.objectId(), false, manifest, hashed.size());
            }
            ObjectId dirId = manifest.objectId();
            cache.put(dirId, manifest.dirObject());
            return new SnapshotContent(dirId, true, manifest, hashed.size());
        } finally {
            progress.end();
        }
    }

    private ManifestEntry hashOne(ScannedFile file, ConcurrentLinkedQueue<Map.Entry<FileStamp, String>> hashed) {
        FileStamp before = file.stamp();
        String known = state.md5(before);
        if (known != null && cache.contains(new ObjectId(known, false))) {
            links.tie(file.path(), cache.pathOf(new ObjectId(known, false)));
            progress.advance(1, before.size());
            return new ManifestEntry(file.relativePath(), known, before.size());
        }
        boolean linkIntoCache = links.candidates().stream().findFirst().orElse(null) == LinkType.HARDLINK;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ObjectCache.Ingested ingested = linkIntoCache
                    ? cache.ingestLinked(file.path(), before, progress)
                    : cache.ingest(file.path(), before, progress);
            if (ingested.stampAfter().equals(before) && ingested.size() == before.size()) {
                hashed.add(Map.entry(before, ingested.id().md5()));
                links.tie(file.path(), cache.pathOf(ingested.id()));
                progress.advance(1, 0);
                return new ManifestEntry(file.relativePath(), ingested.id().md5(), ingested.size());
            }
            before = ingested.stampAfter();
        }
        throw new UserError("file kept changing while being hashed (" + ATTEMPTS + " attempts): " + file.path()
                + "; stop the process writing it and snapshot again");
    }
}
