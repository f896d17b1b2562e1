package io.mlops.data;

import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Lists the regular files of a snapshot target, following symbolic links as DVC does.
 *
 * <p>Skips the directories DVC ignores by default ({@code .git}, {@code .hg}, {@code .dvc}) and what
 * the repository's {@code .dvcignore} files ignore. A backslash in a file name stays part of the
 * name, as in DVC (on Linux it is an ordinary character).
 * Anything that cannot become part of a snapshot (a link loop, a broken link, a FIFO, an unreadable
 * directory) stops the scan with an error naming it, before any byte is stored.
 */
public final class TreeScanner {
    private static final Set<String> IGNORED_DIRECTORIES = Set.of(".git", ".hg", ".dvc");

    private TreeScanner() {}

    /**
     * Scans a file or directory.
     *
     * @param target what to snapshot
     * @return the files found; one file named after the target when it is a file
     * @throws UserError when the target is missing or holds something that cannot be snapshotted
     */
    public static List<ScannedFile> scan(Path target) {
        return scan(target, DvcIgnore.NONE);
    }

    /**
     * Scans a file or directory, leaving out what {@code .dvcignore} rules ignore.
     *
     * @param target what to snapshot
     * @param ignore the rules that apply to the target
     * @return the files found that are not ignored
     * @throws UserError when the target is missing, ignored, holds a {@code .dvcignore} file, or
     *     holds something that cannot be snapshotted
     */
    public static List<ScannedFile> scan(Path target, DvcIgnore ignore) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserError("no such file or directory: " + target);
        }
        if (!Files.exists(target)) {
            throw new UserError("broken symbolic link: " + target);
        }
        List<ScannedFile> files = new ArrayList<>();
        Path root = target.toAbsolutePath().normalize();
        if (ignore.ignores(root, Files.isDirectory(root))) {
            throw new UserError(target + " is ignored by a " + DvcIgnore.FILE_NAME + " file; nothing to snapshot");
        }
        try {
            Files.walkFileTree(
                    root,
                    EnumSet.of(FileVisitOption.FOLLOW_LINKS),
                    Integer.MAX_VALUE,
                    new Visitor(root, files, ignore));
        } catch (IOException e) {
            throw new UserError("cannot scan " + target + ": " + ObjectCache.describe(e), e);
        }
        return files;
    }

    private static final class Visitor extends SimpleFileVisitor<Path> {
        private final Path root;
        private final List<ScannedFile> files;
        private final DvcIgnore ignore;

        Visitor(Path root, List<ScannedFile> files, DvcIgnore ignore) {
            this.root = root;
            this.files = files;
            this.ignore = ignore;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root)
                    && IGNORED_DIRECTORIES.contains(dir.getFileName().toString())) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (!dir.equals(root) && ignore.ignores(dir, true)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isSymbolicLink()) {
                throw new UserError("broken symbolic link: " + file + " -> " + linkTarget(file));
            }
            if (!attrs.isRegularFile()) {
                throw new UserError("not a regular file (device, FIFO or socket): " + file);
            }
            if (!file.equals(root) && ignore.inRepository()) {
                if (file.getFileName().toString().equals(DvcIgnore.FILE_NAME)) {
                    throw new UserError(DvcIgnore.FILE_NAME + " file should not be in the data it applies to: " + file
                            + "; move its rules to a " + DvcIgnore.FILE_NAME + " above " + root + ", as DVC requires");
                }
                if (ignore.ignores(file, false)) {
                    return FileVisitResult.CONTINUE;
                }
            }
            String relative =
                    file.equals(root) ? file.getFileName().toString() : DvcIgnore.slashed(root.relativize(file));
            files.add(new ScannedFile(relative, file, FileStamp.of(attrs)));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
                throw new UserError(
                        "symbolic link loop: " + file + " -> " + linkTarget(file) + " leads back to a parent", e);
            }
            if (e instanceof AccessDeniedException) {
                throw new UserError("permission denied: cannot read " + file, e);
            }
            if (e instanceof NoSuchFileException) {
                throw new UserError("file disappeared while scanning: " + file, e);
            }
            throw new UserError("cannot read " + file + ": " + ObjectCache.describe(e), e);
        }

        private static String linkTarget(Path link) {
            try {
                return Files.readSymbolicLink(link).toString();
            } catch (IOException | UnsupportedOperationException e) {
                return "?";
            }
        }
    }
}
