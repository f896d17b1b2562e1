package io.mlops.data;

import io.mlops.error.UserError;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Restores data from a cache into a destination, verifying every byte it writes.
 *
 * <p>Nothing is written until every path has been checked: a path escaping the destination, or a
 * file that differs from the snapshot (a local change) without {@code force}, stops the checkout
 * before it starts. Each file is written under a temporary name while its MD5 is computed and only
 * renamed into place when the MD5 matches; a corrupt cache object is named in the error. Files in
 * the destination that the snapshot does not have are left alone.
 *
 * <p>With DVC's {@code cache.type} set to links, each object's MD5 is checked and the file is then
 * linked to it (hard link, symbolic link or clone, the first that works) instead of copied.
 */
public final class Checkout {
    private final int threads;
    private final ProgressListener progress;
    private final CacheLinks links;

    /**
     * Creates a checkout that writes copies.
     *
     * @param threads how many files to write at once
     * @param progress told of files and bytes written
     */
    public Checkout(int threads, ProgressListener progress) {
        this(threads, progress, new CacheLinks(CacheLinks.COPY_ONLY));
    }

    /**
     * Creates a checkout that ties files to the cache as DVC's {@code cache.type} says.
     *
     * @param threads how many files to write at once
     * @param progress told of files and bytes written
     * @param links the link types to try, in order
     */
    public Checkout(int threads, ProgressListener progress, CacheLinks links) {
        this.threads = threads;
        this.progress = progress;
        this.links = links;
    }

    /**
     * Restores data.
     *
     * @param data what to restore
     * @param destination the directory for a directory snapshot; for a file snapshot, the file or
     *     an existing directory to put it in
     * @param force overwrite files whose content differs from the snapshot
     * @return counts of written and unchanged files
     * @throws UserError on an escaping path, a conflicting file, a missing or corrupt object
     */
    public CheckoutResult restore(DataRef data, Path destination, boolean force) {
        List<Planned> plan = plan(data, destination);
        List<String> conflicts = new ArrayList<>();
        List<Planned> toWrite = new ArrayList<>();
        int unchanged = 0;
        for (Planned item : plan) {
            switch (state(item)) {
                case MISSING -> toWrite.add(item);
                case SAME -> unchanged++;
                case DIFFERENT -> {
                    conflicts.add(item.target().toString());
                    toWrite.add(item);
                }
            }
        }
        if (!conflicts.isEmpty() && !force) {
            throw new UserError(conflicts.size() + " file(s) in " + destination
                    + " differ from snapshot " + data.label() + " and would be overwritten: "
                    + String.join(", ", conflicts.subList(0, Math.min(10, conflicts.size())))
                    + (conflicts.size() > 10 ? ", ..." : "")
                    + "; nothing was written (use --force to overwrite them)");
        }
        for (Planned item : toWrite) {
            if (data.sourceOf(item.entry().objectId()) == null) {
                throw new UserError("object " + item.entry().md5() + " of '"
                        + item.entry().path()
                        + "' is in no cache ("
                        + data.sources().stream().map(c -> c.root().toString()).toList()
                        + "); pull it from a remote first; nothing was written");
            }
        }
        long bytes =
                toWrite.stream().mapToLong(p -> Math.max(0, p.entry().size())).sum();
        progress.begin("checkout " + data.label() + " into " + destination, toWrite.size(), bytes);
        AtomicInteger written = new AtomicInteger();
        try {
            WorkerPool.run(toWrite.size(), threads, "mlops-checkout", i -> {
                write(data, toWrite.get(i));
                written.incrementAndGet();
            });
        } finally {
            progress.end();
        }
        return new CheckoutResult(written.get(), unchanged);
    }

    private record Planned(ManifestEntry entry, Path target) {}

    private enum State {
        MISSING,
        SAME,
        DIFFERENT
    }

    private static List<Planned> plan(DataRef data, Path destination) {
        List<Planned> plan = new ArrayList<>();
        if (!data.objectId().directory()) {
            ManifestEntry only = data.manifest().entries().getFirst();
            Path target = Files.isDirectory(destination)
                    ? ContainedPath.check(destination, only.path(), "snapshot " + data.label())
                    : destination.toAbsolutePath().normalize();
            plan.add(new Planned(only, target));
            return plan;
        }
        for (ManifestEntry entry : data.manifest().entries()) {
            plan.add(new Planned(entry, ContainedPath.check(destination, entry.path(), "manifest of " + data.label())));
        }
        return plan;
    }

    private static State state(Planned item) {
        Path target = item.target();
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return State.MISSING;
        }
        // a symbolic link into the cache (cache.type = symlink) is compared by what it points at
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                && !(Files.isSymbolicLink(target) && Files.isRegularFile(target))) {
            return State.DIFFERENT;
        }
        try {
            if (item.entry().size() >= 0 && Files.size(target) != item.entry().size()) {
                return State.DIFFERENT;
            }
            MessageDigest md5 = ObjectCache.md5();
            try (InputStream in = Files.newInputStream(target)) {
                byte[] buffer = new byte[256 * 1024];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    md5.update(buffer, 0, read);
                }
            }
            return ObjectCache.hex(md5).equals(item.entry().md5()) ? State.SAME : State.DIFFERENT;
        } catch (IOException e) {
            throw new UserError("cannot read " + target + ": " + ObjectCache.describe(e), e);
        }
    }

    private void write(DataRef data, Planned item) {
        ObjectId id = item.entry().objectId();
        ObjectCache source = data.sourceOf(id);
        Path temp = null;
        try {
            Path parent = item.target().getParent();
            if (Files.exists(parent) && !Files.isDirectory(parent)) {
                throw new UserError("cannot restore " + item.target() + ": " + parent + " is a file, not a directory");
            }
            long size = -1;
            boolean verified = false;
            for (LinkType type : links.candidates()) {
                if (type == LinkType.COPY) {
                    temp = ObjectCache.newTempFile(item.target());
                    try (OutputStream out = Files.newOutputStream(temp)) {
                        size = VerifiedCopy.copy(source, id, out);
                    }
                    break;
                }
                if (!verified) {
                    size = VerifiedCopy.copy(source, id, OutputStream.nullOutputStream());
                    verified = true;
                    Files.createDirectories(parent);
                }
                temp = ObjectCache.tempNameFor(item.target());
                if (links.create(type, source.pathOf(id), temp)) {
                    break;
                }
                temp = null;
            }
            if (temp == null) {
                throw links.none(item.target(), source.pathOf(id));
            }
            if (Files.isDirectory(item.target(), LinkOption.NOFOLLOW_LINKS)) {
                throw new UserError("cannot restore " + item.target() + ": a directory is in the way");
            }
            Files.move(temp, item.target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            progress.advance(1, size);
        } catch (IOException e) {
            throw new UserError("cannot write " + item.target() + ": " + ObjectCache.describe(e), e);
        } finally {
            ObjectCache.deleteQuietly(temp);
        }
    }
}
