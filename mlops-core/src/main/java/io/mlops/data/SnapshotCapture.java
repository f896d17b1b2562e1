package io.mlops.data;

import io.mlops.error.UserError;
import io.mlops.git.GitState;
import io.mlops.git.GitWorkspace;
import io.mlops.home.SuiteHome;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of taking a snapshot that happens where the data is: hashing into the right cache,
 * the {@code .dvc} pointer file, the {@code .gitignore} entry and the optional Git commit.
 *
 * <p>Inside a DVC repository the objects go to that repository's cache and a pointer file is
 * written next to the data, as {@code dvc add} does; elsewhere the suite's home holds the cache.
 */
public final class SnapshotCapture {
    private SnapshotCapture() {}

    /**
     * Captures a file or directory.
     *
     * @param home the suite's home on this machine (its cache is used outside DVC repositories)
     * @param target what to snapshot
     * @param request name, message and options
     * @param progress told of files and bytes hashed
     * @return the snapshot, ready to be recorded
     */
    public static CapturedSnapshot capture(
            SuiteHome home, Path target, SnapshotRequest request, ProgressListener progress) {
        Path path = target.toAbsolutePath().normalize();
        Optional<DvcRepository> dvc = DvcRepository.containing(path);
        if (dvc.isPresent()
                && (path.equals(dvc.get().root())
                        || path.startsWith(dvc.get().root().resolve(".dvc")))) {
            throw new UserError("cannot snapshot " + path + ": it is the DVC repository itself or its .dvc directory");
        }
        Optional<GitWorkspace> git = GitWorkspace.containing(path);
        if (request.gitCommit() && (git.isEmpty() || dvc.isEmpty())) {
            throw new UserError("--git-commit commits the .dvc pointer file, so " + path
                    + " must be inside a DVC repository that is inside a Git work tree");
        }
        ObjectCache cache = dvc.map(DvcRepository::cache).orElseGet(() -> new ObjectCache(home.cache()));
        FileStateCache state =
                FileStateCache.open(dvc.map(DvcRepository::stateFile).orElseGet(home::stateFile));
        DvcIgnore ignore =
                dvc.map(repo -> DvcIgnore.forTarget(repo.root(), path)).orElse(DvcIgnore.NONE);
        CacheLinks links = new CacheLinks(dvc.map(DvcRepository::cacheTypes).orElse(CacheLinks.COPY_ONLY));
        SnapshotContent content =
                new Snapshotter(cache, state, request.threads(), progress, links).snapshot(path, ignore);
        GitState gitState = git.map(GitWorkspace::state).orElse(null);

        String pointer = null;
        String commit = null;
        if (dvc.isPresent()) {
            Path pointerFile = path.resolveSibling(path.getFileName() + DvcPointer.SUFFIX);
            DvcPointer.of(content, path.getFileName().toString()).write(pointerFile);
            pointer = pointerFile.toString();
            List<Path> toCommit = new ArrayList<>(List.of(pointerFile));
            if (git.isPresent()) {
                toCommit.add(ignoreInGit(path));
            }
            if (request.gitCommit()) {
                commit = git.get().commitOnly(toCommit, commitMessage(request, content, path));
            }
        }
        Snapshot snapshot = new Snapshot(
                content.objectId().md5(),
                content.objectId(),
                content.directory(),
                path.toString(),
                cache.root().toString(),
                content.manifest().fileCount(),
                content.manifest().totalSize(),
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                gitState,
                request.message(),
                request.name() == null ? List.of() : List.of(request.name()));
        return new CapturedSnapshot(snapshot, content.manifest(), content.hashedFiles(), pointer, commit);
    }

    private static String commitMessage(SnapshotRequest request, SnapshotContent content, Path path) {
        return "Snapshot " + (request.name() == null ? "" : request.name() + " ")
                + content.objectId().md5() + " of " + path.getFileName()
                + (request.message() == null ? "" : "\n\n" + request.message());
    }

    /** Adds {@code /name} to the .gitignore beside the data, as {@code dvc add} does. */
    private static Path ignoreInGit(Path data) {
        Path gitignore = data.resolveSibling(".gitignore");
        String entry = "/" + data.getFileName();
        try {
            if (Files.exists(gitignore)) {
                List<String> lines = Files.readAllLines(gitignore, StandardCharsets.UTF_8);
                if (lines.stream().anyMatch(line -> line.strip().equals(entry))) {
                    return gitignore;
                }
                String text = Files.readString(gitignore, StandardCharsets.UTF_8);
                String prefix = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
                Files.writeString(gitignore, prefix + entry + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } else {
                Files.writeString(gitignore, entry + "\n", StandardCharsets.UTF_8);
            }
            return gitignore;
        } catch (IOException e) {
            throw new UserError("cannot update " + gitignore + ": " + ObjectCache.describe(e), e);
        }
    }
}
